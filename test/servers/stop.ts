/** `npm run servers:stop`: stop the processes the stack started and delete its temp dir. */
import { stopRecordedServers } from './stack.js';

try {
  const stopped = await stopRecordedServers();
  process.stdout.write(stopped ? 'stopped\n' : 'not running\n');
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

/** `npm run servers:start`: start the test mail stack (or confirm it is already running). */
import { DESCRIPTOR_PATH } from './descriptor.js';
import { startServers } from './stack.js';

try {
  const { descriptor, started } = await startServers('manual');
  const s = descriptor.smtp;
  process.stdout.write(
    `${started ? 'started' : 'already running'}: ${DESCRIPTOR_PATH}\n` +
      `  imap ${descriptor.imap.starttls.port} (STARTTLS), ${descriptor.imap.tls.port} (TLS); ` +
      `pop3 ${descriptor.pop3.starttls.port} (STLS), ${descriptor.pop3.tls.port} (TLS)\n` +
      `  smtp inject ${s.inject.port}, submission ${s.submission.port} (STARTTLS), submissions ${s.submissions.port} (TLS)\n` +
      `  CA ${descriptor.caFile}\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

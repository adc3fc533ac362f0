/**
 * Run by crash.test.ts in a child process that is SIGKILLed at some point.
 *   deliver ROOT LINES   delivers one large message slowly (many small chunks with pauses)
 *   churn ROOT           delivers, re-flags, moves and deletes small messages without end
 * It prints "ready" once the store is open, so the parent's kill times measure store work
 * and not process start-up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { MaildirStore } from '../../../core/maildir/store.js';
import { largeMessage, message } from './helpers.js';

const [mode, root, linesText] = process.argv.slice(2);
if (root === undefined) throw new Error('usage: crash-child.ts deliver|churn ROOT [LINES]');
const store = await MaildirStore.open(root, { infoSeparator: ':' });
await store.inbox.list();
const other = await store.createFolder(['Other']);
await other.list();
process.stdout.write('ready\n');

if (mode === 'deliver') {
  const data = largeMessage(Number(linesText ?? '20000'));
  async function* slowly(): AsyncGenerator<Uint8Array> {
    for (let i = 0, n = 0; i < data.length; i += 16 * 1024, n++) {
      // Chunks before n have been written to the file when this line appears.
      process.stdout.write(`chunk ${n}\n`);
      yield data.subarray(i, i + 16 * 1024);
      await sleep(1);
    }
    process.stdout.write('written\n');
  }
  await store.inbox.deliver(slowly(), { flags: ['\\Seen'] });
  process.stdout.write('delivered\n');
} else {
  for (let i = 0; ; i++) {
    const entry = await store.inbox.deliver(message(`churn ${i}`, `${'body '.repeat(2000)}\n`), { flags: i % 3 === 0 ? ['\\Seen', 'Keyword'] : [] });
    await store.inbox.setFlags(entry.uid, ['\\Flagged', `k${i}`]);
    if (i % 4 === 1) await store.inbox.moveTo(entry.uid, other);
    if (i % 4 === 2) await store.inbox.delete(entry.uid);
  }
}

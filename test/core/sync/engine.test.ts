/**
 * AccountEngine's reports outside a sync run (a delivery round on its own) and its background
 * loop's waits after failures, against a scripted submission server and a loopback port nothing
 * listens on (connecting is refused at once, as for a server that is down).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../core/api/contract.js';
import { AccountEngine } from '../../../core/sync/engine.js';
import { SYNC_RETRY_INITIAL_MS, SYNC_RETRY_MAX_MS } from '../../../core/sync/limits.js';
import type { Progress } from '../../../core/sync/progress.js';
import { useScriptedServers } from '../../faults/support/fixture.js';
import { submissionScript } from '../../faults/support/submission-server.js';
import { closedPort } from '../../support/ports.js';

const servers = useScriptedServers();
// Taken before any test fakes setTimeout: the waits for real I/O need the real one.
const realSetTimeout = globalThis.setTimeout;
const MESSAGE = Buffer.from('From: a@engine.test\r\nTo: b@engine.test\r\nSubject: hi\r\nMessage-ID: <engine-1@engine.test>\r\n\r\nbody\r\n');
const ENVELOPE = { from: 'a@engine.test', to: ['b@engine.test'] };

let dir: string;
const engines: AccountEngine[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-engine-'));
});
afterEach(async () => {
  vi.useRealTimers();
  for (const engine of engines.splice(0)) await engine.close();
  await rm(dir, { recursive: true, force: true });
});


/** A submission server with implicit TLS (a password is never sent in the clear), accepting what it is sent. */
async function submissionServer(smtp: ReturnType<typeof submissionScript>): Promise<number> {
  return (await servers.start(smtp.script, { tls: servers.certs.valid, implicitTls: true })).port;
}

async function openEngine(imapPort: number, smtpPort: number): Promise<AccountEngine> {
  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, servers.certs.caCert);
  const account: Account = {
    id: 'acct-engine',
    name: 'A',
    email: 'a@engine.test',
    incoming: { protocol: 'imap', host: '127.0.0.1', port: imapPort, security: 'none', username: 'a' },
    outgoing: { host: '127.0.0.1', port: smtpPort, security: 'tls', username: 'a' },
    pop3: null,
    caFile,
  };
  const engine = await AccountEngine.open(account, dir, async () => 'secret');
  engines.push(engine);
  return engine;
}

describe('a delivery round on its own (AccountEngine.deliver)', () => {
  it('reports "done" once it has handed the message to the server, which ends an earlier failure in the status line', async () => {
    const smtp = submissionScript();
    const engine = await openEngine(await closedPort(), await submissionServer(smtp));
    await engine.outbox.enqueue(MESSAGE, ENVELOPE);
    const heard: Progress[] = [];
    expect(await engine.deliver((p) => heard.push(p))).toMatchObject({ sent: 1, waiting: 0 });
    expect(smtp.accepted).toHaveLength(1);
    expect(heard.map((p) => p.phase)).toEqual(['done']);
  });

  it('fails with the error of a submission server it could not reach, with the SMTP session in the connection log', async () => {
    const engine = await openEngine(await closedPort(), await closedPort());
    await engine.outbox.enqueue(MESSAGE, ENVELOPE);
    const heard: Progress[] = [];
    await expect(engine.deliver((p) => heard.push(p))).rejects.toMatchObject({ code: 'connect-failed' });
    expect(heard).toEqual([]);
    expect(engine.outbox.records.map((r) => r.state)).toEqual(['queued']);
    expect(engine.connectionLog.filter((e) => e.protocol === 'smtp')).not.toEqual([]);
    // Within a sync run the same refusal is no error: the message just waits, with the reason.
    expect(await engine.sendOutbox()).toMatchObject({ sent: 0, waiting: 1 });
  });

  it('says nothing when it found nothing to send', async () => {
    const engine = await openEngine(await closedPort(), await closedPort());
    const heard: Progress[] = [];
    expect(await engine.deliver((p) => heard.push(p))).toEqual({ sent: 0, failed: 0, waiting: 0 });
    expect(heard).toEqual([]);
  });
});

describe('the background loop after a failed sync', () => {
  /**
   * Real time for the refused connections (real I/O) to come back, without vi.waitFor: under
   * fake timers that advances the faked clock itself.
   */
  async function until(check: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check() && Date.now() < deadline) await new Promise((resolve) => realSetTimeout(resolve, 5));
  }

  /** Runs the loop against a closed IMAP port with only setTimeout faked; returns the failures it reported so far. */
  async function failingLoop(smtpPort?: number): Promise<{ engine: AccountEngine; errors: unknown[]; heard: Progress[] }> {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const engine = await openEngine(await closedPort(), smtpPort ?? (await closedPort()));
    const errors: unknown[] = [];
    const heard: Progress[] = [];
    engine.startBackground((error) => errors.push(error), undefined, (p) => heard.push(p));
    await until(() => errors.length === 1);
    expect(errors).toHaveLength(1);
    return { engine, errors, heard };
  }

  it('waits 30 s, then twice as long after each further failure, up to the cap', async () => {
    const { errors } = await failingLoop();
    const expected = [SYNC_RETRY_INITIAL_MS, SYNC_RETRY_INITIAL_MS * 2, SYNC_RETRY_INITIAL_MS * 4, SYNC_RETRY_INITIAL_MS * 8, SYNC_RETRY_MAX_MS, SYNC_RETRY_MAX_MS];
    for (const [i, delay] of expected.entries()) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      // Long enough for a refused connection to come back, were an attempt started.
      await until(() => errors.length > i + 1, 300);
      expect(errors, `attempt ${i + 2} came early`).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      await until(() => errors.length > i + 1);
      expect(errors, `attempt ${i + 2} after ${delay} ms`).toHaveLength(i + 2);
    }
  });

  it('tries again at once when a delivery reached the submission server, without reporting the account online', async () => {
    const smtp = submissionScript();
    const { engine, errors, heard } = await failingLoop(await submissionServer(smtp));
    await engine.outbox.enqueue(MESSAGE, ENVELOPE);
    await engine.deliver((p) => heard.push(p));
    expect(smtp.accepted).toHaveLength(1);
    // The incoming server still fails as far as anyone knows: no 'done' for the account.
    expect(heard.map((p) => p.phase)).not.toContain('done');
    // The next attempt did not wait out its 30 s.
    await until(() => errors.length === 2);
    expect(errors).toHaveLength(2);
  });
});

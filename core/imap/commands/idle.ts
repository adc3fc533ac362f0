/**
 * IDLE (RFC 2177). Runs until `signal` aborts; changes arrive as client events (EXISTS,
 * EXPUNGE, FETCH, VANISHED). The IDLE is ended with DONE and started again:
 * - before `reissueMs` (RFC 2177 §3: servers may drop an IDLE after 30 minutes);
 * - every `watchdogMs`, followed by a NOOP: a link that died silently (NAT, sleep) shows up
 *   as a DONE that gets no answer within `watchdogTimeoutMs`, and the session is ended with
 *   'idle-timeout' so reconnection can start;
 * - whenever another command is queued, which then runs before the next IDLE.
 * Without the IDLE capability it polls with NOOP every `watchdogMs`.
 */
import { MailError } from '../../net/mail-error.js';
import { IDLE_REISSUE_MS, IDLE_WATCHDOG_MS, IDLE_WATCHDOG_TIMEOUT_MS } from '../limits.js';
import type { CommandContext } from './context.js';

export interface IdleOptions {
  readonly signal: AbortSignal;
  readonly reissueMs?: number;
  readonly watchdogMs?: number;
  readonly watchdogTimeoutMs?: number;
}

export async function idle(ctx: CommandContext, options: IdleOptions): Promise<void> {
  ctx.state.require('IDLE', 'selected', 'authenticated');
  const reissueMs = Math.min(options.reissueMs ?? IDLE_REISSUE_MS, IDLE_REISSUE_MS);
  const watchdogMs = options.watchdogMs ?? IDLE_WATCHDOG_MS;
  const timeoutMs = options.watchdogTimeoutMs ?? IDLE_WATCHDOG_TIMEOUT_MS;
  const { signal } = options;
  let sinceNoop = 0;
  while (!signal.aborted) {
    if (!ctx.capabilities.has('IDLE')) {
      await ctx.exec({ name: 'NOOP' });
      await sleep(watchdogMs, signal);
      continue;
    }
    const span = Math.min(reissueMs, watchdogMs);
    const started = Date.now();
    const reason = await idleOnce(ctx, span, timeoutMs, signal);
    sinceNoop += Date.now() - started;
    if (reason === 'timer' && sinceNoop >= watchdogMs) {
      sinceNoop = 0;
      await ctx.exec({ name: 'NOOP' });
    }
  }
}

/** One IDLE … DONE round. Resolves with what ended it. */
async function idleOnce(ctx: CommandContext, spanMs: number, timeoutMs: number, signal: AbortSignal): Promise<'timer' | 'signal' | 'interrupt'> {
  let reason: 'timer' | 'signal' | 'interrupt' = 'timer';
  let doneSent = false;
  let idling = false;
  let timer: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  const sendDone = (why: typeof reason): void => {
    if (doneSent) return;
    reason = why;
    if (!idling) return; // DONE is sent as soon as the server's "+" arrives
    doneSent = true;
    clearTimeout(timer);
    ctx.line.writeContinuation('DONE').catch(() => undefined);
    deadline = setTimeout(() => {
      ctx.line.abort(new MailError('idle-timeout', 'The server did not answer DONE after IDLE; the connection is considered dead.', { transient: true }));
    }, timeoutMs);
  };
  const onAbort = (): void => sendDone('signal');
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await ctx.exec({
      name: 'IDLE',
      untimed: true,
      interrupt: () => sendDone('interrupt'),
      continuation: () => {
        idling = true;
        if (signal.aborted) reason = 'signal';
        if (signal.aborted || ctx.line.waiting || reason !== 'timer') {
          sendDone(reason === 'timer' ? 'interrupt' : reason);
          return;
        }
        timer = setTimeout(() => sendDone('timer'), spanMs);
      },
    });
  } finally {
    clearTimeout(timer);
    clearTimeout(deadline);
    signal.removeEventListener('abort', onAbort);
  }
  return reason;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

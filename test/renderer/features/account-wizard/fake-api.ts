/**
 * A TegamiApi test double for the wizard: every request goes through one `call`, answered by
 * the handler the test registered for that method (or refused as unsupported), and events are
 * pushed by the test. Answers are deferred, so a test can look at the UI while a request is out.
 */
import type { Account, RequestArgs, RequestName, RequestResult, TegamiApi, TegamiEvent } from '../../../../core/api/contract.js';
import { BridgeError } from '../../../../renderer/src/bridge/errors.js';
import { requestsOver } from '../../../../renderer/src/bridge/requests.js';

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface RecordedCall {
  readonly method: RequestName;
  readonly args: readonly unknown[];
  readonly answer: Deferred<unknown>;
}

export interface FakeApi {
  readonly api: TegamiApi;
  readonly calls: RecordedCall[];
  /** The calls of one method, in order. */
  callsOf<M extends RequestName>(method: M): { args: RequestArgs<M>; answer: Deferred<RequestResult<M>> }[];
  emit(event: TegamiEvent): void;
  readonly listenerCount: () => number;
}

export function fakeApi(): FakeApi {
  const calls: RecordedCall[] = [];
  const listeners = new Set<(event: TegamiEvent) => void>();
  const requests = requestsOver((method, args) => {
    const answer = deferred<unknown>();
    calls.push({ method, args, answer });
    return answer.promise as Promise<RequestResult<typeof method>>;
  });
  const api: TegamiApi = {
    ...requests,
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  return {
    api,
    calls,
    callsOf<M extends RequestName>(method: M) {
      return calls.filter((c) => c.method === method).map((c) => ({ args: c.args as RequestArgs<M>, answer: c.answer as Deferred<RequestResult<M>> }));
    },
    emit(event) {
      for (const listener of [...listeners]) listener(event);
    },
    listenerCount: () => listeners.size,
  };
}

export function verificationFailed(details: unknown): BridgeError {
  return new BridgeError('account-verification-failed', 'The account was not saved: the server check failed.', details);
}

export const addedAccount = (id: string, email: string): Account => ({
  id,
  name: 'Alice Liddell',
  email,
  incoming: { protocol: 'imap', host: 'imap.tegami.test', port: 993, security: 'tls', username: email },
  outgoing: { host: 'smtp.tegami.test', port: 465, security: 'tls', username: email },
  pop3: null,
  caFile: null,
});

/** Typed events of a client: mailbox changes the server reports, and the connection's life. */
import type { MailError } from '../net/mail-error.js';

export type ImapEvent =
  | { readonly type: 'exists'; readonly mailbox: string; readonly count: number }
  | { readonly type: 'expunge'; readonly mailbox: string; readonly seq: number }
  | { readonly type: 'vanished'; readonly mailbox: string; readonly uids: string; readonly earlier: boolean }
  /** An unsolicited FETCH: flags (or modseq) of a message changed. */
  | {
      readonly type: 'flags';
      readonly mailbox: string;
      readonly seq: number;
      readonly uid: number | undefined;
      readonly flags: readonly string[] | undefined;
      readonly modseq: bigint | undefined;
    }
  /** RFC 3501 §2.3.1.1: every cached UID of this mailbox is void. */
  | { readonly type: 'uidvalidity-changed'; readonly mailbox: string; readonly previous: number; readonly current: number }
  /** RFC 3501 §7.1: [ALERT] text must be shown to the user. */
  | { readonly type: 'alert'; readonly text: string }
  | { readonly type: 'protocol-warning'; readonly error: MailError }
  | { readonly type: 'disconnected'; readonly error: MailError | undefined }
  | { readonly type: 'reconnecting'; readonly attempt: number; readonly delayMs: number }
  | { readonly type: 'reconnected' };

export type ImapEventListener = (event: ImapEvent) => void;

export class EventHub {
  readonly #listeners = new Set<ImapEventListener>();

  on(listener: ImapEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: ImapEvent): void {
    for (const l of [...this.#listeners]) l(event);
  }
}

/**
 * The connection state machine (RFC 3501 §3) and what is known about the selected mailbox,
 * kept current from untagged responses (mailbox-tracker.ts).
 */
import { MailError } from '../net/mail-error.js';

export type StateName = 'not-authenticated' | 'authenticated' | 'selected' | 'logout';

export interface SelectedMailbox {
  readonly path: string;
  readOnly: boolean;
  exists: number;
  recent: number;
  uidValidity: number | undefined;
  uidNext: number | undefined;
  unseen: number | undefined;
  /** RFC 7162: undefined when the server sent NOMODSEQ or no CONDSTORE. */
  highestModseq: bigint | undefined;
  noModseq: boolean;
  flags: readonly string[];
  permanentFlags: readonly string[];
}

export class ConnectionState {
  name: StateName = 'not-authenticated';
  selected: SelectedMailbox | undefined;
  /** Extensions turned on with ENABLE (RFC 5161). */
  readonly enabled = new Set<string>();
  /** Last UIDVALIDITY seen per mailbox, kept across reconnects to spot a change. */
  readonly knownUidValidity = new Map<string, number>();

  get utf8(): boolean {
    return this.enabled.has('UTF8=ACCEPT') || this.enabled.has('UTF8=ONLY');
  }

  /** Throws unless the connection is in one of `states` (RFC 3501 §6 lists each command's). */
  require(command: string, ...states: StateName[]): void {
    if (!states.includes(this.name)) {
      throw new MailError('invalid-argument', `${command} is not allowed in the ${this.name} state (needs ${states.join(' or ')}).`);
    }
  }

  /** A new selected-mailbox record; `activate` makes it the one untagged data updates. */
  beginSelect(path: string, readOnly: boolean, activate = true): SelectedMailbox {
    const selected: SelectedMailbox = {
      path,
      readOnly,
      exists: 0,
      recent: 0,
      uidValidity: undefined,
      uidNext: undefined,
      unseen: undefined,
      highestModseq: undefined,
      noModseq: false,
      flags: [],
      permanentFlags: [],
    };
    if (activate) this.activate(selected);
    return selected;
  }

  activate(selected: SelectedMailbox): void {
    this.selected = selected;
    this.name = 'selected';
  }

  deselect(): void {
    this.selected = undefined;
    if (this.name === 'selected') this.name = 'authenticated';
  }
}

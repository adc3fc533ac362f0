import { TRANSCRIPT_MAX_ENTRIES, TRANSCRIPT_MAX_ENTRY_LENGTH } from './limits.js';
import { redactCommand } from './redact.js';

/** 'client' and 'server' are protocol traffic; 'info' is what the transport itself noted (TLS, close). */
export type TranscriptDirection = 'client' | 'server' | 'info';

export interface TranscriptEntry {
  /** Milliseconds since the Unix epoch. */
  readonly at: number;
  readonly direction: TranscriptDirection;
  readonly text: string;
}

/**
 * The record of one connection, both directions, with secrets already redacted: nothing that
 * enters the transcript can leak a password later, whoever reads or saves it.
 */
export class Transcript {
  private readonly list: TranscriptEntry[] = [];
  private droppedCount = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a line the client sent; pass `redacted` when the protocol layer knows it is secret. */
  client(line: string, redacted?: string): void {
    this.add('client', redacted ?? redactCommand(line));
  }

  server(line: string): void {
    this.add('server', line);
  }

  info(text: string): void {
    this.add('info', text);
  }

  get entries(): readonly TranscriptEntry[] {
    return this.list;
  }

  /** How many of the oldest entries were dropped to stay under TRANSCRIPT_MAX_ENTRIES. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Human-readable form: "12:00:01.234 C: EHLO host". */
  format(): string {
    const marks: Record<TranscriptDirection, string> = { client: 'C:', server: 'S:', info: '*' };
    const lines = this.list.map((e) => `${new Date(e.at).toISOString().slice(11, 23)} ${marks[e.direction]} ${e.text}`);
    if (this.droppedCount > 0) lines.unshift(`(${this.droppedCount} earlier entries dropped)`);
    return lines.join('\n');
  }

  private add(direction: TranscriptDirection, text: string): void {
    const stored =
      text.length > TRANSCRIPT_MAX_ENTRY_LENGTH
        ? `${text.slice(0, TRANSCRIPT_MAX_ENTRY_LENGTH)}… (${text.length} characters)`
        : text;
    this.list.push({ at: this.now(), direction, text: stored });
    if (this.list.length > TRANSCRIPT_MAX_ENTRIES) {
      this.list.shift();
      this.droppedCount += 1;
    }
  }
}

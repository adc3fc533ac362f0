/**
 * Command compilation (RFC 3501 §4, §9): arguments to bytes, choosing atom, quoted string or
 * literal per value, and splitting the output where a synchronizing literal must wait for the
 * server's "+" (RFC 3501 §7.5). Non-synchronizing literals are used when the server offers
 * LITERAL+ (any size) or LITERAL- (up to 4096 octets), RFC 7888 §4.
 *
 * CR, LF and NUL can never reach the wire outside a literal: atoms, sequence sets and raw
 * syntax containing them are refused with 'invalid-argument' (command injection), and strings
 * containing CR/LF become literals.
 */
import { MailError } from '../net/mail-error.js';
import { LITERAL_MINUS_MAX, MAX_QUOTED_LENGTH } from './limits.js';
import { encodeModifiedUtf7 } from './mutf7.js';
import { isSequenceSet } from './parser/sequence-set.js';

/** Message data that is written straight from its source (APPEND of a large file). */
export interface LiteralSource {
  readonly size: number;
  chunks(): AsyncIterable<Uint8Array>;
}

export type CommandArg =
  /** A keyword, flag or number written as is: `UID`, `\Seen`, `$Label`. */
  | { readonly type: 'atom'; readonly value: string }
  /** astring / string: atom-free quoting, quoted or literal as needed. */
  | { readonly type: 'string'; readonly value: string | Uint8Array }
  /** Always a literal (message data); `binary` sends literal8 (RFC 3516 §4.2). */
  | { readonly type: 'literal'; readonly value: Uint8Array | LiteralSource; readonly binary?: boolean }
  /** A mailbox name: modified UTF-7, or UTF-8 when UTF8=ACCEPT is enabled. */
  | { readonly type: 'mailbox'; readonly value: string }
  | { readonly type: 'list'; readonly items: readonly CommandArg[] }
  | { readonly type: 'number'; readonly value: number | bigint }
  | { readonly type: 'sequence'; readonly value: string }
  /** Pre-formed syntax (`BODY.PEEK[HEADER.FIELDS (FROM)]`): checked for CR/LF/NUL only. */
  | { readonly type: 'raw'; readonly value: string };

export const atom = (value: string): CommandArg => ({ type: 'atom', value });
export const str = (value: string | Uint8Array): CommandArg => ({ type: 'string', value });
export const mailbox = (value: string): CommandArg => ({ type: 'mailbox', value });
export const list = (items: readonly CommandArg[]): CommandArg => ({ type: 'list', items });
export const num = (value: number | bigint): CommandArg => ({ type: 'number', value });
export const seq = (value: string): CommandArg => ({ type: 'sequence', value });
export const raw = (value: string): CommandArg => ({ type: 'raw', value });
export const literal = (value: Uint8Array | LiteralSource, binary = false): CommandArg => ({ type: 'literal', value, binary });

export interface CompileOptions {
  /** 'sync' by default; 'plus' with LITERAL+ (RFC 7888), 'minus' with LITERAL-. */
  readonly literals: 'sync' | 'plus' | 'minus';
  /** UTF8=ACCEPT enabled (RFC 6855): names and quoted strings may carry UTF-8. */
  readonly utf8: boolean;
}

export type Segment =
  /** Bytes to write; when `awaitContinuation`, the next segment waits for the server's "+". */
  | {
      readonly kind: 'bytes';
      readonly data: Uint8Array;
      readonly awaitContinuation: boolean;
      readonly secret: boolean;
      /** Literal contents: transcripts record only their size. */
      readonly literalData?: boolean;
    }
  | { readonly kind: 'stream'; readonly source: LiteralSource };

export interface CompiledCommand {
  readonly tag: string;
  readonly name: string;
  readonly segments: readonly Segment[];
  /** The command as the transcript may show it (secrets and literal data replaced). */
  readonly summary: string;
}

const encoder = new TextEncoder();
const ATOM_FORBIDDEN = /[\x00-\x20\x7f(){"]/;
const CONTROL = /[\r\n\0]/;

export interface CompileRequest {
  readonly tag: string;
  readonly name: string;
  readonly args: readonly CommandArg[];
  /** Index of arguments whose value must not appear in transcripts (LOGIN password). */
  readonly secretArgs?: readonly number[];
}

export function compileCommand(request: CompileRequest, options: CompileOptions): CompiledCommand {
  checkAtom(request.tag, 'tag');
  if (!/^[A-Za-z][A-Za-z0-9 .-]*$/.test(request.name)) throw invalid(`"${request.name}" is not a command name.`);
  const w = new Writer(options);
  const summary: string[] = [request.tag, request.name];
  w.text(`${request.tag} ${request.name}`);
  request.args.forEach((arg, i) => {
    const secret = request.secretArgs?.includes(i) ?? false;
    w.text(' ');
    w.secret = secret;
    const before = w.summaryText;
    w.arg(arg, 0);
    w.secret = false;
    summary.push(secret ? '***' : w.summaryText.slice(before.length));
  });
  w.text('\r\n');
  return { tag: request.tag, name: request.name, segments: w.finish(), summary: summary.join(' ') };
}

class Writer {
  readonly #options: CompileOptions;
  readonly #segments: Segment[] = [];
  #pending: Uint8Array[] = [];
  #pendingSecret = false;
  secret = false;
  summaryText = '';

  constructor(options: CompileOptions) {
    this.#options = options;
  }

  text(s: string): void {
    this.bytes(encoder.encode(s));
    this.summaryText += s;
  }

  bytes(b: Uint8Array): void {
    this.#pending.push(b);
    if (this.secret) this.#pendingSecret = true;
  }

  arg(arg: CommandArg, depth: number): void {
    if (depth > 16) throw invalid('Command arguments are nested too deeply.');
    switch (arg.type) {
      case 'atom':
        checkAtom(arg.value, 'atom');
        this.text(arg.value);
        return;
      case 'number':
        if (typeof arg.value === 'number' && (!Number.isInteger(arg.value) || arg.value < 0)) throw invalid(`${arg.value} is not a valid number.`);
        if (typeof arg.value === 'bigint' && arg.value < 0n) throw invalid('A negative number.');
        this.text(String(arg.value));
        return;
      case 'sequence':
        if (!isSequenceSet(arg.value)) throw invalid(`"${arg.value.slice(0, 50)}" is not a sequence set.`);
        this.text(arg.value);
        return;
      case 'raw':
        if (CONTROL.test(arg.value)) throw invalid('A command argument contains a line break or NUL.');
        this.text(arg.value);
        return;
      case 'list':
        this.text('(');
        arg.items.forEach((item, i) => {
          if (i > 0) this.text(' ');
          this.arg(item, depth + 1);
        });
        this.text(')');
        return;
      case 'mailbox': {
        if (CONTROL.test(arg.value)) throw invalid('A mailbox name cannot contain line breaks or NUL.');
        const name = this.#options.utf8 ? arg.value : encodeModifiedUtf7(arg.value);
        this.string(encoder.encode(name));
        return;
      }
      case 'string':
        this.string(typeof arg.value === 'string' ? encoder.encode(arg.value) : arg.value);
        return;
      case 'literal':
        this.literal(arg.value, arg.binary ?? false);
        return;
    }
  }

  string(b: Uint8Array): void {
    if (b.includes(0)) throw invalid('A string argument contains a NUL byte.');
    let needsLiteral = b.length > MAX_QUOTED_LENGTH;
    for (let i = 0; i < b.length && !needsLiteral; i++) {
      const c = b[i] ?? 0;
      if (c === 0x0d || c === 0x0a || (c >= 0x80 && !this.#options.utf8)) needsLiteral = true;
    }
    if (needsLiteral) {
      this.literal(b, false);
      return;
    }
    let quoted = '"';
    const s = new TextDecoder().decode(b);
    for (const ch of s) quoted += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    this.text(`${quoted}"`);
  }

  literal(data: Uint8Array | LiteralSource, binary: boolean): void {
    const size = data instanceof Uint8Array ? data.length : data.size;
    if (!Number.isSafeInteger(size) || size < 0) throw invalid('A literal has an invalid size.');
    if (!binary && data instanceof Uint8Array && data.includes(0)) throw invalid('A literal contains NUL; send it as binary (literal8).');
    const mode = this.#options.literals;
    const nonSync = mode === 'plus' || (mode === 'minus' && size <= LITERAL_MINUS_MAX);
    this.text(`${binary ? '~' : ''}{${size}${nonSync ? '+' : ''}}\r\n`);
    this.summaryText = this.summaryText.slice(0, -2);
    this.#flush(!nonSync);
    // The literal is its own segment so large message data is never copied here.
    if (data instanceof Uint8Array) this.#segments.push({ kind: 'bytes', data, awaitContinuation: false, secret: this.secret, literalData: true });
    else this.#segments.push({ kind: 'stream', source: data });
    this.summaryText += `[${size} bytes]`;
  }

  #flush(awaitContinuation: boolean): void {
    if (this.#pending.length === 0) return;
    const total = this.#pending.reduce((n, p) => n + p.length, 0);
    const data = new Uint8Array(total);
    let o = 0;
    for (const p of this.#pending) {
      data.set(p, o);
      o += p.length;
    }
    this.#segments.push({ kind: 'bytes', data, awaitContinuation, secret: this.#pendingSecret });
    this.#pending = [];
    this.#pendingSecret = false;
  }

  finish(): Segment[] {
    this.#flush(false);
    return this.#segments;
  }
}

function checkAtom(value: string, what: string): void {
  if (value === '' || ATOM_FORBIDDEN.test(value)) {
    throw invalid(`"${value.slice(0, 50)}" is not a valid ${what}: it is empty or contains spaces, controls or IMAP specials.`);
  }
}

function invalid(message: string): MailError {
  return new MailError('invalid-argument', message);
}

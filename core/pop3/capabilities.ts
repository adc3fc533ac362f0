import { MailError } from '../net/mail-error.js';

/**
 * The capabilities a POP3 server listed in answer to CAPA (RFC 2449 §5): one capability per
 * line, a name followed by space-separated arguments. Names are case-insensitive.
 */
export class Pop3Capabilities {
  private readonly map: ReadonlyMap<string, readonly string[]>;

  constructor(entries: ReadonlyMap<string, readonly string[]>) {
    this.map = entries;
  }

  static readonly none = new Pop3Capabilities(new Map());

  has(name: string): boolean {
    return this.map.has(name.toUpperCase());
  }

  args(name: string): readonly string[] | undefined {
    return this.map.get(name.toUpperCase());
  }

  get names(): readonly string[] {
    return [...this.map.keys()];
  }

  /** RFC 2595 §4: STLS. */
  get stls(): boolean {
    return this.has('STLS');
  }

  /** RFC 2449 §6.3: USER/PASS allowed (in the current state: Dovecot hides it before TLS). */
  get user(): boolean {
    return this.has('USER');
  }

  get top(): boolean {
    return this.has('TOP');
  }

  get uidl(): boolean {
    return this.has('UIDL');
  }

  get pipelining(): boolean {
    return this.has('PIPELINING');
  }

  /** RFC 2449 §6.6 / RFC 3206: the server sends extended response codes. */
  get respCodes(): boolean {
    return this.has('RESP-CODES');
  }

  /** RFC 3206 §6: the server sends [AUTH] and [SYS/...] codes. */
  get authRespCode(): boolean {
    return this.has('AUTH-RESP-CODE');
  }

  /** SASL mechanisms, upper-cased (RFC 2449 §6.1, RFC 5034 §2). */
  get saslMechanisms(): readonly string[] {
    return (this.args('SASL') ?? []).map((m) => m.toUpperCase());
  }

  /**
   * RFC 2449 §6.5: LOGIN-DELAY seconds; "USER" as second argument means it varies per user and
   * is only known after login.
   */
  get loginDelaySeconds(): number | undefined {
    return numberArg(this.args('LOGIN-DELAY')?.[0]);
  }

  /**
   * RFC 2449 §6.7: EXPIRE days the server keeps messages after they were retrieved; "NEVER"
   * means forever (undefined here), 0 means retrieved messages are deleted at QUIT anyway.
   */
  get expireDays(): number | 'never' | undefined {
    const value = this.args('EXPIRE')?.[0];
    if (value === undefined) return undefined;
    if (value.toUpperCase() === 'NEVER') return 'never';
    return numberArg(value);
  }

  get implementation(): string | undefined {
    const args = this.args('IMPLEMENTATION');
    return args === undefined ? undefined : args.join(' ');
  }

  toJSON(): Record<string, readonly string[]> {
    return Object.fromEntries(this.map);
  }
}

function numberArg(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}

/** Parses the lines of a CAPA response (already dot-unstuffed, without line endings). */
export function parseCapabilities(lines: readonly string[]): Pop3Capabilities {
  const map = new Map<string, readonly string[]>();
  for (const raw of lines) {
    const line = raw.trim();
    if (line.length === 0) continue;
    const [name, ...args] = line.split(/\s+/);
    if (name === undefined || !/^[\x21-\x7e]+$/.test(name)) {
      throw new MailError('protocol-error', `The server sent a malformed capability line "${line.slice(0, 100)}".`);
    }
    map.set(name.toUpperCase(), args);
  }
  return new Pop3Capabilities(map);
}

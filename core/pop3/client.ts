import { connect as defaultConnect, type ConnectOptions, type Connector } from '../net/connect.js';
import { assertSafeArgument, type Connection } from '../net/connection.js';
import { MailError } from '../net/mail-error.js';
import { REDACTED } from '../net/redact.js';
import { authenticate as runSasl, type SaslServerStep } from '../sasl/authenticate.js';
import { chooseMechanism, createMechanism } from '../sasl/choose.js';
import type { MechanismName, SaslCredentials } from '../sasl/mechanism.js';
import { apopDigest, extractApopTimestamp } from './apop.js';
import { Pop3Capabilities, parseCapabilities } from './capabilities.js';
import { isGenuineGrant, type DeletionGrant } from './grants.js';
import { MAX_COLLECTED_RESPONSE_BYTES, MAX_STATUS_LINE_LENGTH } from './limits.js';
import {
  parseOctets,
  parseScanListing,
  parseStat,
  parseUidListing,
  type MaildropStat,
  type ScanListing,
  type UidListing,
} from './listing.js';
import { MultilineDecoder } from './multiline.js';
import { parseStatusLine, statusError, type CommandKind, type Pop3Status } from './response.js';
import { BufferSink, type MessageSink } from './sink.js';

/** RFC 1939 §3 session states; 'closed' once the connection is gone. */
export type Pop3State = 'authorization' | 'transaction' | 'update' | 'closed';

export interface Pop3ConnectOptions extends ConnectOptions {
  /** Opens the transport; tests pass their own. Defaults to core/net's connect. */
  readonly connector?: Connector;
}

export interface RetrResult {
  readonly msg: number;
  /** Decoded bytes handed to the sink. */
  readonly bytes: number;
  /** The size the server announced in "+OK n octets", if it did. */
  readonly announcedSize: number | undefined;
}

/**
 * RFC 5034 §4: the AUTH command line with its initial response may not exceed 255 octets; a
 * longer initial response is sent after an empty "+ " challenge instead.
 */
const MAX_AUTH_COMMAND_LENGTH = 255;

/**
 * A POP3 client session (RFC 1939) with the extensions CAPA (RFC 2449), STLS (RFC 2595), AUTH
 * (RFC 5034) and extended response codes (RFC 3206). One method per command; each checks the
 * session state first. Commands are sent one at a time (no pipelining): the multi-line decoder
 * may then treat any byte after a terminator as a protocol violation.
 *
 * Deletion is safe by construction: dele() only accepts a DeletionGrant, which only the
 * leave-on-server session issues once a message is durable locally; and DELE only takes effect
 * when quit() succeeds (RFC 1939 §6), so a session that ends any other way deletes nothing.
 */
export class Pop3Client {
  private connection: Connection;
  private status: Pop3State = 'authorization';
  private caps: Pop3Capabilities = Pop3Capabilities.none;
  private capaSupported = false;
  readonly greeting: Pop3Status;
  /** RFC 1939 §7: the APOP timestamp from the greeting, when the server offers APOP. */
  readonly apopTimestamp: string | undefined;

  private constructor(connection: Connection, greeting: Pop3Status) {
    this.connection = connection;
    this.greeting = greeting;
    this.apopTimestamp = extractApopTimestamp(greeting.text);
  }

  /**
   * Connects, reads the greeting and the capabilities, and for security 'starttls' upgrades with
   * STLS before returning. A server without STLS is 'starttls-unavailable': never a silent
   * fallback to plain text.
   */
  static async connect(options: Pop3ConnectOptions): Promise<Pop3Client> {
    const { connector = defaultConnect, ...connectOptions } = options;
    const connection = await connector({ maxLineLength: MAX_STATUS_LINE_LENGTH, ...connectOptions });
    try {
      const client = await Pop3Client.start(connection);
      if (options.security === 'starttls') await client.stls();
      return client;
    } catch (error) {
      connection.fail(error instanceof MailError ? error : new MailError('protocol-error', 'The session could not start.', { cause: error }));
      throw error;
    }
  }

  /** Reads the greeting on an open connection and asks for the capabilities. */
  static async start(connection: Connection): Promise<Pop3Client> {
    const line = await connection.readLine({ timeout: 'greeting' });
    const greeting = parseStatusLine(line);
    if (!greeting.ok) {
      // A -ERR greeting: the server refuses the connection (often [SYS/TEMP] or [IN-USE]).
      throw statusError(greeting, 'the connection');
    }
    const client = new Pop3Client(connection, greeting);
    await client.capa();
    return client;
  }

  get state(): Pop3State {
    return this.status;
  }

  get capabilities(): Pop3Capabilities {
    return this.caps;
  }

  /** False when the server answered CAPA with -ERR (a pure RFC 1939 server). */
  get capaAvailable(): boolean {
    return this.capaSupported;
  }

  get encrypted(): boolean {
    return this.connection.encrypted;
  }

  get transcript(): Connection['transcript'] {
    return this.connection.transcript;
  }

  get tls(): Connection['tls'] {
    return this.connection.tls;
  }

  /** CAPA (RFC 2449 §5). A -ERR means no extensions; the capabilities are then empty. */
  async capa(): Promise<Pop3Capabilities> {
    this.assertOpen();
    const status = await this.command('CAPA');
    if (!status.ok) {
      this.capaSupported = false;
      this.caps = Pop3Capabilities.none;
      return this.caps;
    }
    this.capaSupported = true;
    const lines = await this.readLines('CAPA');
    // Capabilities are short and decide what the client does next: keep them in the transcript.
    for (const line of lines) this.connection.transcript.server(line);
    this.caps = parseCapabilities(lines);
    return this.caps;
  }

  /**
   * STLS (RFC 2595 §4). Fails with 'starttls-unavailable' when the server did not list it or
   * refuses it; with 'starttls-injection' when it sent anything after "+OK" before the handshake
   * (core/net checks that). Afterwards the capabilities are read again: what the server said in
   * plain text may have been altered by an attacker (RFC 2595 §4).
   */
  async stls(): Promise<void> {
    this.assertState('authorization', 'STLS');
    if (this.connection.encrypted) throw new MailError('protocol-error', 'The connection is already encrypted.');
    // A server that answered CAPA lists STLS when it has it; one without CAPA may still know STLS.
    if (this.capaSupported && !this.caps.stls) {
      throw new MailError('starttls-unavailable', 'The server does not offer STLS, and this account requires an encrypted connection.', {
        details: { capabilities: this.caps.names },
      });
    }
    const status = await this.command('STLS');
    if (!status.ok) {
      throw new MailError('starttls-unavailable', 'The server refused STLS, and this account requires an encrypted connection.', {
        reply: { status: '-ERR', text: status.text, ...(status.code ? { responseCode: status.code } : {}) },
      });
    }
    await this.connection.upgradeToTls();
    this.caps = Pop3Capabilities.none;
    await this.capa();
  }

  /** USER then PASS (RFC 1939 §7). The password line is redacted in the transcript. */
  async login(user: string, password: string): Promise<void> {
    this.assertState('authorization', 'USER');
    assertSafeArgument(user, 'user name');
    assertSafeArgument(password, 'password');
    this.connection.assertCredentialsAllowed();
    const userStatus = await this.command(`USER ${user}`);
    if (!userStatus.ok) throw statusError(userStatus, 'USER', 'auth');
    const passStatus = await this.command(`PASS ${password}`, 'PASS ' + REDACTED);
    if (!passStatus.ok) throw statusError(passStatus, 'PASS', 'auth');
    this.status = 'transaction';
  }

  /**
   * APOP (RFC 1939 §7): proves knowledge of the secret with MD5(timestamp + secret). MD5 is
   * weak and the digest can be attacked offline, so it is still only sent where a password may
   * be (TLS or explicit consent).
   */
  async apop(user: string, secret: string): Promise<void> {
    this.assertState('authorization', 'APOP');
    if (this.apopTimestamp === undefined) {
      throw new MailError('auth-unsupported', 'The server does not offer APOP (its greeting has no timestamp).');
    }
    assertSafeArgument(user, 'user name');
    if (/\s/.test(user)) throw new MailError('invalid-argument', 'An APOP user name cannot contain spaces.');
    this.connection.assertCredentialsAllowed();
    const digest = apopDigest(this.apopTimestamp, secret);
    const status = await this.command(`APOP ${user} ${digest}`, `APOP ${user} ${REDACTED}`);
    if (!status.ok) throw statusError(status, 'APOP', 'auth');
    this.status = 'transaction';
  }

  /**
   * AUTH (RFC 5034) through core/sasl. Without `mechanism`, the strongest one both sides offer.
   * The initial response goes on the command line where RFC 5034 §4 allows (255 octets).
   */
  async authenticate(credentials: SaslCredentials, mechanism?: MechanismName): Promise<void> {
    this.assertState('authorization', 'AUTH');
    assertSafeArgument(credentials.username, 'user name');
    const name = chooseMechanism(this.caps.saslMechanisms, credentials, mechanism);
    const sasl = createMechanism(name, credentials, { host: this.connection.host });
    const connection = this.connection;
    const readStep = async (): Promise<SaslServerStep> => {
      const line = await connection.readLine();
      // RFC 5034 §4: a continuation is "+" SP base64 (some servers send just "+").
      if (line === '+' || (line.startsWith('+ ') && !line.startsWith('+OK'))) {
        return { type: 'challenge', data: line.slice(2) };
      }
      const status = parseStatusLine(line);
      if (status.ok) return { type: 'success' };
      throw statusError(status, 'AUTH', 'auth');
    };
    try {
      await runSasl(
        {
          begin: async (mech, initial) => {
            if (initial !== undefined && `AUTH ${mech} ${initial}`.length <= MAX_AUTH_COMMAND_LENGTH) {
              await connection.writeLine(`AUTH ${mech} ${initial}`, { redact: `AUTH ${mech} ${REDACTED}` });
              return readStep();
            }
            await connection.writeLine(`AUTH ${mech}`);
            const first = await readStep();
            if (initial === undefined || first.type === 'success') return first;
            // The initial response was too long for the command line: send it as the answer to
            // the server's empty challenge (RFC 5034 §4).
            if (first.data.trim() !== '') {
              throw new MailError('protocol-error', `The server sent a non-empty first challenge for ${mech}.`);
            }
            await connection.writeLine(initial, { redact: REDACTED });
            return readStep();
          },
          continue: async (response) => {
            await connection.writeLine(response, { redact: REDACTED });
            return readStep();
          },
        },
        sasl,
        { channel: connection, initialResponse: true },
      );
    } catch (error) {
      this.failOn(error);
      throw error;
    }
    this.status = 'transaction';
  }

  /** STAT (RFC 1939 §5). */
  async stat(): Promise<MaildropStat> {
    return parseStat((await this.transaction('STAT')).text);
  }

  /** LIST (RFC 1939 §5): every message's number and size, in order. */
  async list(): Promise<ScanListing[]>;
  /** LIST msg: one message's size. */
  async list(msg: number): Promise<ScanListing>;
  async list(msg?: number): Promise<ScanListing[] | ScanListing> {
    if (msg !== undefined) return parseScanListing((await this.transaction(`LIST ${checkMsg(msg)}`)).text);
    await this.transaction('LIST');
    return (await this.readLines('LIST')).map(parseScanListing);
  }

  /** UIDL (RFC 1939 §7): every message's unique id. */
  async uidl(): Promise<UidListing[]>;
  /** UIDL msg: one message's unique id. */
  async uidl(msg: number): Promise<UidListing>;
  async uidl(msg?: number): Promise<UidListing[] | UidListing> {
    if (msg !== undefined) return parseUidListing((await this.transaction(`UIDL ${checkMsg(msg)}`)).text);
    await this.transaction('UIDL');
    return (await this.readLines('UIDL')).map(parseUidListing);
  }

  /**
   * TOP msg n (RFC 1939 §7): the header, the blank line and the first `lines` body lines.
   * Collected in memory up to MAX_COLLECTED_RESPONSE_BYTES.
   */
  async top(msg: number, lines: number): Promise<Buffer> {
    if (!Number.isSafeInteger(lines) || lines < 0) throw new MailError('invalid-argument', 'TOP needs a line count of 0 or more.');
    await this.transaction(`TOP ${checkMsg(msg)} ${lines}`);
    const sink = new BufferSink(MAX_COLLECTED_RESPONSE_BYTES);
    await this.readBody(sink, undefined, 'TOP');
    return sink.bytes;
  }

  /**
   * RETR msg (RFC 1939 §5), streamed into `sink` as it arrives. On success the sink's commit()
   * has resolved before this returns; on any failure the sink gets abort() and the connection
   * is closed (its state is unknown mid-transfer), which also means no DELE of this session
   * takes effect.
   */
  async retr(msg: number, sink: MessageSink): Promise<RetrResult> {
    let status: Pop3Status;
    try {
      status = await this.transaction(`RETR ${checkMsg(msg)}`);
    } catch (error) {
      await sink.abort(asMailError(error));
      throw error;
    }
    const announcedSize = parseOctets(status.text);
    const bytes = await this.readBody(sink, announcedSize, 'RETR');
    try {
      await sink.commit();
    } catch (error) {
      throw error instanceof MailError ? error : new MailError('io-error', 'Storing the message failed.', { cause: error });
    }
    return { msg, bytes, announcedSize };
  }

  /**
   * DELE (RFC 1939 §5): marks a message deleted; it is removed only if quit() succeeds. Takes a
   * grant, never a bare number: see grants.ts.
   */
  async dele(grant: DeletionGrant): Promise<void> {
    if (!isGenuineGrant(grant) || grant.session !== this) {
      throw new MailError('invalid-argument', 'DELE needs a deletion grant from this session (issued once the message is stored durably).');
    }
    await this.transaction(`DELE ${checkMsg(grant.msg)}`);
  }

  /** RSET (RFC 1939 §5): unmarks every message marked deleted in this session. */
  async rset(): Promise<void> {
    await this.transaction('RSET');
  }

  /** NOOP (RFC 1939 §5). */
  async noop(): Promise<void> {
    await this.transaction('NOOP');
  }

  /**
   * QUIT (RFC 1939 §6). From the transaction state this enters UPDATE: the server removes the
   * messages marked deleted and only then answers +OK; a -ERR means some were not removed.
   * The connection is closed either way.
   */
  async quit(): Promise<void> {
    this.assertOpen();
    const updating = this.status === 'transaction';
    if (updating) this.status = 'update';
    try {
      const status = await this.command('QUIT');
      if (!status.ok) {
        throw updating
          ? new MailError('server-rejected', 'The server could not remove every message marked for deletion.', {
              reply: { status: '-ERR', text: status.text, ...(status.code ? { responseCode: status.code } : {}) },
              details: { command: 'QUIT' },
            })
          : statusError(status, 'QUIT');
      }
    } finally {
      this.close();
    }
  }

  /** Closes without QUIT: nothing marked for deletion in this session is removed (RFC 1939 §6). */
  close(): void {
    this.status = 'closed';
    this.connection.close();
  }

  // ---- plumbing -------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.status === 'closed' || !this.connection.open) {
      this.status = 'closed';
      throw new MailError('connection-closed', 'The POP3 session is closed.', { transient: true });
    }
  }

  private assertState(expected: Pop3State, command: string): void {
    this.assertOpen();
    if (this.status !== expected) {
      throw new MailError('protocol-error', `${command} is only allowed in the ${expected} state (the session is in ${this.status}).`);
    }
  }

  /** Sends one command and reads its status line. */
  private async command(line: string, redact?: string): Promise<Pop3Status> {
    try {
      await this.connection.writeLine(line, redact === undefined ? {} : { redact });
      return parseStatusLine(await this.connection.readLine());
    } catch (error) {
      this.failOn(error);
      throw error;
    }
  }

  /** A transaction-state command that must succeed. */
  private async transaction(line: string, kind: CommandKind = 'command'): Promise<Pop3Status> {
    const name = line.split(' ')[0] ?? line;
    this.assertState('transaction', name);
    const status = await this.command(line);
    if (!status.ok) throw statusError(status, name, kind);
    return status;
  }

  /** Reads a multi-line response and splits it into lines (CAPA, LIST, UIDL). */
  private async readLines(what: string): Promise<string[]> {
    const sink = new BufferSink(MAX_COLLECTED_RESPONSE_BYTES);
    await this.readBody(sink, undefined, what);
    const text = sink.bytes.toString('utf8');
    const lines = text.split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  /**
   * Streams a multi-line body through the decoder into `sink`. On failure: the sink is aborted,
   * the connection is closed, and the error is rethrown. Returns the decoded byte count.
   */
  private async readBody(sink: MessageSink, expectedSize: number | undefined, what: string): Promise<number> {
    const decoder = new MultilineDecoder(expectedSize === undefined ? {} : { expectedSize });
    try {
      for await (const chunk of this.connection.readStream(Number.MAX_SAFE_INTEGER)) {
        const result = decoder.push(chunk);
        for (const piece of result.data) await sink.write(piece);
        if (result.done) {
          if (result.rest.length > 0) {
            throw new MailError('protocol-error', `The server sent ${result.rest.length} unexpected bytes after the end of the ${what} response.`);
          }
          this.connection.transcript.server(`[${what}: ${decoder.decodedBytes} bytes]`);
          return decoder.decodedBytes;
        }
      }
      throw new MailError('connection-closed', 'The server closed the connection in the middle of a response.', { transient: true });
    } catch (error) {
      const failure = asMailError(error);
      this.failOn(failure);
      await sink.abort(failure);
      throw failure;
    }
  }

  /** Transport and framing errors leave the session unusable: close it. */
  private failOn(error: unknown): void {
    // A server refusal (-ERR) or a local refusal before anything was sent leaves the session usable.
    if (error instanceof MailError && (error.reply !== undefined || LOCAL_REFUSALS.has(error.code))) return;
    this.status = 'closed';
    if (this.connection.open) this.connection.fail(asMailError(error));
  }
}

const LOCAL_REFUSALS: ReadonlySet<string> = new Set(['auth-insecure', 'auth-unsupported', 'invalid-argument']);

function asMailError(error: unknown): MailError {
  if (error instanceof MailError) return error;
  return new MailError('io-error', error instanceof Error ? error.message : String(error), { cause: error });
}

function checkMsg(msg: number): number {
  if (!Number.isSafeInteger(msg) || msg < 1) throw new MailError('invalid-argument', `${String(msg)} is not a message number (1 or more).`);
  return msg;
}

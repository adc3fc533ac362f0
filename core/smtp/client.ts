import { connect, type ConnectOptions, type Connector } from '../net/connect.js';
import type { Connection, TimeoutKind, WriteOptions } from '../net/connection.js';
import type { TlsInfo } from '../net/certificate.js';
import { MailError } from '../net/mail-error.js';
import { REDACTED } from '../net/redact.js';
import { authenticate, type SaslServerStep, type SaslTransport } from '../sasl/authenticate.js';
import { chooseMechanism, createMechanism } from '../sasl/choose.js';
import type { MechanismName, SaslCredentials } from '../sasl/mechanism.js';
import { NO_CAPABILITIES, parseCapabilities, type SmtpCapabilities } from './capabilities.js';
import { ehloLine, heloLine } from './commands.js';
import { replyError, type SmtpPhase } from './errors.js';
import { MAX_AUTH_INITIAL_RESPONSE } from './limits.js';
import { ReplyParser, type SmtpReply } from './reply.js';
import { sendMessage, type Envelope, type MessageSource, type SendOptions, type SendResult } from './transaction.js';

export interface SmtpClientOptions {
  /** The name given in EHLO/HELO; defaults to the address literal of the local end (RFC 5321 §4.1.4). */
  readonly clientName?: string;
}

/**
 * An SMTP submission session (RFC 5321, RFC 6409) over a Connection it is given: one method per
 * command, each a thin layer over cmd(). The connection is injected so tests can drive the
 * client through an in-process socket pair or a scripted server.
 */
export class SmtpClient {
  /** What the last EHLO announced; reset by STARTTLS (RFC 3207 §4.2) and asked again. */
  capabilities: SmtpCapabilities = NO_CAPABILITIES;
  greetingReply: SmtpReply | undefined;
  /** Transactions started on this connection; RSET precedes every one after the first. */
  transactions = 0;
  private readonly parser = new ReplyParser();

  constructor(
    readonly connection: Connection,
    private readonly options: SmtpClientOptions = {},
  ) {}

  /** Reads one complete (possibly multi-line) reply. A malformed line fails the connection. */
  async readReply(timeout: TimeoutKind = 'command'): Promise<SmtpReply> {
    for (;;) {
      const line = await this.connection.readLine({ timeout });
      let reply: SmtpReply | undefined;
      try {
        reply = this.parser.push(line);
      } catch (error) {
        // After garbage the reply stream cannot be trusted to line up with our commands.
        if (error instanceof MailError) this.connection.fail(error);
        throw error;
      }
      if (reply) return reply;
    }
  }

  /** Writes one command line and reads its reply; throws the typed error unless the code is expected. */
  async cmd(line: string, expect: readonly number[], phase: SmtpPhase, options: WriteOptions = {}): Promise<SmtpReply> {
    await this.connection.writeLine(line, options);
    const reply = await this.readReply();
    if (!expect.includes(reply.code)) throw replyError(reply, phase);
    return reply;
  }

  /** The 220 greeting (RFC 5321 §4.3.1); a 554 greeting means the server will not talk to us. */
  async greeting(): Promise<SmtpReply> {
    const reply = await this.readReply('greeting');
    if (reply.code !== 220) {
      throw new MailError(reply.code >= 400 && reply.code < 500 ? 'temporary-failure' : 'server-rejected', `The server refused the session: ${reply.code} ${reply.text.split('\n')[0] ?? ''}`, {
        reply: { status: String(reply.code), text: reply.text, ...(reply.enhancedCode ? { enhancedCode: reply.enhancedCode } : {}) },
        transient: reply.code < 500,
      });
    }
    this.greetingReply = reply;
    return reply;
  }

  /** EHLO, falling back to HELO (no extensions) for servers that do not know EHLO (RFC 5321 §4.1.4). */
  async hello(): Promise<SmtpCapabilities> {
    const name = this.clientName();
    await this.connection.writeLine(ehloLine(name));
    const reply = await this.readReply();
    if (reply.code === 250) {
      this.capabilities = parseCapabilities(reply);
      return this.capabilities;
    }
    if (![500, 501, 502, 504, 550].includes(reply.code)) throw replyError(reply, 'ehlo');
    await this.cmd(heloLine(name), [250], 'ehlo');
    this.capabilities = NO_CAPABILITIES;
    return this.capabilities;
  }

  /** STARTTLS (RFC 3207); a server that does not offer it is an error, never a plain fallback. */
  async startTls(): Promise<TlsInfo> {
    if (!this.capabilities.starttls) {
      throw new MailError('starttls-unavailable', 'The server does not offer STARTTLS, so the connection cannot be encrypted; refusing to continue without TLS.');
    }
    await this.cmd('STARTTLS', [220], 'starttls');
    const info = await this.connection.upgradeToTls();
    // RFC 3207 §4.2: discard all knowledge obtained before TLS and ask again.
    this.capabilities = NO_CAPABILITIES;
    await this.hello();
    return info;
  }

  /** AUTH (RFC 4954) with the strongest common mechanism, or the one the account fixes. */
  async authenticate(credentials: SaslCredentials, fixed?: MechanismName): Promise<MechanismName> {
    this.connection.assertCredentialsAllowed();
    const name = chooseMechanism(this.capabilities.auth, credentials, fixed);
    const mechanism = createMechanism(name, credentials, { host: this.connection.host });
    const transport: SaslTransport = {
      begin: async (mech, initial) => {
        await this.connection.writeLine(initial === undefined ? `AUTH ${mech}` : `AUTH ${mech} ${initial}`, {
          redact: initial === undefined ? `AUTH ${mech}` : `AUTH ${mech} ${REDACTED}`,
        });
        return this.authStep();
      },
      continue: async (response) => {
        await this.connection.writeLine(response, { redact: REDACTED });
        return this.authStep();
      },
    };
    await authenticate(transport, mechanism, {
      channel: this.connection,
      initialResponse: true,
      maxInitialResponseLength: MAX_AUTH_INITIAL_RESPONSE,
    });
    return name;
  }

  private async authStep(): Promise<SaslServerStep> {
    const reply = await this.readReply();
    if (reply.code === 235) return { type: 'success' };
    if (reply.code === 334) return { type: 'challenge', data: reply.lines[0] ?? '' };
    throw replyError(reply, 'auth');
  }

  async noop(): Promise<SmtpReply> {
    return this.cmd('NOOP', [250], 'other');
  }

  async rset(): Promise<SmtpReply> {
    return this.cmd('RSET', [250], 'rset');
  }

  /**
   * One message: MAIL, RCPT for each recipient, then DATA or BDAT (pipelined per RFC 2920 when
   * offered). Recipients are accepted or rejected one by one; see SendResult.
   */
  async send(envelope: Envelope, source: MessageSource, options: SendOptions = {}): Promise<SendResult> {
    return sendMessage(this, envelope, source, options);
  }

  /** QUIT (RFC 5321 §4.1.1.10) and close; never throws, the session is over either way. */
  async quit(): Promise<void> {
    try {
      if (this.connection.open) await this.cmd('QUIT', [221], 'quit');
    } catch {
      // A server that drops the line instead of answering 221 has still ended the session.
    } finally {
      this.connection.close();
    }
  }

  private clientName(): string {
    if (this.options.clientName) return this.options.clientName;
    const local = this.connection.localAddress?.replace(/^::ffff:/, '');
    if (!local) return 'localhost';
    return local.includes(':') ? `[IPv6:${local}]` : `[${local}]`;
  }
}

export interface SmtpOpenOptions extends ConnectOptions, SmtpClientOptions {
  readonly credentials?: SaslCredentials;
  /** Fix the SASL mechanism instead of choosing the strongest. */
  readonly mechanism?: MechanismName;
}

/**
 * Connects, reads the greeting, says EHLO, upgrades with STARTTLS when security is 'starttls'
 * (and fails when the server does not offer it), and authenticates when credentials are given.
 */
export async function openSmtp(options: SmtpOpenOptions, connector: Connector = connect): Promise<SmtpClient> {
  const connection = await connector(options);
  const client = new SmtpClient(connection, options.clientName ? { clientName: options.clientName } : {});
  try {
    await client.greeting();
    await client.hello();
    if (options.security === 'starttls') await client.startTls();
    if (options.credentials) await client.authenticate(options.credentials, options.mechanism);
    return client;
  } catch (error) {
    connection.fail(error instanceof MailError ? error : new MailError('protocol-error', 'SMTP session setup failed.', { cause: error }));
    throw error;
  }
}

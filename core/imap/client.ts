/**
 * An IMAP client: opens the connection (core/net), reads the greeting, upgrades with STARTTLS
 * when asked (refusing PREAUTH then: RFC 3501 §6.2.1 allows STARTTLS only before login, so a
 * PREAUTH greeting would leave the session unencrypted), authenticates (core/sasl or LOGIN),
 * re-reads capabilities after TLS and login, and runs commands from commands/index.ts through
 * a narrow context. On an unexpected drop every in-flight command fails typed and, when
 * `reconnect` is on, the client reconnects with exponential backoff and re-selects its mailbox.
 */
import { connect, type Connection, type Connector } from '../net/index.js';
import { MailError } from '../net/mail-error.js';
import { chooseMechanism, type MechanismName } from '../sasl/index.js';
import { Capabilities } from './capabilities.js';
import { COMMANDS, type CommandContext, type CommandMap, type CommandName } from './commands/index.js';
import { EventHub, type ImapEventListener } from './events.js';
import { RECONNECT_FACTOR, RECONNECT_INITIAL_MS, RECONNECT_MAX_MS } from './limits.js';
import { trackUntagged } from './mailbox-tracker.js';
import { ImapSession } from './session.js';
import { ConnectionState } from './state.js';

export interface ImapAuth {
  readonly user: string;
  readonly password?: string;
  readonly accessToken?: string;
  /** A SASL mechanism, or 'LOGIN-COMMAND' for the plain LOGIN command. Chosen when absent. */
  readonly mechanism?: MechanismName | 'LOGIN-COMMAND';
}

export interface ImapClientOptions {
  readonly host: string;
  readonly port: number;
  readonly security: 'tls' | 'starttls' | 'none';
  readonly ca?: string | Buffer;
  readonly servername?: string;
  readonly pinnedSha256?: string;
  readonly allowInsecureAuth?: boolean;
  readonly auth?: ImapAuth;
  /** Sent with ID (RFC 2971) before login when the server offers it. */
  readonly id?: Readonly<Record<string, string>>;
  /** Extensions to ENABLE after login (CONDSTORE, QRESYNC, UTF8=ACCEPT). */
  readonly enable?: readonly string[];
  readonly compress?: boolean;
  readonly commandTimeoutMs?: number;
  readonly greetingTimeoutMs?: number;
  readonly maxLiteralSize?: number;
  readonly reconnect?: boolean | { readonly initialMs?: number; readonly maxMs?: number; readonly maxAttempts?: number };
  readonly connector?: Connector;
  readonly log?: (message: string) => void;
}

type ArgsOf<F> = F extends (ctx: CommandContext, ...args: infer A) => unknown ? A : never;

export class ImapClient {
  readonly capabilities = new Capabilities();
  readonly state = new ConnectionState();
  readonly #events = new EventHub();
  readonly #options: ImapClientOptions;
  #connection: Connection | undefined;
  #session: ImapSession | undefined;
  #closing = false;
  /** The current session finished its handshake (only then does a drop start reconnection). */
  #ready = false;
  #reconnectTimer: NodeJS.Timeout | undefined;

  private constructor(options: ImapClientOptions) {
    this.#options = options;
  }

  /** Connects, secures and (with `auth`) logs in. */
  static async connect(options: ImapClientOptions): Promise<ImapClient> {
    const client = new ImapClient(options);
    await client.#open();
    return client;
  }

  on(listener: ImapEventListener): () => void {
    return this.#events.on(listener);
  }

  /** The protocol transcript of the current connection (credentials redacted). */
  get transcript(): Connection['transcript'] | undefined {
    return this.#connection?.transcript;
  }

  get connected(): boolean {
    return this.#session !== undefined && !this.#session.closed;
  }

  /** Runs one command from the registry with a narrow context. */
  run<K extends CommandName>(name: K, ...args: ArgsOf<CommandMap[K]>): ReturnType<CommandMap[K]> {
    const command = COMMANDS[name] as unknown as (ctx: CommandContext, ...rest: unknown[]) => ReturnType<CommandMap[K]>;
    let context: CommandContext;
    try {
      context = this.#context();
    } catch (error) {
      return Promise.reject(error) as ReturnType<CommandMap[K]>;
    }
    return command(context, ...args);
  }

  /** LOGOUT, then close; no reconnect afterwards. */
  async logout(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#reconnectTimer);
    if (this.#session === undefined || this.#session.closed) return;
    await this.run('logout').catch(() => undefined);
  }

  /** Closes at once; in-flight commands fail with 'cancelled'. */
  close(): void {
    this.#closing = true;
    clearTimeout(this.#reconnectTimer);
    this.#session?.abort(new MailError('cancelled', 'The client closed the connection.'));
  }

  #context(): CommandContext {
    const session = this.#session;
    const connection = this.#connection;
    if (session === undefined || connection === undefined) throw new MailError('connection-closed', 'Not connected.', { transient: true });
    const log = this.#options.log ?? ((): void => undefined);
    return {
      exec: (request) => session.exec(request),
      state: this.state,
      capabilities: this.capabilities,
      log,
      line: {
        get encrypted() {
          return connection.encrypted;
        },
        get waiting() {
          return session.waiting;
        },
        assertCredentialsAllowed: () => connection.assertCredentialsAllowed(),
        writeContinuation: (text, secret) => session.writeContinuation(text, secret),
        startTls: () =>
          session.resume(async () => {
            await connection.upgradeToTls();
          }),
        deflate: () => session.resume('deflate'),
        close: () => session.close(),
        abort: (error) => session.abort(error),
      },
    };
  }

  async #open(): Promise<void> {
    const o = this.#options;
    const connection = await (o.connector ?? connect)({
      host: o.host,
      port: o.port,
      security: o.security,
      ...(o.ca !== undefined ? { ca: o.ca } : {}),
      ...(o.servername !== undefined ? { servername: o.servername } : {}),
      ...(o.pinnedSha256 !== undefined ? { pinnedSha256: o.pinnedSha256 } : {}),
      ...(o.allowInsecureAuth !== undefined ? { allowInsecureAuth: o.allowInsecureAuth } : {}),
    });
    this.state.name = 'not-authenticated';
    this.state.selected = undefined;
    this.state.enabled.clear();
    this.capabilities.forget();
    const session = new ImapSession(
      connection,
      {
        untagged: (data, consumed) => trackUntagged(data, consumed, this.state, this.capabilities, this.#events),
        closed: (error) => this.#onClosed(session, error),
        malformed: (error) => this.#events.emit({ type: 'protocol-warning', error }),
        // RFC 3501 §7.1: an ALERT must reach the user, also on a tagged NO (Gmail's "Too many
        // simultaneous connections", "Please log in via your web browser").
        tagged: (result) => {
          if (result.code?.name === 'ALERT') this.#events.emit({ type: 'alert', text: result.text });
        },
      },
      {
        compileOptions: () => ({ literals: this.capabilities.literalMode, utf8: this.state.utf8 }),
        ...(o.commandTimeoutMs !== undefined ? { commandTimeoutMs: o.commandTimeoutMs } : {}),
        ...(o.greetingTimeoutMs !== undefined ? { greetingTimeoutMs: o.greetingTimeoutMs } : {}),
        ...(o.maxLiteralSize !== undefined ? { maxLiteralSize: o.maxLiteralSize } : {}),
      },
    );
    this.#connection = connection;
    this.#session = session;
    this.#ready = false;
    try {
      await this.#handshake(session);
      this.#ready = true;
    } catch (error) {
      session.abort(error instanceof MailError ? error : new MailError('protocol-error', String(error)));
      throw error;
    }
  }

  async #handshake(session: ImapSession): Promise<void> {
    const o = this.#options;
    const greeting = await session.start();
    if (greeting.type !== 'condition') throw new MailError('protocol-error', 'The server did not greet.');
    if (greeting.status === 'BYE') {
      throw new MailError('temporary-failure', `The server refused the connection: ${greeting.text}`, {
        reply: { status: 'BYE', text: greeting.text },
        transient: true,
      });
    }
    if (greeting.code?.name === 'CAPABILITY') this.capabilities.replace(greeting.code.capabilities);
    if (greeting.status === 'PREAUTH') {
      if (o.security === 'starttls') {
        throw new MailError(
          'tls-required',
          'The server logged the session in before STARTTLS (PREAUTH), so the connection cannot be encrypted; refusing to continue in plain text.',
        );
      }
      this.state.name = 'authenticated';
    }
    if (!this.capabilities.known) await this.run('capability');
    if (o.security === 'starttls') await this.run('starttls');
    if (this.state.name === 'not-authenticated' && o.auth !== undefined) {
      if (o.id !== undefined && this.capabilities.has('ID')) await this.run('id', o.id);
      await this.#login(o.auth);
    }
    if (this.state.name === 'authenticated') {
      if (o.enable !== undefined && o.enable.length > 0) await this.run('enable', o.enable);
      if (o.compress === true) await this.run('compress');
    }
  }

  async #login(auth: ImapAuth): Promise<void> {
    if (auth.mechanism === 'LOGIN-COMMAND' || (auth.mechanism === undefined && auth.accessToken === undefined && this.capabilities.authMechanisms.length === 0)) {
      if (auth.password === undefined) throw new MailError('invalid-argument', 'LOGIN needs a password.');
      await this.run('login', auth.user, auth.password);
      return;
    }
    const credentials = {
      username: auth.user,
      ...(auth.password !== undefined ? { password: auth.password } : {}),
      ...(auth.accessToken !== undefined ? { accessToken: auth.accessToken } : {}),
    };
    let mechanism: MechanismName;
    try {
      mechanism = chooseMechanism(this.capabilities.authMechanisms, credentials, auth.mechanism);
    } catch (error) {
      // A password account on a server without a usable SASL mechanism still has LOGIN.
      if (auth.mechanism === undefined && auth.password !== undefined && !this.capabilities.has('LOGINDISABLED')) {
        await this.run('login', auth.user, auth.password);
        return;
      }
      throw error;
    }
    await this.run('authenticate', mechanism, credentials);
  }

  #onClosed(session: ImapSession, error: MailError | undefined): void {
    if (session !== this.#session || !this.#ready) return;
    const wasSelected = this.state.selected;
    this.state.name = 'logout';
    this.#events.emit({ type: 'disconnected', error });
    const r = this.#options.reconnect;
    if (error === undefined || this.#closing || r === undefined || r === false) return;
    const settings = r === true ? {} : r;
    const reselect = wasSelected === undefined ? undefined : { path: wasSelected.path, readOnly: wasSelected.readOnly };
    this.#scheduleReconnect(1, settings, reselect);
  }

  #scheduleReconnect(
    attempt: number,
    settings: { readonly initialMs?: number; readonly maxMs?: number; readonly maxAttempts?: number },
    reselect: { path: string; readOnly: boolean } | undefined,
  ): void {
    if (settings.maxAttempts !== undefined && attempt > settings.maxAttempts) return;
    const base = Math.min(settings.maxMs ?? RECONNECT_MAX_MS, (settings.initialMs ?? RECONNECT_INITIAL_MS) * RECONNECT_FACTOR ** (attempt - 1));
    // Jitter so many clients cut off together do not return together.
    const delayMs = Math.round(base * (0.5 + Math.random() * 0.5));
    this.#events.emit({ type: 'reconnecting', attempt, delayMs });
    this.#reconnectTimer = setTimeout(() => {
      void this.#reconnect(attempt, settings, reselect);
    }, delayMs);
  }

  async #reconnect(
    attempt: number,
    settings: { readonly initialMs?: number; readonly maxMs?: number; readonly maxAttempts?: number },
    reselect: { path: string; readOnly: boolean } | undefined,
  ): Promise<void> {
    if (this.#closing) return;
    try {
      await this.#open();
      if (reselect !== undefined) await this.run('select', reselect.path, { readOnly: reselect.readOnly });
      this.#events.emit({ type: 'reconnected' });
    } catch (error) {
      // Wrong credentials or a refused certificate will not fix themselves: stop.
      if (error instanceof MailError && !error.transient && error.code !== 'connection-closed') {
        this.#events.emit({ type: 'disconnected', error });
        return;
      }
      if (!this.#closing) this.#scheduleReconnect(attempt + 1, settings, reselect);
    }
  }
}

/**
 * The real Prober, over core/net: connect, read the greeting, ask for capabilities, upgrade with
 * STARTTLS when the candidate says so (an advertised-but-missing STARTTLS is a failure, never a
 * plaintext fallback), ask for capabilities again over TLS, and say goodbye. No login: this only
 * tells whether a server of the right protocol, with a certificate that verifies, is there.
 *
 *   IMAP  RFC 9051 §7.1 greeting, §6.1.1 CAPABILITY, §6.2.1 STARTTLS (and RFC 3501)
 *   POP3  RFC 1939 §4 greeting, RFC 2449 CAPA, RFC 2595 §4 STLS, RFC 5034 SASL capability
 *   SMTP  RFC 5321 §4.2 replies and §4.1.1.1 EHLO, RFC 3207 STARTTLS, RFC 4954 AUTH keyword
 */
import { isIPv6 } from 'node:net';
import { connect, type Connection } from '../net/index.js';
import { MailError, isMailError } from '../net/mail-error.js';
import type { ProbeRequest, ProbeResult, Prober } from './prober.js';

export interface NetProberOptions {
  /** Extra trusted CA certificates (PEM). */
  readonly ca?: string | Buffer;
  /**
   * Where to connect instead for a host name and port, and the name to verify the certificate
   * against; undefined keeps the host. For tests that probe guessed names (imap.example.test)
   * served by a stack on loopback addresses.
   */
  readonly route?: (host: string, port: number) => { readonly host: string; readonly servername?: string } | undefined;
}

interface Session {
  readonly conn: Connection;
  greeting: string;
  capabilities: string[];
  sasl: string[];
}

/** Longest multi-line reply (CAPA list, EHLO keywords) accepted from a probed server. */
const MAX_REPLY_LINES = 200;

function protocolError(message: string, reply?: string): MailError {
  return new MailError('protocol-error', message, reply === undefined ? {} : { reply: { status: reply.split(' ')[0] ?? '', text: reply } });
}

// ---- IMAP ------------------------------------------------------------------------------------

async function imapCommand(conn: Connection, tag: string, command: string): Promise<string[]> {
  await conn.writeLine(`${tag} ${command}`);
  const untagged: string[] = [];
  for (let i = 0; i < MAX_REPLY_LINES; i++) {
    const line = await conn.readLine();
    if (line.startsWith(`${tag} `)) {
      const status = line.slice(tag.length + 1).split(' ')[0]?.toUpperCase();
      if (status !== 'OK') throw new MailError('server-rejected', `IMAP ${command} failed: ${line}`, { reply: { status: status ?? '', text: line } });
      return untagged;
    }
    untagged.push(line);
  }
  throw protocolError(`IMAP ${command}: no tagged reply after ${MAX_REPLY_LINES} lines`);
}

async function imapCapabilities(session: Session, tag: string): Promise<void> {
  const lines = await imapCommand(session.conn, tag, 'CAPABILITY');
  const line = lines.find((l) => /^\* CAPABILITY /i.test(l));
  if (line === undefined) throw protocolError('IMAP CAPABILITY returned no capabilities');
  session.capabilities = line.slice('* CAPABILITY '.length).trim().split(/\s+/).map((c) => c.toUpperCase());
  session.sasl = session.capabilities.filter((c) => c.startsWith('AUTH=')).map((c) => c.slice(5));
  // LOGIN (the command, not a SASL mechanism) works unless LOGINDISABLED (RFC 9051 §6.2.3).
  if (!session.capabilities.includes('LOGINDISABLED')) session.sasl.push('LOGIN');
}

async function probeImap(session: Session, starttls: boolean): Promise<void> {
  const greeting = await session.conn.readLine({ timeout: 'greeting' });
  if (!/^\* (OK|PREAUTH)\b/i.test(greeting)) throw new MailError('server-rejected', `Not an IMAP greeting: ${greeting}`, { reply: { status: 'BYE', text: greeting } });
  session.greeting = greeting;
  await imapCapabilities(session, 'p1');
  if (starttls) {
    if (!session.capabilities.includes('STARTTLS')) throw new MailError('starttls-unavailable', 'The IMAP server does not offer STARTTLS.');
    await imapCommand(session.conn, 'p2', 'STARTTLS');
    await session.conn.upgradeToTls();
    // RFC 9051 §6.2.1: capabilities learned before TLS must be discarded.
    await imapCapabilities(session, 'p3');
  }
  await session.conn.writeLine('p4 LOGOUT');
}

// ---- POP3 ------------------------------------------------------------------------------------

async function pop3Capa(session: Session): Promise<void> {
  await session.conn.writeLine('CAPA');
  const first = await session.conn.readLine();
  session.capabilities = [];
  session.sasl = [];
  // RFC 2449 §5: a server without CAPA answers -ERR; it has no announced capabilities.
  if (!first.startsWith('+OK')) return;
  for (let i = 0; i < MAX_REPLY_LINES; i++) {
    const line = await session.conn.readLine();
    if (line === '.') return;
    const words = line.trim().split(/\s+/);
    const name = (words[0] ?? '').toUpperCase();
    session.capabilities.push(name);
    if (name === 'SASL') session.sasl.push(...words.slice(1).map((w) => w.toUpperCase()));
    if (name === 'USER') session.sasl.push('USER');
  }
  throw protocolError(`POP3 CAPA: no end after ${MAX_REPLY_LINES} lines`);
}

async function probePop3(session: Session, starttls: boolean): Promise<void> {
  const greeting = await session.conn.readLine({ timeout: 'greeting' });
  if (!greeting.startsWith('+OK')) throw new MailError('server-rejected', `Not a POP3 greeting: ${greeting}`, { reply: { status: '-ERR', text: greeting } });
  session.greeting = greeting;
  await pop3Capa(session);
  if (starttls) {
    if (!session.capabilities.includes('STLS')) throw new MailError('starttls-unavailable', 'The POP3 server does not offer STLS.');
    await session.conn.writeLine('STLS');
    const reply = await session.conn.readLine();
    if (!reply.startsWith('+OK')) throw new MailError('tls-failed', `POP3 STLS refused: ${reply}`, { reply: { status: '-ERR', text: reply } });
    await session.conn.upgradeToTls();
    await pop3Capa(session);
  }
  await session.conn.writeLine('QUIT');
}

// ---- SMTP ------------------------------------------------------------------------------------

async function smtpReply(conn: Connection, timeout: 'greeting' | 'command' = 'command'): Promise<{ code: string; lines: string[] }> {
  const lines: string[] = [];
  for (let i = 0; i < MAX_REPLY_LINES; i++) {
    const line = await conn.readLine({ timeout });
    if (!/^[2-5][0-9][0-9]([ -]|$)/.test(line)) throw protocolError(`Not an SMTP reply: ${line}`, line);
    lines.push(line.slice(4));
    if (line[3] !== '-') return { code: line.slice(0, 3), lines };
  }
  throw protocolError(`SMTP reply longer than ${MAX_REPLY_LINES} lines`);
}

async function smtpEhlo(session: Session): Promise<void> {
  const local = session.conn.localAddress;
  // RFC 5321 §4.1.4: without a host name of our own, the address literal of our end.
  const name = local === undefined ? 'localhost' : isIPv6(local) ? `[IPv6:${local}]` : `[${local}]`;
  await session.conn.writeLine(`EHLO ${name}`);
  const reply = await smtpReply(session.conn);
  if (reply.code !== '250') throw new MailError('server-rejected', `SMTP EHLO refused: ${reply.code} ${reply.lines.join(' ')}`, { reply: { status: reply.code, text: reply.lines.join('\n') } });
  session.capabilities = reply.lines.slice(1).map((l) => (l.split(' ')[0] ?? '').toUpperCase());
  session.sasl = reply.lines
    .slice(1)
    .filter((l) => /^AUTH[ =]/i.test(l))
    .flatMap((l) => l.slice(5).trim().split(/\s+/).map((m) => m.toUpperCase()));
}

async function probeSmtp(session: Session, starttls: boolean): Promise<void> {
  const greeting = await smtpReply(session.conn, 'greeting');
  if (greeting.code !== '220') throw new MailError('server-rejected', `SMTP greeting ${greeting.code}: ${greeting.lines.join(' ')}`, { reply: { status: greeting.code, text: greeting.lines.join('\n') } });
  session.greeting = `${greeting.code} ${greeting.lines.join(' ')}`;
  await smtpEhlo(session);
  if (starttls) {
    if (!session.capabilities.includes('STARTTLS')) throw new MailError('starttls-unavailable', 'The SMTP server does not offer STARTTLS.');
    await session.conn.writeLine('STARTTLS');
    const reply = await smtpReply(session.conn);
    if (reply.code !== '220') throw new MailError('tls-failed', `SMTP STARTTLS refused: ${reply.code}`, { reply: { status: reply.code, text: reply.lines.join('\n') } });
    await session.conn.upgradeToTls();
    // RFC 3207 §4.2: forget what EHLO said before TLS and ask again.
    await smtpEhlo(session);
  }
  await session.conn.writeLine('QUIT');
}

// ---- the prober ------------------------------------------------------------------------------

export function createNetProber(options: NetProberOptions = {}): Prober {
  return {
    async probe(request: ProbeRequest): Promise<ProbeResult> {
      const mapped = options.route?.(request.host, request.port);
      const signal = AbortSignal.any([request.signal, AbortSignal.timeout(request.timeoutMs)]);
      let conn: Connection | undefined;
      try {
        conn = await connect({
          host: mapped?.host ?? request.host,
          port: request.port,
          security: request.security,
          servername: mapped?.servername ?? request.host,
          ...(options.ca !== undefined ? { ca: options.ca } : {}),
          timeouts: { connect: request.timeoutMs, greeting: request.timeoutMs, command: request.timeoutMs },
          signal,
        });
        const session: Session = { conn, greeting: '', capabilities: [], sasl: [] };
        const starttls = request.security === 'starttls';
        if (request.protocol === 'imap') await probeImap(session, starttls);
        else if (request.protocol === 'pop3') await probePop3(session, starttls);
        else await probeSmtp(session, starttls);
        const tlsProtocol = conn.tls?.protocol;
        return { ok: true, greeting: session.greeting, capabilities: session.capabilities, saslMechanisms: [...new Set(session.sasl)], ...(tlsProtocol ? { tlsProtocol } : {}) };
      } catch (error) {
        if (request.signal.aborted) return { ok: false, code: 'cancelled', message: `The probe of ${request.host}:${request.port} was cancelled` };
        if (signal.aborted && !(isMailError(error) && error.code !== 'cancelled')) {
          return { ok: false, code: 'connect-timeout', message: `No complete answer from ${request.host}:${request.port} within ${request.timeoutMs} ms` };
        }
        if (isMailError(error)) return { ok: false, code: error.code, message: error.message };
        return { ok: false, code: 'protocol-error', message: error instanceof Error ? error.message : String(error) };
      } finally {
        conn?.close();
      }
    },
  };
}

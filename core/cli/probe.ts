import { connect } from '../net/connect.js';
import type { Connection, Security } from '../net/connection.js';
import type { TlsInfo } from '../net/certificate.js';
import { isMailError, MailError } from '../net/mail-error.js';
import { Transcript } from '../net/transcript.js';
import { SmtpClient } from '../smtp/client.js';
import { parseCliArgs, parseServerEndpoint, SERVER_OPTION_SPEC, type ServerProtocol } from './server-options.js';
import { CliUsageError, type CliCommand, type CliContext } from './types.js';

const USAGE = `Usage: tegami probe smtp|imap|pop3 --host H [--port P] --security tls|starttls|none
                    [--ca FILE] [--pin SHA256] [--transcript] [--json]

Connects like a hand-typed session and reports the greeting, the capabilities before and after
TLS, the TLS protocol and cipher, and the server certificate (subject, issuer, validity,
SHA-256 fingerprint). A certificate that does not verify is reported with its details; pass its
fingerprint with --pin to accept it. Default ports: smtp 465/587/25, imap 993/143, pop3 995/110.
`;

type Protocol = ServerProtocol;

export interface ProbeReport {
  protocol: Protocol;
  host: string;
  port: number;
  security: Security;
  greeting: string;
  capabilitiesBeforeTls: string[];
  tls?: TlsInfo;
  capabilitiesAfterTls?: string[];
  transcript?: string;
}

/** IMAP CAPABILITY (RFC 3501 §6.1.1): untagged "* CAPABILITY ..." then the tagged OK. */
async function imapCapabilities(conn: Connection, tag: string): Promise<string[]> {
  await conn.writeLine(`${tag} CAPABILITY`);
  const caps: string[] = [];
  for (;;) {
    const line = await conn.readLine();
    const untagged = /^\* CAPABILITY (.*)$/i.exec(line);
    if (untagged) caps.push(...(untagged[1] ?? '').split(' ').filter(Boolean));
    if (line.startsWith(`${tag} `)) {
      if (!/^\S+ OK/i.test(line)) throw new MailError('protocol-error', `CAPABILITY failed: ${line}`);
      return caps;
    }
  }
}

/** POP3 CAPA (RFC 2449 §5): "+OK" then one capability per line up to ".". */
async function pop3Capabilities(conn: Connection): Promise<string[]> {
  await conn.writeLine('CAPA');
  const first = await conn.readLine();
  if (!first.startsWith('+OK')) return [];
  const caps: string[] = [];
  for (;;) {
    const line = await conn.readLine();
    if (line === '.') return caps;
    caps.push(line.startsWith('..') ? line.slice(1) : line);
  }
}

function smtpCapabilityLines(client: SmtpClient): string[] {
  return [...client.capabilities.keywords].map(([k, v]) => [k, ...v].join(' '));
}

async function probe(protocol: Protocol, conn: Connection): Promise<Omit<ProbeReport, 'host' | 'port' | 'security' | 'protocol'>> {
  const upgrade = conn.security === 'starttls';
  switch (protocol) {
    case 'smtp': {
      const client = new SmtpClient(conn);
      const greeting = (await client.greeting()).lines.join('\n');
      await client.hello();
      const before = smtpCapabilityLines(client);
      if (!upgrade) {
        await client.quit();
        return { greeting, capabilitiesBeforeTls: before, ...(conn.tls ? { tls: conn.tls } : {}) };
      }
      const tls = await client.startTls();
      const after = smtpCapabilityLines(client);
      await client.quit();
      return { greeting, capabilitiesBeforeTls: before, tls, capabilitiesAfterTls: after };
    }
    case 'imap': {
      const greeting = await conn.readLine({ timeout: 'greeting' });
      if (!/^\* (OK|PREAUTH)/i.test(greeting)) throw new MailError('server-rejected', `The server refused the session: ${greeting}`);
      const before = await imapCapabilities(conn, 'P1');
      if (!upgrade) return { greeting, capabilitiesBeforeTls: before, ...(conn.tls ? { tls: conn.tls } : {}) };
      if (!before.some((c) => c.toUpperCase() === 'STARTTLS')) throw new MailError('starttls-unavailable', 'The server does not offer STARTTLS.');
      await conn.writeLine('P2 STARTTLS');
      let reply = await conn.readLine();
      while (reply.startsWith('* ')) reply = await conn.readLine();
      if (!/^P2 OK/i.test(reply)) throw new MailError('tls-failed', `STARTTLS was refused: ${reply}`);
      const tls = await conn.upgradeToTls();
      const after = await imapCapabilities(conn, 'P3');
      await conn.writeLine('P4 LOGOUT');
      return { greeting, capabilitiesBeforeTls: before, tls, capabilitiesAfterTls: after };
    }
    case 'pop3': {
      const greeting = await conn.readLine({ timeout: 'greeting' });
      if (!greeting.startsWith('+OK')) throw new MailError('server-rejected', `The server refused the session: ${greeting}`);
      const before = await pop3Capabilities(conn);
      if (!upgrade) return { greeting, capabilitiesBeforeTls: before, ...(conn.tls ? { tls: conn.tls } : {}) };
      if (!before.some((c) => c.toUpperCase() === 'STLS')) throw new MailError('starttls-unavailable', 'The server does not offer STLS.');
      await conn.writeLine('STLS');
      const reply = await conn.readLine();
      if (!reply.startsWith('+OK')) throw new MailError('tls-failed', `STLS was refused: ${reply}`);
      const tls = await conn.upgradeToTls();
      const after = await pop3Capabilities(conn);
      await conn.writeLine('QUIT');
      return { greeting, capabilitiesBeforeTls: before, tls, capabilitiesAfterTls: after };
    }
  }
}

function formatTls(tls: TlsInfo): string[] {
  const c = tls.certificate;
  return [
    `TLS: ${tls.protocol}, ${tls.cipher}${tls.pinned ? ' (certificate accepted by pin, not verified)' : ', certificate verified'}`,
    `  subject:  ${c.subject}`,
    `  issuer:   ${c.issuer}`,
    `  valid:    ${c.validFrom} to ${c.validTo}`,
    `  names:    ${c.altNames.join(', ')}`,
    `  SHA-256:  ${c.sha256Fingerprint}`,
  ];
}

function formatReport(report: ProbeReport): string {
  const lines = [`${report.protocol} ${report.host}:${report.port} (${report.security})`, `Greeting: ${report.greeting.replace(/\n/g, '\n          ')}`];
  lines.push(report.security === 'tls' ? 'Capabilities (over TLS):' : 'Capabilities before TLS:', ...report.capabilitiesBeforeTls.map((c) => `  ${c}`));
  if (report.tls) lines.push(...formatTls(report.tls));
  if (report.capabilitiesAfterTls) lines.push('Capabilities after TLS:', ...report.capabilitiesAfterTls.map((c) => `  ${c}`));
  if (report.transcript) lines.push('', 'Transcript:', report.transcript);
  return `${lines.join('\n')}\n`;
}

function parse(args: readonly string[]) {
  const { host, port, security, ca, transcript, json } = SERVER_OPTION_SPEC;
  const parsed = parseCliArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    // No login happens, so of the shared options only the endpoint ones apply.
    options: { host, port, security, ca, transcript, json, pin: { type: 'string' } },
  });
  const { values, positionals } = parsed;
  const protocol = positionals[0];
  if (protocol !== 'smtp' && protocol !== 'imap' && protocol !== 'pop3') throw new CliUsageError('name the protocol: smtp, imap or pop3');
  if (positionals.length > 1) throw new CliUsageError(`unexpected argument "${positionals[1] ?? ''}"`);
  return { protocol, ...parseServerEndpoint(values, protocol), pin: values.pin } as const;
}

export async function runProbe(context: CliContext): Promise<number> {
  const options = parse(context.args);
  let conn: Connection | undefined;
  const log = new Transcript();
  try {
    conn = await connect({
      transcript: log,
      host: options.host,
      port: options.port,
      security: options.security,
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.pin ? { pinnedSha256: options.pin } : {}),
    });
    const result = await probe(options.protocol, conn);
    const report: ProbeReport = {
      protocol: options.protocol,
      host: options.host,
      port: options.port,
      security: options.security,
      ...result,
      ...(options.transcript ? { transcript: log.format() } : {}),
    };
    context.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return 0;
  } catch (error) {
    if (!isMailError(error)) throw error;
    if (options.json) {
      context.stdout.write(`${JSON.stringify({ error: error.toJSON(), ...(options.transcript ? { transcript: log.format() } : {}) }, null, 2)}\n`);
    } else {
      context.stderr.write(`tegami probe: ${error.message}\n`);
      const d = error.details;
      if (d && typeof d['sha256Fingerprint'] === 'string') {
        context.stderr.write(
          `  subject:  ${String(d['subject'])}\n  issuer:   ${String(d['issuer'])}\n  valid:    ${String(d['validFrom'])} to ${String(d['validTo'])}\n  SHA-256:  ${d['sha256Fingerprint']}\n  (to trust this certificate, pass --pin ${d['sha256Fingerprint']})\n`,
        );
      }
      if (options.transcript) context.stderr.write(`${log.format()}\n`);
    }
    return 1;
  } finally {
    conn?.close();
  }
}

export const probeCommand: CliCommand = {
  summary: 'show a server\'s greeting, capabilities and TLS certificate (smtp, imap, pop3)',
  usage: USAGE,
  run: runProbe,
};

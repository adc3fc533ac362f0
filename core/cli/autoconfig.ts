/**
 * `tegami autoconfig ADDRESS`: find the incoming and outgoing servers for an address (provider
 * database, autoconfig, MX, SRV, guessing) and print every candidate, where it came from and
 * which one would be chosen. Finding nothing is not an error: the command says to enter the
 * settings by hand and exits with 1.
 */
import { readFileSync } from 'node:fs';
import { discoverAccount, type DiscoveryResult } from '../accounts/discover.js';
import { checkAutoconfigBase } from '../accounts/autoconfig-http.js';
import { checkDnsServers } from '../accounts/dns.js';
import { ProviderDatabase } from '../accounts/provider-db.js';
import { createNetProber } from '../accounts/net-prober.js';
import { verifyAccount, type VerifyResult } from '../accounts/verify.js';
import type { ServerCandidate } from '../accounts/types.js';
import { CliUsageError, type CliCommand, type CliContext } from './types.js';

const USAGE = `Usage: tegami autoconfig ADDRESS [options]

Finds the IMAP/POP3 and SMTP settings for an e-mail address: the built-in provider
database, https://autoconfig.DOMAIN and https://DOMAIN/.well-known/autoconfig, the
domain's MX host, RFC 6186 SRV records, and finally probing imap./pop./smtp./mail.
and the bare domain on the standard ports (greeting, capabilities and TLS only; no login).

Options:
  --dns HOST[:PORT]        DNS server to ask instead of the system's (repeatable)
  --autoconfig-base URL    fetch autoconfig files from URL/HOST/... instead of https://HOST/...
  --providers FILE         extra config-v1.1.xml file for the provider database (repeatable)
  --ca FILE                extra trusted CA certificate (PEM) for probing
  --no-guess               do not probe servers
  --verify                 log in to the chosen servers with the password read from stdin
  --timeout MS             overall time limit (default 30000)
  --json                   print the full result as JSON

Exit status: 0 settings found (and verified with --verify), 1 enter settings by hand,
the login failed, or an error; 2 bad arguments.
`;

interface Parsed {
  address: string;
  dns: string[];
  base?: string;
  providerFiles: string[];
  ca?: string;
  guess: boolean;
  verify: boolean;
  timeout?: number;
  json: boolean;
}

function parseArgs(args: readonly string[]): Parsed {
  const parsed: Parsed = { address: '', dns: [], providerFiles: [], guess: true, verify: false, json: false };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = (): string => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) throw new CliUsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--dns':
        parsed.dns.push(value());
        break;
      case '--autoconfig-base':
        parsed.base = value();
        break;
      case '--providers':
        parsed.providerFiles.push(value());
        break;
      case '--ca':
        parsed.ca = value();
        break;
      case '--no-guess':
        parsed.guess = false;
        break;
      case '--verify':
        parsed.verify = true;
        break;
      case '--timeout': {
        const text = value();
        if (!/^[0-9]+$/.test(text) || Number(text) < 100) throw new CliUsageError(`--timeout must be a number of milliseconds (at least 100), not "${text}"`);
        parsed.timeout = Number(text);
        break;
      }
      case '--json':
        parsed.json = true;
        break;
      default:
        if (arg.startsWith('-')) throw new CliUsageError(`unknown option ${arg}`);
        positional.push(arg);
    }
  }
  if (positional.length !== 1) throw new CliUsageError(positional.length === 0 ? 'an e-mail address is required' : 'only one address at a time');
  parsed.address = positional[0]!;
  try {
    if (parsed.dns.length > 0) checkDnsServers(parsed.dns);
    if (parsed.base !== undefined) checkAutoconfigBase(parsed.base);
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  return parsed;
}

function security(c: ServerCandidate): string {
  return c.security === 'tls' ? 'TLS' : c.security === 'starttls' ? 'STARTTLS' : 'plain';
}

function line(c: ServerCandidate): string {
  const also = c.alsoFrom.length > 0 ? `, also ${c.alsoFrom.join(', ')}` : '';
  const warning = c.warning ? `\n        warning: ${c.warning}` : '';
  return `${c.protocol.padEnd(4)}  ${`${c.host}:${c.port}`.padEnd(36)} ${security(c).padEnd(8)}  user ${c.username}  auth ${c.auth.join(',') || '?'}  [${c.source}: ${c.sourceDetail}${also}]${warning}`;
}

export function formatDiscovery(result: DiscoveryResult): string {
  const out: string[] = [`Autoconfig for ${result.address}`, '', 'Steps:'];
  const width = Math.max(...result.steps.map((s) => s.step.length));
  for (const step of result.steps) {
    out.push(`  ${step.step.padEnd(width)}  ${step.status.padEnd(7)}  ${step.durationMs > 0 ? `${step.durationMs} ms  ` : ''}${step.target}: ${step.message}`);
  }
  for (const [title, list, chosen] of [
    ['Incoming', result.incoming, result.chosen?.incoming],
    ['Outgoing', result.outgoing, result.chosen?.outgoing],
  ] as const) {
    out.push('', `${title} candidates:`);
    if (list.length === 0) out.push('  (none)');
    list.forEach((c, i) => out.push(`  ${c === chosen ? '*' : ' '} ${i + 1}. ${line(c)}`));
  }
  out.push('');
  if (result.chosen) {
    out.push('Chosen:', `  incoming: ${line(result.chosen.incoming)}`, `  outgoing: ${line(result.chosen.outgoing)}`);
  }
  out.push(result.message);
  for (const note of result.notes) out.push(`Note: ${note.text}${note.url ? ` (${note.url})` : ''}`);
  return `${out.join('\n')}\n`;
}

/** The password is the first line of stdin (never an argument: those show in process lists). */
async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    if (Buffer.concat(chunks).includes(0x0a) || Buffer.concat(chunks).length > 16 * 1024) break;
  }
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (password === '') throw new CliUsageError('--verify reads the password from stdin, but stdin was empty');
  return password;
}

export const autoconfigCommand: CliCommand = {
  summary: 'find the incoming and outgoing server settings for an e-mail address',
  usage: USAGE,
  async run(context: CliContext): Promise<number> {
    const args = parseArgs(context.args);
    const readFile = (path: string, what: string): string => {
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        throw new CliUsageError(`cannot read ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const providers = ProviderDatabase.builtin(args.providerFiles.map((f) => readFile(f, 'provider file')));
    const ca = args.ca === undefined ? undefined : readFile(args.ca, 'CA file');
    const result = await discoverAccount(args.address, {
      providers,
      ...(args.dns.length > 0 ? { dnsServers: args.dns } : {}),
      ...(args.base !== undefined ? { autoconfigBase: args.base } : {}),
      ...(args.guess ? { prober: createNetProber(ca === undefined ? {} : { ca }) } : {}),
      ...(args.timeout !== undefined ? { timeouts: { overall: args.timeout } } : {}),
    });
    let verification: VerifyResult | undefined;
    if (args.verify && result.chosen) {
      const password = await readPassword(context.stdin);
      verification = await verifyAccount(result.chosen, { incoming: { password } }, ca === undefined ? {} : { ca });
    }
    if (args.json) {
      context.stdout.write(`${JSON.stringify(verification ? { ...result, verification } : result, null, 2)}\n`);
    } else {
      context.stdout.write(formatDiscovery(result));
      if (verification) {
        for (const side of [verification.incoming, verification.outgoing]) context.stdout.write(`Verify ${side.side}: ${side.ok ? 'ok' : 'FAILED'}: ${side.message}\n`);
      }
    }
    return result.manual || (verification !== undefined && !verification.ok) ? 1 : 0;
  },
};

/**
 * `tegami received FILE [--json]`: the path a message took (its Received fields, oldest hop
 * first, with the delay at each hop and in total) and its Authentication-Results.
 */
import { analyzeReceivedPath, formatDelay, parseAuthenticationResults, type AuthenticationResults, type PathHop, type ReceivedPath } from '../message/index.js';
import { parseArgs } from 'node:util';
import { readMessage } from './parse.js';
import { CliUsageError, type CliCommand } from './types.js';

const USAGE = `Usage: tegami received FILE [--json] [--trust AUTHSERV-ID]...

Prints the Received path of a message, oldest hop first: who handed it to whom (HELO name,
reverse DNS, IP), with which protocol, TLS version and cipher, queue id, recipient, and the
delay since the previous hop (negative when clocks disagree), with flags for hops that look
forged or out of order. Then the Authentication-Results (SPF, DKIM, DMARC, ARC) per
authserv-id. These are claims written by the servers on the way; only the receiving
provider's own authserv-id can be believed: name it with --trust (repeatable); all others
are shown as unverified claims (RFC 8601 §5). FILE "-" reads standard input.
`;

function parseReceivedArgs(args: readonly string[]): { file: string; json: boolean; trust: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { json: { type: 'boolean' }, trust: { type: 'string', multiple: true } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) throw new CliUsageError('missing FILE (use "-" for standard input)');
  if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0] ?? ''}"`);
  return { file, json: parsed.values.json === true, trust: parsed.values.trust ?? [] };
}

export interface ReceivedReport {
  hops: Array<Omit<PathHop, 'date'> & { date: string | null }>;
  totalSeconds: number | null;
  sinceDateHeaderSeconds: number | null;
  authenticationResults: AuthenticationResults[];
}

export function buildReceivedReport(path: ReceivedPath, auth: AuthenticationResults[]): ReceivedReport {
  return {
    hops: path.hops.map((h) => ({ ...h, date: h.date?.toISOString() ?? null })),
    totalSeconds: path.totalSeconds ?? null,
    sinceDateHeaderSeconds: path.sinceDateHeaderSeconds ?? null,
    authenticationResults: auth,
  };
}

function describeHop(h: PathHop): string[] {
  const from = [h.helo, h.reverseName !== undefined && h.reverseName !== h.helo ? `(${h.reverseName})` : undefined, h.ip === undefined ? undefined : `[${h.ip}]`].filter((x) => x !== undefined).join(' ');
  const tls = h.tls === undefined ? 'no TLS' : ['TLS', h.tls.version, h.tls.cipher].filter((x) => x !== undefined).join(' ');
  const delay = h.delaySeconds === undefined ? '' : `  +${formatDelay(h.delaySeconds)}`.replace('+-', '-');
  const lines = [
    `${String(h.index).padStart(2)}. ${h.date?.toISOString() ?? '(no date)'}${delay}`,
    `    from ${from === '' ? '(unknown)' : from}`,
    `    by   ${h.by ?? '(unknown)'}${h.software === undefined ? '' : ` (${h.software})`}`,
    `    with ${h.with ?? '?'}, ${tls}${h.id === undefined ? '' : `, id ${h.id}`}${h.for === undefined ? '' : `, for ${h.for}`}`,
  ];
  if (h.flags.length > 0) lines.push(`    ! ${h.flags.join(', ')}`);
  return lines;
}

function formatText(path: ReceivedPath, auth: readonly AuthenticationResults[]): string {
  const lines: string[] = [];
  if (path.hops.length === 0) lines.push('No Received fields.');
  else {
    lines.push(`Path (${path.hops.length} hops, oldest first):`);
    for (const hop of path.hops) lines.push(...describeHop(hop));
    lines.push(`Total: ${formatDelay(path.totalSeconds)}${path.sinceDateHeaderSeconds === undefined ? '' : ` (first hop ${formatDelay(path.sinceDateHeaderSeconds)} after the Date header)`}`);
  }
  lines.push('');
  if (auth.length === 0) lines.push('No Authentication-Results.');
  else {
    lines.push('Authentication-Results:');
    for (const a of auth) {
      const who = `${a.arcInstance === undefined ? '' : `ARC i=${a.arcInstance} `}${a.authservId === '' ? '(no authserv-id)' : a.authservId}`;
      lines.push(`  ${who}${a.trusted ? '' : ' (unverified claim)'}`);
      for (const r of a.results) {
        const props = Object.entries(r.properties).map(([k, v]) => `${k}=${v}`).join(' ');
        lines.push(`    ${r.method}=${r.result}${props === '' ? '' : ` ${props}`}${r.reason === undefined ? '' : ` (${r.reason})`}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

export const receivedCommand: CliCommand = {
  summary: 'show the Received path of a message with delays and its Authentication-Results',
  usage: USAGE,
  async run(context) {
    const { file, json, trust } = parseReceivedArgs(context.args);
    const { message } = await readMessage(file, context);
    const path = analyzeReceivedPath(message.headers.getAll('received').map((f) => f.value), message.date);
    const auth = [
      ...message.headers.getAll('authentication-results').map((f) => parseAuthenticationResults(f.value, trust)),
      ...message.headers.getAll('arc-authentication-results').map((f) => parseAuthenticationResults(f.value, trust)),
    ];
    context.stdout.write(json ? `${JSON.stringify(buildReceivedReport(path, auth), null, 2)}\n` : formatText(path, auth));
    return 0;
  },
};

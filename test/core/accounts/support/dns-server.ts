/**
 * A tiny authoritative DNS server on UDP loopback for discovery tests: answers A, MX and SRV
 * queries from an in-memory zone, NXDOMAIN for unknown names, NODATA for known names without
 * the asked type, and stays silent for names listed in `silent` (to exercise timeouts).
 * Just enough of RFC 1035 §4 (message format) and RFC 2782 (SRV RDATA) for node:dns (c-ares).
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

export const TYPE_A = 1;
export const TYPE_MX = 15;
export const TYPE_SRV = 33;

export interface MxData {
  readonly preference: number;
  readonly exchange: string;
}

export interface SrvData {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  /** "." means the service is not available (RFC 2782). */
  readonly target: string;
}

export interface ZoneEntry {
  readonly a?: readonly string[];
  readonly mx?: readonly MxData[];
  readonly srv?: readonly SrvData[];
}

export interface DnsQuestion {
  readonly id: number;
  readonly flags: number;
  readonly name: string;
  readonly type: number;
  readonly klass: number;
  /** Offset just past the question, so a reply can copy it. */
  readonly end: number;
}

/** Encodes a domain name as labels (RFC 1035 §3.1); "." and "" are the root. */
export function encodeName(name: string): Buffer {
  const trimmed = name.replace(/\.$/, '');
  if (trimmed === '') return Buffer.from([0]);
  const parts = trimmed.split('.').map((label) => {
    const bytes = Buffer.from(label, 'ascii');
    if (bytes.length === 0 || bytes.length > 63) throw new Error(`bad label in ${name}`);
    return Buffer.concat([Buffer.from([bytes.length]), bytes]);
  });
  return Buffer.concat([...parts, Buffer.from([0])]);
}

/** Parses the header and first question of a query; throws on anything malformed. */
export function decodeQuestion(message: Buffer): DnsQuestion {
  if (message.length < 12) throw new Error('short DNS message');
  const id = message.readUInt16BE(0);
  const flags = message.readUInt16BE(2);
  if (message.readUInt16BE(4) < 1) throw new Error('no question');
  let offset = 12;
  const labels: string[] = [];
  for (;;) {
    const length = message[offset];
    if (length === undefined) throw new Error('truncated name');
    offset++;
    if (length === 0) break;
    if (length > 63) throw new Error('compressed or bad label in question');
    labels.push(message.subarray(offset, offset + length).toString('ascii'));
    offset += length;
  }
  if (offset + 4 > message.length) throw new Error('truncated question');
  return { id, flags, name: labels.join('.').toLowerCase(), type: message.readUInt16BE(offset), klass: message.readUInt16BE(offset + 2), end: offset + 4 };
}

function record(type: number, rdata: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0xc00c, 0); // pointer to the question name (RFC 1035 §4.1.4)
  head.writeUInt16BE(type, 2);
  head.writeUInt16BE(1, 4); // IN
  head.writeUInt32BE(60, 6);
  head.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([head, rdata]);
}

function rdataFor(type: number, entry: ZoneEntry): Buffer[] {
  if (type === TYPE_A) return (entry.a ?? []).map((ip) => Buffer.from(ip.split('.').map(Number)));
  if (type === TYPE_MX) {
    return (entry.mx ?? []).map((mx) => {
      const pref = Buffer.alloc(2);
      pref.writeUInt16BE(mx.preference);
      return Buffer.concat([pref, encodeName(mx.exchange)]);
    });
  }
  if (type === TYPE_SRV) {
    return (entry.srv ?? []).map((srv) => {
      const fixed = Buffer.alloc(6);
      fixed.writeUInt16BE(srv.priority, 0);
      fixed.writeUInt16BE(srv.weight, 2);
      fixed.writeUInt16BE(srv.port, 4);
      return Buffer.concat([fixed, encodeName(srv.target)]);
    });
  }
  return [];
}

/** Builds the reply to a query from the zone (null: stay silent). */
export function answer(query: Buffer, zone: ReadonlyMap<string, ZoneEntry>, silent: ReadonlySet<string>): Buffer | null {
  const question = decodeQuestion(query);
  if (silent.has(question.name)) return null;
  const entry = zone.get(question.name);
  const answers = entry ? rdataFor(question.type, entry).map((rdata) => record(question.type, rdata)) : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(question.id, 0);
  // QR, opcode copied, AA, RD copied, RA; RCODE 3 (NXDOMAIN) for an unknown name.
  const flags = 0x8000 | (question.flags & 0x7800) | 0x0400 | (question.flags & 0x0100) | 0x0080 | (entry ? 0 : 3);
  header.writeUInt16BE(flags, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, query.subarray(12, question.end), ...answers]);
}

export interface TestDnsServer {
  /** "127.0.0.1:PORT", ready for Resolver.setServers / --dns. */
  readonly address: string;
  /** Every name asked, with its type, in order. */
  readonly queries: { name: string; type: number }[];
  close(): Promise<void>;
}

export async function startDnsServer(zone: Readonly<Record<string, ZoneEntry>>, silent: readonly string[] = []): Promise<TestDnsServer> {
  const records = new Map(Object.entries(zone).map(([name, entry]) => [name.toLowerCase().replace(/\.$/, ''), entry]));
  const quiet = new Set(silent.map((n) => n.toLowerCase()));
  const socket: Socket = createSocket('udp4');
  const queries: { name: string; type: number }[] = [];
  socket.on('message', (message: Buffer, remote: RemoteInfo) => {
    try {
      const q = decodeQuestion(message);
      queries.push({ name: q.name, type: q.type });
      const reply = answer(message, records, quiet);
      if (reply) socket.send(reply, remote.port, remote.address);
    } catch {
      // A malformed query gets no answer, like a real server under attack.
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

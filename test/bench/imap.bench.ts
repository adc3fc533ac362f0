/**
 * IMAP against the real Dovecot of the test stack, Tegami's client and imapflow side by side in
 * one run, rounds alternating between the two to share any drift:
 * - connect + login + select of a 10,000-message folder;
 * - metadata fetch of all messages (UID, FLAGS, ENVELOPE, BODYSTRUCTURE, RFC822.SIZE);
 * - full download of 1,000 messages.
 * Both clients use implicit TLS and the same folder; the numbers of messages and bytes each
 * received are checked to be equal. Targets: ≥ 1.5× imapflow on metadata, ≥ 1× on bodies.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { ImapClient } from '../../core/imap/client.js';
import { loadServers, type Endpoint, type TestUser } from '../servers/descriptor.js';
import type { BenchReport, BenchRow } from './types.js';

export const needsServers = true;

const FOLDER = 'bench-imap-10k';
const MESSAGES = 10_000;
const BODIES = 1_000;
const ROUNDS = 3;

export interface Target {
  readonly endpoint: Endpoint;
  readonly ca: string;
  readonly user: TestUser;
}

function corpusMessage(i: number): Buffer {
  const attachment = i % 5 === 0;
  const boundary = `b${i}x`;
  const text = `Message ${i} of the IMAP benchmark.\r\n${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20 + (i % 40))}\r\n`;
  const parts = [
    `From: "Bench ${i % 97}" <sender${i % 97}@example.org>`,
    `To: alice@tegami.test, "Bob" <bob@tegami.test>`,
    i % 3 === 0 ? 'Cc: carol@example.net' : 'Cc: dave@example.net',
    `Subject: =?UTF-8?B?${Buffer.from(`ベンチマーク ${i}`).toString('base64')}?=`,
    `Date: Thu, 05 Feb 2026 10:${String(i % 60).padStart(2, '0')}:00 +0000`,
    `Message-ID: <bench-imap-${i}@tegami.test>`,
    `In-Reply-To: <bench-imap-${Math.max(0, i - 1)}@tegami.test>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/${attachment ? 'mixed' : 'alternative'}; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    `--${boundary}`,
    attachment ? `Content-Type: application/pdf; name="report-${i}.pdf"` : 'Content-Type: text/html; charset=utf-8',
    attachment ? `Content-Disposition: attachment; filename="report-${i}.pdf"` : 'Content-Transfer-Encoding: quoted-printable',
    ...(attachment ? ['Content-Transfer-Encoding: base64'] : []),
    '',
    attachment ? randomBytes(6000).toString('base64').replace(/.{76}/g, '$&\r\n') : `<p>${text}</p>`,
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(parts.join('\r\n'));
}

async function tegamiClient(t: Target): Promise<ImapClient> {
  return ImapClient.connect({
    host: t.endpoint.host,
    port: t.endpoint.port,
    security: t.endpoint.security,
    ca: t.ca,
    auth: { user: t.user.address, password: t.user.password },
  });
}

/** Fills the folder up to MESSAGES messages (once; later runs reuse it). */
export async function ensureCorpus(t: Target): Promise<void> {
  const c = await tegamiClient(t);
  try {
    await c.run('create', FOLDER).catch(() => undefined);
    const have = (await c.run('status', FOLDER, ['MESSAGES'])).messages ?? 0;
    for (let i = have; i < MESSAGES; i += 250) {
      const batch = [];
      for (let k = i; k < Math.min(MESSAGES, i + 250); k++) batch.push({ content: corpusMessage(k), flags: k % 2 === 0 ? ['\\Seen'] : [] });
      await c.run('append', FOLDER, batch);
    }
  } finally {
    await c.logout();
  }
}

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await f();
  return { ms: performance.now() - start, value };
}

async function tegamiRound(t: Target): Promise<{ open: number; meta: number; bodies: number; count: number; bytes: number }> {
  const open = await timed(async () => {
    const c = await tegamiClient(t);
    await c.run('examine', FOLDER);
    return c;
  });
  const c = open.value;
  const meta = await timed(() => c.run('fetch', '1:*', { uid: true, flags: true, envelope: true, bodyStructure: true, size: true }));
  const uids = meta.value.messages.map((m) => m.attributes.uid ?? 0).sort((a, b) => a - b);
  const range = `${uids[0]}:${uids[BODIES - 1]}`;
  const bodies = await timed(() => c.run('fetch', range, { source: true }));
  let bytes = 0;
  for (const m of bodies.value.messages) {
    const data = m.attributes.sections?.[0]?.data;
    if (data instanceof Uint8Array) bytes += data.length;
  }
  await c.logout();
  return { open: open.ms, meta: meta.ms, bodies: bodies.ms, count: meta.value.messages.length, bytes };
}

async function imapflowRound(t: Target): Promise<{ open: number; meta: number; bodies: number; count: number; bytes: number }> {
  const client = new ImapFlow({
    host: t.endpoint.host,
    port: t.endpoint.port,
    secure: t.endpoint.security === 'tls',
    tls: { ca: [t.ca] },
    auth: { user: t.user.address, pass: t.user.password },
    logger: false,
  });
  const open = await timed(async () => {
    await client.connect();
    await client.mailboxOpen(FOLDER, { readOnly: true });
  });
  let count = 0;
  const uids: number[] = [];
  const meta = await timed(async () => {
    for await (const m of client.fetch('1:*', { uid: true, flags: true, envelope: true, bodyStructure: true, size: true })) {
      count++;
      uids.push(m.uid);
    }
  });
  uids.sort((a, b) => a - b);
  let bytes = 0;
  const bodies = await timed(async () => {
    for await (const m of client.fetch(`${uids[0]}:${uids[BODIES - 1]}`, { source: true }, { uid: true })) bytes += m.source?.length ?? 0;
  });
  await client.logout();
  return { open: open.ms, meta: meta.ms, bodies: bodies.ms, count, bytes };
}

export async function measure(t: Target, rounds = ROUNDS): Promise<BenchReport> {
  await ensureCorpus(t);
  const samples: Record<'tegami' | 'imapflow', { open: number[]; meta: number[]; bodies: number[] }> = {
    tegami: { open: [], meta: [], bodies: [] },
    imapflow: { open: [], meta: [], bodies: [] },
  };
  const checks: string[] = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? (['tegami', 'imapflow'] as const) : (['imapflow', 'tegami'] as const);
    const results: Partial<Record<'tegami' | 'imapflow', Awaited<ReturnType<typeof tegamiRound>>>> = {};
    for (const who of order) {
      const result = who === 'tegami' ? await tegamiRound(t) : await imapflowRound(t);
      results[who] = result;
      samples[who].open.push(result.open);
      samples[who].meta.push((result.count / result.meta) * 1000);
      samples[who].bodies.push((result.bytes / 2 ** 20 / result.bodies) * 1000);
    }
    if (results.tegami?.count !== results.imapflow?.count || results.tegami?.bytes !== results.imapflow?.bytes) {
      throw new Error(`the clients disagree: ${JSON.stringify(results)}`);
    }
    checks.push(`round ${r + 1}: both fetched ${results.tegami?.count} messages' metadata and ${results.tegami?.bytes} body bytes`);
  }
  const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const rows: BenchRow[] = [];
  for (const who of ['tegami', 'imapflow'] as const) {
    rows.push({ subject: who, metric: 'connect+login+select', unit: 'ms', samples: samples[who].open });
    rows.push({ subject: who, metric: `metadata fetch of ${MESSAGES}`, unit: 'msg/s', samples: samples[who].meta });
    rows.push({ subject: who, metric: `full download of ${BODIES}`, unit: 'MB/s', samples: samples[who].bodies });
  }
  return {
    name: 'imap',
    rows,
    ratios: {
      'imapflow (metadata)': median(samples.tegami.meta) / median(samples.imapflow.meta),
      'imapflow (bodies)': median(samples.tegami.bodies) / median(samples.imapflow.bodies),
      'imapflow (open, time ratio)': median(samples.imapflow.open) / median(samples.tegami.open),
    },
    notes: [`folder ${FOLDER} with ${MESSAGES} messages on Dovecot over implicit TLS`, 'targets: metadata ≥ 1.5×, bodies ≥ 1×', ...checks],
  };
}

export default async function run(): Promise<BenchReport> {
  const servers = loadServers();
  return measure({ endpoint: servers.imap.tls, ca: readFileSync(servers.caFile, 'utf8'), user: servers.users.alice });
}

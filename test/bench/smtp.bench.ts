/**
 * SMTP submission throughput through the real Postfix of the test stack, Tegami's client and
 * nodemailer side by side in one run: 1,000 small messages over one authenticated STARTTLS
 * connection, and one 50 MB message. Both send the same prebuilt bytes, so only the protocol
 * work is compared (composition is not). Runs alternate between the two to share any drift.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { openSmtp } from '../../core/smtp/client.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';
import type { BenchReport, BenchRow } from './types.js';

export const needsServers = true;

const SMALL_COUNT = 1000;
const SMALL_ROUNDS = 3;
const BIG_SIZE = 50 * 1024 * 1024;
const BIG_ROUNDS = 3;

function smallMessage(from: string, to: string, i: number): Buffer {
  return Buffer.from(
    `From: ${from}\r\nTo: ${to}\r\nSubject: bench ${i}\r\nMessage-ID: <bench.${randomUUID()}@tegami.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nsmall benchmark message ${i}\r\n.dot line\r\n`,
  );
}

function bigMessage(from: string, to: string): Buffer {
  const b64 = randomBytes((BIG_SIZE * 3) / 4).toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    `From: ${from}\r\nTo: ${to}\r\nSubject: bench big\r\nMessage-ID: <bench.${randomUUID()}@tegami.test>\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n`,
  );
}

async function tegamiSend(servers: ServersDescriptor, ca: string, messages: readonly Buffer[]): Promise<number> {
  const { alice, bob } = servers.users;
  const start = performance.now();
  const client = await openSmtp({
    host: servers.smtp.submission.host,
    port: servers.smtp.submission.port,
    security: 'starttls',
    ca,
    credentials: { username: alice.user, password: alice.password },
  });
  for (const message of messages) await client.send({ from: alice.address, to: [bob.address] }, message);
  await client.quit();
  return performance.now() - start;
}

async function nodemailerSend(servers: ServersDescriptor, ca: string, messages: readonly Buffer[]): Promise<number> {
  const { alice, bob } = servers.users;
  const start = performance.now();
  const transport = nodemailer.createTransport({
    host: servers.smtp.submission.host,
    port: servers.smtp.submission.port,
    secure: false,
    requireTLS: true,
    tls: { ca },
    auth: { user: alice.user, pass: alice.password },
    pool: true,
    maxConnections: 1,
    maxMessages: Infinity,
  });
  for (const message of messages) await transport.sendMail({ envelope: { from: alice.address, to: [bob.address] }, raw: message });
  transport.close();
  return performance.now() - start;
}

export default async function run(): Promise<BenchReport> {
  const servers = loadServers();
  const ca = readFileSync(servers.caFile, 'utf8');
  const { alice, bob } = servers.users;
  const small = Array.from({ length: SMALL_COUNT }, (_, i) => smallMessage(alice.address, bob.address, i));
  const big = bigMessage(alice.address, bob.address);

  const rows: Record<string, number[]> = { 'tegami small': [], 'nodemailer small': [], 'tegami big': [], 'nodemailer big': [] };
  for (let round = 0; round < SMALL_ROUNDS; round++) {
    rows['tegami small']?.push(SMALL_COUNT / ((await tegamiSend(servers, ca, small)) / 1000));
    rows['nodemailer small']?.push(SMALL_COUNT / ((await nodemailerSend(servers, ca, small)) / 1000));
  }
  const mb = big.length / 1024 / 1024;
  for (let round = 0; round < BIG_ROUNDS; round++) {
    rows['tegami big']?.push(mb / ((await tegamiSend(servers, ca, [big])) / 1000));
    rows['nodemailer big']?.push(mb / ((await nodemailerSend(servers, ca, [big])) / 1000));
  }

  const median = (values: readonly number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  };
  const out: BenchRow[] = [
    { subject: 'tegami', metric: `${SMALL_COUNT} small messages, one connection`, unit: 'msg/s', samples: rows['tegami small'] ?? [] },
    { subject: 'nodemailer', metric: `${SMALL_COUNT} small messages, one connection`, unit: 'msg/s', samples: rows['nodemailer small'] ?? [] },
    { subject: 'tegami', metric: `one ${Math.round(mb)} MB message`, unit: 'MB/s', samples: rows['tegami big'] ?? [] },
    { subject: 'nodemailer', metric: `one ${Math.round(mb)} MB message`, unit: 'MB/s', samples: rows['nodemailer big'] ?? [] },
  ];
  return {
    name: 'smtp',
    rows: out,
    ratios: {
      'nodemailer (small messages)': median(rows['tegami small'] ?? []) / median(rows['nodemailer small'] ?? []),
      'nodemailer (50 MB message)': median(rows['tegami big'] ?? []) / median(rows['nodemailer big'] ?? []),
    },
    notes: [
      'Real Postfix submission port (STARTTLS + AUTH PLAIN) of the test stack, alice → bob, delivered to Dovecot over LMTP.',
      'Both clients send the same prebuilt message bytes; nodemailer uses a pool of one connection so it also reuses its session.',
      'Tegami pipelines RSET, MAIL, RCPT and BDAT LAST in one round trip per small message when the server offers PIPELINING and CHUNKING.',
    ],
  };
}

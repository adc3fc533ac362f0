import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SubmissionLimitsStore } from '../../../core/api/send-limits.js';
import { parseCapabilities, submissionLimits } from '../../../core/smtp/capabilities.js';
import { parseReply } from '../../../core/smtp/reply.js';

let dir: string;
const accountDir = (id: string): string => join(dir, 'accounts', id);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-send-limits-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('submissionLimits', () => {
  it('reads SIZE (RFC 1870) and 8BITMIME (RFC 6152) from an EHLO reply; SIZE 0 or none is no limit', () => {
    const ehlo = (lines: string[]): ReturnType<typeof submissionLimits> => submissionLimits(parseCapabilities(parseReply(lines.map((l, i) => `250${i === lines.length - 1 ? ' ' : '-'}${l}`))));
    expect(ehlo(['smtp.test', 'SIZE 10240000', '8BITMIME'])).toEqual({ maxMessageSize: 10_240_000, eightBitMime: true });
    expect(ehlo(['smtp.test', 'SIZE 0'])).toEqual({ maxMessageSize: null, eightBitMime: false });
    expect(ehlo(['smtp.test', 'SIZE'])).toEqual({ maxMessageSize: null, eightBitMime: false });
    expect(ehlo(['smtp.test', 'PIPELINING'])).toEqual({ maxMessageSize: null, eightBitMime: false });
  });
});

describe('SubmissionLimitsStore', () => {
  it('remembers per account on disk, for the next start', async () => {
    const store = new SubmissionLimitsStore(accountDir);
    expect(await store.get('a')).toBeNull();
    await store.remember('a', { maxMessageSize: 35_882_577, eightBitMime: true });
    expect(await store.get('a')).toEqual({ maxMessageSize: 35_882_577, eightBitMime: true });
    expect(await store.get('b')).toBeNull();
    const next = new SubmissionLimitsStore(accountDir);
    expect(await next.get('a')).toEqual({ maxMessageSize: 35_882_577, eightBitMime: true });
    await next.remember('a', { maxMessageSize: null, eightBitMime: false });
    expect(await new SubmissionLimitsStore(accountDir).get('a')).toEqual({ maxMessageSize: null, eightBitMime: false });
  });

  it('writes only when the limits changed', async () => {
    const store = new SubmissionLimitsStore(accountDir);
    await store.remember('a', { maxMessageSize: 1000, eightBitMime: true });
    const file = join(accountDir('a'), 'submission.json');
    await writeFile(file, JSON.stringify({ version: 1, maxMessageSize: 1000, eightBitMime: true, marker: 1 }));
    await store.remember('a', { maxMessageSize: 1000, eightBitMime: true });
    expect(await readFile(file, 'utf8')).toContain('marker');
  });

  it('takes a damaged or foreign file as nothing remembered, never as a limit', async () => {
    await mkdir(accountDir('a'), { recursive: true });
    await writeFile(join(accountDir('a'), 'submission.json'), '{"version":1,"maxMessageSize":-5,"eightBitMime":true}');
    await mkdir(accountDir('b'), { recursive: true });
    await writeFile(join(accountDir('b'), 'submission.json'), '{not json');
    const store = new SubmissionLimitsStore(accountDir);
    expect(await store.get('a')).toBeNull();
    expect(await store.get('b')).toBeNull();
  });

  it('forgets a removed account', async () => {
    const store = new SubmissionLimitsStore(accountDir);
    await store.remember('a', { maxMessageSize: 1000, eightBitMime: true });
    await rm(accountDir('a'), { recursive: true });
    store.forget('a');
    expect(await store.get('a')).toBeNull();
  });
});

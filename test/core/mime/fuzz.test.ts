import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MimeParser, parseMessage, type ParsedMessage } from '../../../core/mime/index.js';
import { MAX_NESTING_DEPTH } from '../../../core/mime/limits.js';

/**
 * Fuzzing with fixed seeds (deterministic, bounded runs): random bytes and mutated fixtures
 * must parse without an exception, finish, and produce output bounded by the input size.
 */
const dir = new URL('../../fixtures/mime/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => new Uint8Array(readFileSync(new URL(f, dir))));

function outputSize(m: ParsedMessage): number {
  let n = (m.text?.length ?? 0) + (m.html?.length ?? 0);
  for (const a of m.attachments) n += a.size;
  return n;
}

function shape(m: ParsedMessage): unknown {
  return { subject: m.subject, text: m.text, html: m.html, attachments: m.attachments.map((a) => [a.part, a.filename, a.size]), warnings: m.warnings.map((w) => `${w.code}@${w.part ?? ''}`) };
}

function check(bytes: Uint8Array, chunk?: number): void {
  let m: ParsedMessage;
  if (chunk === undefined) m = parseMessage(bytes);
  else {
    const p = new MimeParser();
    for (let i = 0; i < bytes.length; i += chunk) p.write(bytes.slice(i, i + chunk));
    m = p.end();
    // Streaming must not change the reading, even of broken input.
    expect(shape(m)).toEqual(shape(parseMessage(bytes)));
  }
  // Each nested message keeps its own bytes as an attachment, so output is bounded by the input
  // times the nesting limit (and by the decoded-size limit overall), never more.
  expect(outputSize(m)).toBeLessThanOrEqual((bytes.length + 64) * (MAX_NESTING_DEPTH + 2));
  expect(m.warnings.length).toBeLessThan(1000);
}

const SPICE = ['\r\n', '\n', '--', '--b', '=?utf-8?b?', '?=', ':', ';', '"', '=', '\0', 'Content-Type: multipart/mixed; boundary=b\n\n', 'Content-Transfer-Encoding: base64\n', 'Content-Type: message/rfc822\n\n', '\x1b$B', '\xff\xfe'];

const mutation = fc.record({
  fixture: fc.nat({ max: fixtures.length - 1 }),
  edits: fc.array(
    fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      kind: fc.constantFrom('insert', 'delete', 'flip', 'truncate', 'duplicate'),
      spice: fc.nat({ max: SPICE.length - 1 }),
      len: fc.integer({ min: 1, max: 200 }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
  chunk: fc.option(fc.integer({ min: 1, max: 97 }), { nil: undefined }),
});

function mutate(base: Uint8Array, edits: ReadonlyArray<{ at: number; kind: string; spice: number; len: number }>): Uint8Array {
  let bytes = Array.from(base);
  for (const e of edits) {
    const at = Math.floor(e.at * bytes.length);
    switch (e.kind) {
      case 'insert':
        bytes.splice(at, 0, ...Array.from(SPICE[e.spice] ?? '', (c) => c.charCodeAt(0) & 0xff));
        break;
      case 'delete':
        bytes.splice(at, e.len);
        break;
      case 'flip':
        if (at < bytes.length) bytes[at] = ((bytes[at] ?? 0) ^ (e.len & 0xff)) & 0xff;
        break;
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
      case 'duplicate':
        bytes.splice(at, 0, ...bytes.slice(at, at + e.len * 10));
        break;
    }
  }
  return Uint8Array.from(bytes);
}

describe('MIME parser fuzzing', () => {
  it('random bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }), (bytes, chunk) => check(bytes, chunk)),
      { seed: 20260307, numRuns: 1000 },
    );
  });

  it('random MIME-ish text never throws', () => {
    const token = fc.constantFrom(...SPICE, 'a', 'Subject: x', 'boundary="b"', ' ', 'QUJD', '=41');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 300 }), (tokens) => check(new TextEncoder().encode(tokens.join('')))),
      { seed: 7, numRuns: 1000 },
    );
  });

  it('mutated fixtures never throw, whole or chunked', () => {
    fc.assert(
      fc.property(mutation, ({ fixture, edits, chunk }) => check(mutate(fixtures[fixture] as Uint8Array, edits), chunk)),
      { seed: 3676, numRuns: 1500 },
    );
  });

  it('pathological inputs finish: deep nesting, endless boundaries, one huge header line', () => {
    let deep = '';
    for (let i = 0; i < 5000; i++) deep += `Content-Type: multipart/mixed; boundary=x${i}\n\n--x${i}\n`;
    check(new TextEncoder().encode(deep));
    check(new TextEncoder().encode(`Content-Type: multipart/mixed; boundary=b\n\n${'--b\n'.repeat(20000)}`));
    check(new TextEncoder().encode(`Subject: ${'x'.repeat(3_000_000)}\n\nbody`));
    // The same long header fed in tiny chunks must not turn quadratic.
    check(new TextEncoder().encode(`Subject: ${'y'.repeat(1_000_000)}\n\nbody`), 7);
    let rfc822 = 'leaf';
    for (let i = 0; i < 2000; i++) rfc822 = `Content-Type: message/rfc822\n\n${rfc822}`;
    check(new TextEncoder().encode(rfc822));
  });
});

import { describe, expect, it } from 'vitest';
import { Headers, parseHeaderBlock } from '../../../core/mime/headers.js';
import { WarningSink } from '../../../core/mime/warnings.js';
import { concat, encodeShiftJis } from './support/japanese.js';

function parse(block: Uint8Array | string): { headers: Headers; warnings: WarningSink } {
  const warnings = new WarningSink();
  const bytes = typeof block === 'string' ? new TextEncoder().encode(block) : block;
  return { headers: new Headers(parseHeaderBlock(bytes, { warnings, part: '', maxFields: 100 })), warnings };
}

describe('header blocks (RFC 5322 §2.2)', () => {
  it('unfolds continuation lines and keeps the raw form', () => {
    const { headers } = parse('Subject: a long\r\n\tsubject line\r\nX-Empty:\r\n');
    expect(headers.get('subject')?.value).toBe('a long\tsubject line');
    expect(headers.get('SUBJECT')?.raw).toBe('Subject: a long\r\n\tsubject line');
    expect(headers.get('x-empty')?.value).toBe('');
  });

  it('keeps repeated fields in order', () => {
    const { headers } = parse('Received: one\nReceived: two\nReceived: three\n');
    expect(headers.getAll('received').map((f) => f.value)).toEqual(['one', 'two', 'three']);
  });

  it('reads RFC 6532 UTF-8 values and raw Shift_JIS using the part charset hint', () => {
    expect(parse('Subject: 日本語\n').headers.get('subject')?.decoded).toBe('日本語');
    const { headers, warnings } = parse(concat('Subject: ', encodeShiftJis('件名'), '\nContent-Type: text/plain; charset=Shift_JIS\n'));
    expect(headers.get('subject')?.decoded).toBe('件名');
    expect(warnings.list.map((w) => w.code)).toContain('header-8bit');
  });

  it('tolerates lines without a colon, an mbox From line, NUL bytes and mixed line ends', () => {
    const { headers, warnings } = parse('From sender@example.com Sat Mar  7 10:00:00 2026\nSubject: one\r\ntwo lost its indent\nX-A: b\0c\n');
    expect(headers.get('subject')?.value).toBe('one two lost its indent');
    expect(headers.get('x-a')?.value).toBe('bc');
    expect(warnings.list.map((w) => w.code).sort()).toEqual(['bare-lf', 'header-without-colon', 'mbox-from-line', 'nul-bytes']);
  });

  it('stops at the field limit with a typed warning', () => {
    const warnings = new WarningSink();
    const block = new TextEncoder().encode(Array.from({ length: 20 }, (_, i) => `X-${i}: v`).join('\n'));
    const fields = parseHeaderBlock(block, { warnings, part: '', maxFields: 5 });
    expect(fields).toHaveLength(5);
    expect(warnings.list[0]?.code).toBe('limit-header-fields');
  });
});

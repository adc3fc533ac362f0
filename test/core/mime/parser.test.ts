import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MimeParser, parseMessage, parseMessageStream, type ParsedMessage } from '../../../core/mime/index.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/mime/${name}`, import.meta.url)));
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const codes = (m: ParsedMessage): string[] => m.warnings.map((w) => w.code);

function parseChunked(bytes: Uint8Array, size: number): ParsedMessage {
  const parser = new MimeParser();
  for (let i = 0; i < bytes.length; i += size) parser.write(bytes.slice(i, i + size));
  return parser.end();
}

/** The parts of a result that must not depend on how the input was chunked. */
function summary(m: ParsedMessage): unknown {
  return {
    subject: m.subject,
    from: m.from,
    to: m.to,
    text: m.text,
    html: m.html,
    attachments: m.attachments.map((a) => ({ part: a.part, filename: a.filename, type: a.contentType, size: a.size, bytes: Array.from(a.content), nested: a.message?.text })),
    warnings: codes(m),
  };
}

describe('MIME parser: the torture message', () => {
  const m = parseMessage(fixture('torture.eml'));

  it('reads the header fields', () => {
    expect(m.subject).toBe('Torture ✓ test ✔');
    expect(m.from).toEqual([{ kind: 'mailbox', name: 'Torture, Test', address: 'torture@example.org', asciiAddress: 'torture@example.org' }]);
    expect(m.to.map((a) => a.kind)).toEqual(['mailbox', 'mailbox', 'group']);
    expect(m.cc[0]).toMatchObject({ name: 'Renée Dupré', address: 'renee@bücher.example' });
    expect(m.date?.toISOString()).toBe('2026-03-07T10:00:00.000Z');
    expect(m.messageId).toBe('torture.1@example.org');
    expect(m.headers.getAll('received')).toHaveLength(1);
  });

  it('builds the part tree with IMAP-style paths', () => {
    const paths: string[] = [];
    const walk = (p: typeof m.root): void => {
      paths.push(`${p.path}:${p.contentType.mime}`);
      p.children.forEach(walk);
    };
    walk(m.root);
    expect(paths).toEqual([
      ':multipart/mixed',
      '1:multipart/alternative',
      '1.1:text/plain',
      '1.2:multipart/related',
      '1.2.1:text/html',
      '1.2.2:image/png',
      '2:application/octet-stream',
      '3:message/rfc822',
      '4:text/plain',
      '5:text/plain',
    ]);
  });

  it('gives the displayable bodies without preamble, epilogue or the forwarded message', () => {
    expect(m.text).toBe('Plain text body with a soft break and a flowed line.\nA part with no header at all: text/plain by default (RFC 2045 §5.2).');
    expect(m.html).toContain('<p>HTML body</p>');
    expect(m.text).not.toContain('preamble');
    expect(m.text).not.toContain('Inner text');
  });

  it('lists attachments, inline images and the forwarded message as its own message', () => {
    expect(m.attachments.map((a) => [a.part, a.filename, a.contentType, a.disposition, a.contentId, a.related, a.size])).toEqual([
      ['1.2.2', undefined, 'image/png', 'inline', 'logo@example.org', true, 33],
      ['2', '日本語.bin', 'application/octet-stream', 'attachment', undefined, false, 300],
      ['3', 'The forwarded message.eml', 'message/rfc822', 'inline', undefined, false, m.attachments[2]?.content.length],
      ['5', 'notes.txt', 'text/plain', 'attachment', undefined, false, 37],
    ]);
    expect(Array.from(m.attachments[1]?.content ?? [])).toEqual(Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff));
    const inner = m.attachments[2]?.message;
    expect(inner?.subject).toBe('The forwarded message');
    expect(inner?.text).toBe('Inner text, café.');
    expect(inner?.attachments.map((a) => a.filename)).toEqual(['data.csv']);
    expect(inner?.date?.toISOString()).toBe('2026-03-06T13:00:00.000Z');
    expect(m.warnings).toEqual([]);
  });

  it('gives the same result for any chunking of the input, down to one byte', async () => {
    const bytes = fixture('torture.eml');
    const whole = summary(m);
    for (const size of [1, 2, 3, 5, 13, 64, 1000]) expect(summary(parseChunked(bytes, size))).toEqual(whole);
    async function* gen(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.slice(i, i + 7);
    }
    expect(summary(await parseMessageStream(gen()))).toEqual(whole);
  });
});

describe('MIME parser: Japanese mail', () => {
  it('ISO-2022-JP headers split over two encoded words and a 7bit body', () => {
    const m = parseMessage(fixture('jp-iso-2022-jp.eml'));
    expect(m.subject).toBe('会議資料の送付について');
    expect(m.from[0]).toMatchObject({ name: '田中太郎', address: 'tanaka@example.co.jp' });
    expect(m.text).toBe('佐藤様\n\n会議資料を送付します。\nご確認ください。\n');
    expect(m.warnings).toEqual([]);
  });

  it('Shift_JIS subject split inside a character, base64 body, encoded-word filename', () => {
    const m = parseMessage(fixture('jp-shift_jis.eml'));
    expect(m.subject).toBe('見積書の送付');
    expect(m.text).toBe('山田様\n見積書を添付いたします。\n');
    expect(m.attachments[0]?.filename).toBe('見積書.pdf');
    expect(text(m.attachments[0]?.content ?? new Uint8Array())).toBe('%PDF-1.4 fake but real bytes\n');
  });

  it('EUC-JP raw 8-bit subject read through the body charset hint', () => {
    const m = parseMessage(fixture('jp-euc-jp.eml'));
    expect(m.subject).toBe('日本語の件名です');
    expect(m.text).toBe('伊藤さん\n本文もEUC-JPです。\n');
    expect(codes(m)).toEqual(['header-8bit']);
  });

  it('UTF-8 headers (RFC 6532), IDN address and format=flowed DelSp=yes', () => {
    const m = parseMessage(fixture('jp-utf8.eml'));
    expect(m.subject).toBe('返信: 来週の予定');
    expect(m.from[0]).toMatchObject({ name: '山本', address: 'yamamoto@例え.jp', asciiAddress: 'yamamoto@xn--r8jz45g.jp' });
    expect(m.to[0]).toMatchObject({ name: '中村, 次郎' });
    expect(m.text).toBe('来週の予定は、月曜日です。\n> quoted line onecontinues here\n');
    expect(m.inReplyTo).toBe('utf8.0@example.jp');
    expect(m.references).toEqual(['utf8.-1@example.jp', 'utf8.0@example.jp']);
  });

  it('mislabelled charsets: reads the real one and warns', () => {
    const m = parseMessage(fixture('jp-mislabeled.eml'));
    expect(m.subject).toBe('文字化け');
    expect(m.text).toBe('本当はシフトJISです。\n');
    expect(codes(m)).toEqual(['charset-mismatch']);
    expect(m.warnings.length).toBe(1);
  });
});

describe('MIME parser: tolerance', () => {
  const msg = (s: string): ParsedMessage => parseMessage(s);

  it('a missing closing boundary keeps the last part and warns', () => {
    const m = msg('Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nfirst\n--b\nContent-Type: text/plain\n\nsecond, never closed\n');
    expect(m.text).toBe('first\nsecond, never closed\n');
    expect(codes(m)).toEqual(['missing-closing-boundary']);
  });

  it('an inner multipart closed by the outer boundary', () => {
    const m = msg('Content-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: multipart/alternative; boundary=inner\n\n--inner\n\ninner text\n--outer\nContent-Type: text/html\n\n<b>x</b>\n--outer--\n');
    expect(m.text).toBe('inner text');
    expect(m.html).toBe('<b>x</b>');
    expect(m.warnings.map((w) => [w.code, w.part])).toEqual([['missing-closing-boundary', '1']]);
  });

  it('truncated base64 decodes as far as it goes', () => {
    const m = msg('Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\naGVsbG8gd29ybGQ');
    // 15 characters: the last quantum has 3 of 4, enough for the final two bytes
    expect(text(m.attachments[0]?.content ?? new Uint8Array())).toBe('hello world');
    expect(codes(m)).toEqual(['truncated-base64']);
  });

  it('NUL bytes in a text body are removed with a warning', () => {
    const m = parseMessage(new Uint8Array([...new TextEncoder().encode('Subject: x\n\nab'), 0, ...new TextEncoder().encode('c\n')]));
    expect(m.text).toBe('abc\n');
    expect(codes(m)).toEqual(['nul-bytes']);
  });

  it('bare LF messages parse like CRLF ones; mixed line ends warn', () => {
    const crlf = parseMessage('Subject: s\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\n\r\nbody\r\n--z--\r\n');
    const lf = parseMessage('Subject: s\nContent-Type: multipart/mixed; boundary=z\n\n--z\n\nbody\n--z--\n');
    expect(lf.text).toBe(crlf.text);
    expect(lf.warnings).toEqual([]);
    const mixed = parseMessage('Subject: s\r\nFrom: a@b\nTo: c@d\r\n\r\nx');
    expect(codes(mixed)).toEqual(['bare-lf']);
  });

  it('a header line without a colon is kept with the field above and warned', () => {
    const m = msg('Subject: first part\nsecond part\nFrom: a@example.com\n\nbody');
    expect(m.subject).toBe('first part second part');
    expect(m.from[0]).toMatchObject({ address: 'a@example.com' });
    expect(codes(m)).toEqual(['header-without-colon']);
  });

  it('multipart without boundary is read as text', () => {
    const m = msg('Content-Type: multipart/mixed\n\nhello');
    expect(m.text).toBe('hello');
    expect(codes(m)).toEqual(['missing-boundary-parameter']);
  });

  it('empty input, headers only, body only', () => {
    expect(parseMessage(new Uint8Array(0)).subject).toBeUndefined();
    expect(msg('Subject: only headers').subject).toBe('only headers');
    expect(msg('\njust a body').text).toBe('just a body');
  });

  it('a part that runs straight into the next boundary without a blank line', () => {
    const m = msg('Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: text/plain\n--q\nContent-Type: text/plain\n\nsecond\n--q--');
    expect(m.root.children).toHaveLength(2);
    expect(m.text).toBe('second');
  });

  it('undeclared and unknown charsets in bodies', () => {
    const latin = parseMessage(new Uint8Array([...new TextEncoder().encode('Content-Type: text/plain; charset=x-bogus\n\ncaf'), 0xe9]));
    expect(latin.text).toBe('café');
    expect(codes(latin)).toEqual(['charset-unknown']);
  });

  it('base64-encoded message/rfc822 is decoded and parsed as its own message', () => {
    const inner = btoa('Subject: inside\r\n\r\nhello inside\r\n');
    const m = msg(`Content-Type: multipart/mixed; boundary=b\n\n--b\n\nouter\n--b\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n${inner}\n--b--\n`);
    expect(m.text).toBe('outer');
    expect(m.attachments[0]?.message?.subject).toBe('inside');
    expect(m.attachments[0]?.message?.text).toBe('hello inside\n');
  });

  it('multipart/digest parts default to message/rfc822 (RFC 2046 §5.1.5)', () => {
    const m = msg('Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d\n\nSubject: two\n\nsecond\n--d--\n');
    expect(m.attachments.map((a) => a.message?.subject)).toEqual(['one', 'two']);
  });
});

describe('MIME parser: limits', () => {
  it('nesting deeper than maxDepth becomes an opaque part with a typed warning', () => {
    let body = '\ndeep text';
    for (let i = 9; i >= 0; i--) body = `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n${body}\n--b${i}--`;
    const m = parseMessage(body, { limits: { maxDepth: 4 } });
    expect(codes(m)).toContain('limit-depth');
    expect(m.text).toBeUndefined();
    const unlimited = parseMessage(body);
    expect(unlimited.text).toBe('deep text');
  });

  it('too many parts: the rest are skipped', () => {
    const parts = Array.from({ length: 50 }, (_, i) => `--p\n\npart ${i}\n`).join('');
    const m = parseMessage(`Content-Type: multipart/mixed; boundary=p\n\n${parts}--p--\n`, { limits: { maxParts: 10 } });
    expect(m.root.children).toHaveLength(10);
    expect(codes(m)).toEqual(['limit-parts']);
  });

  it('a header block larger than the limit is cut and the body still found', () => {
    const m = parseMessage(`Subject: s\nX-Big: ${'x'.repeat(5000)}\nX-After: y\n\nbody`, { limits: { maxHeaderBytes: 1000 } });
    expect(m.subject).toBe('s');
    expect(codes(m)).toContain('limit-header-size');
  });

  it('decoded size beyond the limit cuts the part short', () => {
    const m = parseMessage(`Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n${btoa('x'.repeat(3000))}`, { limits: { maxDecodedBytes: 1000 } });
    expect(m.attachments[0]?.size).toBe(1000);
    expect(codes(m)).toEqual(['limit-decoded-size']);
  });

  it('nested messages share the limits of the outer one', () => {
    let inner = 'Subject: leaf\n\nleaf';
    for (let i = 0; i < 10; i++) inner = `Content-Type: message/rfc822\n\n${inner}`;
    const m = parseMessage(inner, { limits: { maxDepth: 5 } });
    expect(codes(m)).toContain('limit-depth');
  });

  it('rejects a bad limit option', () => {
    expect(() => parseMessage('x', { limits: { maxDepth: 0 } })).toThrow(RangeError);
  });
});

describe('MIME parser: large attachments', () => {
  it('a 50 MB attachment streamed in 64 KB chunks is decoded once, into chunks, not joined', () => {
    const size = 50 * 1024 * 1024;
    const raw = new Uint8Array(size);
    for (let i = 0; i < size; i += 4096) raw[i] = i & 0xff;
    // Build the base64 body line by line without a 70 MB string.
    const header = new TextEncoder().encode('Content-Type: multipart/mixed; boundary=big\r\n\r\n--big\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n');
    const parser = new MimeParser();
    parser.write(header);
    const lineBytes = 57; // 76 base64 characters
    const chunk: number[] = [];
    let written = 0;
    for (let i = 0; i < size; i += lineBytes) {
      const line = btoa(String.fromCharCode(...raw.subarray(i, i + lineBytes)));
      for (let k = 0; k < line.length; k++) chunk.push(line.charCodeAt(k));
      chunk.push(13, 10);
      if (chunk.length >= 65536) {
        parser.write(Uint8Array.from(chunk));
        written += chunk.length;
        chunk.length = 0;
      }
    }
    parser.write(Uint8Array.from([...chunk, ...new TextEncoder().encode('--big--\r\n')]));
    const m = parser.end();
    const att = m.attachments[0];
    expect(written).toBeGreaterThan(size);
    expect(att?.size).toBe(size);
    expect(att?.chunks.length).toBeGreaterThan(100);
    let total = 0;
    for (const c of att?.chunks ?? []) total += c.length;
    expect(total).toBe(size);
    // Spot-check content without joining.
    const first = att?.chunks[0];
    expect(first?.[0]).toBe(0);
  }, 60_000);

  it('an attachment sink receives the bytes and the parser keeps none', () => {
    const received: Uint8Array[] = [];
    const m = parseMessage(`Content-Type: multipart/mixed; boundary=s\n\n--s\n\nbody\n--s\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\n${btoa('PNGDATA')}\n--s--\n`, {
      attachmentSink: (info) => (info.contentType === 'image/png' ? (c) => received.push(c) : undefined),
    });
    expect(text(Uint8Array.from(received.flatMap((c) => Array.from(c))))).toBe('PNGDATA');
    expect(m.attachments[0]?.size).toBe(7);
    expect(m.attachments[0]?.content.length).toBe(0);
    expect(m.text).toBe('body');
  });
});

describe('MIME parser: streaming is chunking-independent (property)', () => {
  it('every fixture parses the same for any sequence of chunk sizes', async () => {
    const fc = (await import('fast-check')).default;
    const { readdirSync } = await import('node:fs');
    const names = readdirSync(new URL('../../fixtures/mime/', import.meta.url)).filter((f) => f.endsWith('.eml'));
    const wholes = new Map(names.map((n) => [n, summary(parseMessage(fixture(n)))]));
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }), (name, sizes) => {
        const bytes = fixture(name);
        const parser = new MimeParser();
        let i = 0;
        let k = 0;
        while (i < bytes.length) {
          const size = sizes[k++ % sizes.length] ?? 1;
          parser.write(bytes.slice(i, i + size));
          i += size;
        }
        expect(summary(parser.end())).toEqual(wholes.get(name));
      }),
      { seed: 2046, numRuns: 600 },
    );
  });
});

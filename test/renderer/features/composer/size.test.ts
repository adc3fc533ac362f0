import { describe, expect, it } from 'vitest';
import { HEADER_ALLOWANCE, PART_HEADER_ALLOWANCE, base64Size, bytesToBase64, estimateMessageSize, formatSize } from '../../../../renderer/src/features/composer/size.js';

describe('base64Size', () => {
  it('is 4 characters per 3 bytes plus CRLF per 76-character line (RFC 2045 §6.8)', () => {
    expect(base64Size(0)).toBe(0);
    expect(base64Size(1)).toBe(4 + 2);
    expect(base64Size(57)).toBe(76 + 2);
    expect(base64Size(58)).toBe(80 + 4);
    expect(base64Size(3_000_000)).toBe(4_000_000 + Math.ceil(4_000_000 / 76) * 2);
  });
});

describe('estimateMessageSize', () => {
  it('counts ASCII text as is, other text and attachments as base64, plus header allowances', () => {
    expect(estimateMessageSize('hello', null, [])).toBe(HEADER_ALLOWANCE + 5);
    const japanese = 'こんにちは'; // 15 UTF-8 bytes
    expect(estimateMessageSize(japanese, null, [])).toBe(HEADER_ALLOWANCE + base64Size(15));
    expect(estimateMessageSize('', '<p>x</p>', [300])).toBe(HEADER_ALLOWANCE + 2 * PART_HEADER_ALLOWANCE + 8 + base64Size(300));
  });
});

describe('formatSize', () => {
  it('uses binary steps and the UI language', () => {
    expect(formatSize(512, 'en')).toBe('512 bytes');
    expect(formatSize(1, 'en')).toBe('1 byte');
    expect(formatSize(512, 'ja')).toBe('512 バイト');
    expect(formatSize(1536, 'en')).toBe('1.5 kB');
    expect(formatSize(5 * 1024 * 1024, 'ja')).toMatch(/^5\s?MB$/);
  });
});

describe('bytesToBase64', () => {
  it('matches the platform encoder, including large inputs', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });
});

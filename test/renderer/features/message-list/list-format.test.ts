import { describe, expect, it } from 'vitest';
import { listDate, listSize, senderLabel } from '../../../../renderer/src/features/message-list/list-format.js';
import { ariaSort, nextSort } from '../../../../renderer/src/features/message-list/sort-header.js';

describe('list dates and sizes in the UI language', () => {
  const now = new Date(2024, 4, 20, 18, 0);
  it('shows only the time for today, month and day this year, the full date before', () => {
    expect(listDate(new Date(2024, 4, 20, 9, 5).getTime(), 'en', now)).toBe('9:05 AM');
    expect(listDate(new Date(2024, 4, 20, 9, 5).getTime(), 'ja', now)).toBe('9:05');
    expect(listDate(new Date(2024, 0, 3, 9, 5).getTime(), 'en', now)).toBe('Jan 3');
    expect(listDate(new Date(2024, 0, 3, 9, 5).getTime(), 'ja', now)).toBe('1月3日');
    expect(listDate(new Date(2021, 11, 31, 9, 5).getTime(), 'en', now)).toBe('12/31/2021');
    expect(listDate(new Date(2021, 11, 31, 9, 5).getTime(), 'ja', now)).toBe('2021/12/31');
    expect(listDate(Number.NaN, 'en', now)).toBe('');
  });

  it('writes sizes with units and senders by name, else address', () => {
    expect(listSize(512, 'en')).toBe('512 bytes');
    expect(listSize(1, 'en')).toBe('1 byte');
    expect(listSize(512, 'ja')).toBe('512 バイト');
    expect(listSize(1536, 'en')).toBe('1.5 kB');
    expect(listSize(5 * 1024 * 1024, 'ja')).toBe('5 MB');
    expect(senderLabel([{ name: '山田', address: 'y@example.jp' }])).toBe('山田');
    expect(senderLabel([{ name: '', address: 'y@example.jp' }])).toBe('y@example.jp');
    expect(senderLabel([])).toBe('');
  });
});

describe('column header sorting', () => {
  it('flips the current column and starts others in their natural direction', () => {
    expect(nextSort({ sort: 'date', descending: true }, 'date')).toEqual({ sort: 'date', descending: false });
    expect(nextSort({ sort: 'date', descending: true }, 'from')).toEqual({ sort: 'from', descending: false });
    expect(nextSort({ sort: 'from', descending: false }, 'size')).toEqual({ sort: 'size', descending: true });
    expect(ariaSort({ sort: 'subject', descending: false }, 'subject')).toBe('ascending');
    expect(ariaSort({ sort: 'subject', descending: true }, 'subject')).toBe('descending');
    expect(ariaSort({ sort: 'subject', descending: true }, 'date')).toBe('none');
  });
});

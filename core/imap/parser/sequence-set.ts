/** Sequence sets "1:4,7,9:*" (RFC 3501 §9 sequence-set): validate, expand, compress. */
import { MailError } from '../../net/mail-error.js';
import { MAX_SEQUENCE_SET_EXPANSION } from '../limits.js';

const SET = /^(\d+|\*)(:(\d+|\*))?(,(\d+|\*)(:(\d+|\*))?)*$/;

export function isSequenceSet(value: string): boolean {
  return SET.test(value);
}

/**
 * Expands a set to its numbers in ascending order, without duplicates. `*` needs `largest`
 * (the mailbox's highest number); without it a set containing `*` is a typed error.
 */
export function expandSequenceSet(value: string, largest?: number, max = MAX_SEQUENCE_SET_EXPANSION): number[] {
  if (!SET.test(value)) throw new MailError('protocol-error', `"${value.slice(0, 50)}" is not a sequence set.`);
  const resolve = (s: string): number => {
    if (s === '*') {
      if (largest === undefined) throw new MailError('protocol-error', 'A sequence set with "*" cannot be expanded here.');
      return largest;
    }
    return Number(s);
  };
  const ranges: Array<[number, number]> = [];
  let total = 0;
  for (const part of value.split(',')) {
    const [a = '', b] = part.split(':');
    const x = resolve(a);
    const y = b === undefined ? x : resolve(b);
    const lo = Math.min(x, y);
    const hi = Math.max(x, y);
    total += hi - lo + 1;
    if (total > max) throw new MailError('protocol-error', `A sequence set expands to more than ${max} numbers.`);
    ranges.push([lo, hi]);
  }
  const seen = new Set<number>();
  for (const [lo, hi] of ranges) for (let n = lo; n <= hi; n++) seen.add(n);
  return [...seen].sort((p, q) => p - q);
}

/** Compresses numbers to the shortest set ("1:3,5"); throws on an empty list. */
export function compressSequenceSet(numbers: Iterable<number>): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  if (sorted.length === 0) throw new MailError('invalid-argument', 'An empty set of messages.');
  const parts: string[] = [];
  let start = sorted[0] ?? 0;
  let prev = start;
  for (let i = 1; i <= sorted.length; i++) {
    const n = sorted[i];
    if (n !== undefined && n === prev + 1) {
      prev = n;
      continue;
    }
    parts.push(start === prev ? String(start) : `${start}:${prev}`);
    if (n !== undefined) start = prev = n;
  }
  return parts.join(',');
}

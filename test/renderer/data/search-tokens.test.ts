import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_LENGTH, MAX_TOKENS_PER_TEXT, matchesQuery, tokenize } from '../../../renderer/src/data/search-tokens.js';

describe('tokenize', () => {
  it('splits spaced scripts on punctuation and lower-cases them', () => {
    expect(tokenize('Re: Quarterly REPORT, v2!')).toEqual(['re', 'quarterly', 'report', 'v2']);
  });

  it('indexes Japanese runs as overlapping bigrams', () => {
    expect(tokenize('会議の予定')).toEqual(['会議', '議の', 'の予', '予定']);
  });

  it('keeps a single CJK character and separates it from adjacent Latin words', () => {
    expect(tokenize('件 ABC日本')).toEqual(['件', 'abc', '日本']);
  });

  it('folds full-width Latin and half-width katakana (NFKC)', () => {
    expect(tokenize('ＴＥＧＡＭＩ ﾃｽﾄ')).toEqual(['tegami', 'テス', 'スト']);
  });

  it('drops overlong runs and caps the token count', () => {
    expect(tokenize('a'.repeat(MAX_TOKEN_LENGTH + 1))).toEqual([]);
    const many = Array.from({ length: MAX_TOKENS_PER_TEXT + 50 }, (_, i) => `w${i}`).join(' ');
    expect(tokenize(many)).toHaveLength(MAX_TOKENS_PER_TEXT);
  });
});

describe('matchesQuery', () => {
  const indexed = new Set(tokenize('来週の会議について Alice Example'));

  it('finds a Japanese word inside a run without spaces', () => {
    expect(matchesQuery(indexed, '会議')).toBe(true);
    expect(matchesQuery(indexed, '来週 alice')).toBe(true);
  });

  it('requires every query token and rejects an empty query', () => {
    expect(matchesQuery(indexed, '会議 bob')).toBe(false);
    expect(matchesQuery(indexed, '会社')).toBe(false);
    expect(matchesQuery(indexed, '  ,; ')).toBe(false);
  });
});

/**
 * Tokens for the local word index. Words in scripts that separate them with
 * spaces are split on anything that is not a letter or digit; Japanese,
 * Chinese and Korean runs have no separators, so they are indexed as
 * overlapping character bigrams (a one-character run is its own token).
 * Both the index and the query go through the same function, so a query
 * matches when every one of its tokens is among the message's tokens.
 */

/** Longest token kept; longer runs are usually base64 or URLs, not words. */
export const MAX_TOKEN_LENGTH = 40;

/** Most tokens kept per text, so one huge snippet cannot bloat the index. */
export const MAX_TOKENS_PER_TEXT = 2000;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々〆]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function pushCjkRun(run: string[], out: Set<string>): void {
  if (run.length === 1) out.add(run[0]!);
  for (let i = 0; i + 1 < run.length; i++) out.add(run[i]! + run[i + 1]!);
}

/** The distinct index tokens of `text`, in first-seen order. */
export function tokenize(text: string): string[] {
  // NFKC folds full-width Latin and half-width katakana onto their usual forms.
  const normalized = text.normalize('NFKC').toLowerCase();
  const out = new Set<string>();
  let word = '';
  let cjk: string[] = [];
  const flushWord = (): void => {
    if (word !== '' && word.length <= MAX_TOKEN_LENGTH) out.add(word);
    word = '';
  };
  const flushCjk = (): void => {
    pushCjkRun(cjk, out);
    cjk = [];
  };
  for (const ch of normalized) {
    if (out.size >= MAX_TOKENS_PER_TEXT) break;
    if (CJK.test(ch)) {
      flushWord();
      cjk.push(ch);
    } else if (WORD_CHAR.test(ch)) {
      flushCjk();
      word += ch;
    } else {
      flushWord();
      flushCjk();
    }
  }
  flushWord();
  flushCjk();
  return [...out].slice(0, MAX_TOKENS_PER_TEXT);
}

/** Whether every token of `query` occurs in `indexed` (an AND search). */
export function matchesQuery(indexed: ReadonlySet<string>, query: string): boolean {
  const wanted = tokenize(query);
  return wanted.length > 0 && wanted.every((token) => indexed.has(token));
}

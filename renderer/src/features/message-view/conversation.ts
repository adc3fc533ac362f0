/**
 * The conversation view's pure parts: which messages start expanded, and a text body folded so
 * that what earlier messages already said (quoted replies) is hidden behind "show quoted text".
 */
import type { TextBlock } from './text-body.js';

export interface ConversationEntry {
  readonly id: string;
  readonly unread: 0 | 1;
}

/**
 * Expanded at first: the selected message, and unread ones (what the user has not seen yet);
 * when the selection is not in the thread (it moved), the newest message.
 */
export function initiallyExpanded(entries: readonly ConversationEntry[], selectedId: string | null): Set<string> {
  const expanded = new Set(entries.filter((e) => e.unread === 1).map((e) => e.id));
  if (selectedId !== null && entries.some((e) => e.id === selectedId)) expanded.add(selectedId);
  else {
    const newest = entries[entries.length - 1];
    if (newest !== undefined) expanded.add(newest.id);
  }
  return expanded;
}

export type FoldedSegment =
  | { readonly kind: 'own'; readonly blocks: readonly TextBlock[] }
  | { readonly kind: 'quoted'; readonly blocks: readonly TextBlock[]; readonly lines: number };

/**
 * "On Tue, Bob wrote:", "2026年11月28日 10:00 Bob <bob@…>:", "…のメッセージ:", "-----Original Message-----":
 * the line that introduces a quote belongs to the fold, not to the author's own words.
 */
const ATTRIBUTION = /(?:wrote|writes|said|schrieb|a écrit|escribió|書きました|のメッセージ|より)\s*[:：]\s*$|^-{2,}\s*(?:original message|forwarded message|元のメッセージ|転送されたメッセージ)\s*-{2,}$|<[^<>@\s]+@[^<>\s]+>\s*[:：]\s*$/i;

function lineCount(blocks: readonly TextBlock[]): number {
  return blocks.reduce((n, b) => n + b.text.split('\n').length, 0);
}

/** Groups a body's blocks: the author's own text, and runs of quoted blocks to fold. */
export function foldQuotes(blocks: readonly TextBlock[]): FoldedSegment[] {
  const segments: FoldedSegment[] = [];
  let own: TextBlock[] = [];
  let quoted: TextBlock[] = [];
  const flushOwn = (): void => {
    if (own.length > 0) segments.push({ kind: 'own', blocks: own });
    own = [];
  };
  const flushQuoted = (): void => {
    if (quoted.length > 0) segments.push({ kind: 'quoted', blocks: quoted, lines: lineCount(quoted) });
    quoted = [];
  };
  for (const block of blocks) {
    if (block.depth > 0) {
      if (quoted.length === 0) {
        // Move a trailing attribution line of the own text into the fold.
        const last = own[own.length - 1];
        if (last !== undefined && !last.signature) {
          const lines = last.text.replace(/\n+$/, '').split('\n');
          const tail = lines[lines.length - 1] ?? '';
          if (ATTRIBUTION.test(tail.trim())) {
            const rest = lines.slice(0, -1).join('\n');
            own = own.slice(0, -1);
            if (rest.trim() !== '') own.push({ ...last, text: rest });
            flushOwn();
            quoted.push({ depth: 0, text: tail, signature: false });
          }
        }
        flushOwn();
      }
      quoted.push(block);
    } else {
      flushQuoted();
      own.push(block);
    }
  }
  flushQuoted();
  flushOwn();
  return segments;
}

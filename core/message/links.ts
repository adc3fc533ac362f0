/**
 * A small tolerant scanner for <a href> in HTML mail. Core has no DOM (it also runs in the
 * Electron main process), and a full HTML parser is not needed to find anchors and their
 * visible text. Unclosed anchors end at the next <a or at the end of the document.
 */

export interface Anchor {
  readonly href: string;
  /** Visible text with tags removed, entities decoded and whitespace collapsed. */
  readonly text: string;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', sol: '/', period: '.', colon: ':' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function attribute(tag: string, name: string): string | undefined {
  const re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
  const m = re.exec(tag);
  if (m === null) return undefined;
  return decodeEntities(m[1] ?? m[2] ?? m[3] ?? '');
}

/** Finds anchors with an href. Bounded: at most `max` anchors are returned. */
export function scanAnchors(html: string, max = 10_000): Anchor[] {
  const anchors: Anchor[] = [];
  const open = /<a\b[^>]*>/gi;
  let m: RegExpExecArray | null;
  while ((m = open.exec(html)) !== null && anchors.length < max) {
    const href = attribute(m[0], 'href');
    const start = m.index + m[0].length;
    const close = html.slice(start).search(/<\/a\s*>|<a\b/i);
    const inner = close === -1 ? html.slice(start) : html.slice(start, start + close);
    if (href === undefined) continue;
    const text = decodeEntities(inner.replace(/<!--[^]*?-->/g, '').replace(/<\/?(?:br|p|div|td|th|tr|li|table|h\d)\b[^>]*>/gi, ' ').replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
    anchors.push({ href: href.trim(), text });
  }
  return anchors;
}

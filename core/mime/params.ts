/**
 * Structured header values with parameters: Content-Type (RFC 2045 §5.1), Content-Disposition
 * (RFC 2183) and RFC 2231 parameter value continuations, charsets and languages.
 */
import { decodeCharset } from './charsets.js';
import { decodeEncodedWords, type CharsetProblemHandler } from './encoded-words.js';
import { utf8 } from './bytes.js';

export interface ParameterizedValue {
  /** The main value, lower-cased ("text/plain", "attachment"). */
  readonly value: string;
  /** Parameters by lower-cased name, continuations joined and decoded. */
  readonly params: Readonly<Record<string, string>>;
}

interface Segment {
  readonly index: number;
  readonly encoded: boolean;
  readonly text: string;
}

/** Splits on ";" outside quoted strings; returns raw pieces. */
function splitParams(input: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as string;
    if (quoted) {
      if (ch === '\\' && i + 1 < input.length) {
        current += ch + (input[i + 1] as string);
        i++;
        continue;
      }
      if (ch === '"') quoted = false;
      current += ch;
    } else if (ch === '"') {
      quoted = true;
      current += ch;
    } else if (ch === ';') {
      pieces.push(current);
      current = '';
    } else current += ch;
  }
  pieces.push(current);
  return pieces;
}

function unquote(raw: string): string {
  const text = raw.trim();
  if (text.startsWith('"')) {
    const end = text.endsWith('"') && text.length > 1 ? text.length - 1 : text.length;
    return text.slice(1, end).replace(/\\(.)/g, '$1');
  }
  return text;
}

function percentDecode(text: string): Uint8Array {
  const out = new Uint8Array(utf8(text).length);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out[o++] = parseInt(text.slice(i + 1, i + 3), 16);
      i += 2;
    } else if (c < 0x80) out[o++] = c;
    else {
      const bytes = utf8(text[i] as string);
      out.set(bytes, o);
      o += bytes.length;
    }
  }
  return out.subarray(0, o);
}

/** Parses `main; a=b; c*0*=utf-8''%E3...; c*1="..."` into its main value and parameters. */
export function parseParameterized(input: string, onProblem?: CharsetProblemHandler): ParameterizedValue {
  const [head = '', ...rest] = splitParams(input);
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  const continued = new Map<string, Segment[]>();
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq <= 0) continue;
    const rawName = piece.slice(0, eq).trim().toLowerCase();
    const rawValue = piece.slice(eq + 1);
    const m = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(rawName);
    if (m === null) continue;
    const name = m[1] as string;
    const index = m[2] === undefined ? -1 : Number(m[2]);
    const encoded = m[3] !== undefined;
    if (index === -1 && !encoded) {
      // Plain parameter; a later RFC 2231 form of the same name wins (it is more precise).
      if (!continued.has(name) && !(name in params)) params[name] = unquote(rawValue);
      continue;
    }
    const list = continued.get(name) ?? [];
    list.push({ index: index === -1 ? 0 : index, encoded, text: encoded ? rawValue.trim().replace(/^"|"$/g, '') : unquote(rawValue) });
    continued.set(name, list);
  }
  for (const [name, segments] of continued) {
    segments.sort((a, b) => a.index - b.index);
    let charset: string | undefined;
    const first = segments[0];
    if (first !== undefined && first.encoded) {
      // RFC 2231 §4: charset'language'value in the first (encoded) segment only.
      const m = /^([^']*)'([^']*)'(.*)$/s.exec(first.text);
      if (m !== null) {
        charset = (m[1] as string) || undefined;
        segments[0] = { ...first, text: m[3] as string };
      }
    }
    if (!segments.some((s) => s.encoded)) {
      params[name] = segments.map((s) => s.text).join('');
      continue;
    }
    const parts = segments.map((s) => (s.encoded ? percentDecode(s.text) : utf8(s.text)));
    let size = 0;
    for (const p of parts) size += p.length;
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const p of parts) {
      bytes.set(p, offset);
      offset += p.length;
    }
    const result = decodeCharset(bytes, charset ?? 'utf-8');
    if (result.problem !== undefined && charset !== undefined) onProblem?.(result.problem, charset);
    params[name] = result.text;
  }
  // Non-standard but common: encoded words inside a quoted parameter (Outlook, Gmail).
  for (const key of Object.keys(params)) {
    const v = params[key] as string;
    if (v.includes('=?')) params[key] = decodeEncodedWords(v, onProblem);
  }
  return { value: head.trim().toLowerCase(), params };
}

export interface ContentType {
  /** "text/plain" */
  readonly mime: string;
  readonly type: string;
  readonly subtype: string;
  readonly params: Readonly<Record<string, string>>;
}

/** RFC 2045 §5.2: a missing or unreadable Content-Type means text/plain; charset=us-ascii. */
export function parseContentType(input: string | undefined, fallback = 'text/plain', onProblem?: CharsetProblemHandler): ContentType {
  const parsed = parseParameterized(input ?? '', onProblem);
  const m = /^([a-z0-9!#$%&'*+.^_`{|}~-]+)\/([a-z0-9!#$%&'*+.^_`{|}~-]+)/.exec(parsed.value.replace(/\s+/g, ''));
  const mime = m === null ? fallback : `${m[1] as string}/${m[2] as string}`;
  const [type = 'text', subtype = 'plain'] = mime.split('/');
  return { mime, type, subtype, params: parsed.params };
}

export interface ContentDisposition {
  readonly type: 'inline' | 'attachment' | string;
  readonly params: Readonly<Record<string, string>>;
}

export function parseContentDisposition(input: string | undefined, onProblem?: CharsetProblemHandler): ContentDisposition | undefined {
  if (input === undefined || input.trim() === '') return undefined;
  const parsed = parseParameterized(input, onProblem);
  return { type: parsed.value.split(/\s/)[0] ?? '', params: parsed.params };
}

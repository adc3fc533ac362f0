/**
 * Quoted-printable (RFC 2045 §6.7) decoder and encoder.
 *
 * The decoder streams with the same update()/finalize() shape as Base64Decoder; an "=" near
 * the end of a chunk waits for the next one. Whitespace at the end of an encoded line is kept:
 * §6.7 rule 3 says to delete it as transport padding, but format=flowed text (RFC 3676) sent
 * by many mailers relies on exactly that space, and transport padding is rare today. Malformed
 * escapes ("=ZZ", a lone "=")
 * are kept literally (the reading most senders meant) and counted in `invalidCount`.
 */

const HEX_VALUE = (() => {
  const table = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) table[0x30 + i] = i;
  for (let i = 0; i < 6; i++) {
    table[0x41 + i] = 10 + i;
    table[0x61 + i] = 10 + i;
  }
  return table;
})();

const enum State {
  Text,
  Equals,
  EqualsHex,
  EqualsCr,
  EqualsSpace,
}

export class QpDecoder {
  private state = State.Text;
  private firstHex = 0;
  private firstHexByte = 0;
  private equalsSpace: number[] = [];
  invalidCount = 0;

  update(chunk: Uint8Array): Uint8Array {
    const out = new Uint8Array(chunk.length + this.equalsSpace.length + 3);
    let o = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i] as number;
      switch (this.state) {
        case State.Text:
          if (b === 0x3d) {
            this.state = State.Equals;
          } else {
            out[o++] = b;
          }
          break;
        case State.Equals:
          if (HEX_VALUE[b] !== -1) {
            this.firstHex = HEX_VALUE[b] as number;
            this.firstHexByte = b;
            this.state = State.EqualsHex;
          } else if (b === 0x0d) {
            this.state = State.EqualsCr;
          } else if (b === 0x0a) {
            this.state = State.Text; // soft line break with a bare LF
          } else if (b === 0x20 || b === 0x09) {
            this.equalsSpace = [b];
            this.state = State.EqualsSpace;
          } else {
            this.invalidCount++;
            out[o++] = 0x3d;
            this.state = State.Text;
            i--; // read this byte again as text
          }
          break;
        case State.EqualsHex: {
          const v = HEX_VALUE[b] as number;
          if (v !== -1) {
            out[o++] = (this.firstHex << 4) | v;
            this.state = State.Text;
          } else {
            this.invalidCount++;
            out[o++] = 0x3d;
            out[o++] = this.firstHexByte;
            this.state = State.Text;
            i--;
          }
          break;
        }
        case State.EqualsCr:
          this.state = State.Text;
          if (b !== 0x0a) i--; // "=\r" without LF: still a soft break
          break;
        case State.EqualsSpace:
          if (b === 0x20 || b === 0x09) {
            if (this.equalsSpace.length < 4096) this.equalsSpace.push(b);
          } else if (b === 0x0d) {
            this.state = State.EqualsCr; // "=  \r\n": soft break with transport padding
          } else if (b === 0x0a) {
            this.state = State.Text;
          } else {
            this.invalidCount++;
            out[o++] = 0x3d;
            for (const s of this.equalsSpace) out[o++] = s;
            this.state = State.Text;
            i--;
          }
          break;
      }
    }
    return out.subarray(0, o);
  }

  finalize(): Uint8Array {
    const out: number[] = [];
    if (this.state === State.Equals || this.state === State.EqualsSpace) {
      // "=" as the last byte is a soft break before end of data (common); keep nothing.
    } else if (this.state === State.EqualsHex) {
      this.invalidCount++;
      out.push(0x3d, this.firstHexByte);
    }
    this.state = State.Text;
    return Uint8Array.from(out);
  }
}

export function decodeQuotedPrintable(data: Uint8Array): Uint8Array {
  const decoder = new QpDecoder();
  const head = decoder.update(data);
  const tail = decoder.finalize();
  if (tail.length === 0) return head;
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

const HEX_DIGITS = '0123456789ABCDEF';

/**
 * Encodes a body as quoted-printable with lines of at most `lineLength` characters (76 per
 * RFC 2045 §6.7 rule 5). Line breaks in the input (CRLF or LF) become CRLF hard breaks when
 * `binary` is false; with `binary` true every CR and LF is escaped.
 */
export function encodeQuotedPrintable(data: Uint8Array, options: { lineLength?: number; binary?: boolean } = {}): string {
  const max = options.lineLength ?? 76;
  const binary = options.binary ?? false;
  const lines: string[] = [];
  let line = '';
  const push = (token: string): void => {
    if (line.length + token.length > max - 1) {
      lines.push(`${line}=`);
      line = '';
    }
    line += token;
  };
  for (let i = 0; i < data.length; i++) {
    const b = data[i] as number;
    if (!binary && (b === 0x0a || (b === 0x0d && data[i + 1] === 0x0a))) {
      if (b === 0x0d) i++;
      // Whitespace before a hard break must be encoded (rule 3).
      const last = line.charCodeAt(line.length - 1);
      if (last === 0x20 || last === 0x09) {
        line = line.slice(0, -1);
        push(last === 0x20 ? '=20' : '=09');
      }
      lines.push(line);
      line = '';
      continue;
    }
    const literal =
      (b >= 0x21 && b <= 0x7e && b !== 0x3d) ||
      ((b === 0x20 || b === 0x09) && !binary) ||
      (b === 0x20 && binary);
    // A "." alone at the start of a line or "From " are kept literal: SMTP handles dot-stuffing.
    push(literal ? String.fromCharCode(b) : `=${HEX_DIGITS[b >>> 4] ?? '0'}${HEX_DIGITS[b & 15] ?? '0'}`);
  }
  const last = line.charCodeAt(line.length - 1);
  if (last === 0x20 || last === 0x09) {
    line = line.slice(0, -1);
    push(last === 0x20 ? '=20' : '=09');
  }
  lines.push(line);
  return lines.join('\r\n');
}

/**
 * Everything the parser tolerated. A message is never rejected: each oddity gives the best
 * reading plus one of these, so the UI can say "this message is malformed" and why.
 */
export type MimeWarningCode =
  | 'missing-closing-boundary'
  | 'missing-boundary-parameter'
  | 'truncated-base64'
  | 'invalid-base64'
  | 'invalid-quoted-printable'
  | 'nul-bytes'
  | 'bare-lf'
  | 'header-without-colon'
  | 'headers-truncated'
  | 'mbox-from-line'
  | 'charset-unknown'
  | 'charset-mismatch'
  | 'header-8bit'
  | 'encoded-word-invalid'
  | 'address-invalid'
  | 'limit-depth'
  | 'limit-header-size'
  | 'limit-header-fields'
  | 'limit-parts'
  | 'limit-decoded-size';

export interface MimeWarning {
  readonly code: MimeWarningCode;
  readonly message: string;
  /** The part the warning is about, as a dotted path ("" is the message itself, "1.2" ...). */
  readonly part?: string;
}

import { MAX_WARNINGS } from './limits.js';

/** Collects warnings, once per code and part so a broken 10,000-line body gives one entry. */
export class WarningSink {
  readonly list: MimeWarning[] = [];
  private readonly seen = new Set<string>();

  add(code: MimeWarningCode, message: string, part?: string): void {
    const key = `${code}\u0000${part ?? ''}`;
    if (this.seen.has(key) || this.list.length >= MAX_WARNINGS) return;
    this.seen.add(key);
    this.list.push(part === undefined ? { code, message } : { code, message, part });
  }
}

/**
 * Subject normalisation for threading (RFC 5256 §2.1 "base subject", extended with the reply
 * and forward prefixes of other languages and with mailing-list tags).
 */

// Re, Fwd/Fw, German AW/WG, Nordic SV/VS/VB, Dutch Antw/Doorst, French TR/RE, Italian R/RIF/I,
// Spanish/Portuguese RV/Res/Enc, Polish Odp/PD, Turkish YNT/İLT, Chinese 回复/转发, Japanese
// 返信/転送, Korean 회신/전달; optional counters "Re[2]:" / "Re(2):" / "Re^2:"; ASCII or full-width colon.
const PREFIX = /^\s*(?:re|fwd?|fw|aw|wg|sv|vs|vb|antw|doorst|tr|rif|r|i|rv|res|enc|odp|pd|ynt|ilt|İlt|回复|回覆|转发|轉寄|返信|転送|회신|전달|답장)\s*(?:\[\d+\]|\(\d+\)|\^\d+)?\s*[:：]\s*/i;
const LIST_TAG = /^\s*\[[^\]]{1,64}\]\s*/;
const FWD_TRAILER = /\s*\((?:fwd|fw)\)\s*$/i;

export interface NormalizedSubject {
  /** The subject without prefixes, list tags and extra whitespace (lower-cased for keys). */
  readonly base: string;
  /** True when a reply/forward prefix was removed. */
  readonly isReply: boolean;
}

export function normalizeSubject(subject: string | undefined): NormalizedSubject {
  let s = (subject ?? '').replace(/\s+/g, ' ').trim();
  let isReply = false;
  for (let guard = 0; guard < 50; guard++) {
    const before = s;
    s = s.replace(LIST_TAG, '');
    const prefixed = s.replace(PREFIX, '');
    if (prefixed !== s) {
      isReply = true;
      s = prefixed;
    }
    const trailer = s.replace(FWD_TRAILER, '');
    if (trailer !== s) {
      isReply = true;
      s = trailer;
    }
    if (s === before) break;
  }
  return { base: s.trim().toLowerCase(), isReply };
}

/**
 * Every limit of the MIME parser in one place. Exceeding one never throws: the parser stops
 * the affected branch (a part, a header block, a nested message) and records a typed warning
 * (see warnings.ts), so a hostile message cannot cause a crash, a hang or unbounded memory.
 */
export interface MimeLimits {
  /** Multipart / message/rfc822 nesting depth; deeper parts are kept as opaque leaves. */
  readonly maxDepth: number;
  /** Bytes in one header block (all fields of one part); the rest is skipped. */
  readonly maxHeaderBytes: number;
  /** Header fields in one header block. */
  readonly maxHeaderFields: number;
  /** Parts in the whole message, nested messages included. */
  readonly maxParts: number;
  /** Decoded body bytes in the whole message; parts beyond this are cut short. */
  readonly maxDecodedBytes: number;
  /** Boundary parameters longer than this are not honoured (RFC 2046 §5.1.1 allows 70). */
  readonly maxBoundaryLength: number;
}

export const MAX_NESTING_DEPTH = 50;
export const MAX_HEADER_BYTES = 2 * 1024 * 1024;
export const MAX_HEADER_FIELDS = 10_000;
export const MAX_PARTS = 10_000;
export const MAX_DECODED_BYTES = 1024 * 1024 * 1024;
export const MAX_BOUNDARY_LENGTH = 200;
/** Warnings kept per message; a hostile message cannot grow the list without bound. */
export const MAX_WARNINGS = 500;

export const DEFAULT_LIMITS: MimeLimits = Object.freeze({
  maxDepth: MAX_NESTING_DEPTH,
  maxHeaderBytes: MAX_HEADER_BYTES,
  maxHeaderFields: MAX_HEADER_FIELDS,
  maxParts: MAX_PARTS,
  maxDecodedBytes: MAX_DECODED_BYTES,
  maxBoundaryLength: MAX_BOUNDARY_LENGTH,
});

/** Merges caller overrides; a limit that is not a positive integer is a programming error. */
export function resolveLimits(overrides: Partial<MimeLimits> | undefined): MimeLimits {
  const merged = { ...DEFAULT_LIMITS, ...overrides };
  for (const [key, value] of Object.entries(merged)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new RangeError(`MIME limit ${key} must be a positive integer, got ${String(value)}`);
    }
  }
  return merged;
}

import type { WireError } from '../../core/api/errors.js';

/**
 * What an IPC handler returns. Electron turns a thrown error into a bare message, losing its
 * code, so handlers never throw: they answer with this envelope and the preload unwraps it.
 */
export type IpcResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: WireError };

export function isIpcResult(value: unknown): value is IpcResult {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && 'message' in error && typeof error.message === 'string';
}

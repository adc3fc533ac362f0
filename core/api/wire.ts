import { z } from 'zod';
import type { TegamiEvent } from './contract.js';
import type { WireError } from './errors.js';
import { MAX_METHOD_NAME_LENGTH, MAX_REQUEST_ARGUMENTS } from './limits.js';

/**
 * The frames both hosts exchange with a renderer (JSON over the WebSocket; the same shapes
 * travel over Electron IPC as structured clones):
 *   renderer → host  {id, method, args}
 *   host → renderer  {id, ok: true, value} | {id, ok: false, error: {code, message}} | {event}
 */

export interface WireRequest {
  readonly id: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

export type WireResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

export interface WireEvent {
  readonly event: TegamiEvent;
}

export type WireFromHost = WireResponse | WireEvent;

export const wireRequestSchema = z.strictObject({
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(MAX_METHOD_NAME_LENGTH),
  args: z.array(z.unknown()).max(MAX_REQUEST_ARGUMENTS),
}) satisfies z.ZodType<WireRequest>;

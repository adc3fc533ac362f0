import type { RequestName } from '../../core/api/contract.js';

/**
 * Every IPC channel Tegami uses starts with this prefix; the preload refuses anything else and
 * the main process registers exactly one handler per contract method under it.
 */
export const CHANNEL_PREFIX = 'tegami:';

/** The channel on which the main process pushes TegamiEvents to a window. */
export const EVENT_CHANNEL = `${CHANNEL_PREFIX}event`;

export function channelFor(method: RequestName): `tegami:${RequestName}` {
  return `${CHANNEL_PREFIX}${method}`;
}

/**
 * File ▸ Save As for messages: the desktop app asks the host for a save dialog (one message) or
 * a folder (several, as Thunderbird does); the web host has no dialogs, so the page downloads
 * each message. Either way the file is the stored message byte for byte (RFC 5322, .eml):
 * getMessageFile carries it as base64, never through a text decoding that would alter 8-bit
 * parts (a Shift_JIS body sent 8bit, a binary attachment).
 */
import type { TegamiApi } from '../../../../core/api/contract.js';
import type { Translate } from '../../i18n/catalogs.js';
import { base64ToBytes, downloadBytes } from './web-files.js';

export type SaveMessagesOutcome =
  | { readonly kind: 'saved'; readonly count: number; readonly path: string }
  | { readonly kind: 'downloaded'; readonly names: readonly string[] }
  | { readonly kind: 'cancelled' };

export async function saveMessages(api: TegamiApi, messageIds: readonly string[]): Promise<SaveMessagesOutcome> {
  if (messageIds.length === 0) return { kind: 'cancelled' };
  const result = await api.saveMessagesWithDialog(messageIds);
  if (result.status === 'saved') return { kind: 'saved', count: result.files.length, path: result.files[0]?.path ?? '' };
  if (result.status === 'cancelled') return { kind: 'cancelled' };
  const names: string[] = [];
  for (const id of messageIds) {
    const file = await api.getMessageFile(id);
    downloadBytes(base64ToBytes(file.base64), file.filename);
    names.push(file.filename);
  }
  return { kind: 'downloaded', names };
}

/** What the status line says afterwards; nothing after a cancelled dialog. */
export function saveOutcomeText(t: Translate, outcome: SaveMessagesOutcome): string | null {
  switch (outcome.kind) {
    case 'saved':
      return t('reader.save.saved', { count: String(outcome.count), path: outcome.path });
    case 'downloaded':
      return t('reader.save.downloaded', { name: outcome.names.join(', ') });
    case 'cancelled':
      return null;
  }
}

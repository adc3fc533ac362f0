import { createContext, useContext } from 'react';
import type { AppInfo, ComposeRequest, Settings, SettingsPatch, TegamiApi } from '../../../core/api/contract.js';
import type { TegamiIndex } from '../data/db.js';

/** How a composer starts: a new message, an answer to one, a forward, a draft, or a mailto: request. */
export type ComposeInit =
  | { readonly mode: 'new'; readonly accountId: string | null; readonly request: ComposeRequest | null }
  | { readonly mode: 'reply' | 'reply-all' | 'forward-inline' | 'forward-attachment'; readonly messageId: string }
  | { readonly mode: 'draft'; readonly messageId: string };

/** What any part of the window may ask the window to do. */
export interface WindowActions {
  openComposer(init: ComposeInit): void;
  openAccountWizard(): void;
  /** Selects a folder and a message in it (notifications, search results, conversation links). */
  showMessage(messageId: string): void;
  showConnectionLog(accountId: string): void;
  showShortcuts(): void;
}

/** Everything a feature needs from the window: the service, the index, settings and actions. */
export interface MailContextValue {
  readonly api: TegamiApi;
  readonly info: AppInfo;
  readonly db: TegamiIndex;
  readonly settings: Settings;
  readonly updateSettings: (patch: SettingsPatch) => void;
  readonly actions: WindowActions;
}

export const MailContext = createContext<MailContextValue | null>(null);

export function useMail(): MailContextValue {
  const value = useContext(MailContext);
  if (value === null) throw new Error('useMail() is used outside the mail window (no MailContext provider).');
  return value;
}

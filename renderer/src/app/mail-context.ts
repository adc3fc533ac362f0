import { createContext, useContext } from 'react';
import type { AppInfo, ComposeStart, Settings, SettingsPatch, TegamiApi } from '../../../core/api/contract.js';
import type { TegamiIndex } from '../data/db.js';

/** How a composer starts: a new message, an answer to one, a forward, a draft, or a mailto: request (the contract's ComposeStart, which is also how an Electron composer window is asked for). */
export type ComposeInit = ComposeStart;

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

import type { AppInfo, EventListener, HostKind, Settings, SettingsPatch, TegamiEvent, TegamiRequests, Unsubscribe } from './contract.js';
import type { CredentialStore } from '../accounts/credentials.js';
import { SettingsStore } from './settings-store.js';
import { createMailRequests, type MailRequests } from './mail-service.js';
import { MemoryCredentialStore } from './memory-credentials.js';
import { TEGAMI_VERSION } from '../version.js';
import type { AccountSetupOptions } from './account-setup.js';
import type { NativeHost } from './native-host.js';
import type { OAuthOptions } from './oauth-accounts.js';
import type { Connector } from '../net/index.js';

export interface ServiceOptions {
  readonly dataDir: string;
  readonly host: HostKind;
  /** The host system's locale (Electron: app.getLocale(); web: Intl's default). */
  readonly locale?: string;
  readonly platform?: string;
  /** Where passwords live (the OS keychain in the hosts); in-memory when not given. */
  readonly credentials?: CredentialStore;
  /** Start background sync (IDLE, periodic checks) of every account; off in tests. Default true. */
  readonly backgroundSync?: boolean;
  /** Discovery and login-check overrides: DNS servers, autoconfig base, guess port map, prober, connector. */
  readonly accountSetup?: AccountSetupOptions;
  /**
   * The host's native side (Electron: shell, dialogs, drag). Without it (the web host) native
   * requests answer { status: 'unsupported' } and startOAuthSignIn fails with 'oauth-needs-browser'.
   */
  readonly native?: NativeHost;
  /** OAuth2 provider database and client registrations; by default the built-in providers and TEGAMI_OAUTH_* variables. */
  readonly oauth?: OAuthOptions;
  /** Opens SMTP connections for the EHLO-only size check (tests). */
  readonly smtpConnector?: Connector;
}

/** The engine side of the contract: requests plus a fan-out of events to every host connection. */
export interface TegamiService extends TegamiRequests {
  onEvent(listener: EventListener): Unsubscribe;
  /**
   * Host only, not part of the contract: a message file the host was given (command line, the
   * OS's "open with", a host dialog) that the page may then read with openMessageFile.
   */
  allowMessageFile(path: string): void;
  /** Stops background sync and closes connections and files. */
  close(): Promise<void>;
}

export function createTegamiService(options: ServiceOptions): TegamiService {
  const settings = new SettingsStore(options.dataDir);
  const listeners = new Set<EventListener>();
  const info: AppInfo = {
    name: 'Tegami',
    version: TEGAMI_VERSION,
    platform: options.platform ?? process.platform,
    host: options.host,
    dataDir: options.dataDir,
    locale: options.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
  };

  function emit(event: TegamiEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken connection must not keep the event from the others.
        console.error('tegami: an event listener failed:', error);
      }
    }
  }

  const mail: MailRequests = createMailRequests({
    dataDir: options.dataDir,
    credentials: options.credentials ?? new MemoryCredentialStore(),
    backgroundSync: options.backgroundSync ?? true,
    emit,
    ...(options.accountSetup !== undefined ? { accountSetup: options.accountSetup } : {}),
    ...(options.native !== undefined ? { native: options.native } : {}),
    ...(options.oauth !== undefined ? { oauth: options.oauth } : {}),
    ...(options.smtpConnector !== undefined ? { smtpConnector: options.smtpConnector } : {}),
  });

  return {
    ...mail,
    async getAppInfo(): Promise<AppInfo> {
      return info;
    },
    getSettings(): Promise<Settings> {
      return settings.get();
    },
    async updateSettings(patch: SettingsPatch): Promise<Settings> {
      const next = await settings.update(patch);
      emit({ type: 'settings-changed', settings: next });
      return next;
    },
    onEvent(listener: EventListener): Unsubscribe {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close: () => mail.close(),
  };
}

/**
 * The service contract between the UI and the mail engine, written once.
 *
 * Every request is a method returning a Promise; every push from the engine is one member of
 * the TegamiEvent union. The renderer imports only these types; the hosts (Electron IPC and the
 * loopback WebSocket) carry the same calls, validated by the schemas in ./schemas.ts where they
 * enter the host. Adding a request is: a method here, its argument schema in ./schemas.ts and its
 * implementation in ./service.ts; the type checker refuses a method missing from any of them.
 */

export type HostKind = 'electron' | 'web';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** Node's process.platform of the host: 'linux', 'darwin', 'win32', … */
  readonly platform: string;
  readonly host: HostKind;
  /** Absolute path of the folder that holds settings, accounts and the Maildir copy. */
  readonly dataDir: string;
  /** BCP 47 locale of the host system, e.g. 'ja-JP'. */
  readonly locale: string;
}

export type LanguageSetting = 'system' | 'en' | 'ja';
export type ThemeSetting = 'system' | 'light' | 'dark';

export interface Settings {
  readonly language: LanguageSetting;
  readonly theme: ThemeSetting;
}

export type SettingsPatch = Partial<Settings>;

/** Requests: the renderer asks, the service answers once. */
export interface TegamiRequests {
  getAppInfo(): Promise<AppInfo>;
  getSettings(): Promise<Settings>;
  /** Applies the patch, persists it and answers with the complete new settings. */
  updateSettings(patch: SettingsPatch): Promise<Settings>;
}

export type RequestName = keyof TegamiRequests;
export type RequestArgs<M extends RequestName> = Parameters<TegamiRequests[M]>;
export type RequestResult<M extends RequestName> = Awaited<ReturnType<TegamiRequests[M]>>;

/** Pushes: the service tells every connected window. Switch on `type`. */
export type TegamiEvent =
  | { readonly type: 'hello'; readonly appInfo: AppInfo }
  | { readonly type: 'settings-changed'; readonly settings: Settings };

export type TegamiEventType = TegamiEvent['type'];
export type EventListener = (event: TegamiEvent) => void;
export type Unsubscribe = () => void;

/** What the renderer sees as `window.tegami` (Electron) or the WebSocket proxy (web). */
export interface TegamiApi extends TegamiRequests {
  /** Registers a listener for every pushed event; call the result to stop listening. */
  onEvent(listener: EventListener): Unsubscribe;
}

import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { AppInfo, Settings, SettingsPatch, TegamiApi } from '../../../core/api/contract.js';
import { connectBridge } from '../bridge/index.js';
import { openIndex, type TegamiIndex } from '../data/db.js';
import { startIndexSync, type IndexSyncState } from '../data/index-sync.js';
import { Composer } from '../features/composer/Composer.js';
import { MessageFileView, Reader } from '../features/message-view/Reader.js';
import { resolveLanguage, systemLanguage, translator } from '../i18n/catalogs.js';
import { I18nContext } from '../i18n/context.js';
import { applyTheme, resolveTheme, systemPrefersDark, watchSystemTheme } from '../theme/theme.js';
import { errorText } from './errors.js';
import { MailContext, type MailContextValue, type WindowActions } from './mail-context.js';
import { routeFromSearch, type WindowRoute } from './route.js';
import { Shell } from './Shell.js';
import { windowActions } from './window-actions.js';
import { INITIAL_WINDOW_STATE, windowReducer } from './window-state.js';

type State =
  | { readonly phase: 'connecting' }
  | { readonly phase: 'failed'; readonly message: string }
  | { readonly phase: 'ready'; readonly api: TegamiApi; readonly info: AppInfo; readonly db: TegamiIndex };

const DEFAULT_SETTINGS: Settings = { language: 'system', theme: 'system', remoteContentSenders: [] };

function browserLanguages(): readonly string[] {
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

/**
 * Connects to the host, keeps settings in step with the service, applies language and theme,
 * opens the index and keeps it in step with the change journal, and shows the window the page
 * was opened as (the mail window, or an Electron composer/message window).
 */
export function App() {
  // Read once, before the bridge takes the token out of the address.
  const [route] = useState<WindowRoute>(() => routeFromSearch(window.location.search));
  const [state, setState] = useState<State>({ phase: 'connecting' });
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [settingsNotice, setSettingsNotice] = useState<string | undefined>(undefined);
  const [disconnected, setDisconnected] = useState(false);
  const [prefersDark, setPrefersDark] = useState(systemPrefersDark);
  const [indexSync, setIndexSync] = useState<IndexSyncState | null>(null);
  const [windowState, dispatch] = useReducer(windowReducer, INITIAL_WINDOW_STATE);

  const system = systemLanguage(browserLanguages());
  const language = resolveLanguage(settings.language, browserLanguages());
  const i18n = useMemo(() => ({ language, t: translator(language) }), [language]);
  const theme = resolveTheme(settings.theme, prefersDark);

  useEffect(() => watchSystemTheme(setPrefersDark), []);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18n.t('app.name');
  }, [language, i18n]);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    (async () => {
      const api = await connectBridge(() => setDisconnected(true));
      stop = api.onEvent((event) => {
        if (event.type === 'settings-changed') setSettings(event.settings);
      });
      const [info, current] = await Promise.all([api.getAppInfo(), api.getSettings()]);
      if (cancelled) return;
      setSettings(current);
      setState({ phase: 'ready', api, info, db: openIndex() });
    })().catch((error: unknown) => {
      if (!cancelled) setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);

  const api = state.phase === 'ready' ? state.api : undefined;
  const db = state.phase === 'ready' ? state.db : undefined;

  // One sync per window; every window of the app keeps its own copy of the index current.
  useEffect(() => {
    if (api === undefined || db === undefined) return;
    const sync = startIndexSync(api, db, setIndexSync);
    return () => sync.stop();
  }, [api, db]);

  const updateSettings = useCallback(
    (patch: SettingsPatch) => {
      if (api === undefined) return;
      setSettingsNotice(undefined);
      api.updateSettings(patch).then(setSettings, (error: unknown) => setSettingsNotice(i18n.t('settings.saveFailed', { message: errorText(error, i18n.t) })));
    },
    [api, i18n],
  );

  const windowHost = state.phase === 'ready' ? { api: state.api, kind: state.info.host } : null;
  const hostApi = windowHost?.api;
  const hostKind = windowHost?.kind;
  const actions = useMemo<WindowActions | null>(
    () => (db === undefined ? null : windowActions(dispatch, db, i18n.t, hostApi !== undefined && hostKind !== undefined ? { api: hostApi, kind: hostKind } : null)),
    [db, i18n, hostApi, hostKind],
  );

  const mail = useMemo<MailContextValue | null>(
    () => (state.phase === 'ready' && actions !== null ? { api: state.api, info: state.info, db: state.db, settings, updateSettings, actions } : null),
    [state, settings, updateSettings, actions],
  );

  const notice = disconnected ? i18n.t('app.disconnected') : settingsNotice;

  return (
    <I18nContext.Provider value={i18n}>
      {state.phase === 'connecting' && (
        <div className="splash" role="status">
          {i18n.t('app.connecting')}
        </div>
      )}
      {state.phase === 'failed' && (
        <div className="splash" role="alert">
          <p>{i18n.t('app.connectFailed', { message: state.message })}</p>
          <button type="button" onClick={() => window.location.reload()}>
            {i18n.t('app.reload')}
          </button>
        </div>
      )}
      {mail !== null && (
        <MailContext.Provider value={mail}>
          {route.kind === 'main' && <Shell state={windowState} dispatch={dispatch} systemLanguage={system} notice={notice} indexSync={indexSync} />}
          {route.kind === 'compose' && (
            <div className="single-window">
              <Composer init={route.start} onClose={() => window.close()} ownWindow />
            </div>
          )}
          {route.kind === 'message' && (
            <main className="single-window" aria-label={i18n.t('reader.label')}>
              <Reader messageId={route.messageId} standalone />
            </main>
          )}
          {route.kind === 'message-file' && (
            <main className="single-window" aria-label={i18n.t('reader.label')}>
              <MessageFileView path={route.path} standalone />
            </main>
          )}
        </MailContext.Provider>
      )}
    </I18nContext.Provider>
  );
}

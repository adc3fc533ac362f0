import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo, Settings, SettingsPatch, TegamiApi } from '../../../core/api/contract.js';
import { BridgeError, connectBridge } from '../bridge/index.js';
import { resolveLanguage, systemLanguage, translator } from '../i18n/catalogs.js';
import { I18nContext } from '../i18n/context.js';
import { applyTheme, resolveTheme, systemPrefersDark, watchSystemTheme } from '../theme/theme.js';
import { Shell } from './Shell.js';

type State =
  | { readonly phase: 'connecting' }
  | { readonly phase: 'failed'; readonly message: string }
  | { readonly phase: 'ready'; readonly api: TegamiApi; readonly info: AppInfo };

const DEFAULT_SETTINGS: Settings = { language: 'system', theme: 'system', remoteContentSenders: [] };

function browserLanguages(): readonly string[] {
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

/** Connects to the host, keeps settings in step with the service, and applies language and theme. */
export function App() {
  const [state, setState] = useState<State>({ phase: 'connecting' });
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [disconnected, setDisconnected] = useState(false);
  const [prefersDark, setPrefersDark] = useState(systemPrefersDark);

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
        switch (event.type) {
          case 'settings-changed':
            setSettings(event.settings);
            break;
          case 'hello':
            break;
        }
      });
      const [info, current] = await Promise.all([api.getAppInfo(), api.getSettings()]);
      if (cancelled) return;
      setSettings(current);
      setState({ phase: 'ready', api, info });
    })().catch((error: unknown) => {
      if (!cancelled) setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);

  const api = state.phase === 'ready' ? state.api : undefined;
  const changeSettings = useCallback(
    (patch: SettingsPatch) => {
      if (api === undefined) return;
      setNotice(undefined);
      api.updateSettings(patch).then(setSettings, (error: unknown) => {
        const message = error instanceof BridgeError || error instanceof Error ? error.message : String(error);
        setNotice(i18n.t('settings.saveFailed', { message }));
      });
    },
    [api, i18n],
  );

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
      {state.phase === 'ready' && (
        <Shell
          info={state.info}
          settings={settings}
          systemLanguage={system}
          onChangeSettings={changeSettings}
          notice={disconnected ? i18n.t('app.disconnected') : notice}
        />
      )}
    </I18nContext.Provider>
  );
}

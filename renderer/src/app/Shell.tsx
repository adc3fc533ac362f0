import type { AppInfo, Settings, SettingsPatch } from '../../../core/api/contract.js';
import { FirstRun } from '../features/first-run/FirstRun.js';
import { FolderTree } from '../features/folder-tree/FolderTree.js';
import { MessageList } from '../features/message-list/MessageList.js';
import { MessageView } from '../features/message-view/MessageView.js';
import { AppearanceControls } from '../features/settings/AppearanceControls.js';
import { useI18n } from '../i18n/context.js';
import type { Language } from '../i18n/catalogs.js';

export interface ShellProps {
  readonly info: AppInfo;
  readonly settings: Settings;
  readonly systemLanguage: Language;
  readonly onChangeSettings: (patch: SettingsPatch) => void;
  /** A problem to show in the status bar (a setting that failed to save, a lost connection). */
  readonly notice?: string | undefined;
}

/** The three-pane mail window: folders, message list, reader; toolbar above, status below. */
export function Shell({ info, settings, systemLanguage, onChangeSettings, notice }: ShellProps) {
  const { t } = useI18n();
  return (
    <div className="shell">
      <header className="toolbar" role="banner">
        <div className="brand">
          <img src="./favicon.svg" alt="" width={22} height={22} />
          <span>{t('app.name')}</span>
        </div>
        <div role="toolbar" aria-label={t('app.toolbarLabel')} className="toolbar-controls">
          <AppearanceControls settings={settings} systemLanguage={systemLanguage} onChange={onChangeSettings} />
        </div>
      </header>
      <div className="panes">
        <FolderTree />
        <MessageList />
        <MessageView>
          <FirstRun />
        </MessageView>
      </div>
      <footer className="status-bar" role="contentinfo">
        <span>{t(info.host === 'electron' ? 'status.host.electron' : 'status.host.web')}</span>
        <span>{t('status.version', { version: info.version })}</span>
        <span className="status-path" title={info.dataDir}>
          {t('status.dataDir', { path: info.dataDir })}
        </span>
        {notice !== undefined && (
          <span className="status-notice" role="alert">
            {notice}
          </span>
        )}
      </footer>
    </div>
  );
}

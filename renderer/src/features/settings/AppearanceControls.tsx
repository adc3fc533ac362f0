import { useId } from 'react';
import type { LanguageSetting, Settings, SettingsPatch, ThemeSetting } from '../../../../core/api/contract.js';
import { useI18n } from '../../i18n/context.js';
import type { Language } from '../../i18n/catalogs.js';

export interface AppearanceControlsProps {
  readonly settings: Settings;
  /** What 'system' currently resolves to, shown in its option. */
  readonly systemLanguage: Language;
  readonly onChange: (patch: SettingsPatch) => void;
}

const LANGUAGE_SETTINGS: readonly LanguageSetting[] = ['system', 'en', 'ja'];
const THEME_SETTINGS: readonly ThemeSetting[] = ['system', 'light', 'dark'];

function isLanguageSetting(value: string): value is LanguageSetting {
  return (LANGUAGE_SETTINGS as readonly string[]).includes(value);
}
function isThemeSetting(value: string): value is ThemeSetting {
  return (THEME_SETTINGS as readonly string[]).includes(value);
}

/** Language and theme pickers; each change is persisted through the service. */
export function AppearanceControls({ settings, systemLanguage, onChange }: AppearanceControlsProps) {
  const { t } = useI18n();
  const languageId = useId();
  const themeId = useId();
  return (
    <div className="appearance">
      <label htmlFor={languageId}>{t('settings.language')}</label>
      <select
        id={languageId}
        data-testid="language-select"
        value={settings.language}
        onChange={(e) => {
          if (isLanguageSetting(e.target.value)) onChange({ language: e.target.value });
        }}
      >
        <option value="system">{t('settings.language.system', { language: t(`language.${systemLanguage}`) })}</option>
        <option value="en">{t('language.en')}</option>
        <option value="ja">{t('language.ja')}</option>
      </select>
      <label htmlFor={themeId}>{t('settings.theme')}</label>
      <select
        id={themeId}
        data-testid="theme-select"
        value={settings.theme}
        onChange={(e) => {
          if (isThemeSetting(e.target.value)) onChange({ theme: e.target.value });
        }}
      >
        <option value="system">{t('settings.theme.system')}</option>
        <option value="light">{t('settings.theme.light')}</option>
        <option value="dark">{t('settings.theme.dark')}</option>
      </select>
    </div>
  );
}

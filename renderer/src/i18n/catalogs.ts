import type { LanguageSetting } from '../../../core/api/contract.js';
import { en, type Catalog, type MessageKey } from './en.js';
import { ja } from './ja.js';

export type Language = Exclude<LanguageSetting, 'system'>;
export type { Catalog, MessageKey };

export const CATALOGS: { readonly [L in Language]: Catalog } = { en, ja };
export const LANGUAGES: readonly Language[] = ['en', 'ja'];

/** The UI language for the 'system' setting: the first browser/OS language we have, else English. */
export function systemLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    const match = LANGUAGES.find((l) => l === primary);
    if (match !== undefined) return match;
  }
  return 'en';
}

export function resolveLanguage(setting: LanguageSetting, preferred: readonly string[]): Language {
  return setting === 'system' ? systemLanguage(preferred) : setting;
}

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string>>) => string;

/** Fills {name} placeholders; an unknown placeholder stays visible rather than vanishing. */
export function translator(language: Language): Translate {
  const catalog = CATALOGS[language];
  return (key, params = {}) => catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

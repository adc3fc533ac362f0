import { createContext, useContext } from 'react';
import { translator, type Language, type Translate } from './catalogs.js';

export interface I18n {
  readonly language: Language;
  readonly t: Translate;
}

export const I18nContext = createContext<I18n>({ language: 'en', t: translator('en') });

export function useI18n(): I18n {
  return useContext(I18nContext);
}

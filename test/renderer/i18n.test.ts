import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en.js';
import { ja } from '../../renderer/src/i18n/ja.js';
import { CATALOGS, LANGUAGES, resolveLanguage, systemLanguage, translator } from '../../renderer/src/i18n/catalogs.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('message catalogs', () => {
  it('have exactly the same keys in every language', () => {
    const reference = Object.keys(en).sort();
    for (const language of LANGUAGES) expect(Object.keys(CATALOGS[language]).sort(), language).toEqual(reference);
  });

  it('have no empty message and the same placeholders as English', () => {
    for (const language of LANGUAGES) {
      for (const [key, text] of Object.entries(CATALOGS[language])) {
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(en[key as keyof typeof en]));
      }
    }
  });

  it('really are translated: Japanese differs from English where it should', () => {
    expect(ja['firstRun.title']).not.toBe(en['firstRun.title']);
    expect(ja['firstRun.addAccount']).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});

describe('language selection', () => {
  it('follows the browser languages for "system", first supported wins', () => {
    expect(systemLanguage(['ja-JP', 'en-US'])).toBe('ja');
    expect(systemLanguage(['fr-FR', 'ja'])).toBe('ja');
    expect(systemLanguage(['en-GB'])).toBe('en');
    expect(systemLanguage(['de-DE'])).toBe('en');
    expect(systemLanguage([])).toBe('en');
  });

  it('lets an explicit setting win over the browser', () => {
    expect(resolveLanguage('en', ['ja-JP'])).toBe('en');
    expect(resolveLanguage('ja', ['en-US'])).toBe('ja');
    expect(resolveLanguage('system', ['ja-JP'])).toBe('ja');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('status.version', { version: '1.2.3' })).toBe('Version 1.2.3');
    expect(t('status.version')).toBe('Version {version}');
    expect(translator('ja')('status.version', { version: '1.2.3' })).toBe('バージョン 1.2.3');
  });
});

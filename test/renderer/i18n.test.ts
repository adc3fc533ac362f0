import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en.js';
import { ja } from '../../renderer/src/i18n/ja.js';
import { CATALOGS, LANGUAGES, resolveLanguage, systemLanguage, translator, type MessageKey } from '../../renderer/src/i18n/catalogs.js';

/** Hiragana, katakana (with the prolonged sound mark) or kanji: text a Japanese reader reads as Japanese. */
const JAPANESE_SCRIPT = /[\u3040-\u30ff\u4e00-\u9fff]/;

/**
 * Messages that are rightly the same in Japanese as in English, or carry no words at all: the
 * product's name, each language's own name, header field names Japanese mail clients show as they are (RFC 5322 Cc,
 * Bcc), protocol names, and messages made only of placeholders and punctuation.
 */
const SAME_IN_BOTH: ReadonlySet<MessageKey> = new Set<MessageKey>([
  'app.name',
  'language.en',
  'language.ja',
  'reader.header.cc',
  'reader.header.bcc',
  'composer.cc',
  'composer.bcc',
  'composer.showCcBcc',
  'composer.forward.cc',
  'wizard.security.tls',
  'wizard.security.starttls',
  'search.serverFolderError',
  'status.progress',
]);

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
    expect(ja['firstRun.addAccount']).toMatch(JAPANESE_SCRIPT);
  });

  it('leave no message in English in the Japanese catalog, but for names that are the same in both', () => {
    const untranslated = Object.entries(ja)
      .filter(([key]) => !SAME_IN_BOTH.has(key as MessageKey))
      .filter(([key, text]) => text === en[key as MessageKey] || !JAPANESE_SCRIPT.test(text.replace(/\{\w+\}/g, '')))
      .map(([key, text]) => `${key}: ${text}`);
    expect(untranslated).toEqual([]);
    // The allow-list names only keys that exist, so it cannot hide a renamed one.
    for (const key of SAME_IN_BOTH) expect(Object.keys(en), key).toContain(key);
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

/**
 * This feature's user-visible strings in English and Japanese. renderer/src/i18n/en.ts and ja.ts
 * spread them into the catalogs; the type below makes a key missing from either language fail
 * to compile. Prefix every key with the feature's name.
 */
const en = {} as const;

const ja: { readonly [K in keyof typeof en]: string } = {};

export const shellStrings = { en, ja };

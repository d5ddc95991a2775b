import type { Language } from './languages.js';

/**
 * One area's messages (ICU MessageFormat): English is the source, German and Polish must have exactly
 * the same keys (a missing or an extra key is a type error; test/unit/i18n.test.ts checks the rest).
 */
export const defineMessages = <const English extends Record<string, string>>(
  en: English,
  translations: { readonly de: Readonly<Record<keyof English, string>>; readonly pl: Readonly<Record<keyof English, string>> },
): Readonly<Record<Language, Readonly<Record<keyof English & string, string>>>> => ({ en, de: translations.de, pl: translations.pl });

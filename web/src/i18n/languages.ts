/**
 * The UI languages and how the SPA picks one: the user's stored choice, else the browser's first
 * supported language, else the company's language from GET /me (its country), else English.
 */
import { languages, type Language } from '../../../functions/shared/locale.js';

export { languages, type Language };

/** Each language named in itself (the switcher shows these, never translated). */
export const languageNames: Readonly<Record<Language, string>> = { de: 'Deutsch', pl: 'Polski', en: 'English' };

const storageKey = 'portal.language';

let current: Language = 'en';

/** The language the UI shows now (the API client asks for product texts in it). */
export const uiLanguage = (): Language => current;
export const setUiLanguage = (language: Language): void => {
  current = language;
};

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (languages as readonly string[]).includes(value);

const browserLanguages = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];

/** The first of the browser's languages the portal speaks ("de-AT" → de), if any. */
export const browserLanguage = (): Language | undefined =>
  browserLanguages()
    .map((tag) => tag.slice(0, 2).toLowerCase())
    .find(isLanguage);

export const storedLanguage = (): Language | undefined => {
  try {
    const value = localStorage.getItem(storageKey);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
};

export const storeLanguage = (language: Language): void => {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private mode without storage: the choice lasts for this page.
  }
};

/** The locale numbers, money and dates are formatted and parsed in (an English browser keeps its region). */
export const localeFor = (language: Language): string => {
  if (language === 'de') return 'de-DE';
  if (language === 'pl') return 'pl-PL';
  const english = browserLanguages().find((tag) => tag.toLowerCase().startsWith('en-'));
  return english ?? 'en-GB';
};

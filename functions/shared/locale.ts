/**
 * The portal's languages (UI, e-mails, documents, product texts) and how a company's or a user's
 * language is chosen: the user's own choice, else the company's country (DE/AT/CH/LI/LU → German,
 * PL → Polish), else English.
 */
export const languages = ['de', 'pl', 'en'] as const;
export type Language = (typeof languages)[number];

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (languages as readonly string[]).includes(value);

const countryLanguages: Readonly<Record<string, Language>> = { DE: 'de', AT: 'de', CH: 'de', LI: 'de', LU: 'de', PL: 'pl' };

export const languageForCountry = (country: string | undefined): Language => countryLanguages[country?.toUpperCase() ?? ''] ?? 'en';

/** BCP 47 locale for formatting numbers and dates in a language. */
export const localeOf = (language: Language): string => ({ de: 'de-DE', pl: 'pl-PL', en: 'en-GB' })[language];

/** The language of a company (or a registration's applicant): its explicit `language`, else its country's. */
export const languageOf = (party: { readonly language?: unknown; readonly country?: string } | undefined): Language =>
  isLanguage(party?.language) ? party.language : languageForCountry(party?.country);

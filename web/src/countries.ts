import { formatLocale } from './format.js';

/** English names of the EU member states (ISO 3166-1 alpha-2); other UI languages take theirs from Intl.DisplayNames. */
const englishNames: Readonly<Record<string, string>> = {
  AT: 'Austria',
  BE: 'Belgium',
  BG: 'Bulgaria',
  HR: 'Croatia',
  CY: 'Cyprus',
  CZ: 'Czechia',
  DK: 'Denmark',
  EE: 'Estonia',
  FI: 'Finland',
  FR: 'France',
  DE: 'Germany',
  GR: 'Greece',
  HU: 'Hungary',
  IE: 'Ireland',
  IT: 'Italy',
  LV: 'Latvia',
  LT: 'Lithuania',
  LU: 'Luxembourg',
  MT: 'Malta',
  NL: 'Netherlands',
  PL: 'Poland',
  PT: 'Portugal',
  RO: 'Romania',
  SK: 'Slovakia',
  SI: 'Slovenia',
  ES: 'Spain',
  SE: 'Sweden',
};

const displayNames = new Map<string, Intl.DisplayNames | null>();
const regionNames = (locale: string): Intl.DisplayNames | null => {
  if (!displayNames.has(locale)) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  return displayNames.get(locale) ?? null;
};

/** A member state's name in the UI language (English names as listed above; German and Polish from Intl.DisplayNames). */
export const countryName = (code: string): string => {
  const english = englishNames[code];
  if (!english) return code;
  const locale = formatLocale();
  if (locale.toLowerCase().startsWith('en')) return english;
  return regionNames(locale)?.of(code) ?? english;
};

/** The EU member states offered in country selects; `name` follows the UI language. */
export const euCountries: readonly { readonly code: string; readonly name: string }[] = Object.keys(englishNames).map((code) => ({
  code,
  get name() {
    return countryName(code);
  },
}));

/** The member states sorted by their name in the UI language (for selects). */
export const sortedEuCountries = (): { code: string; name: string }[] =>
  euCountries.map(({ code, name }) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, formatLocale()));

/** The VAT ID prefix of a member state (Greece uses EL). */
export const vatPrefix = (country: string): string => (country === 'GR' ? 'EL' : country);

/**
 * Checks for the identifiers a B2B customer enters: IBAN (ISO 13616 length per country + mod-97
 * checksum) and EU VAT identification numbers (format per member state, as published for VIES).
 */

/** IBAN length per country (SEPA area and common trading partners). */
const ibanLengths: Record<string, number> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  UA: 29,
  VA: 22,
};

export function normalizeIban(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export type IbanProblem = 'FORMAT' | 'COUNTRY' | 'LENGTH' | 'CHECKSUM';

/** Returns what is wrong with an IBAN, or undefined when it is valid. */
export function ibanProblem(input: string): IbanProblem | undefined {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return 'FORMAT';
  const length = ibanLengths[iban.slice(0, 2)];
  if (length === undefined) return 'COUNTRY';
  if (iban.length !== length) return 'LENGTH';
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : Number(char);
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder === 1 ? undefined : 'CHECKSUM';
}

/** VAT number formats after the country prefix (Greece uses EL). */
const vatFormats: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

export const euVatCountries = Object.keys(vatFormats);

export function normalizeVatId(input: string): string {
  return input.replace(/[\s.-]/g, '').toUpperCase();
}

/** Polish NIP and German USt-IdNr. carry check digits; the other states are checked by format only. */
const vatCheckDigits: Record<string, (digits: string) => boolean> = {
  PL: (digits) => {
    const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
    const sum = weights.reduce((total, weight, index) => total + weight * Number(digits[index]), 0);
    return sum % 11 === Number(digits[9]);
  },
  DE: (digits) => {
    // ISO 7064 MOD 11,10 over the first eight digits.
    let product = 10;
    for (const digit of digits.slice(0, 8)) {
      let sum = (Number(digit) + product) % 10;
      if (sum === 0) sum = 10;
      product = (2 * sum) % 11;
    }
    const check = (11 - product) % 10;
    return check === Number(digits[8]);
  },
};

export type VatProblem = 'COUNTRY' | 'FORMAT' | 'CHECKSUM';

/** Returns what is wrong with an EU VAT ID such as "DE811907980", or undefined when it is valid. */
export function vatIdProblem(input: string): VatProblem | undefined {
  const vatId = normalizeVatId(input);
  const country = vatId.slice(0, 2);
  const format = vatFormats[country];
  if (!format) return 'COUNTRY';
  const rest = vatId.slice(2);
  if (!format.test(rest)) return 'FORMAT';
  const checkDigits = vatCheckDigits[country];
  if (checkDigits && !checkDigits(rest)) return 'CHECKSUM';
  return undefined;
}

/** The ISO country of a VAT ID (EL is Greece, XI Northern Ireland). */
export function vatCountry(vatId: string): string {
  const prefix = normalizeVatId(vatId).slice(0, 2);
  return prefix === 'EL' ? 'GR' : prefix === 'XI' ? 'GB' : prefix;
}

import { describe, expect, it } from 'vitest';
import { ibanProblem, normalizeIban, vatCountry, vatIdProblem } from '../../functions/accounts/identifiers.js';

describe('IBAN', () => {
  it('accepts valid IBANs in print or electronic form', () => {
    expect(ibanProblem('DE89 3704 0044 0532 0130 00')).toBeUndefined();
    expect(ibanProblem('PL61109010140000071219812874')).toBeUndefined();
    expect(ibanProblem('gb29 nwbk 6016 1331 9268 19')).toBeUndefined();
    expect(ibanProblem('AT611904300234573201')).toBeUndefined();
    expect(normalizeIban('de89 3704-0044')).toBe('DE8937040044');
  });

  it('names what is wrong', () => {
    expect(ibanProblem('DE89 3704 0044 0532 0130 01')).toBe('CHECKSUM');
    expect(ibanProblem('DE89 3704 0044 0532 0130 0')).toBe('LENGTH');
    expect(ibanProblem('ZZ89370400440532013000')).toBe('COUNTRY');
    expect(ibanProblem('not an iban')).toBe('FORMAT');
    expect(ibanProblem('')).toBe('FORMAT');
  });
});

describe('EU VAT ID', () => {
  it('accepts real-format numbers per member state', () => {
    for (const vatId of [
      'DE811907980',
      'PL5260250995',
      'ATU13585627',
      'FR40303265045',
      'NL004495445B01',
      'EL094259216',
      'IT00743110157',
      'ESA28015865',
      'BE0403170701',
    ]) {
      expect(vatIdProblem(vatId), vatId).toBeUndefined();
    }
    expect(vatIdProblem('de 811.907.980')).toBeUndefined();
  });

  it('rejects wrong formats, unknown prefixes and bad check digits', () => {
    expect(vatIdProblem('DE12345678')).toBe('FORMAT');
    expect(vatIdProblem('ATU1234567')).toBe('FORMAT');
    expect(vatIdProblem('US123456789')).toBe('COUNTRY');
    expect(vatIdProblem('GR094259216')).toBe('COUNTRY');
    expect(vatIdProblem('PL5260250996')).toBe('CHECKSUM');
    expect(vatIdProblem('DE811907981')).toBe('CHECKSUM');
  });

  it('maps the prefix to the country', () => {
    expect(vatCountry('EL094259216')).toBe('GR');
    expect(vatCountry('de811907980')).toBe('DE');
  });
});

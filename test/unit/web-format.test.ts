import { describe, expect, it } from 'vitest';
import { formatDate, formatDecimal, formatPercentBps, parseDecimal } from '../../web/src/format.js';
import { formatMoney } from '../../web/src/money.js';
import { formatBasisPoints, formatMinorUnits, parseBasisPoints, parseMinorUnits } from '../../web/src/moneyInput.js';

/** The SPA's one formatting and parsing layer (issue 16 item 4): what German, Polish and English users read and type. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('numbers as typed in the user locale', () => {
  it.each([
    ['de-DE', '1.500,00', '1500.00'],
    ['de-DE', '0,25', '0.25'],
    ['de-DE', '1.500', '1500'],
    ['de-DE', '0.25', '0.25'],
    ['de-DE', '1.500.000', '1500000'],
    ['de-DE', '1500,5', '1500.5'],
    ['pl-PL', '1 500,00', '1500.00'],
    ['pl-PL', '1\u00a0500,00', '1500.00'],
    ['pl-PL', '0,25', '0.25'],
    ['pl-PL', '1500.50', '1500.50'],
    ['en-GB', '1,500.00', '1500.00'],
    ['en-GB', '1,500', '1500'],
    ['en-GB', '0.25', '0.25'],
    ['en-GB', '0,25', '0.25'],
    ['de-DE', '-2,5', '-2.5'],
    ['de-DE', ',5', '0.5'],
  ])('%s reads "%s" as %s', (locale, input, expected) => {
    expect(parseDecimal(input, locale)).toBe(expected);
  });

  it.each([
    ['de-DE', '1.50,00'],
    ['de-DE', '12,5,3'],
    ['en-GB', 'abc'],
    ['en-GB', ''],
    ['en-GB', '1.2.3,4,5'],
    ['pl-PL', ','],
  ])('%s refuses "%s"', (locale, input) => {
    expect(parseDecimal(input, locale)).toBeUndefined();
  });

  it('turns typed money into minor units without floats, refusing negatives and extra decimals', () => {
    expect(parseMinorUnits('1.500,00', 'EUR', 'de-DE')).toBe(150_000);
    expect(parseMinorUnits('1 500,50', 'PLN', 'pl-PL')).toBe(150_050);
    expect(parseMinorUnits('19,99', 'EUR', 'de-DE')).toBe(1999);
    expect(parseMinorUnits('1,500.00', 'EUR', 'en-GB')).toBe(150_000);
    expect(parseMinorUnits('1500', 'JPY', 'en-GB')).toBe(1500);
    expect(parseMinorUnits('0,001', 'EUR', 'de-DE')).toBeUndefined();
    expect(parseMinorUnits('-5', 'EUR', 'de-DE')).toBeUndefined();
    expect(formatMinorUnits(150_050, 'EUR', 'de-DE')).toBe('1500,50');
    expect(formatMinorUnits(150_050, 'EUR', 'en-GB')).toBe('1500.50');
    expect(parseBasisPoints('2,5 %', 'de-DE')).toBe(250);
    expect(parseBasisPoints('12.75', 'en-GB')).toBe(1275);
    expect(formatBasisPoints(250, 'pl-PL')).toBe('2,5');
  });
});

describe('numbers, money, percentages and dates as shown in the user locale', () => {
  it('formats decimals and money per locale', () => {
    expect(plain(formatDecimal('1500.25', 'de-DE'))).toBe('1.500,25');
    // Polish groups from five digits on (CLDR minimum grouping digits 2).
    expect(formatDecimal('1500.25', 'pl-PL')).toBe('1500,25');
    expect(plain(formatDecimal('12500.25', 'pl-PL'))).toBe('12 500,25');
    expect(formatDecimal('0.25', 'en-GB')).toBe('0.25');
    expect(plain(formatMoney(134_830, 'EUR', 'de-DE'))).toBe('1.348,30 €');
    expect(plain(formatMoney(1_234_830, 'PLN', 'pl-PL'))).toBe('12 348,30 zł');
    expect(formatMoney(134_830, 'EUR', 'en-GB')).toBe('€1,348.30');
    expect(plain(formatPercentBps(1900, 'de-DE'))).toBe('19 %');
    expect(formatPercentBps(2300, 'pl-PL')).toBe('23%');
  });

  it('formats dates per locale, a plain date never shifted by the time zone', () => {
    expect(formatDate('2026-12-02', 'de-DE')).toBe('02.12.2026');
    expect(formatDate('2026-12-02', 'pl-PL')).toBe('2 gru 2026');
    expect(formatDate('2026-12-02', 'en-GB')).toBe('2 Dec 2026');
  });
});

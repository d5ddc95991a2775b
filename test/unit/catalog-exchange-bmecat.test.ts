import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../functions/shared/xml.js';
import {
  bmecatNamespace,
  buildBmecat,
  clip,
  formatAmount,
  formatMilli,
  formatTaxRate,
  unEceUnit,
  unitCodes,
  type BmecatHeader,
  type BmecatProduct,
} from '../../functions/catalogexchange/bmecat.js';
import { validateAgainstXsd } from '../support/xsd.js';

const xsd = 'test/fixtures/xsd/bmecat-2005/bmecat_2005.xsd';

const header: BmecatHeader = {
  catalogId: 'mueller-bau',
  catalogVersion: '1.0',
  catalogName: 'Hartmann – Müller Bau GmbH',
  language: 'eng',
  generatedAt: new Date('2026-11-23T10:15:30.123Z'),
  currency: 'EUR',
  buyer: {
    id: 'mueller-bau',
    name: 'Müller Bau GmbH',
    address: { name: 'Müller Bau GmbH', street: 'Industriestraße 12', postalCode: '70565', city: 'Stuttgart', country: 'DE', vatId: 'DE811907980' },
  },
  supplier: {
    id: 'DE136695976',
    name: 'Hartmann Technischer Großhandel',
    address: { name: 'Hartmann GmbH', country: 'DE', vatId: 'DE136695976', remarks: ['Hafenstraße 8', '70327 Stuttgart'] },
  },
};

const product = (overrides: Partial<BmecatProduct> = {}): BmecatProduct => ({
  sku: 'FAS-0111',
  name: 'Wood screw M4',
  description: 'Wood screw, M4. Screws, bolts, nuts and anchors.',
  unit: 'box',
  ean: '4012300000005',
  groupId: 'fasteners',
  vatRate: 1900,
  prices: [
    { amount: 360, currency: 'EUR', lowerBound: 1000 },
    { amount: 338, currency: 'EUR', lowerBound: 100_000 },
  ],
  ...overrides,
});

describe('BMEcat builder', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`Bolts & nuts <M8> "DIN" 'A2'`)).toBe('Bolts &amp; nuts &lt;M8&gt; &quot;DIN&quot; &apos;A2&apos;');
    expect(escapeXml('tab\tok\u0001\u000bgone')).toBe('tab\tokgone');
  });

  it('formats minor units exactly for the currency', () => {
    expect(formatAmount(1234, 'EUR')).toBe('12.34');
    expect(formatAmount(5, 'EUR')).toBe('0.05');
    expect(formatAmount(0, 'PLN')).toBe('0.00');
    expect(formatAmount(-5, 'EUR')).toBe('-0.05');
    expect(formatAmount(1234, 'JPY')).toBe('1234');
    expect(formatAmount(1234, 'KWD')).toBe('1.234');
    expect(() => formatAmount(1.5, 'EUR')).toThrow(RangeError);
  });

  it('formats quantities and VAT rates', () => {
    expect(formatMilli(1000)).toBe('1');
    expect(formatMilli(2500)).toBe('2.5');
    expect(formatMilli(250)).toBe('0.25');
    expect(formatTaxRate(1900)).toBe('0.19');
    expect(formatTaxRate(550)).toBe('0.055');
    expect(formatTaxRate(0)).toBe('0');
  });

  it('maps sales units to UN/ECE Recommendation 20 codes', () => {
    expect(unEceUnit('pc')).toBe('C62');
    expect(unEceUnit('box')).toBe('BX');
    expect(unEceUnit('l')).toBe('LTR');
    expect(unEceUnit('pair')).toBe('PR');
    expect(unEceUnit('unknown-unit')).toBe('C62');
    expect(Object.values(unitCodes).every((code) => /^[0-9A-Z]{2,3}$/.test(code))).toBe(true);
  });

  it('clips to schema lengths by characters', () => {
    expect(clip('  Müller  ', 3)).toBe('Mül');
    expect([...clip('😀'.repeat(60), 50)]).toHaveLength(50);
  });

  it('builds a T_NEW_CATALOG that validates against the official BMEcat 2005 schema', () => {
    const xml = buildBmecat(
      header,
      [
        { id: 'fasteners', name: 'Fasteners', description: 'Screws & bolts', order: 0 },
        { id: 'electrical', name: 'Electrical', order: 6 },
      ],
      [
        product(),
        product({
          sku: 'ELE-0711',
          name: `Cable <NYM-J> 3x1.5 & "more"${'x'.repeat(200)}`,
          unit: 'pc',
          groupId: 'electrical',
          prices: [{ amount: 240, currency: 'EUR', lowerBound: 1000 }],
        }),
      ],
    );
    expect(xml).toContain(`<BMECAT version="2005" xmlns="${bmecatNamespace}">`);
    expect(xml).toContain('<PRICE_AMOUNT>3.60</PRICE_AMOUNT>');
    expect(xml).toContain('<LOWER_BOUND>100</LOWER_BOUND>');
    expect(xml).toContain('<ORDER_UNIT>BX</ORDER_UNIT>');
    expect(xml).toContain('<TAX>0.19</TAX>');
    expect(xml).toContain('<INTERNATIONAL_PID type="gtin">4012300000005</INTERNATIONAL_PID>');
    expect(xml).toContain('Cable &lt;NYM-J&gt; 3x1.5 &amp; &quot;more&quot;');
    expect(xml).toContain('<GENERATION_DATE>2026-11-23T10:15:30Z</GENERATION_DATE>');
    const result = validateAgainstXsd(xml, xsd);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the schema check is real: a product without a price fails to validate', () => {
    const xml = buildBmecat(header, [{ id: 'fasteners', name: 'Fasteners', order: 0 }], [product()]).replace(
      /<PRODUCT_PRICE_DETAILS>.*?<\/PRODUCT_PRICE_DETAILS>/s,
      '',
    );
    const result = validateAgainstXsd(xml, xsd);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/PRODUCT_PRICE_DETAILS/);
  });

  it('refuses what the schema would refuse', () => {
    expect(() => buildBmecat(header, [], [product({ prices: [] })])).toThrow(/no price/);
    expect(() => buildBmecat(header, [], [product({ sku: 'X'.repeat(33) })])).toThrow(/32/);
    expect(() => buildBmecat({ ...header, catalogVersion: '2026-11' }, [], [])).toThrow(/CATALOG_VERSION/);
  });
});

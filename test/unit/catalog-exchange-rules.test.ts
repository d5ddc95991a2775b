import { describe, expect, it } from 'vitest';
import {
  checkHeader,
  checkPriceRowReferences,
  csvField,
  errorReportHeader,
  errorReportLines,
  importOptions,
  isValidGtin,
  parsePriceListScope,
  parseScaledDecimal,
  parseTiers,
  rowErrorCodes,
  rowsPerBatch,
  toBasisPoints,
  toMilli,
  toMinorUnits,
  validatePriceRow,
  validateProductRow,
  type RowError,
} from '../../functions/catalogexchange/rules.js';

const dot = importOptions({});
const comma = importOptions({ decimalSeparator: ',' });
const context = { categories: new Set(['fasteners', 'electrical']), shopCurrency: 'EUR', sellerCountry: 'DE', options: dot };
const productRow = (overrides: Record<string, string> = {}) => ({
  sku: 'IMP-1',
  name: 'Hex bolt M8',
  description: 'Hex bolt DIN 933, M8',
  categoryId: 'fasteners',
  unit: 'box',
  listPrice: '12.34',
  currency: 'EUR',
  vatRate: '19',
  vatRatesByCountry: '',
  tiers: '',
  ean: '',
  active: '',
  ...overrides,
});
const priceRow = (overrides: Record<string, string> = {}) => ({
  priceList: 'group:wholesale',
  sku: 'IMP-1',
  unitPrice: '9.99',
  currency: 'EUR',
  tiers: '',
  ...overrides,
});

const codesOf = (result: { ok: boolean; errors?: readonly RowError[] }) => (result.ok ? [] : result.errors!.map((error) => `${error.column}:${error.code}`));
const seen = new Set<string>();
const expectCodes = (result: { ok: boolean; errors?: readonly RowError[] }, expected: string[]) => {
  expect(codesOf(result)).toEqual(expected);
  for (const entry of expected) seen.add(entry.split(':')[1]!);
};

describe('decimal parsing without floats', () => {
  it('converts decimal strings to minor units exactly', () => {
    expect(toMinorUnits('12.34', 'EUR', '.')).toBe(1234);
    expect(toMinorUnits('0.1', 'EUR', '.')).toBe(10);
    expect(toMinorUnits('19.99', 'EUR', '.')).toBe(1999);
    expect(toMinorUnits('1,5', 'EUR', ',')).toBe(150);
    expect(toMinorUnits('1000', 'JPY', '.')).toBe(1000);
    expect(toMinorUnits('1.5', 'JPY', '.')).toBeUndefined();
    expect(toMinorUnits('12.345', 'EUR', '.')).toBeUndefined();
    expect(toMinorUnits('1,5', 'EUR', '.')).toBeUndefined();
    expect(toMinorUnits('1.234,50', 'EUR', ',')).toBeUndefined();
    expect(toMinorUnits('-1', 'EUR', '.')).toBeUndefined();
    expect(toMinorUnits('0', 'EUR', '.')).toBeUndefined();
    expect(toMinorUnits('1e3', 'EUR', '.')).toBeUndefined();
    expect(parseScaledDecimal('999999999999.99', 2, '.')).toBe(99_999_999_999_999);
  });

  it('parses rates, quantities and tiers', () => {
    expect(toBasisPoints('19', '.')).toBe(1900);
    expect(toBasisPoints('7,5', ',')).toBe(750);
    expect(toBasisPoints('0', '.')).toBe(0);
    expect(toBasisPoints('100.01', '.')).toBeUndefined();
    expect(toMilli('2.5', '.')).toBe(2500);
    expect(parseTiers('10:4.28|50:3.96', 'EUR', '.')).toEqual([
      { minQuantity: 10_000, unitPrice: { amount: 428, currency: 'EUR' } },
      { minQuantity: 50_000, unitPrice: { amount: 396, currency: 'EUR' } },
    ]);
    expect(parseTiers('10:4,28|50:3,96', 'EUR', ',')).toHaveLength(2);
    expect(parseTiers('50:3.96|10:4.28', 'EUR', '.')).toBeUndefined();
    expect(parseTiers('10', 'EUR', '.')).toBeUndefined();
    expect(parseTiers('', 'EUR', '.')).toEqual([]);
  });

  it('checks GTIN check digits', () => {
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(isValidGtin('96385074')).toBe(true);
    expect(isValidGtin('12345')).toBe(false);
  });
});

describe('CSV rows', () => {
  it('accepts a valid product row and builds the catalog and pricing items', () => {
    const result = validateProductRow(productRow({ tiers: '10:11.50', ean: '4006381333931', vatRatesByCountry: 'PL:23|AT:20', active: 'false' }), 2, context);
    expect(result).toEqual({
      ok: true,
      value: {
        product: {
          sku: 'IMP-1',
          name: 'Hex bolt M8',
          description: 'Hex bolt DIN 933, M8',
          categoryId: 'fasteners',
          unit: 'box',
          listPrice: { amount: 1234, currency: 'EUR' },
          active: false,
          ean: '4006381333931',
        },
        pricing: {
          sku: 'IMP-1',
          categoryId: 'fasteners',
          listPrice: { amount: 1234, currency: 'EUR' },
          vatRates: { PL: 2300, AT: 2000, DE: 1900, default: 1900 },
          tiers: [{ minQuantity: 10_000, unitPrice: { amount: 1150, currency: 'EUR' } }],
        },
      },
    });
  });

  it('reads manufacturer, MPN and attributes', () => {
    const result = validateProductRow(
      productRow({ manufacturer: 'Würth', mpn: '0057 08 40', attributes: 'thread:M8 | length:40 mm|material:A2|standard:DIN 933' }),
      2,
      context,
    );
    expect(result.ok && result.value.product).toMatchObject({
      manufacturer: 'Würth',
      mpn: '0057 08 40',
      attributes: { thread: 'M8', length: '40 mm', material: 'A2', standard: 'DIN 933' },
    });
  });

  it('reads translated names and descriptions per language', () => {
    const result = validateProductRow(
      productRow({ name_de: 'Sechskantschraube M8', description_de: 'Verzinkt, DIN 933.', name_pl: 'Śruba sześciokątna M8' }),
      2,
      context,
    );
    expect(result.ok && result.value.product.texts).toEqual({
      de: { name: 'Sechskantschraube M8', description: 'Verzinkt, DIN 933.' },
      pl: { name: 'Śruba sześciokątna M8' },
    });
    const untranslated = validateProductRow(productRow({}), 2, context);
    expect(untranslated.ok && 'texts' in untranslated.value.product).toBe(false);
    expectCodes(validateProductRow(productRow({ name_pl: 'ś'.repeat(151) }), 3, context), ['name_pl:TOO_LONG']);
    expectCodes(validateProductRow(productRow({ description_de: 'x'.repeat(4001) }), 3, context), ['description_de:TOO_LONG']);
  });

  it('reads German decimal commas when asked to', () => {
    const result = validateProductRow(productRow({ listPrice: '12,34', vatRate: '7,5' }), 2, { ...context, options: comma });
    expect(result.ok && result.value.product.listPrice.amount).toBe(1234);
    expect(result.ok && result.value.pricing.vatRates.default).toBe(750);
    expect(comma.delimiter).toBe(';');
  });

  it('reports each product problem with its column and code', () => {
    expectCodes(validateProductRow(productRow({ sku: 'bad sku!' }), 3, context), ['sku:INVALID_SKU']);
    expectCodes(validateProductRow(productRow({ sku: '' }), 3, context), ['sku:REQUIRED']);
    expectCodes(validateProductRow(productRow({ name: 'x'.repeat(151) }), 3, context), ['name:TOO_LONG']);
    expectCodes(validateProductRow(productRow({ categoryId: 'garden' }), 3, context), ['categoryId:UNKNOWN_CATEGORY']);
    expectCodes(validateProductRow(productRow({ unit: 'barrel' }), 3, context), ['unit:UNKNOWN_UNIT']);
    expectCodes(validateProductRow(productRow({ listPrice: '12.345' }), 3, context), ['listPrice:INVALID_PRICE']);
    expectCodes(validateProductRow(productRow({ currency: 'EURO' }), 3, context), ['currency:INVALID_CURRENCY']);
    expectCodes(validateProductRow(productRow({ currency: 'PLN' }), 3, context), ['currency:CURRENCY_NOT_SUPPORTED']);
    expectCodes(validateProductRow(productRow({ vatRate: '120' }), 3, context), ['vatRate:INVALID_VAT_RATE']);
    expectCodes(validateProductRow(productRow({ vatRatesByCountry: 'Poland:23' }), 3, context), ['vatRatesByCountry:INVALID_VAT_RATE']);
    expectCodes(validateProductRow(productRow({ tiers: '50:3|10:4' }), 3, context), ['tiers:INVALID_TIERS']);
    expectCodes(validateProductRow(productRow({ ean: '4006381333932' }), 3, context), ['ean:INVALID_EAN']);
    expectCodes(validateProductRow(productRow({ active: 'maybe' }), 3, context), ['active:INVALID_ACTIVE']);
    expectCodes(validateProductRow(productRow({ manufacturer: 'M'.repeat(81) }), 3, context), ['manufacturer:INVALID_MANUFACTURER']);
    expectCodes(validateProductRow(productRow({ mpn: '9'.repeat(65) }), 3, context), ['mpn:INVALID_MPN']);
    expectCodes(validateProductRow(productRow({ attributes: 'thread=M8' }), 3, context), ['attributes:INVALID_ATTRIBUTES']);
    expectCodes(validateProductRow(productRow({ attributes: 'thread:M8|thread:M10' }), 3, context), ['attributes:INVALID_ATTRIBUTES']);
    expectCodes(validateProductRow(productRow({ attributes: 'Thread:M8' }), 3, context), ['attributes:INVALID_ATTRIBUTES']);
    const many = validateProductRow(productRow({ sku: '', name: '', unit: '' }), 7, context);
    expect(many.ok ? [] : many.errors.map((error) => error.row)).toEqual([7, 7, 7]);
  });

  it('validates price rows and their references', () => {
    const valid = validatePriceRow(priceRow({ tiers: '100:8.50' }), 2, dot);
    expect(valid).toEqual({
      ok: true,
      value: {
        scope: { kind: 'customer-group', customerGroup: 'wholesale' },
        priceList: 'group:wholesale',
        sku: 'IMP-1',
        unitPrice: { amount: 999, currency: 'EUR' },
        tiers: [{ minQuantity: 100_000, unitPrice: { amount: 850, currency: 'EUR' } }],
      },
    });
    expect(parsePriceListScope('company:mueller-bau')).toEqual({ kind: 'company', companyId: 'mueller-bau' });
    expect(parsePriceListScope('agreement:net-30')).toEqual({ kind: 'agreement', agreementId: 'net-30' });
    expectCodes(validatePriceRow(priceRow({ priceList: 'wholesale' }), 4, dot), ['priceList:INVALID_PRICE_LIST']);
    expectCodes(validatePriceRow(priceRow({ unitPrice: 'abc' }), 4, dot), ['unitPrice:INVALID_PRICE']);
    expectCodes(validatePriceRow(priceRow({ tiers: '1:' }), 4, dot), ['tiers:INVALID_TIERS']);
    const row = (valid as { value: Parameters<typeof checkPriceRowReferences>[0] }).value;
    expect(checkPriceRowReferences(row, 2, { currency: 'EUR' }, true)).toEqual([]);
    expectCodes({ ok: false, errors: checkPriceRowReferences(row, 2, undefined, false) }, ['priceList:UNKNOWN_PRICE_LIST', 'sku:UNKNOWN_SKU']);
    expectCodes({ ok: false, errors: checkPriceRowReferences(row, 2, { currency: 'PLN' }, true) }, ['currency:CURRENCY_MISMATCH']);
  });

  it('checks the header', () => {
    expect(checkHeader('prices', ['priceList', 'sku', 'unitPrice', 'currency'])).toEqual([]);
    const problems = checkHeader('products', ['sku', 'name', 'colour']);
    expect(problems.map((problem) => `${problem.column}:${problem.code}`)).toEqual([
      'categoryId:MISSING_COLUMN',
      'unit:MISSING_COLUMN',
      'listPrice:MISSING_COLUMN',
      'currency:MISSING_COLUMN',
      'vatRate:MISSING_COLUMN',
      'colour:UNKNOWN_COLUMN',
    ]);
    problems.forEach((problem) => seen.add(problem.code));
  });

  it('keeps row batches within one TransactWriteItems call', () => {
    expect(rowsPerBatch('products') * 2).toBeLessThanOrEqual(100);
    expect(rowsPerBatch('prices') * 2).toBeLessThanOrEqual(100);
  });

  it('writes the error report as CSV', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a "quoted", value')).toBe('"a ""quoted"", value"');
    expect(errorReportHeader + errorReportLines([{ row: 5, column: 'listPrice', code: 'INVALID_PRICE', message: 'listPrice "1,5" is wrong' }])).toBe(
      'row,column,code,message\n5,listPrice,INVALID_PRICE,"listPrice ""1,5"" is wrong"\n',
    );
  });

  it('every row-level validation code is covered above (the rest come from the run: CSV shape, duplicates, writes)', () => {
    const fromTheRun = ['MALFORMED_CSV', 'COLUMN_COUNT', 'DUPLICATE_SKU', 'WRITE_FAILED'];
    expect(rowErrorCodes.filter((code) => !seen.has(code) && !fromTheRun.includes(code))).toEqual([]);
  });
});

import * as z from 'zod';
import type { ProductMasterData } from '../catalog/items.js';
import { contentLanguages } from '../catalog/rules.js';
import type { PriceListScope, PriceTier, ProductPricingData } from '../pricing/model.js';
import { parseScaled } from '../shared/decimal.js';
import { parseMinorUnits, type Money } from '../shared/money.js';
import { parseMilli } from '../shared/quantity.js';
import { unitCodes } from './bmecat.js';

/**
 * Pure rules of the CSV catalog import (docs/catalog-exchange.md): header check, row validation
 * with one machine-readable code per problem, exact decimal → minor-unit conversion, batching and
 * the error report. No AWS imports.
 */

export const importKinds = ['products', 'prices'] as const;
export type ImportKind = (typeof importKinds)[number];

export interface ImportOptions {
  /** `.` (default) or `,` (German/Polish spreadsheets). Thousands separators are not accepted. */
  readonly decimalSeparator: '.' | ',';
  /** Field delimiter; defaults to `;` with a decimal comma, `,` otherwise. */
  readonly delimiter: ',' | ';';
}

export function importOptions(input: { decimalSeparator?: '.' | ','; delimiter?: ',' | ';' }): ImportOptions {
  const decimalSeparator = input.decimalSeparator ?? '.';
  const delimiter = input.delimiter ?? (decimalSeparator === ',' ? ';' : ',');
  return { decimalSeparator, delimiter };
}

export const rowErrorCodes = [
  'MISSING_COLUMN',
  'UNKNOWN_COLUMN',
  'MALFORMED_CSV',
  'COLUMN_COUNT',
  'REQUIRED',
  'TOO_LONG',
  'INVALID_SKU',
  'DUPLICATE_SKU',
  'UNKNOWN_CATEGORY',
  'UNKNOWN_UNIT',
  'INVALID_PRICE',
  'INVALID_CURRENCY',
  'CURRENCY_NOT_SUPPORTED',
  'INVALID_VAT_RATE',
  'INVALID_TIERS',
  'INVALID_EAN',
  'INVALID_MANUFACTURER',
  'INVALID_MPN',
  'INVALID_ATTRIBUTES',
  'INVALID_ACTIVE',
  'INVALID_PRICE_LIST',
  'UNKNOWN_PRICE_LIST',
  'CURRENCY_MISMATCH',
  'UNKNOWN_SKU',
  'WRITE_FAILED',
] as const;
export type RowErrorCode = (typeof rowErrorCodes)[number];

export interface RowError {
  /** 1-based line number in the file; the header is row 1. */
  readonly row: number;
  readonly column: string;
  readonly code: RowErrorCode;
  readonly message: string;
}

export const columns = {
  products: {
    required: ['sku', 'name', 'categoryId', 'unit', 'listPrice', 'currency', 'vatRate'],
    optional: [
      'description',
      'vatRatesByCountry',
      'tiers',
      'ean',
      'active',
      'manufacturer',
      'mpn',
      'attributes',
      ...contentLanguages.flatMap((language) => [`name_${language}`, `description_${language}`] as const),
    ],
  },
  prices: {
    required: ['priceList', 'sku', 'unitPrice', 'currency'],
    optional: ['tiers'],
  },
} as const satisfies Record<ImportKind, { required: readonly string[]; optional: readonly string[] }>;

/** Items one row writes in its transaction: product = PRODUCT + PRICING + up to 3 identifiers (SKU, EAN, MPN); price = entry + product check. */
export const itemsPerRow: Record<ImportKind, number> = { products: 5, prices: 2 };
/** DynamoDB TransactWriteItems takes at most 100 items. */
export const maxTransactionItems = 100;
export const rowsPerBatch = (kind: ImportKind): number => Math.floor(maxTransactionItems / itemsPerRow[kind]);

export function checkHeader(kind: ImportKind, header: readonly string[]): RowError[] {
  const known = new Set<string>([...columns[kind].required, ...columns[kind].optional]);
  const present = new Set(header);
  return [
    ...columns[kind].required
      .filter((column) => !present.has(column))
      .map((column) => ({ row: 1, column, code: 'MISSING_COLUMN' as const, message: `The header lacks the required column "${column}"` })),
    ...header
      .filter((column) => !known.has(column))
      .map((column) => ({ row: 1, column, code: 'UNKNOWN_COLUMN' as const, message: `Unknown column "${column}" (expected ${[...known].join(', ')})` })),
  ];
}

// ---- numbers -------------------------------------------------------------------------------

/**
 * A non-negative decimal string → integer scaled by 10^scale, exactly (no floats): ("12.5", 2) →
 * 1250. More fraction digits than `scale` is an error rather than a silent rounding.
 */
export const parseScaledDecimal = (text: string, scale: number, separator: '.' | ','): number | undefined => parseScaled(text, scale, { separator });

/** "12.34" EUR → 1234 (minor units), exactly; undefined when not a positive amount with ≤ the currency's digits. */
export function toMinorUnits(text: string, currency: string, separator: '.' | ','): number | undefined {
  const value = parseMinorUnits(text, currency, { separator });
  return value !== undefined && value > 0 ? value : undefined;
}

/** "19" or "7,5" (percent) → basis points (1900, 750); 0–100 with at most two decimals. */
export function toBasisPoints(text: string, separator: '.' | ','): number | undefined {
  const value = parseScaled(text, 2, { separator });
  return value !== undefined && value <= 10_000 ? value : undefined;
}

/** "10" or "2,5" units → thousandths (10000, 2500). */
export function toMilli(text: string, separator: '.' | ','): number | undefined {
  const value = parseMilli(text, { separator, maxIntegerDigits: 12 });
  return value !== undefined && value > 0 ? value : undefined;
}

/** "10:4.28|50:3.96" → tiers ascending by quantity (strictly), each with a positive price. */
export function parseTiers(text: string, currency: string, separator: '.' | ','): PriceTier[] | undefined {
  if (!text.trim()) return [];
  const tiers: PriceTier[] = [];
  for (const part of text.split('|')) {
    const [quantityText, priceText, ...rest] = part.split(':');
    if (rest.length || quantityText === undefined || priceText === undefined) return undefined;
    const minQuantity = toMilli(quantityText, separator);
    const amount = toMinorUnits(priceText, currency, separator);
    if (minQuantity === undefined || amount === undefined) return undefined;
    if (tiers.length && minQuantity <= tiers[tiers.length - 1]!.minQuantity) return undefined;
    tiers.push({ minQuantity, unitPrice: { amount, currency } });
  }
  return tiers;
}

const attributeCode = /^[a-z][a-z0-9-]{0,39}$/;

/** "thread:M8|length:40 mm" → { thread: 'M8', length: '40 mm' }; undefined when malformed. */
export function parseAttributes(text: string): Record<string, string> | undefined {
  const attributes: Record<string, string> = {};
  for (const pair of text
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const colon = pair.indexOf(':');
    const code = pair.slice(0, colon).trim();
    const value = pair.slice(colon + 1).trim();
    if (colon < 1 || !attributeCode.test(code) || !value || value.length > 80 || code in attributes) return undefined;
    attributes[code] = value;
  }
  return attributes;
}

/** GTIN-8/12/13/14 with a valid check digit. */
export function isValidGtin(text: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(text)) return false;
  const digits = [...text].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

// ---- rows ----------------------------------------------------------------------------------

const fields = {
  sku: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
  categoryId: z.string().regex(/^[a-z0-9-]{1,64}$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
  countryRate: z.string().regex(/^[A-Z]{2}:.+$/),
  priceList: z.string().regex(/^(group|company|agreement):[A-Za-z0-9-]{1,64}$/),
};

type Result<T> = { ok: true; value: T } | { ok: false; errors: RowError[] };

class RowChecker {
  readonly errors: RowError[] = [];
  constructor(
    private readonly record: Readonly<Record<string, string | undefined>>,
    readonly row: number,
  ) {}

  text(column: string): string {
    return (this.record[column] ?? '').trim();
  }

  fail(column: string, code: RowErrorCode, message: string): undefined {
    this.errors.push({ row: this.row, column, code, message });
    return undefined;
  }

  required(column: string, max: number): string | undefined {
    const value = this.text(column);
    if (!value) return this.fail(column, 'REQUIRED', `${column} is required`);
    if ([...value].length > max) return this.fail(column, 'TOO_LONG', `${column} may have at most ${max} characters`);
    return value;
  }

  matches(column: string, schema: z.ZodType<string>, code: RowErrorCode, message: string): string | undefined {
    const value = this.text(column);
    if (!value) return this.fail(column, 'REQUIRED', `${column} is required`);
    return schema.safeParse(value).success ? value : this.fail(column, code, message);
  }
}

export interface ProductRowContext {
  readonly categories: ReadonlySet<string>;
  /** Products are priced in the shop currency; other currencies come through price lists or agreements. */
  readonly shopCurrency: string;
  readonly sellerCountry: string;
  readonly options: ImportOptions;
}

export interface ProductRow {
  readonly product: ProductMasterData;
  readonly pricing: ProductPricingData;
}

export function validateProductRow(record: Readonly<Record<string, string | undefined>>, row: number, context: ProductRowContext): Result<ProductRow> {
  const check = new RowChecker(record, row);
  const separator = context.options.decimalSeparator;
  const sku = check.matches('sku', fields.sku, 'INVALID_SKU', 'SKU: 1–32 letters, digits, ".", "_" or "-"');
  const name = check.required('name', 150);
  const description = check.text('description');
  if ([...description].length > 4000) check.fail('description', 'TOO_LONG', 'description may have at most 4000 characters');

  const categoryId = check.matches('categoryId', fields.categoryId, 'UNKNOWN_CATEGORY', 'categoryId is not a category id');
  if (categoryId && !context.categories.has(categoryId)) check.fail('categoryId', 'UNKNOWN_CATEGORY', `There is no category "${categoryId}"`);

  const unit = check.text('unit');
  if (!unit) check.fail('unit', 'REQUIRED', 'unit is required');
  else if (!(unit in unitCodes)) check.fail('unit', 'UNKNOWN_UNIT', `Unknown unit "${unit}" (use ${Object.keys(unitCodes).join(', ')})`);

  const currency = check.matches('currency', fields.currency, 'INVALID_CURRENCY', 'currency must be an ISO 4217 code such as EUR');
  if (currency && currency !== context.shopCurrency) {
    check.fail('currency', 'CURRENCY_NOT_SUPPORTED', `List prices are kept in ${context.shopCurrency}; use a price list for other currencies`);
  }
  const listPriceText = check.text('listPrice');
  const listPrice = currency ? toMinorUnits(listPriceText, currency, separator) : undefined;
  if (!listPriceText) check.fail('listPrice', 'REQUIRED', 'listPrice is required');
  else if (currency && listPrice === undefined)
    check.fail(
      'listPrice',
      'INVALID_PRICE',
      `listPrice "${listPriceText}" is not a positive amount with at most two decimals (decimal separator "${separator}")`,
    );

  const vatText = check.text('vatRate');
  const vatRate = toBasisPoints(vatText, separator);
  if (!vatText) check.fail('vatRate', 'REQUIRED', 'vatRate is required');
  else if (vatRate === undefined) check.fail('vatRate', 'INVALID_VAT_RATE', `vatRate "${vatText}" is not a percentage between 0 and 100`);

  const vatRates: Record<string, number> = {};
  for (const part of check.text('vatRatesByCountry').split('|').filter(Boolean)) {
    const [country, rateText] = part.split(':');
    const rate = rateText === undefined ? undefined : toBasisPoints(rateText, separator);
    if (!fields.countryRate.safeParse(part).success || rate === undefined) {
      check.fail('vatRatesByCountry', 'INVALID_VAT_RATE', `"${part}" is not COUNTRY:percent (e.g. PL:23)`);
      break;
    }
    vatRates[country!] = rate;
  }

  const tiers = currency ? parseTiers(check.text('tiers'), currency, separator) : [];
  if (tiers === undefined)
    check.fail('tiers', 'INVALID_TIERS', 'tiers must be quantity:price pairs separated by "|", ascending by quantity, e.g. 10:4.28|50:3.96');

  const ean = check.text('ean');
  if (ean && !isValidGtin(ean)) check.fail('ean', 'INVALID_EAN', `"${ean}" is not a GTIN-8/12/13/14 with a valid check digit`);

  const manufacturer = check.text('manufacturer');
  if (manufacturer.length > 80) check.fail('manufacturer', 'INVALID_MANUFACTURER', 'manufacturer may have at most 80 characters');
  const mpn = check.text('mpn');
  if (mpn.length > 64) check.fail('mpn', 'INVALID_MPN', 'mpn may have at most 64 characters');
  const attributes = parseAttributes(check.text('attributes'));
  if (attributes === undefined)
    check.fail('attributes', 'INVALID_ATTRIBUTES', 'attributes must be code:value pairs separated by "|", e.g. thread:M8|length:40 mm|material:A2');

  const texts: Record<string, { name?: string; description?: string }> = {};
  for (const language of contentLanguages) {
    const translatedName = check.text(`name_${language}`);
    const translatedDescription = check.text(`description_${language}`);
    if ([...translatedName].length > 150) check.fail(`name_${language}`, 'TOO_LONG', `name_${language} may have at most 150 characters`);
    if ([...translatedDescription].length > 4000) check.fail(`description_${language}`, 'TOO_LONG', `description_${language} may have at most 4000 characters`);
    if (translatedName || translatedDescription)
      texts[language] = { ...(translatedName ? { name: translatedName } : {}), ...(translatedDescription ? { description: translatedDescription } : {}) };
  }

  const activeText = check.text('active').toLowerCase();
  const active =
    activeText === '' || ['true', '1', 'yes', 'ja', 'tak'].includes(activeText)
      ? true
      : ['false', '0', 'no', 'nein', 'nie'].includes(activeText)
        ? false
        : undefined;
  if (active === undefined) check.fail('active', 'INVALID_ACTIVE', 'active must be true or false');

  if (check.errors.length) return { ok: false, errors: check.errors };
  const price: Money = { amount: listPrice!, currency: currency! };
  return {
    ok: true,
    value: {
      product: {
        sku: sku!,
        name: name!,
        description,
        categoryId: categoryId!,
        unit,
        listPrice: price,
        active: active!,
        ...(ean ? { ean } : {}),
        ...(manufacturer ? { manufacturer } : {}),
        ...(mpn ? { mpn } : {}),
        ...(attributes && Object.keys(attributes).length ? { attributes } : {}),
        ...(Object.keys(texts).length ? { texts } : {}),
      },
      pricing: {
        sku: sku!,
        categoryId: categoryId!,
        listPrice: price,
        vatRates: { ...vatRates, [context.sellerCountry]: vatRates[context.sellerCountry] ?? vatRate!, default: vatRate! },
        ...(tiers!.length ? { tiers: tiers! } : {}),
      },
    },
  };
}

export interface PriceRow {
  readonly scope: PriceListScope;
  /** As written in the file (`group:wholesale`). */
  readonly priceList: string;
  readonly sku: string;
  readonly unitPrice: Money;
  readonly tiers: readonly PriceTier[];
}

export function parsePriceListScope(text: string): PriceListScope | undefined {
  if (!fields.priceList.safeParse(text).success) return undefined;
  const [kind, id] = text.split(':') as [string, string];
  return kind === 'group'
    ? { kind: 'customer-group', customerGroup: id }
    : kind === 'company'
      ? { kind: 'company', companyId: id }
      : { kind: 'agreement', agreementId: id };
}

export function validatePriceRow(record: Readonly<Record<string, string | undefined>>, row: number, options: ImportOptions): Result<PriceRow> {
  const check = new RowChecker(record, row);
  const separator = options.decimalSeparator;
  const priceList = check.text('priceList');
  const scope = parsePriceListScope(priceList);
  if (!priceList) check.fail('priceList', 'REQUIRED', 'priceList is required');
  else if (!scope) check.fail('priceList', 'INVALID_PRICE_LIST', 'priceList must be group:<id>, company:<id> or agreement:<id>');
  const sku = check.matches('sku', fields.sku, 'INVALID_SKU', 'SKU: 1–32 letters, digits, ".", "_" or "-"');
  const currency = check.matches('currency', fields.currency, 'INVALID_CURRENCY', 'currency must be an ISO 4217 code such as EUR');
  const priceText = check.text('unitPrice');
  const amount = currency ? toMinorUnits(priceText, currency, separator) : undefined;
  if (!priceText) check.fail('unitPrice', 'REQUIRED', 'unitPrice is required');
  else if (currency && amount === undefined)
    check.fail('unitPrice', 'INVALID_PRICE', `unitPrice "${priceText}" is not a positive amount (decimal separator "${separator}")`);
  const tiers = currency ? parseTiers(check.text('tiers'), currency, separator) : [];
  if (tiers === undefined)
    check.fail('tiers', 'INVALID_TIERS', 'tiers must be quantity:price pairs separated by "|", ascending by quantity, e.g. 10:4.28|50:3.96');
  if (check.errors.length) return { ok: false, errors: check.errors };
  return { ok: true, value: { scope: scope!, priceList, sku: sku!, unitPrice: { amount: amount!, currency: currency! }, tiers: tiers! } };
}

/** Checks of a valid price row against what exists: the price list (and its currency) and the product. */
export function checkPriceRowReferences(row: PriceRow, rowNumber: number, list: { readonly currency: string } | undefined, productExists: boolean): RowError[] {
  const errors: RowError[] = [];
  if (!list) errors.push({ row: rowNumber, column: 'priceList', code: 'UNKNOWN_PRICE_LIST', message: `There is no price list ${row.priceList}` });
  else if (list.currency !== row.unitPrice.currency) {
    errors.push({
      row: rowNumber,
      column: 'currency',
      code: 'CURRENCY_MISMATCH',
      message: `Price list ${row.priceList} is kept in ${list.currency}, not ${row.unitPrice.currency}`,
    });
  }
  if (!productExists) errors.push({ row: rowNumber, column: 'sku', code: 'UNKNOWN_SKU', message: `There is no product ${row.sku}` });
  return errors;
}

// ---- report --------------------------------------------------------------------------------

export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const errorReportHeader = 'row,column,code,message\n';
export const errorReportLines = (errors: readonly RowError[]): string =>
  errors.map((error) => [error.row, error.column, error.code, error.message].map(csvField).join(',') + '\n').join('');

export interface ImportCounts {
  readonly rows: number;
  readonly imported: number;
  readonly failed: number;
}

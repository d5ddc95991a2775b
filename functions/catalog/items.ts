import type { Money } from '../shared/money.js';
import type { ProductTexts } from './rules.js';
import { catalogKeys } from './repository.js';
import { normaliseIdentifier } from './search/analysis.js';

/**
 * The DynamoDB item shape of catalog master data, shared by the demo seed (local/seed.ts) and the
 * CSV import (functions/catalogexchange) so both write exactly what the catalog repository reads
 * (the pricing items' shapes are pricing's: functions/pricing/repository.ts).
 */

export interface ProductMasterData {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  readonly unit: string;
  readonly listPrice: Money;
  readonly active: boolean;
  /** GTIN/EAN, when known (exported to BMEcat). */
  readonly ean?: string;
  readonly manufacturer?: string;
  /** Manufacturer part number (MPN). */
  readonly mpn?: string;
  /** Typed attributes of the category: code → value with its unit ("thread" → "M8", "length" → "40 mm"). */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Name and description in other languages (de, pl, en). */
  readonly texts?: ProductTexts;
}

/**
 * The `PRODUCT` item without `stock` and `related`: those belong to stock reservations and
 * merchandising, and an import must never overwrite them.
 */
export function productItem(product: ProductMasterData): Record<string, unknown> {
  return {
    ...catalogKeys.product(product.sku),
    ...catalogKeys.productInCategory(product.categoryId, product.name, product.sku),
    type: 'product',
    sku: product.sku,
    name: product.name,
    description: product.description,
    categoryId: product.categoryId,
    unit: product.unit,
    listPrice: { amount: product.listPrice.amount, currency: product.listPrice.currency },
    active: product.active,
    ...(product.ean ? { ean: product.ean } : {}),
    ...(product.manufacturer ? { manufacturer: product.manufacturer } : {}),
    ...(product.mpn ? { mpn: product.mpn } : {}),
    ...(product.attributes && Object.keys(product.attributes).length ? { attributes: { ...product.attributes } } : {}),
    ...(product.texts && Object.keys(product.texts).length ? { texts: product.texts } : {}),
  };
}

/**
 * The identifier lane of the search: one item per normalised SKU, EAN and MPN of a product (exact hits
 * by key, prefixes on GSI1 per two-character bucket). Stale items after a changed EAN are harmless:
 * the search checks each hit against the product's current identifiers.
 */
export function productIdentifierItems(product: Pick<ProductMasterData, 'sku' | 'ean' | 'mpn'>): Record<string, unknown>[] {
  return productIdentifiers(product).map(({ kind, normalised }) => ({
    ...catalogKeys.identifier(normalised, product.sku),
    type: 'product-identifier',
    kind,
    sku: product.sku,
  }));
}

export function productIdentifiers(product: Pick<ProductMasterData, 'sku' | 'ean' | 'mpn'>): { kind: 'sku' | 'ean' | 'mpn'; normalised: string }[] {
  const found = new Map<string, 'sku' | 'ean' | 'mpn'>();
  for (const [kind, raw] of [
    ['sku', product.sku],
    ['ean', product.ean],
    ['mpn', product.mpn],
  ] as const) {
    const normalised = raw ? normaliseIdentifier(raw) : '';
    if (normalised && !found.has(normalised)) found.set(normalised, kind);
  }
  return [...found].map(([normalised, kind]) => ({ kind, normalised }));
}

/** The two items of a company's own article number: found by the number (search) and by the SKU (shown on lines). */
export function buyerNumberItems(companyId: string, sku: string, buyerNumber: string): { byNumber: Record<string, unknown>; bySku: Record<string, unknown> } {
  const normalised = normaliseIdentifier(buyerNumber);
  return {
    byNumber: { ...catalogKeys.buyerNumber(companyId, normalised), type: 'buyer-number', companyId, sku, buyerNumber },
    bySku: { ...catalogKeys.buyerNumberOfSku(companyId, sku), type: 'buyer-number-sku', companyId, sku, buyerNumber, normalised },
  };
}

import type { Money } from '../shared/money.js';
import { catalogKeys } from './repository.js';

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
  };
}

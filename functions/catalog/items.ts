import type { Money } from '../shared/money.js';
import type { BasisPoints, PriceTier, QuantityRules } from '../pricing/model.js';
import { pricingKeys, type PriceListScope } from '../pricing/repository.js';
import { catalogKeys } from './repository.js';

/**
 * The DynamoDB item shapes of catalog master data, shared by the demo seed (local/seed.ts) and the
 * CSV import (functions/catalogexchange) so both write exactly what the catalog and pricing
 * repositories read.
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

export interface ProductPricingData {
  readonly sku: string;
  readonly categoryId: string;
  readonly listPrice: Money;
  readonly vatRates: Readonly<Record<string, BasisPoints>> & { readonly default: BasisPoints };
  readonly tiers?: readonly PriceTier[];
  readonly quantityRules?: QuantityRules;
}

/** The product's `PRICING` item read by the pricing engine (functions/pricing/repository.ts). */
export function productPricingItem(pricing: ProductPricingData): Record<string, unknown> {
  return {
    ...pricingKeys.productPricing(pricing.sku),
    type: 'product-pricing',
    sku: pricing.sku,
    categoryId: pricing.categoryId,
    listPrice: { amount: pricing.listPrice.amount, currency: pricing.listPrice.currency },
    vatRates: { ...pricing.vatRates },
    ...(pricing.tiers?.length ? { tiers: pricing.tiers.map(tierItem) } : {}),
    ...(pricing.quantityRules ? { quantityRules: pricing.quantityRules } : {}),
  };
}

/** One SKU's entry in a customer-group, company or agreement price list. */
export function priceListEntryItem(scope: PriceListScope, sku: string, unitPrice: Money, tiers?: readonly PriceTier[]): Record<string, unknown> {
  return {
    ...pricingKeys.priceListEntry(scope, sku),
    type: 'price-list-entry',
    sku,
    unitPrice: { amount: unitPrice.amount, currency: unitPrice.currency },
    ...(tiers?.length ? { tiers: tiers.map(tierItem) } : {}),
  };
}

const tierItem = (tier: PriceTier) => ({ minQuantity: tier.minQuantity, unitPrice: { amount: tier.unitPrice.amount, currency: tier.unitPrice.currency } });

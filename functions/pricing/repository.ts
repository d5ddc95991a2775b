import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { money, type Money } from '../shared/money.js';
import type { Discount, PriceList, PriceListScope, PriceTier, ProductPricing, ProductPricingData } from './model.js';

/**
 * Item keys of the pricing context. Pricing data of a product lives in the product's item
 * collection under its own sort key, so the catalog's `PRODUCT` item stays the catalog's.
 */
export type { PriceListScope };

const scopeKey = (scope: PriceListScope): string =>
  scope.kind === 'company' ? `company#${scope.companyId}` : scope.kind === 'customer-group' ? `group#${scope.customerGroup}` : `agreement#${scope.agreementId}`;

export const pricingKeys = {
  productPricing: (sku: string) => ({ PK: `PRODUCT#${sku}`, SK: 'PRICING' }),
  priceListMeta: (scope: PriceListScope) => ({ PK: `PRICES#${scopeKey(scope)}`, SK: 'META' }),
  priceListEntry: (scope: PriceListScope, sku: string) => ({ PK: `PRICES#${scopeKey(scope)}`, SK: `SKU#${sku}` }),
  discount: (discountId: string) => ({ PK: 'DISCOUNTS', SK: `DISCOUNT#${discountId}` }),
};

type Item = Record<string, unknown>;
type Key = { PK: string; SK: string };

const table = () => config.tableName();
const toMoney = (value: unknown) => {
  const raw = value as { amount: number; currency: string };
  return money(raw.amount, raw.currency);
};
const toTiers = (value: unknown): PriceTier[] | undefined =>
  Array.isArray(value)
    ? value.map((tier: { minQuantity: number; unitPrice: unknown }) => ({ minQuantity: tier.minQuantity, unitPrice: toMoney(tier.unitPrice) }))
    : undefined;

export function toProductPricing(item: Item): ProductPricing {
  const tiers = toTiers(item.tiers);
  return {
    sku: String(item.sku),
    categoryId: String(item.categoryId),
    listPrice: toMoney(item.listPrice),
    vatRates: item.vatRates as ProductPricing['vatRates'],
    ...(tiers ? { tiers } : {}),
    ...(item.quantityRules ? { quantityRules: item.quantityRules as ProductPricing['quantityRules'] } : {}),
  };
}

/** BatchGetItem in chunks of 100 keys, in parallel, retrying unprocessed keys with backoff. */
async function batchGet(keys: Key[]): Promise<Item[]> {
  const chunks: Key[][] = [];
  for (let start = 0; start < keys.length; start += 100) chunks.push(keys.slice(start, start + 100));
  const results = await Promise.all(
    chunks.map(async (chunk) => {
      const items: Item[] = [];
      let pending = chunk;
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
        if (attempt > 6) throw new Error('DynamoDB kept throttling the pricing read');
        const { Responses, UnprocessedKeys } = await dynamo().send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: pending } } }));
        items.push(...(Responses?.[table()] ?? []));
        pending = (UnprocessedKeys?.[table()]?.Keys ?? []) as Key[];
      }
      return items;
    }),
  );
  return results.flat();
}

export interface PricingData {
  readonly products: Map<string, ProductPricing>;
  readonly priceLists: PriceList[];
}

/**
 * Everything the engine needs for `skus`, in one batched read: the products' pricing items and, for
 * each applicable price-list scope, its header and the entries of exactly these SKUs.
 */
export async function loadPricingData(skus: readonly string[], scopes: readonly PriceListScope[]): Promise<PricingData> {
  const unique = [...new Set(skus)];
  const keys: Key[] = unique.map((sku) => pricingKeys.productPricing(sku));
  for (const scope of scopes) keys.push(pricingKeys.priceListMeta(scope), ...unique.map((sku) => pricingKeys.priceListEntry(scope, sku)));
  const items = await batchGet(keys);

  const products = new Map<string, ProductPricing>();
  const metas = new Map<string, Item>();
  const entries = new Map<string, Item[]>();
  for (const item of items) {
    const pk = String(item.PK);
    const sk = String(item.SK);
    if (sk === 'PRICING') products.set(String(item.sku), toProductPricing(item));
    else if (sk === 'META') metas.set(pk, item);
    else if (sk.startsWith('SKU#')) entries.set(pk, [...(entries.get(pk) ?? []), item]);
  }
  const priceLists: PriceList[] = [];
  for (const scope of scopes) {
    const meta = metas.get(pricingKeys.priceListMeta(scope).PK);
    if (!meta) continue;
    const prices: Record<string, { unitPrice: ReturnType<typeof money>; tiers?: PriceTier[] }> = {};
    for (const entry of entries.get(String(meta.PK)) ?? []) {
      const tiers = toTiers(entry.tiers);
      prices[String(entry.sku)] = { unitPrice: toMoney(entry.unitPrice), ...(tiers ? { tiers } : {}) };
    }
    priceLists.push({
      id: String(meta.id),
      scope,
      currency: String(meta.currency),
      ...(meta.validFrom ? { validFrom: String(meta.validFrom) } : {}),
      ...(meta.validTo ? { validTo: String(meta.validTo) } : {}),
      prices,
    });
  }
  return { products, priceLists };
}

export async function listDiscounts(): Promise<Discount[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': 'DISCOUNTS', ':prefix': 'DISCOUNT#' },
    }),
  );
  return Items.map((item) => ({
    id: String(item.id),
    name: String(item.name),
    rule: item.rule as Discount['rule'],
    effect: item.effect as Discount['effect'],
    active: item.active !== false,
  }));
}

export async function saveDiscount(discount: Discount): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: table(), Item: { ...pricingKeys.discount(discount.id), type: 'discount', ...discount, updatedAt: new Date().toISOString() } }),
  );
}

export async function deleteDiscount(discountId: string): Promise<boolean> {
  const { Attributes } = await dynamo().send(new DeleteCommand({ TableName: table(), Key: pricingKeys.discount(discountId), ReturnValues: 'ALL_OLD' }));
  return Attributes !== undefined;
}

/** The product's `PRICING` item read by the pricing engine (toProductPricing above). */
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

/** A price list's id and currency (its META item), if the list exists. */
export async function findPriceList(scope: PriceListScope): Promise<{ id: string; currency: string } | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: pricingKeys.priceListMeta(scope) }));
  return Item ? { id: String(Item.id), currency: String(Item.currency) } : undefined;
}

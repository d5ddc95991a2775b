import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { conditionHolds } from '../shared/conditional-write.js';
import { AppError } from '../shared/errors.js';
import { loadItem, loadItems } from '../shared/items.js';
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
  discountSet: () => ({ PK: 'DISCOUNTS', SK: 'SET' }),
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
  const items = [...(await loadItems(keys)).values()];

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

/**
 * The shop's discounts live in one item (`DISCOUNTS / SET`, a map by id): every priced request reads
 * them, and one item by key rides in the request's first batch instead of costing a Query (issue 18).
 * At most `MAX_DISCOUNTS` (the item stays far below DynamoDB's 400 KB). Discounts stored one item
 * each by earlier versions (`DISCOUNTS / DISCOUNT#<id>`) are read while no set exists yet, and the
 * first change moves them into it.
 */
export const MAX_DISCOUNTS = 300;

const toDiscount = (item: Item): Discount => ({
  id: String(item.id),
  name: String(item.name),
  rule: item.rule as Discount['rule'],
  effect: item.effect as Discount['effect'],
  active: item.active !== false,
});

interface DiscountSet {
  readonly discounts: Discount[];
  /** 0: no set item yet. */
  readonly version: number;
}

async function readDiscountSet(): Promise<DiscountSet> {
  const item = await loadItem(pricingKeys.discountSet());
  if (item) {
    const stored = Object.values((item.discounts ?? {}) as Record<string, Item>).map(toDiscount);
    return { discounts: stored.sort((a, b) => a.id.localeCompare(b.id)), version: Number(item.version ?? 1) };
  }
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': 'DISCOUNTS', ':prefix': 'DISCOUNT#' },
      ConsistentRead: true,
    }),
  );
  return { discounts: Items.map(toDiscount), version: 0 };
}

export const listDiscounts = async (): Promise<Discount[]> => (await readDiscountSet()).discounts;

/** The discount set as an item to write (seed, changes). */
export const discountSetItem = (discounts: readonly Discount[], version: number): Item => ({
  ...pricingKeys.discountSet(),
  type: 'discount-set',
  discounts: Object.fromEntries(discounts.map((discount) => [discount.id, discount])),
  version,
  updatedAt: new Date().toISOString(),
});

/** Applies `change` to the set under optimistic locking (two admins saving at once: the later one re-reads and retries). */
async function changeDiscounts<T>(change: (discounts: Discount[]) => { discounts: Discount[]; result: T }): Promise<T> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await readDiscountSet();
    const { discounts, result } = change(current.discounts);
    if (discounts.length > MAX_DISCOUNTS)
      throw new AppError(409, 'TOO_MANY_DISCOUNTS', `A shop holds at most ${MAX_DISCOUNTS} discounts`, { max: MAX_DISCOUNTS });
    const written = await conditionHolds(() =>
      dynamo().send(
        new PutCommand({
          TableName: table(),
          Item: discountSetItem(discounts, current.version + 1),
          ConditionExpression: current.version === 0 ? 'attribute_not_exists(PK)' : 'version = :version',
          ...(current.version === 0 ? {} : { ExpressionAttributeValues: { ':version': current.version } }),
        }),
      ),
    );
    if (written) return result;
  }
  throw new AppError(409, 'CONCURRENT_CHANGE', 'The discounts were changed by someone else at the same time; try again');
}

export async function saveDiscount(discount: Discount): Promise<void> {
  await changeDiscounts((discounts) => ({ discounts: [...discounts.filter((existing) => existing.id !== discount.id), discount], result: undefined }));
}

export async function deleteDiscount(discountId: string): Promise<boolean> {
  return changeDiscounts((discounts) => {
    const kept = discounts.filter((existing) => existing.id !== discountId);
    return { discounts: kept, result: kept.length !== discounts.length };
  });
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

import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { backorderFromItem } from './backorder.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { loadItem, loadItems } from '../shared/items.js';
import { money } from '../shared/money.js';
import { queryAll, queryCount, queryPage } from '../shared/query.js';
import type { TransactItem } from '../shared/transactions.js';
import { mediaFromItem } from './media/rules.js';
import type { Category, Product, Warehouse } from './rules.js';

/** Item keys of the catalog context (see docs/access-patterns.md). */
export const catalogKeys = {
  category: (categoryId: string) => ({ PK: 'CATALOG', SK: `CATEGORY#${categoryId}` }),
  warehouses: () => ({ PK: 'CATALOG', SK: 'WAREHOUSES' }),
  product: (sku: string) => ({ PK: `PRODUCT#${sku}`, SK: 'PRODUCT' }),
  /** GSI1: products of a category, sorted by name. */
  productInCategory: (categoryId: string, name: string, sku: string) => ({
    GSI1PK: `CATEGORY#${categoryId}`,
    GSI1SK: `PRODUCT#${name.toLowerCase()}#${sku}`,
  }),
  /** A normalised SKU, EAN or MPN of a product; GSI1: identifiers by their first two characters, for prefixes. */
  identifier: (normalised: string, sku: string) => ({
    PK: `PRODUCTID#${normalised}`,
    SK: `PRODUCT#${sku}`,
    GSI1PK: `PRODUCTIDS#${normalised.slice(0, 2)}`,
    GSI1SK: `${normalised}#${sku}`,
  }),
  /** A company's own article number (customer material number) for a SKU: one item by number, one by SKU. */
  buyerNumber: (companyId: string, normalised: string) => ({ PK: `BUYERPIDS#${companyId}`, SK: `NUMBER#${normalised}` }),
  buyerNumberOfSku: (companyId: string, sku: string) => ({ PK: `BUYERPIDS#${companyId}`, SK: `SKU#${sku}` }),
};

const table = () => config.tableName();

const toCategory = (item: Record<string, unknown>): Category => ({
  id: String(item.id),
  name: String(item.name),
  description: String(item.description ?? ''),
  position: Number(item.position ?? 0),
  productCount: Number(item.productCount ?? 0),
  ...(item.visibility ? { visibility: item.visibility as Category['visibility'] } : {}),
  ...(item.attributeLabels ? { attributeLabels: item.attributeLabels as Record<string, string> } : {}),
  ...(item.texts ? { texts: item.texts as Category['texts'] } : {}),
});

const toProduct = (item: Record<string, unknown>): Product => {
  const listPrice = item.listPrice as { amount: number; currency: string };
  return {
    sku: String(item.sku),
    name: String(item.name),
    description: String(item.description ?? ''),
    categoryId: String(item.categoryId),
    unit: String(item.unit ?? 'pc'),
    listPrice: money(listPrice.amount, listPrice.currency),
    stock: (item.stock as Record<string, number>) ?? {},
    related: Array.isArray(item.related) ? (item.related as string[]) : [],
    active: item.active !== false,
    ...(typeof item.ean === 'string' ? { ean: item.ean } : {}),
    ...(typeof item.manufacturer === 'string' ? { manufacturer: item.manufacturer } : {}),
    ...(typeof item.mpn === 'string' ? { mpn: item.mpn } : {}),
    attributes: item.attributes && typeof item.attributes === 'object' ? (item.attributes as Record<string, string>) : {},
    ...(item.texts && typeof item.texts === 'object' ? { texts: item.texts as Product['texts'] } : {}),
    ...(Array.isArray(item.media) ? { media: mediaFromItem(item.media) } : {}),
    ...(backorderFromItem(item.backorder) ? { backorder: backorderFromItem(item.backorder)! } : {}),
  };
};

export async function listCategories(): Promise<Category[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': 'CATALOG', ':prefix': 'CATEGORY#' },
  });
  return items.map(toCategory);
}

export async function listProductsInCategory(categoryId: string, limit: number, cursor?: string) {
  const partition = { attribute: 'GSI1PK', value: `CATEGORY#${categoryId}` };
  const { items, nextCursor } = await queryPage(
    {
      TableName: table(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      FilterExpression: 'active = :active',
      ExpressionAttributeValues: { ':pk': partition.value, ':active': true },
      Limit: limit,
    },
    partition,
    cursor,
  );
  return { products: items.map(toProduct), nextCursor };
}

/** Every active product of a category (the search indexer's full rebuild; never on a request path). */
export async function listActiveProductsInCategory(categoryId: string): Promise<Product[]> {
  const { GSI1PK } = catalogKeys.productInCategory(categoryId, '', '');
  const items = await queryAll({
    TableName: table(),
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    FilterExpression: 'active = :active',
    ExpressionAttributeValues: { ':pk': GSI1PK, ':active': true },
  });
  return items.map(toProduct);
}

export async function findProduct(sku: string): Promise<Product | undefined> {
  const item = await loadItem(catalogKeys.product(sku));
  return item ? toProduct(item) : undefined;
}

/** Products by SKU, batched with the request's other reads by key (functions/shared/items.ts). */
export async function findProducts(skus: readonly string[]): Promise<Map<string, Product>> {
  const found = new Map<string, Product>();
  for (const item of (await loadItems([...new Set(skus)].map((sku) => catalogKeys.product(sku)))).values()) found.set(String(item.sku), toProduct(item));
  return found;
}

/** SKUs whose SKU, EAN or MPN is exactly this normalised identifier. */
export async function findSkusByIdentifier(normalised: string): Promise<string[]> {
  const key = catalogKeys.identifier(normalised, '');
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': key.PK },
    ProjectionExpression: 'sku',
  });
  return items.map((item) => String(item.sku));
}

/** Up to `limit` SKUs with an identifier starting with this normalised prefix (at least two characters). */
export async function findSkusByIdentifierPrefix(prefix: string, limit: number): Promise<string[]> {
  const key = catalogKeys.identifier(prefix, '');
  const { items } = await queryPage(
    {
      TableName: table(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
      ExpressionAttributeValues: { ':pk': key.GSI1PK, ':prefix': prefix },
      Limit: limit,
    },
    { attribute: 'GSI1PK', value: key.GSI1PK },
    undefined,
  );
  return [...new Set(items.map((item) => String(item.sku)))];
}

export interface BuyerNumber {
  readonly sku: string;
  /** As the company writes it ("4711-08/40"); lookups use the normalised form. */
  readonly buyerNumber: string;
}

/** The SKU a company's own article number (normalised) stands for. */
export async function findSkuByBuyerNumber(companyId: string, normalised: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: catalogKeys.buyerNumber(companyId, normalised), ProjectionExpression: 'sku' }),
  );
  return Item ? String(Item.sku) : undefined;
}

/** Up to `limit` SKUs whose own number of the company starts with the normalised prefix. */
export async function findSkusByBuyerNumberPrefix(companyId: string, prefix: string, limit: number): Promise<string[]> {
  const key = catalogKeys.buyerNumber(companyId, prefix);
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': key.PK, ':prefix': key.SK },
      ProjectionExpression: 'sku',
      Limit: limit,
    }),
  );
  return Items.map((item) => String(item.sku));
}

/** The company's own numbers of these SKUs (those it has mapped). */
export async function buyerNumbersOf(companyId: string, skus: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const items = await loadItems([...new Set(skus)].map((sku) => catalogKeys.buyerNumberOfSku(companyId, sku)));
  for (const item of items.values()) found.set(String(item.sku), String(item.buyerNumber));
  return found;
}

/** A page of the company's own numbers, by SKU. */
export async function listBuyerNumbers(companyId: string, limit: number, cursor: string | undefined): Promise<{ numbers: BuyerNumber[]; nextCursor?: string }> {
  const key = catalogKeys.buyerNumberOfSku(companyId, '');
  const { items, nextCursor } = await queryPage(
    {
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': key.PK, ':prefix': key.SK },
      Limit: limit,
    },
    { attribute: 'PK', value: key.PK },
    cursor,
  );
  return { numbers: items.map((item) => ({ sku: String(item.sku), buyerNumber: String(item.buyerNumber) })), ...(nextCursor ? { nextCursor } : {}) };
}

export async function findCategory(categoryId: string): Promise<Category | undefined> {
  const item = await loadItem(catalogKeys.category(categoryId));
  return item ? toCategory(item) : undefined;
}

const toWarehouse = (item: Record<string, unknown>): Warehouse => {
  const address = (item.address ?? {}) as Record<string, unknown>;
  const hours = Array.isArray(item.openingHours) ? (item.openingHours as Record<string, unknown>[]) : [];
  return {
    id: String(item.id),
    name: String(item.name),
    city: String(item.city ?? address.city ?? ''),
    address: {
      street: String(address.street ?? ''),
      postalCode: String(address.postalCode ?? ''),
      city: String(address.city ?? item.city ?? ''),
      country: String(address.country ?? ''),
    },
    openingHours: hours.map((entry) => ({ days: String(entry.days), hours: String(entry.hours) })),
  };
};

export async function listWarehouses(): Promise<Warehouse[]> {
  const Item = await loadItem(catalogKeys.warehouses());
  return Array.isArray(Item?.warehouses) ? (Item.warehouses as Record<string, unknown>[]).map(toWarehouse) : [];
}

/** Transaction item that holds only while the product exists (price rows of an import need their product). */
export const productExistsCheck = (sku: string): TransactItem => ({
  ConditionCheck: { TableName: table(), Key: catalogKeys.product(sku), ConditionExpression: 'attribute_exists(PK)' },
});

/** Counts a category's products on GSI1 (paged COUNT queries) and stores the figure the shop shows. */
export async function refreshProductCount(categoryId: string): Promise<number> {
  const count = await queryCount({
    TableName: table(),
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': `CATEGORY#${categoryId}` },
  });
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: catalogKeys.category(categoryId),
      UpdateExpression: 'SET productCount = :count',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':count': count },
    }),
  );
  return count;
}

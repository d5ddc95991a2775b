import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { roundToMilli } from '../shared/quantity.js';
import { publish } from '../shared/events.js';
import { logger } from '../shared/logger.js';
import { contendedAttempts, transactConditional, type TransactItem } from '../shared/transactions.js';
import { backorderAllowed } from './backorder.js';
import { CATALOG_CHANGED_EVENT } from './events.js';
import { catalogKeys } from './repository.js';
import type { Product } from './rules.js';

/**
 * Stock reservations. Each line is taken from the preferred warehouse first and split when it alone
 * cannot serve it; every decrement is conditional (`stock >= quantity`), so stock never goes
 * negative however many orders run at once. A reservation record per order makes release idempotent.
 */
export interface Allocation {
  readonly sku: string;
  readonly warehouse: string;
  /** Sales units; fractional quantities (0.25 kg) are exact decimals in DynamoDB. */
  readonly quantity: number;
}

export class OutOfStock extends Error {
  constructor(readonly skus: string[]) {
    super(`Not enough stock for ${skus.join(', ')}`);
    this.name = 'OutOfStock';
  }
}

/** What a back-orderable line could not get from stock: shipped later (sales units). */
export interface Backordered {
  readonly sku: string;
  readonly quantity: number;
}

/**
 * Pure: splits each requested quantity over warehouses, preferred one first. A line of a SKU in
 * `backorderable` (products that allow ordering beyond stock) takes what is there and records the
 * rest as back-ordered instead of being missing.
 */
export function allocate(
  lines: readonly { sku: string; quantity: number }[],
  stock: ReadonlyMap<string, Readonly<Record<string, number>>>,
  preferred: readonly string[],
  backorderable: ReadonlySet<string> = new Set(),
): { allocations: Allocation[]; missing: string[]; backordered: Backordered[] } {
  const allocations: Allocation[] = [];
  const missing: string[] = [];
  const backordered: Backordered[] = [];
  // Lines of the same SKU draw from one shared snapshot, so together they never take more than exists.
  const left = new Map([...stock].map(([sku, byWarehouse]) => [sku, { ...byWarehouse }]));
  for (const line of lines) {
    const available = left.get(line.sku) ?? {};
    const order = [
      ...preferred.filter((id) => id in available),
      ...Object.keys(available)
        .filter((id) => !preferred.includes(id))
        .sort(),
    ];
    let remaining = line.quantity;
    const taken: Allocation[] = [];
    for (const warehouse of order) {
      if (remaining <= 0) break;
      const take = Math.min(remaining, available[warehouse] ?? 0);
      if (take > 0) {
        taken.push({ sku: line.sku, warehouse, quantity: take });
        remaining = roundToMilli(remaining - take);
      }
    }
    if (remaining > 0 && !backorderable.has(line.sku)) missing.push(line.sku);
    else {
      if (remaining > 0) backordered.push({ sku: line.sku, quantity: remaining });
      allocations.push(...taken);
      for (const allocation of taken) available[allocation.warehouse] = roundToMilli(available[allocation.warehouse]! - allocation.quantity);
    }
  }
  return { allocations, missing, backordered };
}

/** Pure: the SKUs a reservation leaves without stock in any warehouse (their availability in search changes). */
export function soldOut(stock: ReadonlyMap<string, Readonly<Record<string, number>>>, allocations: readonly Allocation[]): string[] {
  return [...stock]
    .filter(([sku, byWarehouse]) => {
      const total = Object.values(byWarehouse).reduce((sum, quantity) => sum + quantity, 0);
      const taken = allocations.filter((allocation) => allocation.sku === sku).reduce((sum, allocation) => sum + allocation.quantity, 0);
      return total > 0 && roundToMilli(total - taken) <= 0;
    })
    .map(([sku]) => sku);
}

/** Tells the search indexer that products' availability changed; the stock move stays committed when the queue is unreachable. */
async function availabilityChanged(skus: readonly string[]): Promise<void> {
  if (!skus.length) return;
  try {
    await publish('catalogChanges', CATALOG_CHANGED_EVENT, { skus: [...new Set(skus)] });
  } catch (error) {
    logger.warn('Availability change not published to the search index', { skus, error: error as Error });
  }
}

const reservationKey = (orderId: string) => ({ PK: `ORDER#${orderId}`, SK: 'STOCK-RESERVATION' });

/**
 * One update per product (a transaction may touch an item only once) with one SET per warehouse;
 * allocations of the same SKU and warehouse are summed. `take` is conditional on enough stock.
 */
function stockUpdates(allocations: readonly Allocation[], direction: 'take' | 'return'): TransactItem[] {
  const bySku = new Map<string, Map<string, number>>();
  for (const { sku, warehouse, quantity } of allocations) {
    const warehouses = bySku.get(sku) ?? new Map<string, number>();
    warehouses.set(warehouse, roundToMilli((warehouses.get(warehouse) ?? 0) + quantity));
    bySku.set(sku, warehouses);
  }
  const sign = direction === 'take' ? '-' : '+';
  return [...bySku].map(([sku, warehouses]) => {
    const taken = [...warehouses];
    return {
      Update: {
        TableName: config.tableName(),
        Key: catalogKeys.product(sku),
        UpdateExpression: `SET ${taken.map((_, index) => `stock.#w${index} = stock.#w${index} ${sign} :q${index}`).join(', ')}`,
        ...(direction === 'take' ? { ConditionExpression: taken.map((_, index) => `stock.#w${index} >= :q${index}`).join(' AND ') } : {}),
        ExpressionAttributeNames: Object.fromEntries(taken.map(([warehouse], index) => [`#w${index}`, warehouse])),
        ExpressionAttributeValues: Object.fromEntries(taken.map(([, quantity], index) => [`:q${index}`, quantity])),
      },
    };
  });
}

async function readStock(skus: readonly string[]) {
  const result = new Map<string, Record<string, number>>();
  await Promise.all(
    [...new Set(skus)].map(async (sku) => {
      const { Item } = await dynamo().send(
        new GetCommand({ TableName: config.tableName(), Key: catalogKeys.product(sku), ConsistentRead: true, ProjectionExpression: 'stock' }),
      );
      result.set(sku, (Item?.stock as Record<string, number>) ?? {});
    }),
  );
  return result;
}

/**
 * An order's stock reservation as transaction items, allocated from the products' stock as this
 * request read it (strongly consistent): checkout writes them in the order's own transaction (issue
 * 18) and the saga's ReserveStock then finds the reservation and goes on. Every decrement is still
 * conditional, so a competing order in between makes the transaction fail, never oversells. Throws
 * OutOfStock like `reserveStockWithBackorders`.
 */
export function reservationItems(
  orderId: string,
  lines: readonly { sku: string; quantity: number }[],
  preferred: readonly string[],
  products: ReadonlyMap<string, Pick<Product, 'stock' | 'backorder'>>,
): { items: TransactItem[]; soldOut: string[] } {
  const stock = new Map([...products].map(([sku, product]) => [sku, product.stock ?? {}]));
  const backorderable = new Set([...products].filter(([, product]) => backorderAllowed(product)).map(([sku]) => sku));
  const { allocations, missing, backordered } = allocate(lines, stock, preferred, backorderable);
  if (missing.length) throw new OutOfStock(missing);
  if (allocations.length > 99) throw new RangeError('An order may reserve at most 99 warehouse allocations');
  const reservation: TransactItem = {
    Put: {
      TableName: config.tableName(),
      Item: { ...reservationKey(orderId), type: 'stock-reservation', orderId, allocations, ...(backordered.length ? { backordered } : {}) },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
  return { items: [...stockUpdates(allocations, 'take'), reservation], soldOut: soldOut(stock, allocations) };
}

/** After a reservation written elsewhere (the order's transaction): products left without stock leave the in-stock facet. */
export const announceSoldOut = (skus: readonly string[]): Promise<void> => availabilityChanged(skus);

/** Reserves all lines or none (one transaction; at most 99 allocations per order). */
export async function reserveStock(orderId: string, lines: readonly { sku: string; quantity: number }[], preferred: readonly string[]): Promise<Allocation[]> {
  return (await reserveStockWithBackorders(orderId, lines, preferred)).allocations;
}

/**
 * Reserves all lines or none; lines of `backorderable` SKUs take the stock there is and the rest is
 * recorded as back-ordered on the reservation (a repeated call answers with the recorded split).
 */
export async function reserveStockWithBackorders(
  orderId: string,
  lines: readonly { sku: string; quantity: number }[],
  preferred: readonly string[],
  backorderable: ReadonlySet<string> = new Set(),
): Promise<{ allocations: Allocation[]; backordered: Backordered[] }> {
  const table = config.tableName();
  for (let attempt = 0; attempt < 8; attempt++) {
    const existing = await dynamo().send(new GetCommand({ TableName: table, Key: reservationKey(orderId), ConsistentRead: true }));
    if (existing.Item)
      return { allocations: existing.Item.allocations as Allocation[], backordered: (existing.Item.backordered as Backordered[] | undefined) ?? [] };
    const stock = await readStock(lines.map((line) => line.sku));
    const { allocations, missing, backordered } = allocate(lines, stock, preferred, backorderable);
    if (missing.length) throw new OutOfStock(missing);
    if (allocations.length > 99) throw new RangeError('An order may reserve at most 99 warehouse allocations');
    const result = await transactConditional(
      [
        ...stockUpdates(allocations, 'take'),
        {
          Put: {
            TableName: table,
            Item: { ...reservationKey(orderId), type: 'stock-reservation', orderId, allocations, ...(backordered.length ? { backordered } : {}) },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ],
      contendedAttempts,
    );
    if (result === 'ok') {
      await availabilityChanged(soldOut(stock, allocations));
      return { allocations, backordered };
    }
    // Someone took stock between our read and write: read again and re-allocate.
  }
  throw new OutOfStock(lines.map((line) => line.sku));
}

export async function releaseStock(orderId: string): Promise<boolean> {
  const table = config.tableName();
  const { Item } = await dynamo().send(new GetCommand({ TableName: table, Key: reservationKey(orderId), ConsistentRead: true }));
  if (!Item) return false;
  const allocations = Item.allocations as Allocation[];
  const result = await transactConditional(
    [{ Delete: { TableName: table, Key: reservationKey(orderId), ConditionExpression: 'attribute_exists(PK)' } }, ...stockUpdates(allocations, 'return')],
    contendedAttempts,
  );
  // Returned stock may put sold-out products back on offer.
  if (result === 'ok') await availabilityChanged(allocations.map((allocation) => allocation.sku));
  return result === 'ok';
}

/**
 * Stock for lines added to an order that already holds a reservation (back-office "add items"):
 * the conditional decrements plus the extended reservation record, for the caller's transaction, so
 * the order change and the stock move together. Undefined when the order reserved nothing (yet).
 * Warehouses already used by the order come first.
 */
export async function additionalReservationItems(orderId: string, lines: readonly { sku: string; quantity: number }[]): Promise<TransactItem[] | undefined> {
  const table = config.tableName();
  const existing = await dynamo().send(new GetCommand({ TableName: table, Key: reservationKey(orderId), ConsistentRead: true }));
  if (!existing.Item) return undefined;
  const preferred = [...new Set((existing.Item.allocations as Allocation[]).map((allocation) => allocation.warehouse))];
  const { allocations, missing } = allocate(lines, await readStock(lines.map((line) => line.sku)), preferred);
  if (missing.length) throw new OutOfStock(missing);
  return [
    ...stockUpdates(allocations, 'take'),
    {
      Update: {
        TableName: table,
        Key: reservationKey(orderId),
        UpdateExpression: 'SET allocations = list_append(allocations, :added)',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':added': allocations },
      },
    },
  ];
}

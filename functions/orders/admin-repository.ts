import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { sortableTime } from '../shared/ids.js';
import { decodeCursor, encodeCursor } from '../shared/paging.js';
import { transact, type TransactItem } from '../shared/transactions.js';
import { orderKeys, poNumberKey, type Order, type OrderStatus } from './repository.js';

/**
 * Storage of back-office order administration: versioned order updates written together with their
 * audit row (and balance changes) in one transaction, internal notes, the audit trail and the
 * staff order search. Audit rows and notes live in the company partition under their own SK
 * prefixes (`ORDER-AUDIT#`, `ORDER-NOTE#`), so the customer's `ORDER#` listing never sees them.
 */

const table = () => config.tableName();

export const orderAdminKeys = {
  audit: (companyId: string, orderId: string, at: string) => ({ PK: `COMPANY#${companyId}`, SK: `ORDER-AUDIT#${orderId}#${at}#${randomUUID()}` }),
  note: (companyId: string, orderId: string, at: string) => ({ PK: `COMPANY#${companyId}`, SK: `ORDER-NOTE#${orderId}#${at}#${randomUUID()}` }),
};

export interface Actor {
  readonly sub: string;
  readonly name: string;
  readonly role: string;
}

export interface AuditRow {
  readonly at: string;
  readonly actor: Actor;
  readonly action: string;
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
}

export interface InternalNote {
  readonly noteId: string;
  readonly at: string;
  readonly author: Actor;
  readonly text: string;
}

export function auditPut(order: Pick<Order, 'companyId' | 'orderId'>, row: AuditRow): TransactItem {
  return {
    Put: { TableName: table(), Item: { ...orderAdminKeys.audit(order.companyId, order.orderId, row.at), type: 'order-audit', orderId: order.orderId, ...row } },
  };
}

export function notePut(order: Pick<Order, 'companyId' | 'orderId'>, note: InternalNote): TransactItem {
  return {
    Put: { TableName: table(), Item: { ...orderAdminKeys.note(order.companyId, order.orderId, note.at), type: 'order-note', orderId: order.orderId, ...note } },
  };
}

export class WriteConflict extends Error {
  /** Index (in the transaction) of the item whose condition failed; 0 is the order itself. */
  constructor(readonly failedIndex: number) {
    super(`Condition of transaction item ${failedIndex} failed`);
  }
}

/** Runs a transaction, retrying on transaction conflicts; a failed condition throws WriteConflict. */
export async function transactOrThrow(items: readonly TransactItem[]): Promise<void> {
  const outcome = await transact(items, 9);
  if (outcome.ok) return;
  if (outcome.failedIndex >= 0) throw new WriteConflict(outcome.failedIndex);
  throw outcome.error;
}

/**
 * A conditional update of the order item: sets `fields` from `next`, bumps `version` and only
 * succeeds if the stored version is still `expectedVersion` and the status one of `allowed`.
 * Fields are set one by one (no full-item put), so saga transitions (status, invoice number) that
 * race with a staff edit are never overwritten.
 */
export function orderUpdate(next: Order, expectedVersion: number, allowed: readonly OrderStatus[], fields: readonly (keyof Order)[]): TransactItem {
  const names: Record<string, string> = { '#version': 'version', '#status': 'status', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':next': expectedVersion + 1, ':at': next.updatedAt ?? new Date().toISOString() };
  const sets = ['#version = :next', '#updatedAt = :at'];
  for (const field of fields) {
    if (field === 'version' || field === 'updatedAt') continue;
    names[`#${field}`] = field;
    values[`:${field}`] = next[field];
    sets.push(`#${field} = :${field}`);
  }
  if (fields.includes('status')) {
    values[':gsi'] = `ORDERS#${next.status}`;
    sets.push('GSI1PK = :gsi');
  }
  allowed.forEach((status, index) => (values[`:allowed${index}`] = status));
  if (expectedVersion > 0) values[':expected'] = expectedVersion;
  return {
    Update: {
      TableName: table(),
      Key: orderKeys.order(next.companyId, next.orderId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: `${expectedVersion > 0 ? '#version = :expected' : 'attribute_not_exists(#version)'} AND #status IN (${allowed.map((_, index) => `:allowed${index}`).join(', ')})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

async function queryLog(companyId: string, prefix: string, limit: number) {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `COMPANY#${companyId}`, ':prefix': prefix },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items;
}

export async function listAudit(companyId: string, orderId: string, limit = 200): Promise<AuditRow[]> {
  return (await queryLog(companyId, `ORDER-AUDIT#${orderId}#`, limit)).map((item) => ({
    at: String(item.at),
    actor: item.actor as Actor,
    action: String(item.action),
    before: (item.before ?? {}) as Record<string, unknown>,
    after: (item.after ?? {}) as Record<string, unknown>,
  }));
}

export async function listNotes(companyId: string, orderId: string, limit = 200): Promise<InternalNote[]> {
  return (await queryLog(companyId, `ORDER-NOTE#${orderId}#`, limit)).map((item) => ({
    noteId: String(item.noteId),
    at: String(item.at),
    author: item.author as Actor,
    text: String(item.text),
  }));
}

// ---- search ----------------------------------------------------------------------------------

export interface OrderSearch {
  readonly companyId?: string;
  readonly status?: OrderStatus;
  /** Inclusive ISO instants. */
  readonly from?: string;
  readonly to?: string;
  /** Bounds on the goods gross in minor units. */
  readonly minTotal?: number;
  readonly maxTotal?: number;
  /** Only orders of these companies (a sales rep's assignments); undefined = all. */
  readonly onlyCompanies?: ReadonlySet<string>;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * Order ids start with a time in base 36 (newOrderId), so a time range is an SK range. Group-buy
 * orders carry the pool's closing time instead of their creation time, so the range is widened by a
 * day on both sides; the `createdAt` filter keeps the result exact.
 */
const ID_TIME_MARGIN_MS = 24 * 3600 * 1000;
const idTimePrefix = (iso: string, shift: number) => sortableTime(new Date(iso).getTime() + shift);
const EARLIEST = '1970-01-01T00:00:00.000Z';
const LATEST = '9999-12-31T23:59:59.999Z';

/**
 * Staff order search on keys only: one company's partition (SK range by creation time) or, without
 * a company, the GSI1 status partition (GSI1SK range by creation time). Status (within a company)
 * and amount bounds are FilterExpressions on that key-bounded query; a sales rep's company
 * restriction is applied to the read items. Pages are filled with up to 10 reads.
 */
export async function searchOrders(search: OrderSearch): Promise<{ orders: Order[]; nextCursor?: string }> {
  const from = search.from ?? EARLIEST;
  const to = search.to ?? LATEST;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  let base: QueryCommandInput;
  let partition: { attribute: string; value: string };
  if (search.companyId) {
    partition = { attribute: 'PK', value: `COMPANY#${search.companyId}` };
    values[':pk'] = partition.value;
    values[':fromSk'] = `ORDER#${idTimePrefix(from, -ID_TIME_MARGIN_MS)}`;
    values[':toSk'] = `ORDER#${idTimePrefix(to, ID_TIME_MARGIN_MS)}~`;
    base = { TableName: table(), KeyConditionExpression: 'PK = :pk AND SK BETWEEN :fromSk AND :toSk' };
    if (search.status) {
      names['#status'] = 'status';
      values[':status'] = search.status;
      filters.push('#status = :status');
    }
  } else {
    if (!search.status) throw new RangeError('A status is required to search across companies');
    partition = { attribute: 'GSI1PK', value: `ORDERS#${search.status}` };
    values[':pk'] = partition.value;
    values[':fromSk'] = from;
    values[':toSk'] = `${to}~`;
    base = { TableName: table(), IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :fromSk AND :toSk' };
  }
  // The key range is approximate within a company (see idTimePrefix); createdAt bounds it exactly.
  names['#createdAt'] = 'createdAt';
  values[':from'] = from;
  values[':to'] = to;
  filters.push('#createdAt BETWEEN :from AND :to');
  if (search.minTotal !== undefined || search.maxTotal !== undefined) {
    names['#gross'] = 'gross';
    names['#amount'] = 'amount';
  }
  if (search.minTotal !== undefined) {
    values[':min'] = search.minTotal;
    filters.push('#gross.#amount >= :min');
  }
  if (search.maxTotal !== undefined) {
    values[':max'] = search.maxTotal;
    filters.push('#gross.#amount <= :max');
  }

  const orders: Order[] = [];
  let startKey = decodeCursor(search.cursor, partition) as Record<string, unknown> | undefined;
  for (let reads = 0; reads < 10; reads++) {
    const { Items = [], LastEvaluatedKey } = await dynamo().send(
      new QueryCommand({
        ...base,
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ExpressionAttributeNames: { ...names },
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: search.limit - orders.length,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of Items) {
      if (item.type !== 'order') continue;
      if (search.onlyCompanies && !search.onlyCompanies.has(String(item.companyId))) continue;
      const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, type: _type, ...order } = item;
      orders.push(order as unknown as Order);
    }
    startKey = LastEvaluatedKey;
    if (!startKey || orders.length >= search.limit) break;
  }
  return { orders, ...(startKey ? { nextCursor: encodeCursor(startKey)! } : {}) };
}

/** The order an order number names (pattern O10: GetItem on the order-number lookup written with the order). */
export async function orderRefByNumber(orderNumber: string): Promise<{ companyId: string; orderId: string } | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: { PK: `ORDER-NUMBER#${orderNumber}`, SK: 'ORDER-NUMBER' }, ConsistentRead: true }),
  );
  return Item ? { companyId: String(Item.companyId), orderId: String(Item.orderId) } : undefined;
}

/**
 * The orders carrying a PO number (pattern O11: Query on the PO-number lookup partition, within one
 * company by SK prefix), newest order ids last in the key; at most `limit` references.
 */
export async function orderRefsByPoNumber(poNumber: string, companyId: string | undefined, limit: number): Promise<{ companyId: string; orderId: string }[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `PO-NUMBER#${poNumberKey(poNumber)}`, ':prefix': companyId ? `ORDER#${companyId}#` : 'ORDER#' },
      Limit: limit,
    }),
  );
  return Items.map((item) => ({ companyId: String(item.companyId), orderId: String(item.orderId) }));
}

import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import type { Money } from '../shared/money.js';
import { nextSequence } from '../shared/sequence.js';
import { transactRetrying, type TransactItem } from '../shared/transactions.js';
import type { GuestCounter, RmaLineRequest, RmaStatus, RmaType } from './rules.js';
import { conditionHolds } from '../shared/conditional-write.js';

/**
 * RMAs in the single table (docs/access-patterns.md, patterns R1–R11):
 *   rma           PK COMPANY#<companyId>    SK RMA#<rmaId>            GSI1 RMAS#<status> / <createdAt>#<rmaId>
 *   claims        PK COMPANY#<companyId>    SK RMA-CLAIMS#<orderId>   one number attribute `q#<sku>` per SKU (thousandths)
 *   photo upload  PK RMA-UPLOAD#<uploadId>  SK UPLOAD                 TTL 1 day, bound to a company (and order for guests)
 *   guest tries   PK RMA-GUEST#<client>#<orderNo> SK ATTEMPTS       failures + nextAttemptAt of one client on one order number, TTL
 *   guest client  PK RMA-GUEST-CLIENT#<client>    SK DAY#<yyyy-mm-dd> failed attempts of one client that day, TTL
 *   counters      PK COUNTER                SK RMA#<year> / RMA-ROUND-ROBIN
 *   order lookup  PK ORDER-NUMBER#<orderNo> SK ORDER-NUMBER           written by the order context with the order
 */

export interface Actor {
  readonly sub?: string;
  readonly name: string;
  readonly role: string;
}

export interface HistoryEntry {
  readonly status: RmaStatus;
  readonly at: string;
  readonly by: Actor;
  readonly note?: string;
}

export interface RmaNote {
  readonly at: string;
  readonly by: Actor;
  readonly text: string;
  /** `customer`: shown to the company and e-mailed; `internal`: staff only. */
  readonly visibility: 'customer' | 'internal';
}

export interface RmaLine extends RmaLineRequest {
  readonly name: string;
  readonly unit: string;
  readonly unitNet: Money;
  readonly vatRate: number;
}

export interface RmaPhoto {
  readonly photoId: string;
  readonly key: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

export interface Rma {
  readonly rmaId: string;
  readonly rmaNumber: string;
  readonly companyId: string;
  readonly orderId: string;
  readonly orderNumber: string;
  readonly type: RmaType;
  readonly status: RmaStatus;
  readonly reason: string;
  readonly lines: readonly RmaLine[];
  readonly photos: readonly RmaPhoto[];
  readonly filedBy: Actor & { email: string; guest: boolean };
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deadlineAt: string;
  /** Bumped when staff move the deadline; reminder steps of older workflow runs then do nothing. */
  readonly deadlineRevision: number;
  readonly assignee?: { sub: string; name: string; email: string };
  readonly history: readonly HistoryEntry[];
  readonly notes: readonly RmaNote[];
  readonly pdfKey?: string;
  readonly remindedRevision?: number;
  readonly overdue?: boolean;
  readonly creditNote?: { number: string; gross: Money; issuedAt: string };
}

export type { TransactItem };

export const rmaKeys = {
  rma: (companyId: string, rmaId: string) => ({ PK: `COMPANY#${companyId}`, SK: `RMA#${rmaId}` }),
  statusIndex: (status: RmaStatus, createdAt: string, rmaId: string) => ({ GSI1PK: `RMAS#${status}`, GSI1SK: `${createdAt}#${rmaId}` }),
  claims: (companyId: string, orderId: string) => ({ PK: `COMPANY#${companyId}`, SK: `RMA-CLAIMS#${orderId}` }),
  upload: (uploadId: string) => ({ PK: `RMA-UPLOAD#${uploadId}`, SK: 'UPLOAD' }),
  guestAttempts: (client: string, orderNumber: string) => ({ PK: `RMA-GUEST#${client}#${orderNumber}`, SK: 'ATTEMPTS' }),
  guestClientDay: (client: string, day: string) => ({ PK: `RMA-GUEST-CLIENT#${client}`, SK: `DAY#${day}` }),
  orderNumber: (orderNumber: string) => ({ PK: `ORDER-NUMBER#${orderNumber}`, SK: 'ORDER-NUMBER' }),
};

const table = () => config.tableName();
const claimAttribute = (sku: string) => `q#${sku}`;

const toRma = (item: Record<string, unknown>): Rma => {
  const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, ...rma } = item;
  return rma as unknown as Rma;
};

/** The item's `type` attribute is the claim type (warranty, complaint, return); the SK prefix marks it as an RMA. */
export const rmaItem = (rma: Rma) => ({ ...rmaKeys.rma(rma.companyId, rma.rmaId), ...rmaKeys.statusIndex(rma.status, rma.createdAt, rma.rmaId), ...rma });

/** Claimed quantities (thousandths) per SKU of an order's RMAs that are not rejected. */
export async function readClaims(companyId: string, orderId: string): Promise<Record<string, number>> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: rmaKeys.claims(companyId, orderId), ConsistentRead: true }));
  const claims: Record<string, number> = {};
  for (const [name, value] of Object.entries(Item ?? {})) if (name.startsWith('q#')) claims[name.slice(2)] = Number(value);
  return claims;
}

/**
 * Adds (or with sign -1 removes) the claimed quantities on the order's claims item. Adding is
 * conditional per SKU: the new total may not exceed `limits` (the shipped quantity), so two
 * concurrent filings can never together claim more than was shipped.
 */
export function claimUpdate(
  companyId: string,
  orderId: string,
  delta: Readonly<Record<string, number>>,
  sign: 1 | -1,
  limits: Readonly<Record<string, number>> = {},
): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':rma': 'rma-claims' };
  const adds: string[] = [];
  const conditions: string[] = [];
  Object.entries(delta).forEach(([sku, milli], index) => {
    names[`#q${index}`] = claimAttribute(sku);
    values[`:d${index}`] = sign * milli;
    adds.push(`#q${index} :d${index}`);
    if (sign === 1) {
      const limit = limits[sku] ?? 0;
      values[`:max${index}`] = limit - milli;
      // A negative :max can never hold: then even a first claim fails (nothing of the SKU was shipped).
      conditions.push(
        limit >= milli ? `(attribute_not_exists(#q${index}) OR #q${index} <= :max${index})` : `(attribute_exists(#q${index}) AND #q${index} <= :max${index})`,
      );
    }
  });
  return {
    Update: {
      TableName: table(),
      Key: rmaKeys.claims(companyId, orderId),
      UpdateExpression: `SET #type = :rma ADD ${adds.join(', ')}`,
      ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
      ExpressionAttributeNames: { ...names, '#type': 'type' },
      ExpressionAttributeValues: values,
    },
  };
}

/** Runs a transaction, retrying concurrent-transaction conflicts (see shared/transactions.ts). */
export const transact = (items: readonly TransactItem[]) => transactRetrying(items, 12);

/** Files an RMA: the RMA item (new) and its claimed quantities (within what was shipped), together. */
export function fileRma(rma: Rma, shippedMilli: Readonly<Record<string, number>>, delta: Readonly<Record<string, number>>) {
  return transact([
    { Put: { TableName: table(), Item: rmaItem(rma), ConditionExpression: 'attribute_not_exists(PK)' } },
    claimUpdate(rma.companyId, rma.orderId, delta, 1, shippedMilli),
  ]);
}

export async function findRma(companyId: string, rmaId: string): Promise<Rma | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: rmaKeys.rma(companyId, rmaId), ConsistentRead: true }));
  return Item ? toRma(Item) : undefined;
}

/** A company's RMAs, newest first (rma ids sort by time). */
export async function listCompanyRmas(companyId: string, limit = 100): Promise<Rma[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `COMPANY#${companyId}`, ':prefix': 'RMA#' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map(toRma);
}

/** RMAs in one status across companies, newest first (back-office queue). */
export async function listByStatus(status: RmaStatus, limit = 200): Promise<Rma[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `RMAS#${status}` },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map(toRma);
}

/**
 * Moves an RMA from `from` to `to` with a history entry (and `extra` attributes); `also` joins the
 * transaction (claims released on rejection). False when the RMA was no longer in `from`.
 */
export async function transition(
  rma: Rma,
  to: RmaStatus,
  entry: HistoryEntry,
  extra: Record<string, unknown> = {},
  also: readonly TransactItem[] = [],
): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status', '#history': 'history' };
  const values: Record<string, unknown> = { ':from': rma.status, ':to': to, ':gsi': `RMAS#${to}`, ':at': entry.at, ':entry': [entry] };
  let update = 'SET #status = :to, GSI1PK = :gsi, updatedAt = :at, #history = list_append(#history, :entry)';
  for (const [key, value] of Object.entries(extra)) {
    names[`#${key}`] = key;
    values[`:${key}`] = value;
    update += `, #${key} = :${key}`;
  }
  const result = await transact([
    {
      Update: {
        TableName: table(),
        Key: rmaKeys.rma(rma.companyId, rma.rmaId),
        UpdateExpression: update,
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    ...also,
  ]);
  return result === 'done';
}

/** Sets attributes of an RMA if `condition` holds (assignment, deadline, notes, reminder marks). */
export async function updateRma(
  companyId: string,
  rmaId: string,
  set: Record<string, unknown>,
  condition?: { expression: string; values: Record<string, unknown> },
  appendNote?: RmaNote,
): Promise<Rma | undefined> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ...(condition?.values ?? {}) };
  const parts: string[] = [];
  for (const [key, value] of Object.entries(set)) {
    names[`#${key}`] = key;
    values[`:${key}`] = value;
    parts.push(`#${key} = :${key}`);
  }
  if (appendNote) {
    names['#notes'] = 'notes';
    values[':note'] = [appendNote];
    values[':empty'] = [];
    parts.push('#notes = list_append(if_not_exists(#notes, :empty), :note)');
  }
  try {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: rmaKeys.rma(companyId, rmaId),
        UpdateExpression: `SET ${parts.join(', ')}`,
        ConditionExpression: ['attribute_exists(PK)', ...(condition ? [condition.expression] : [])].join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? toRma(Attributes) : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

export async function savePhotoUpload(
  uploadId: string,
  upload: { key: string; fileName: string; contentType: string; size: number; companyId: string; orderId?: string },
  expiresAt: number,
) {
  await dynamo().send(
    new PutCommand({
      TableName: table(),
      Item: { ...rmaKeys.upload(uploadId), type: 'rma-upload', ...upload, expiresAt },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

export async function findPhotoUpload(uploadId: string) {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: rmaKeys.upload(uploadId), ConsistentRead: true }));
  return Item as { key: string; fileName: string; contentType: string; size: number; companyId: string; orderId?: string; expiresAt: number } | undefined;
}

/** An upload is used once: deleted in the filing's transaction. */
export const consumeUpload = (uploadId: string): TransactItem => ({
  Delete: { TableName: table(), Key: rmaKeys.upload(uploadId), ConditionExpression: 'attribute_exists(PK)' },
});

/** A client's attempts on one order number (consistent: the decision must see the latest failure). */
export async function readGuestCounter(client: string, orderNumber: string): Promise<GuestCounter | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: rmaKeys.guestAttempts(client, orderNumber), ConsistentRead: true }));
  return Item ? { failures: Number(Item.failures ?? 0), nextAttemptAt: Number(Item.nextAttemptAt ?? 0), expiresAt: Number(Item.expiresAt ?? 0) } : undefined;
}

/**
 * Counts one attempt (`ADD failures :1`) if the counter is still the one the decision was made on
 * (`failures = :seen`; a missing or expired counter starts at 1). False when another attempt of the
 * same client came first: the caller decides again on the new state, so parallel attempts queue up.
 */
export async function countGuestAttempt(
  client: string,
  orderNumber: string,
  seen: GuestCounter | undefined,
  next: GuestCounter,
  nowSeconds: number,
): Promise<boolean> {
  const live = seen && seen.expiresAt > nowSeconds ? seen : undefined;
  return conditionHolds(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: rmaKeys.guestAttempts(client, orderNumber),
        UpdateExpression: live
          ? 'ADD failures :one SET nextAttemptAt = :next, expiresAt = :ttl'
          : 'SET failures = :one, nextAttemptAt = :next, expiresAt = :ttl, #type = :type',
        ConditionExpression: live ? 'failures = :seen' : 'attribute_not_exists(PK) OR expiresAt <= :now',
        ...(live ? {} : { ExpressionAttributeNames: { '#type': 'type' } }),
        ExpressionAttributeValues: {
          ':one': 1,
          ':next': next.nextAttemptAt,
          ':ttl': next.expiresAt,
          ...(live ? { ':seen': live.failures } : { ':now': nowSeconds, ':type': 'rma-guest-attempts' }),
        },
      }),
    ),
  );
}

/** The right e-mail from this client: its failures on this order number are forgotten. */
export async function clearGuestCounter(client: string, orderNumber: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: table(), Key: rmaKeys.guestAttempts(client, orderNumber) }));
}

/** One more attempt of a client that day, across all order numbers; false once `cap` is reached. */
export async function countClientAttempt(client: string, day: string, cap: number, expiresAt: number): Promise<boolean> {
  return conditionHolds(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: rmaKeys.guestClientDay(client, day),
        UpdateExpression: 'ADD failures :one SET expiresAt = if_not_exists(expiresAt, :ttl), #type = :type',
        ConditionExpression: 'attribute_not_exists(failures) OR failures < :cap',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':cap': cap, ':ttl': expiresAt, ':type': 'rma-guest-client' },
      }),
    ),
  );
}

/** A successful attempt does not count against the client's daily cap. */
export async function uncountClientAttempt(client: string, day: string): Promise<void> {
  // Nothing to give back when the count is already zero.
  await conditionHolds(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: rmaKeys.guestClientDay(client, day),
        UpdateExpression: 'ADD failures :minus',
        ConditionExpression: 'failures > :zero',
        ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
      }),
    ),
  );
}

export async function findOrderByNumber(orderNumber: string): Promise<{ companyId: string; orderId: string } | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: rmaKeys.orderNumber(orderNumber) }));
  return Item ? { companyId: String(Item.companyId), orderId: String(Item.orderId) } : undefined;
}

/** Next value of the assignment counter (round robin over back-office staff). */
export const nextAssignmentTicket = (): Promise<number> => nextSequence('RMA-ROUND-ROBIN');

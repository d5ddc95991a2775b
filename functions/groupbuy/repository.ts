import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { queryAll } from '../shared/query.js';
import { contendedAttempts, transactConditional, type TransactItem } from '../shared/transactions.js';
import type { PoolTier } from './rules.js';

/**
 * Group-buying pools (docs/access-patterns.md, "Group buying"). One partition per pool holds the
 * pool item (with the running `total`) and one commitment item per company; the total only moves
 * with `ADD` inside the same transaction that writes the commitment, so it always equals the sum
 * of the commitments. GSI1 lists pools by status ordered by closing time.
 */
export type PoolStatus = 'open' | 'closed';

export interface Pool {
  readonly poolId: string;
  readonly sku: string;
  readonly name: string;
  readonly productName: string;
  readonly unit: string;
  readonly currency: string;
  readonly tiers: readonly PoolTier[];
  readonly closesAt: string;
  readonly status: PoolStatus;
  readonly total: number;
  readonly participants: number;
  readonly pickupWarehouseId: string;
  readonly createdAt: string;
  readonly createdBy: { sub: string; name: string };
  /** Set by the closing task. */
  readonly result?: { total: number; tierReached: number; unitPrice: number; closedAt: string; orders: number };
}

export interface Committer {
  readonly sub: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
}

export interface Commitment {
  readonly poolId: string;
  readonly companyId: string;
  readonly quantity: number;
  readonly committedBy: Committer;
  readonly updatedAt: string;
  /** Order of this participant, fixed once by the closing task (retries reuse it). */
  readonly settlement?: { orderId: string; orderNumber: string };
}

export const poolKeys = {
  pool: (poolId: string) => ({ PK: `POOL#${poolId}`, SK: 'POOL' }),
  commitment: (poolId: string, companyId: string) => ({ PK: `POOL#${poolId}`, SK: `COMMITMENT#${companyId}` }),
  /** GSI1: pools by status, soonest closing first. */
  statusIndex: (status: PoolStatus, closesAt: string, poolId: string) => ({ GSI1PK: `POOLS#${status}`, GSI1SK: `${closesAt}#${poolId}` }),
};

const table = () => config.tableName();

function strip<T>(item: Record<string, unknown>): T {
  const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, type: _type, ...rest } = item;
  return rest as T;
}

export async function createPool(pool: Pool): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: table(),
      Item: { ...poolKeys.pool(pool.poolId), ...poolKeys.statusIndex(pool.status, pool.closesAt, pool.poolId), type: 'pool', ...pool },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

/** Rollback of a pool whose closing workflow could not be started (nobody can have committed yet). */
export async function deletePool(poolId: string): Promise<void> {
  await dynamo().send(
    new DeleteCommand({
      TableName: table(),
      Key: poolKeys.pool(poolId),
      ConditionExpression: 'participants = :zero',
      ExpressionAttributeValues: { ':zero': 0 },
    }),
  );
}

export async function findPool(poolId: string): Promise<Pool | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: poolKeys.pool(poolId), ConsistentRead: true }));
  return Item ? strip<Pool>(Item) : undefined;
}

export async function listPools(status: PoolStatus, limit: number): Promise<Pool[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `POOLS#${status}` },
      ScanIndexForward: status === 'open',
      Limit: limit,
    }),
  );
  return Items.map((item) => strip<Pool>(item));
}

export async function findCommitment(poolId: string, companyId: string): Promise<Commitment | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: poolKeys.commitment(poolId, companyId), ConsistentRead: true }));
  return Item ? strip<Commitment>(Item) : undefined;
}

/** One company's commitments in several pools (one BatchGetItem per 100 keys). */
export async function commitmentsOf(poolIds: readonly string[], companyId: string): Promise<Map<string, Commitment>> {
  const result = new Map<string, Commitment>();
  for (let start = 0; start < poolIds.length; start += 100) {
    let keys: Record<string, unknown>[] = poolIds.slice(start, start + 100).map((poolId) => poolKeys.commitment(poolId, companyId));
    for (let attempt = 0; keys.length && attempt < 8; attempt++) {
      const response = await dynamo().send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: keys } } }));
      for (const item of response.Responses?.[table()] ?? []) {
        const commitment = strip<Commitment>(item);
        result.set(commitment.poolId, commitment);
      }
      keys = (response.UnprocessedKeys?.[table()]?.Keys ?? []) as Record<string, unknown>[];
      if (keys.length) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
  return result;
}

/** Every commitment of a pool (strongly consistent; the closing reads it after closing the pool). */
export async function listCommitments(poolId: string): Promise<Commitment[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': `POOL#${poolId}`, ':prefix': 'COMMITMENT#' },
    ConsistentRead: true,
  });
  return items.map((item) => strip<Commitment>(item));
}

/**
 * Moves a company's commitment from `before` (what the caller read) to `quantity` and the pool
 * total by the difference, in one transaction. Conditions: the pool is open and closes after `now`,
 * and the commitment is still what was read (optimistic concurrency per company). Conflicts with
 * concurrent transactions on the pool item are retried by `transactConditional`; a failed condition is
 * reported, and the caller re-reads to tell "closed" from "changed meanwhile".
 */
export async function changeCommitment(
  poolId: string,
  companyId: string,
  before: Commitment | undefined,
  quantity: number,
  delta: { total: number; participants: number },
  by: Committer,
  now: Date,
): Promise<'ok' | 'condition-failed'> {
  const at = now.toISOString();
  const guard = before
    ? { ConditionExpression: 'quantity = :before', ExpressionAttributeValues: { ':before': before.quantity } }
    : { ConditionExpression: 'attribute_not_exists(PK)' };
  const commitmentWrite: TransactItem =
    quantity === 0
      ? { Delete: { TableName: table(), Key: poolKeys.commitment(poolId, companyId), ...guard } }
      : {
          Put: {
            TableName: table(),
            Item: { ...poolKeys.commitment(poolId, companyId), type: 'pool-commitment', poolId, companyId, quantity, committedBy: by, updatedAt: at },
            ...guard,
          },
        };
  return transactConditional(
    [
      {
        Update: {
          TableName: table(),
          Key: poolKeys.pool(poolId),
          UpdateExpression: 'ADD #total :delta, participants :participants SET updatedAt = :at',
          ConditionExpression: '#status = :open AND closesAt > :now',
          ExpressionAttributeNames: { '#total': 'total', '#status': 'status' },
          ExpressionAttributeValues: { ':delta': delta.total, ':participants': delta.participants, ':open': 'open', ':now': `${at.slice(0, 19)}Z`, ':at': at },
        },
      },
      commitmentWrite,
    ],
    contendedAttempts,
  );
}

/**
 * Closes the pool: no commitment can change afterwards (their transaction requires status open).
 * Idempotent: false when it was already closed.
 */
export async function closePool(pool: Pool, now: Date): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: poolKeys.pool(pool.poolId),
        UpdateExpression: 'SET #status = :closed, GSI1PK = :gsi, closedAt = :at',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':gsi': 'POOLS#closed', ':at': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function recordResult(poolId: string, result: NonNullable<Pool['result']>): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: poolKeys.pool(poolId),
      UpdateExpression: 'SET #result = :result',
      ExpressionAttributeNames: { '#result': 'result' },
      ExpressionAttributeValues: { ':result': result },
    }),
  );
}

/** Fixes the participant's order id and number once; a retry gets the first ones back. */
export async function fixSettlement(
  poolId: string,
  companyId: string,
  settlement: { orderId: string; orderNumber: string },
): Promise<{ orderId: string; orderNumber: string }> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: poolKeys.commitment(poolId, companyId),
        UpdateExpression: 'SET settlement = :settlement',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(settlement)',
        ExpressionAttributeValues: { ':settlement': settlement },
      }),
    );
    return settlement;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const existing = await findCommitment(poolId, companyId);
    if (!existing?.settlement) throw error;
    return existing.settlement;
  }
}

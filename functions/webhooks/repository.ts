import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { conditionHolds } from '../shared/conditional-write.js';
import { queryAll, queryPage } from '../shared/query.js';
import { transactConditional } from '../shared/transactions.js';
import type { WebhookAttempt, WebhookDelivery, WebhookSubscription } from './contract.js';

/**
 * Keys (docs/access-patterns.md, W1–W3):
 * - W1 subscriptions: PK `WEBHOOKS`, SK `SUB#<subscriptionId>` (one small partition, read whole per event)
 * - W2 signing secret: PK `WEBHOOK#<subscriptionId>`, SK `SECRET` (its own item: listings never read it)
 * - W3 deliveries: PK `WEBHOOK#<subscriptionId>`, SK `DELIVERY#<deliveryId>` (ids sort by event time), TTL 30 days
 */
const keys = {
  subscription: (subscriptionId: string) => ({ PK: 'WEBHOOKS', SK: `SUB#${subscriptionId}` }),
  secret: (subscriptionId: string) => ({ PK: `WEBHOOK#${subscriptionId}`, SK: 'SECRET' }),
  delivery: (subscriptionId: string, deliveryId: string) => ({ PK: `WEBHOOK#${subscriptionId}`, SK: `DELIVERY#${deliveryId}` }),
};
const deliveryRetentionSeconds = 30 * 86_400;
const table = () => config.tableName();

/** A stored delivery: the exact body that is signed and sent on every attempt. */
export interface StoredDelivery extends WebhookDelivery {
  readonly body: string;
}

function withoutKeys<T>(item: Record<string, unknown>): T {
  const { PK: _pk, SK: _sk, expiresAt: _expires, ...rest } = item;
  return rest as T;
}

const presentDelivery = (item: Record<string, unknown>): WebhookDelivery => {
  const { body: _body, ...delivery } = withoutKeys<StoredDelivery>(item);
  return delivery;
};

/** Subscription and secret together, or neither. */
export async function createSubscription(subscription: WebhookSubscription, secret: string): Promise<void> {
  const outcome = await transactConditional([
    {
      Put: {
        TableName: table(),
        Item: { ...keys.subscription(subscription.subscriptionId), ...subscription },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    { Put: { TableName: table(), Item: { ...keys.secret(subscription.subscriptionId), secret }, ConditionExpression: 'attribute_not_exists(PK)' } },
  ]);
  if (outcome !== 'ok') throw new Error(`Subscription ${subscription.subscriptionId} exists already`);
}

export async function listSubscriptions(): Promise<WebhookSubscription[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sub)',
    ExpressionAttributeValues: { ':pk': 'WEBHOOKS', ':sub': 'SUB#' },
  });
  return items.map((item) => withoutKeys<WebhookSubscription>(item));
}

export async function findSubscription(subscriptionId: string): Promise<WebhookSubscription | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: keys.subscription(subscriptionId) }));
  return Item ? withoutKeys<WebhookSubscription>(Item) : undefined;
}

export async function findSecret(subscriptionId: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: keys.secret(subscriptionId), ConsistentRead: true }));
  return typeof Item?.secret === 'string' ? Item.secret : undefined;
}

/** False when there is no such subscription. Deliveries expire with their TTL. */
export async function deleteSubscription(subscriptionId: string): Promise<boolean> {
  const outcome = await transactConditional([
    { Delete: { TableName: table(), Key: keys.subscription(subscriptionId), ConditionExpression: 'attribute_exists(PK)' } },
    { Delete: { TableName: table(), Key: keys.secret(subscriptionId) } },
  ]);
  return outcome === 'ok';
}

/** Records a delivery once; false when the dispatcher recorded it before (same event seen again). */
export async function createDelivery(delivery: StoredDelivery, now: Date): Promise<boolean> {
  return conditionHolds(() =>
    dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...keys.delivery(delivery.subscriptionId, delivery.deliveryId),
          ...delivery,
          expiresAt: Math.floor(now.getTime() / 1000) + deliveryRetentionSeconds,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
}

export async function findDelivery(subscriptionId: string, deliveryId: string): Promise<StoredDelivery | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: keys.delivery(subscriptionId, deliveryId), ConsistentRead: true }));
  return Item ? withoutKeys<StoredDelivery>(Item) : undefined;
}

export async function listDeliveries(subscriptionId: string, limit: number, cursor: string | undefined) {
  const pk = keys.delivery(subscriptionId, '').PK;
  const { items, nextCursor } = await queryPage(
    {
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :delivery)',
      ExpressionAttributeValues: { ':pk': pk, ':delivery': 'DELIVERY#' },
      ScanIndexForward: false,
      Limit: limit,
    },
    { attribute: 'PK', value: pk },
    cursor,
  );
  return { deliveries: items.map(presentDelivery), ...(nextCursor ? { nextCursor } : {}) };
}

/** Appends one attempt and sets the resulting status; the delivery must exist. */
export async function recordAttempt(
  delivery: Pick<WebhookDelivery, 'subscriptionId' | 'deliveryId'>,
  attempt: WebhookAttempt,
  status: WebhookDelivery['status'],
  nextAttemptAt: string | undefined,
): Promise<boolean> {
  return conditionHolds(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.delivery(delivery.subscriptionId, delivery.deliveryId),
        UpdateExpression: `SET attempts = list_append(if_not_exists(attempts, :none), :attempt), #status = :status, updatedAt = :at${nextAttemptAt ? ', nextAttemptAt = :next' : ''}${nextAttemptAt ? '' : ' REMOVE nextAttemptAt'}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':none': [],
          ':attempt': [attempt],
          ':status': status,
          ':at': attempt.at,
          ...(nextAttemptAt ? { ':next': nextAttemptAt } : {}),
        },
      }),
    ),
  );
}

/** Back to pending for a replay, unless it is pending already (a replay is then in flight). */
export async function markReplayed(delivery: Pick<WebhookDelivery, 'subscriptionId' | 'deliveryId'>, at: string): Promise<WebhookDelivery | undefined> {
  try {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.delivery(delivery.subscriptionId, delivery.deliveryId),
        UpdateExpression: 'SET #status = :pending, replayedAt = :at, updatedAt = :at REMOVE nextAttemptAt',
        ConditionExpression: 'attribute_exists(PK) AND #status <> :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':at': at },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? presentDelivery(Attributes) : undefined;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

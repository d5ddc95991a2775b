import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { loadItem } from '../shared/items.js';
import { config } from '../shared/config.js';
import { conflict } from '../shared/errors.js';
import type { Money } from '../shared/money.js';

export interface CartLine {
  readonly sku: string;
  /** Thousandths of a sales unit. */
  readonly quantity: number;
  /** Net unit price when the line was added: shows the buyer what changed since (seed 003). */
  readonly addedUnitNet: Money | null;
  /** The agreement `addedUnitNet` was priced under (null: none). */
  readonly addedAgreementId?: string | null;
  readonly addedAt: string;
}

export interface Cart {
  readonly ownerSub: string;
  readonly ownerName: string;
  readonly lines: readonly CartLine[];
  readonly updatedAt: string;
  readonly version: number;
  /** On the emptied cart: the order placed from it (until the next change writes the cart anew). */
  readonly orderedAs?: { readonly orderId: string; readonly orderNumber: string };
}

export interface SavedCart extends Cart {
  readonly cartId: string;
  readonly name: string;
}

export const cartKeys = {
  active: (companyId: string, sub: string) => ({ PK: `COMPANY#${companyId}`, SK: `CART#${sub}#active` }),
  /** The own cart of one punchout session (functions/punchout), gone with the session (TTL). */
  punchout: (companyId: string, sub: string, sessionId: string) => ({ PK: `COMPANY#${companyId}`, SK: `CART#${sub}#punchout#${sessionId}` }),
  saved: (companyId: string, sub: string, cartId: string) => ({ PK: `COMPANY#${companyId}`, SK: `CART#${sub}#saved#${cartId}` }),
};

/** Which cart a request works on: without a scope the user's active cart, with one the punchout session's cart. */
export interface CartScope {
  readonly punchoutSessionId: string;
  /** Epoch seconds: the session's end, the cart's TTL. */
  readonly expiresAt: number;
}

export const cartKey = (companyId: string, sub: string, scope?: CartScope) =>
  scope ? cartKeys.punchout(companyId, sub, scope.punchoutSessionId) : cartKeys.active(companyId, sub);

/** What a scoped cart item carries besides the cart (TTL with the session). */
export const scopeAttributes = (scope?: CartScope) => (scope ? { punchoutSessionId: scope.punchoutSessionId, expiresAt: scope.expiresAt } : {});

const table = () => config.tableName();

const toCart = (item: Record<string, unknown>): Cart => ({
  ownerSub: String(item.ownerSub),
  ownerName: String(item.ownerName ?? ''),
  lines: (item.lines as CartLine[]) ?? [],
  updatedAt: String(item.updatedAt ?? ''),
  version: Number(item.version ?? 0),
  ...(item.orderedAs ? { orderedAs: item.orderedAs as NonNullable<Cart['orderedAs']> } : {}),
});

export async function readCart(companyId: string, sub: string, scope?: CartScope): Promise<Cart | undefined> {
  const Item = await loadItem(cartKey(companyId, sub, scope));
  return Item ? toCart(Item) : undefined;
}

/** Writes the active cart if nobody changed it since `expectedVersion` (two tabs, a rep editing). */
export async function writeCart(
  companyId: string,
  owner: { sub: string; name: string },
  lines: readonly CartLine[],
  expectedVersion: number,
  scope?: CartScope,
): Promise<Cart> {
  const cart: Cart = { ownerSub: owner.sub, ownerName: owner.name, lines, updatedAt: new Date().toISOString(), version: expectedVersion + 1 };
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: { ...cartKey(companyId, owner.sub, scope), type: 'cart', companyId, ...cart, ...scopeAttributes(scope) },
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :version',
        ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':version': expectedVersion } }),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw conflict('CART_CHANGED', 'The cart was changed meanwhile; reload it');
    throw error;
  }
  return cart;
}

/**
 * The conditional write of an active cart inside another context's transaction (a quote accepted
 * from a taken-over cart takes those lines out): only if nobody changed the cart since `cart.version`.
 */
export function replaceLinesItem(companyId: string, cart: Cart, lines: readonly CartLine[], now: string) {
  return {
    Update: {
      TableName: table(),
      Key: cartKeys.active(companyId, cart.ownerSub),
      UpdateExpression: 'SET #lines = :lines, #version = :next, updatedAt = :now',
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#lines': 'lines', '#version': 'version' },
      ExpressionAttributeValues: { ':lines': lines, ':next': cart.version + 1, ':version': cart.version, ':now': now },
    },
  };
}

export async function saveCartAs(companyId: string, cart: Cart, name: string): Promise<SavedCart> {
  const cartId = randomUUID();
  const saved: SavedCart = { ...cart, cartId, name, updatedAt: new Date().toISOString(), version: 1 };
  await dynamo().send(
    new PutCommand({ TableName: table(), Item: { ...cartKeys.saved(companyId, cart.ownerSub, cartId), type: 'saved-cart', companyId, ...saved } }),
  );
  return saved;
}

export async function listCarts(companyId: string, prefix: string): Promise<(Cart & { cartId?: string; name?: string; punchoutSessionId?: string })[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `COMPANY#${companyId}`, ':prefix': prefix },
    }),
  );
  return Items.map((item) => ({
    ...toCart(item),
    ...(item.cartId ? { cartId: String(item.cartId), name: String(item.name) } : {}),
    ...(item.punchoutSessionId ? { punchoutSessionId: String(item.punchoutSessionId) } : {}),
  }));
}

export async function readSaved(companyId: string, sub: string, cartId: string): Promise<SavedCart | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: cartKeys.saved(companyId, sub, cartId) }));
  return Item ? { ...toCart(Item), cartId, name: String(Item.name) } : undefined;
}

export async function deleteSaved(companyId: string, sub: string, cartId: string): Promise<boolean> {
  const { Attributes } = await dynamo().send(new DeleteCommand({ TableName: table(), Key: cartKeys.saved(companyId, sub, cartId), ReturnValues: 'ALL_OLD' }));
  return Attributes !== undefined;
}

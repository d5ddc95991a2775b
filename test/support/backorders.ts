import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { catalogKeys } from '../../functions/catalog/repository.js';
import { awsConfig, stack } from './api.js';
import { stockedSku } from './orders.js';

const table = () => DynamoDBDocumentClient.from(new DynamoDBClient(awsConfig(stack().dynamodbEndpoint)));

/** The product item of `sku` as stored (consistent read). */
export async function productItem(sku: string): Promise<Record<string, any>> {
  const { Item } = await table().send(new GetCommand({ TableName: stack().env.TABLE_NAME, Key: catalogKeys.product(sku), ConsistentRead: true }));
  return Item!;
}

/** Changes the product item of `sku` in place, past the catalog API. */
export async function updateProduct(sku: string, UpdateExpression: string, ExpressionAttributeValues: Record<string, unknown>): Promise<void> {
  await table().send(new UpdateCommand({ TableName: stack().env.TABLE_NAME, Key: catalogKeys.product(sku), UpdateExpression, ExpressionAttributeValues }));
}

/**
 * An electrical product that may be back-ordered (the rest expected on `expectedAt`), with `inStock` units in
 * `warehouseId` and none in the other warehouses. `restore` puts its stock back and takes the flag off.
 */
export async function backorderableProduct(
  token: string,
  { warehouseId, inStock, expectedAt }: { warehouseId: string; inStock: number; expectedAt: string },
): Promise<{ sku: string; restore: () => Promise<void> }> {
  const sku = await stockedSku(token, 'electrical', inStock + 1, [], warehouseId);
  const original = (await productItem(sku)).stock as Record<string, number>;
  await updateProduct(sku, 'SET stock = :stock, backorder = :backorder', {
    ':stock': Object.fromEntries(Object.keys(original).map((id) => [id, id === warehouseId ? inStock : 0])),
    ':backorder': { allowed: true, expectedAt },
  });
  return { sku, restore: () => updateProduct(sku, 'SET stock = :stock REMOVE backorder', { ':stock': original }) };
}

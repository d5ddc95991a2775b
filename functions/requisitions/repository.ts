import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { conflict } from '../shared/errors.js';
import { queryAll } from '../shared/query.js';
import type { RequisitionLine, RequisitionList } from './rules.js';

/** One item per list, lines inside (≤ 200 lines keeps it far below the 400 KB item limit). */
export const requisitionKeys = {
  list: (companyId: string, listId: string) => ({ PK: `COMPANY#${companyId}`, SK: `REQLIST#${listId}` }),
  prefix: 'REQLIST#',
};

type Item = Record<string, unknown>;

const toList = (item: Item): RequisitionList => ({
  listId: String(item.listId),
  companyId: String(item.companyId),
  name: String(item.name),
  owner: item.owner as RequisitionList['owner'],
  lines: (item.lines as RequisitionLine[] | undefined) ?? [],
  createdAt: String(item.createdAt),
  updatedAt: String(item.updatedAt),
  version: Number(item.version ?? 1),
});

export async function findList(companyId: string, listId: string): Promise<RequisitionList | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName(), Key: requisitionKeys.list(companyId, listId), ConsistentRead: true }));
  return Item ? toList(Item) : undefined;
}

export async function listLists(companyId: string): Promise<RequisitionList[]> {
  const items = await queryAll({
    TableName: config.tableName(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': `COMPANY#${companyId}`, ':prefix': requisitionKeys.prefix },
    ConsistentRead: true,
  });
  const lists = items.map(toList);
  return lists.sort((a, b) => a.name.localeCompare(b.name));
}

/** Writes a list when nobody changed it meanwhile (`expectedVersion` 0: a new list). */
export async function saveList(list: RequisitionList, expectedVersion: number): Promise<void> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName(),
        Item: { ...requisitionKeys.list(list.companyId, list.listId), type: 'requisition-list', ...list },
        ...(expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': expectedVersion } }),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw conflict('LIST_CHANGED', 'The list changed meanwhile; reload it and try again');
    throw error;
  }
}

export async function deleteList(companyId: string, listId: string, expectedVersion: number): Promise<void> {
  try {
    await dynamo().send(
      new DeleteCommand({
        TableName: config.tableName(),
        Key: requisitionKeys.list(companyId, listId),
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':version': expectedVersion },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw conflict('LIST_CHANGED', 'The list changed meanwhile; reload it and try again');
    throw error;
  }
}

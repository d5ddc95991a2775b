import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { decodeCursor, encodeCursor } from '../shared/paging.js';
import { defaultShopSettings, type Company, type ShopSettings } from './rules.js';

/** Item keys of the accounts context (see docs/access-patterns.md). */
export const accountKeys = {
  shopSettings: () => ({ PK: 'CONFIG', SK: 'SHOP' }),
  company: (companyId: string) => ({ PK: `COMPANY#${companyId}`, SK: 'PROFILE' }),
  companyUser: (companyId: string, sub: string) => ({ PK: `COMPANY#${companyId}`, SK: `USER#${sub}` }),
  staffUser: (sub: string) => ({ PK: 'STAFF', SK: `USER#${sub}` }),
  repAssignment: (companyId: string, repSub: string) => ({ PK: `COMPANY#${companyId}`, SK: `REP#${repSub}` }),
  /** GSI1: every company, sorted by name (back-office list). */
  companiesIndex: (name: string, companyId: string) => ({ GSI1PK: 'COMPANIES', GSI1SK: `${name.toLowerCase()}#${companyId}` }),
  /** GSI2: the companies of one sales rep, sorted by name. */
  repIndex: (repSub: string, name: string, companyId: string) => ({
    GSI2PK: `REP#${repSub}`,
    GSI2SK: `COMPANY#${name.toLowerCase()}#${companyId}`,
  }),
};

export interface UserProfile {
  readonly sub: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

const table = () => config.tableName();

const toCompany = (item: Record<string, unknown>): Company => ({
  id: String(item.companyId),
  name: String(item.name),
  vatId: String(item.vatId ?? ''),
  city: String(item.city ?? ''),
  country: String(item.country ?? ''),
  customerGroup: String(item.customerGroup ?? ''),
});

export async function readShopSettings(): Promise<ShopSettings> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: accountKeys.shopSettings() }));
  if (!Item) return defaultShopSettings;
  return {
    name: String(Item.name ?? defaultShopSettings.name),
    loginOnly: Item.loginOnly === true,
    registrationOpen: Item.registrationOpen !== false,
    currency: String(Item.currency ?? defaultShopSettings.currency),
  };
}

export async function updateShopSettings(changes: Partial<Omit<ShopSettings, 'currency'>>, changedBy: string): Promise<ShopSettings> {
  const current = await readShopSettings();
  const next = { ...current, ...changes };
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: accountKeys.shopSettings(),
      UpdateExpression: 'SET #name = :name, loginOnly = :loginOnly, registrationOpen = :registrationOpen, currency = :currency, updatedBy = :by, updatedAt = :at',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: {
        ':name': next.name,
        ':loginOnly': next.loginOnly,
        ':registrationOpen': next.registrationOpen,
        ':currency': next.currency,
        ':by': changedBy,
        ':at': new Date().toISOString(),
      },
    }),
  );
  return next;
}

export async function findCompany(companyId: string): Promise<Company | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: accountKeys.company(companyId) }));
  return Item ? toCompany(Item) : undefined;
}

export async function isAssignedToRep(companyId: string, repSub: string): Promise<boolean> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: accountKeys.repAssignment(companyId, repSub), ProjectionExpression: 'PK' }),
  );
  return Item !== undefined;
}

export async function findUser(companyId: string | undefined, sub: string): Promise<UserProfile | undefined> {
  const Key = companyId ? accountKeys.companyUser(companyId, sub) : accountKeys.staffUser(sub);
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key }));
  return Item ? { sub, email: String(Item.email), name: String(Item.name), role: String(Item.role) } : undefined;
}

async function queryCompanies(indexName: 'GSI1' | 'GSI2', partition: { attribute: string; value: string }, limit: number, cursor?: string): Promise<Page<Company>> {
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': partition.attribute },
      ExpressionAttributeValues: { ':pk': partition.value },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, partition),
    }),
  );
  return { items: Items.map(toCompany), nextCursor: encodeCursor(LastEvaluatedKey) };
}

export const listAllCompanies = (limit: number, cursor?: string) =>
  queryCompanies('GSI1', { attribute: 'GSI1PK', value: 'COMPANIES' }, limit, cursor);

export const listRepCompanies = (repSub: string, limit: number, cursor?: string) =>
  queryCompanies('GSI2', { attribute: 'GSI2PK', value: `REP#${repSub}` }, limit, cursor);

import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '../shared/auth.js';
import { shopSettingsKey } from '../shared/account-status.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { loadItem } from '../shared/items.js';
import { config } from '../shared/config.js';
import { conflict } from '../shared/errors.js';
import { isLanguage } from '../shared/locale.js';
import { decodeCursor, encodeCursor } from '../shared/paging.js';
import { transact as transactItems, type TransactItem } from '../shared/transactions.js';
import { vatIdProblem } from './identifiers.js';
import { queryAll, queryPage } from '../shared/query.js';
import {
  companySearchText,
  defaultShopSettings,
  isStaff,
  neverCheckedDueAt,
  sessionTimeout,
  vatCheckDueSortKey,
  type Company,
  type CompanyAccount,
  type CompanyUser,
  type ShopSettings,
  type VatCheck,
} from './rules.js';
import { conditionHolds } from '../shared/conditional-write.js';

/** Item keys of the accounts context (see docs/access-patterns.md). */
export const accountKeys = {
  shopSettings: shopSettingsKey,
  company: (companyId: string) => ({ PK: `COMPANY#${companyId}`, SK: 'PROFILE' }),
  companyUser: (companyId: string, sub: string) => ({ PK: `COMPANY#${companyId}`, SK: `USER#${sub}` }),
  staffUser: (sub: string) => ({ PK: 'STAFF', SK: `USER#${sub}` }),
  repAssignment: (companyId: string, repSub: string) => ({ PK: `COMPANY#${companyId}`, SK: `REP#${repSub}` }),
  audit: (companyId: string, at: string) => ({ PK: `COMPANY#${companyId}`, SK: `AUDIT#${at}#${randomUUID()}` }),
  /** One item per e-mail address in use (registration or user): uniqueness by conditional put. */
  email: (email: string) => ({ PK: `EMAIL#${email.toLowerCase()}`, SK: 'EMAIL' }),
  registration: (registrationId: string) => ({ PK: `REGISTRATION#${registrationId}`, SK: 'REGISTRATION' }),
  upload: (uploadId: string) => ({ PK: `UPLOAD#${uploadId}`, SK: 'UPLOAD' }),
  /** GSI1: every company, sorted by name (back-office list). */
  companiesIndex: (name: string, companyId: string) => ({ GSI1PK: 'COMPANIES', GSI1SK: `${name.toLowerCase()}#${companyId}` }),
  /** GSI1: registrations of one status, oldest first (the back-office review queue). */
  registrationsIndex: (status: string, createdAt: string, registrationId: string) => ({
    GSI1PK: `REGISTRATIONS#${status}`,
    GSI1SK: `${createdAt}#${registrationId}`,
  }),
  /** GSI2: the companies of one sales rep, sorted by name. */
  repIndex: (repSub: string, name: string, companyId: string) => ({
    GSI2PK: `REP#${repSub}`,
    GSI2SK: `COMPANY#${name.toLowerCase()}#${companyId}`,
  }),
  /** GSI2 on the company PROFILE item: companies with a VAT ID by the time their next VIES check is due. */
  vatCheckDueIndex: (dueAt: string, companyId: string) => ({ GSI2PK: 'VAT-CHECK-DUE', GSI2SK: vatCheckDueSortKey(dueAt, companyId) }),
};

/** The check-due index keys of a company: due per its check of the current VAT ID, at once when never checked. */
export function vatCheckDueKeys(account: Pick<CompanyAccount, 'id' | 'vatId' | 'vatCheck'>): Item {
  if (!account.vatId || vatIdProblem(account.vatId)) return {};
  const dueAt = account.vatCheck?.vatId === account.vatId ? account.vatCheck.dueAt : neverCheckedDueAt;
  return accountKeys.vatCheckDueIndex(dueAt, account.id);
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

type Item = Record<string, unknown>;

const table = () => config.tableName();

const toCompany = (item: Item): Company => ({
  id: String(item.companyId),
  name: String(item.name),
  vatId: String(item.vatId ?? ''),
  city: String(item.city ?? ''),
  country: String(item.country ?? ''),
  customerGroup: String(item.customerGroup ?? ''),
  ...(item.repSub ? { repSub: String(item.repSub) } : {}),
});

const toAccount = (item: Item): CompanyAccount & { version: number } => ({
  ...toCompany(item),
  ...(item.billingAddress ? { billingAddress: item.billingAddress as CompanyAccount['billingAddress'] } : {}),
  deliveryAddresses: (item.deliveryAddresses as CompanyAccount['deliveryAddresses']) ?? [],
  bankAccounts: (item.bankAccounts as CompanyAccount['bankAccounts']) ?? [],
  ...(item.repSub ? { repSub: String(item.repSub) } : {}),
  ...(Array.isArray(item.businessProfiles) ? { businessProfiles: item.businessProfiles as string[] } : {}),
  ...(Array.isArray(item.agreements) ? { agreements: item.agreements as CompanyAccount['agreements'] } : {}),
  ...(item.defaultAgreementId ? { defaultAgreementId: String(item.defaultAgreementId) } : {}),
  ...(item.firstOrderAt ? { firstOrderAt: String(item.firstOrderAt) } : {}),
  ...(item.mfaRequired === true ? { mfaRequired: true } : {}),
  ...(item.vatCheck ? { vatCheck: item.vatCheck as CompanyAccount['vatCheck'] } : {}),
  ...(isLanguage(item.language) ? { language: item.language } : {}),
  version: Number(item.version ?? 0),
});

export const toCompanyUser = (item: Item): CompanyUser => ({
  sub: String(item.sub),
  email: String(item.email),
  name: String(item.name),
  role: item.role as CompanyUser['role'],
  enabled: item.enabled !== false,
  orderLimit: (item.orderLimit as CompanyUser['orderLimit']) ?? null,
  ...(typeof item.homeCompanyId === 'string' ? { homeCompanyId: item.homeCompanyId } : {}),
  ...(item.technical === 'punchout' ? { technical: 'punchout' as const } : {}),
});

/** Runs a transaction; a failed condition becomes a 409 with `conflictCode`. */
export async function transact(
  items: TransactItem[],
  conflictCode = 'CONCURRENT_CHANGE',
  message = 'The data changed meanwhile; reload and try again',
): Promise<void> {
  const outcome = await transactItems(items);
  if (outcome.ok) return;
  if (outcome.failedIndex >= 0) throw Object.assign(conflict(conflictCode, message), { failedIndex: outcome.failedIndex });
  throw outcome.error;
}

export interface AuditEntry {
  readonly action: string;
  readonly details?: unknown;
}

/** The audit row of a change, written in the same transaction as the change itself. */
export function auditPut(companyId: string, actor: Identity, entry: AuditEntry): TransactItem {
  const at = new Date().toISOString();
  return {
    Put: {
      TableName: table(),
      Item: {
        ...accountKeys.audit(companyId, at),
        type: 'audit',
        at,
        action: entry.action,
        actor: { sub: actor.sub, name: actor.name, role: actor.role },
        onBehalf: isStaff(actor),
        ...(entry.details !== undefined ? { details: entry.details } : {}),
      },
    },
  };
}

export const put = (item: Item, condition?: string): TransactItem => ({
  Put: { TableName: table(), Item: item, ...(condition ? { ConditionExpression: condition } : {}) },
});

export const remove = (key: Item, condition?: string): TransactItem => ({
  Delete: { TableName: table(), Key: key, ...(condition ? { ConditionExpression: condition } : {}) },
});

/** One item by key, strongly consistent, batched with the request's other reads (functions/shared/items.ts). */
export const getItem = (key: { PK: string; SK: string }): Promise<Item | undefined> => loadItem(key);

export { conditionHolds };

// ---- shop settings -------------------------------------------------------------------------

export async function readShopSettings(): Promise<ShopSettings> {
  const Item = await getItem(accountKeys.shopSettings());
  if (!Item) return defaultShopSettings;
  return {
    name: String(Item.name ?? defaultShopSettings.name),
    loginOnly: Item.loginOnly === true,
    registrationOpen: Item.registrationOpen !== false,
    currency: String(Item.currency ?? defaultShopSettings.currency),
    currencies:
      Array.isArray(Item.currencies) && Item.currencies.length
        ? (Item.currencies as string[]).map(String)
        : [String(Item.currency ?? defaultShopSettings.currency)],
    sellerCountry: String(Item.sellerCountry ?? defaultShopSettings.sellerCountry),
    grossPriceGroups: Array.isArray(Item.grossPriceGroups) ? (Item.grossPriceGroups as string[]) : defaultShopSettings.grossPriceGroups,
    sellerAddressLines: Array.isArray(Item.sellerAddressLines) ? (Item.sellerAddressLines as string[]) : defaultShopSettings.sellerAddressLines,
    sellerVatId: String(Item.sellerVatId ?? ''),
    sellerIban: String(Item.sellerIban ?? ''),
    sellerContact: sellerContactOf(Item.sellerContact),
  };
}

const sellerContactOf = (value: unknown): ShopSettings['sellerContact'] => {
  const contact = (value ?? {}) as Record<string, unknown>;
  return { name: String(contact.name ?? ''), phone: String(contact.phone ?? ''), email: String(contact.email ?? '') };
};

export async function updateShopSettings(
  changes: Partial<Pick<ShopSettings, 'name' | 'loginOnly' | 'registrationOpen' | 'sellerContact' | 'currency' | 'currencies'>>,
  changedBy: string,
): Promise<ShopSettings> {
  const next = { ...(await readShopSettings()), ...changes };
  await dynamo().send(
    new PutCommand({ TableName: table(), Item: { ...accountKeys.shopSettings(), ...next, updatedBy: changedBy, updatedAt: new Date().toISOString() } }),
  );
  return next;
}

// ---- companies -----------------------------------------------------------------------------

export async function findCompany(companyId: string): Promise<Company | undefined> {
  const item = await getItem(accountKeys.company(companyId));
  return item ? toCompany(item) : undefined;
}

export async function findAccount(companyId: string) {
  const item = await getItem(accountKeys.company(companyId));
  return item ? toAccount(item) : undefined;
}

/** The profile item with its GSI keys; `version` guards against lost updates. */
export function companyItem(account: CompanyAccount, version: number, createdAt?: string): Item {
  const { manager: _manager, ...stored } = account;
  return {
    ...accountKeys.company(account.id),
    ...accountKeys.companiesIndex(account.name, account.id),
    ...vatCheckDueKeys(account),
    type: 'company',
    ...stored,
    companyId: account.id,
    searchText: companySearchText(account),
    version,
    ...(createdAt ? { createdAt } : {}),
    updatedAt: new Date().toISOString(),
  };
}

/** The rep's copy of the company summary (GSI2 lists a rep's companies without a second read). */
export function repAssignmentItem(account: Company, repSub: string): Item {
  return {
    ...accountKeys.repAssignment(account.id, repSub),
    ...accountKeys.repIndex(repSub, account.name, account.id),
    type: 'rep-assignment',
    repSub,
    companyId: account.id,
    name: account.name,
    vatId: account.vatId,
    city: account.city,
    country: account.country,
    customerGroup: account.customerGroup,
    searchText: companySearchText(account),
  };
}

/** Writes a changed profile (optimistic lock on `version`), the rep's copy and the audit row together. */
export async function saveAccount(account: CompanyAccount, expectedVersion: number, extra: TransactItem[]): Promise<void> {
  const items: TransactItem[] = [
    put(companyItem(account, expectedVersion + 1), expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :version'),
    ...extra,
  ];
  const first = items[0]!.Put!;
  if (expectedVersion !== 0) first.ExpressionAttributeValues = { ':version': expectedVersion };
  if (account.repSub) items.push(put(repAssignmentItem(account, account.repSub)));
  await transact(items);
}

export async function isAssignedToRep(companyId: string, repSub: string): Promise<boolean> {
  return (await getItem(accountKeys.repAssignment(companyId, repSub))) !== undefined;
}

/**
 * A page of companies from an index partition. With a search term, DynamoDB filters after its
 * `Limit`, so keep reading (at most 20 reads) until the page is full or the partition ends.
 */
async function queryCompanies(
  indexName: 'GSI1' | 'GSI2',
  partition: { attribute: string; value: string },
  limit: number,
  cursor?: string,
  search?: string,
): Promise<Page<Company>> {
  const items: Company[] = [];
  let startKey: Item | undefined = decodeCursor(cursor, partition);
  for (let reads = 0; reads < 20; reads++) {
    const { Items = [], LastEvaluatedKey } = await dynamo().send(
      new QueryCommand({
        TableName: table(),
        IndexName: indexName,
        KeyConditionExpression: '#pk = :pk',
        ...(search ? { FilterExpression: 'contains(searchText, :q)' } : {}),
        ExpressionAttributeNames: { '#pk': partition.attribute },
        ExpressionAttributeValues: { ':pk': partition.value, ...(search ? { ':q': search.toLowerCase() } : {}) },
        Limit: limit - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...Items.map(toCompany));
    startKey = LastEvaluatedKey;
    if (!startKey || items.length >= limit) break;
  }
  return { items, nextCursor: encodeCursor(startKey) };
}

export const listAllCompanies = (limit: number, cursor?: string, search?: string) =>
  queryCompanies('GSI1', { attribute: 'GSI1PK', value: 'COMPANIES' }, limit, cursor, search);

export const listRepCompanies = (repSub: string, limit: number, cursor?: string, search?: string) =>
  queryCompanies('GSI2', { attribute: 'GSI2PK', value: `REP#${repSub}` }, limit, cursor, search);

// ---- users ---------------------------------------------------------------------------------

export interface StaffUser {
  readonly sub: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly phone: string;
}

export async function findUserItem(companyId: string | undefined, sub: string): Promise<Item | undefined> {
  return getItem(companyId ? accountKeys.companyUser(companyId, sub) : accountKeys.staffUser(sub));
}

export const sessionTimeoutOf = (item: Item | undefined): number => Number(item?.sessionTimeoutMinutes ?? sessionTimeout.defaultMinutes);

export async function findStaffUser(sub: string): Promise<StaffUser | undefined> {
  const item = await getItem(accountKeys.staffUser(sub));
  return item ? { sub, email: String(item.email), name: String(item.name), role: String(item.role), phone: String(item.phone ?? '') } : undefined;
}

export async function listStaff(): Promise<StaffUser[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :user)',
      ExpressionAttributeValues: { ':pk': 'STAFF', ':user': 'USER#' },
    }),
  );
  return Items.map((item) => ({
    sub: String(item.sub),
    email: String(item.email),
    name: String(item.name),
    role: String(item.role),
    phone: String(item.phone ?? ''),
  }));
}

export async function listCompanyUsers(companyId: string): Promise<CompanyUser[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :user)',
    ExpressionAttributeValues: { ':pk': `COMPANY#${companyId}`, ':user': 'USER#' },
    ConsistentRead: true,
  });
  const users = items.map(toCompanyUser);
  return users.sort((a, b) => a.name.localeCompare(b.name));
}

export function companyUserItem(companyId: string, user: CompanyUser, extra: Item = {}): Item {
  return { ...accountKeys.companyUser(companyId, user.sub), type: 'user', companyId, ...user, ...extra };
}

export function emailClaim(email: string, owner: Item): TransactItem {
  return put({ ...accountKeys.email(email), type: 'email', email: email.toLowerCase(), ...owner }, 'attribute_not_exists(PK)');
}

export async function updatePreferences(
  companyId: string | undefined,
  sub: string,
  preferences: { readonly sessionTimeoutMinutes?: number | undefined; readonly language?: string | null | undefined },
): Promise<void> {
  const set = Object.entries(preferences).filter(([, value]) => value !== undefined && value !== null);
  const removed = Object.entries(preferences).filter(([, value]) => value === null);
  const clauses = [
    ...(set.length ? [`SET ${set.map(([name]) => `#${name} = :${name}`).join(', ')}`] : []),
    ...(removed.length ? [`REMOVE ${removed.map(([name]) => `#${name}`).join(', ')}`] : []),
  ];
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: companyId ? accountKeys.companyUser(companyId, sub) : accountKeys.staffUser(sub),
      UpdateExpression: clauses.join(' '),
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: Object.fromEntries([...set, ...removed].map(([name]) => [`#${name}`, name])),
      ...(set.length ? { ExpressionAttributeValues: Object.fromEntries(set.map(([name, value]) => [`:${name}`, value])) } : {}),
    }),
  );
}

export async function listAudit(companyId: string, limit = 100): Promise<Item[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :audit)',
      ExpressionAttributeValues: { ':pk': `COMPANY#${companyId}`, ':audit': 'AUDIT#' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items;
}

// ---- registrations -------------------------------------------------------------------------

export async function listRegistrations(status: string, limit: number, cursor?: string): Promise<Page<Item>> {
  const partition = { attribute: 'GSI1PK', value: `REGISTRATIONS#${status}` };
  const { items, nextCursor } = await queryPage(
    {
      TableName: table(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': partition.value },
      Limit: limit,
    },
    partition,
    cursor,
  );
  return { items, nextCursor };
}

/** Moves a registration between statuses only from the expected one (no double decisions). */
export function registrationStatusUpdate(registrationId: string, createdAt: string, from: string, to: string, extra: Item = {}): TransactItem {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Item = {
    ':from': from,
    ':to': to,
    ':gsi1pk': `REGISTRATIONS#${to}`,
    ':gsi1sk': `${createdAt}#${registrationId}`,
    ':at': new Date().toISOString(),
  };
  let expression = 'SET #status = :to, GSI1PK = :gsi1pk, GSI1SK = :gsi1sk, decidedAt = :at';
  for (const [key, value] of Object.entries(extra)) {
    names[`#${key}`] = key;
    values[`:${key}`] = value;
    expression += `, #${key} = :${key}`;
  }
  return {
    Update: {
      TableName: table(),
      Key: accountKeys.registration(registrationId),
      UpdateExpression: expression,
      ConditionExpression: '#status = :from',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Marks the company's first order (it stops counting as a new customer); later calls keep the first date. */
/**
 * Marks the company as a regular customer with its first order. Only that first order writes the
 * profile (and moves its `version`); every later one is refused by the condition and leaves the
 * profile alone, so orders never collide with a master-data edit (issue 18).
 */
export async function recordFirstOrder(companyId: string, at: string): Promise<void> {
  await conditionHolds(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: accountKeys.company(companyId),
        UpdateExpression: 'SET firstOrderAt = :at ADD version :one',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(firstOrderAt)',
        ExpressionAttributeValues: { ':at': at, ':one': 1 },
      }),
    ),
  );
}

// ---- VIES VAT-ID checks ----------------------------------------------------------------------

/**
 * Stores a VIES check on the company PROFILE item with its check-due index keys — only while the
 * company still has the VAT ID that was checked (a concurrent change of the VAT ID wins). Bumps
 * `version`, so a master-data edit read before the check cannot overwrite the evidence.
 * Returns false when the VAT ID changed meanwhile (or the company is gone).
 */
export async function saveVatCheck(companyId: string, check: VatCheck): Promise<boolean> {
  const due = accountKeys.vatCheckDueIndex(check.dueAt, companyId);
  return conditionHolds(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: accountKeys.company(companyId),
        UpdateExpression: 'SET vatCheck = :check, GSI2PK = :duePk, GSI2SK = :dueSk, updatedAt = :now ADD version :one',
        ConditionExpression: 'attribute_exists(PK) AND vatId = :vatId',
        ExpressionAttributeValues: {
          ':check': check,
          ':duePk': due.GSI2PK,
          ':dueSk': due.GSI2SK,
          ':now': new Date().toISOString(),
          ':one': 1,
          ':vatId': check.vatId,
        },
      }),
    ),
  );
}

/** Company ids whose VIES check is due before `before` (GSI2 `VAT-CHECK-DUE`, oldest first), one page. */
export async function listVatChecksDue(before: string, limit: number, startKey?: Item): Promise<{ companyIds: string[]; nextKey?: Item }> {
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :before',
      ExpressionAttributeValues: { ':pk': 'VAT-CHECK-DUE', ':before': before },
      ProjectionExpression: 'companyId',
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return { companyIds: Items.map((item) => String(item.companyId)), ...(LastEvaluatedKey ? { nextKey: LastEvaluatedKey } : {}) };
}

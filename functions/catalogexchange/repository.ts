import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { productIdentifierItems, productItem } from '../catalog/items.js';
import { productExistsCheck } from '../catalog/service.js';
import { priceListEntryItem, productPricingItem } from '../pricing/service.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { transactWrite, type TransactItem } from '../shared/transactions.js';
import type { ImportCounts, ImportKind, ImportOptions, PriceRow, ProductRow, RowError } from './rules.js';

/** Item keys of catalog imports (docs/access-patterns.md). */
export const importKeys = {
  job: (importId: string) => ({ PK: `CATALOG_IMPORT#${importId}`, SK: 'JOB' }),
  /** GSI1: import jobs, newest first. */
  jobList: (createdAt: string, importId: string) => ({ GSI1PK: 'CATALOG_IMPORTS', GSI1SK: `${createdAt}#${importId}` }),
};

export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface ImportJob {
  readonly importId: string;
  readonly kind: ImportKind;
  readonly uploadKey: string;
  readonly fileName: string;
  readonly options: ImportOptions;
  readonly status: ImportStatus;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly counts: ImportCounts;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  /** Why the whole job stopped (malformed CSV, wrong header …); row problems are in the report. */
  readonly failure?: { readonly code: string; readonly message: string };
  /** The first errors, for the console; all of them are in the report. */
  readonly errorSample: readonly RowError[];
  readonly reportKey?: string;
}

type Item = Record<string, unknown>;

const table = () => config.tableName();

const toJob = (item: Item): ImportJob => ({
  importId: String(item.importId),
  kind: item.kind as ImportKind,
  uploadKey: String(item.uploadKey),
  fileName: String(item.fileName),
  options: item.options as ImportOptions,
  status: item.status as ImportStatus,
  createdAt: String(item.createdAt),
  createdBy: String(item.createdBy),
  counts: (item.counts as ImportCounts) ?? { rows: 0, imported: 0, failed: 0 },
  ...(item.startedAt ? { startedAt: String(item.startedAt) } : {}),
  ...(item.finishedAt ? { finishedAt: String(item.finishedAt) } : {}),
  ...(item.durationMs !== undefined ? { durationMs: Number(item.durationMs) } : {}),
  ...(item.failure ? { failure: item.failure as ImportJob['failure'] & {} } : {}),
  errorSample: (item.errorSample as RowError[] | undefined) ?? [],
  ...(item.reportKey ? { reportKey: String(item.reportKey) } : {}),
});

/** Creates the job unless one with this id exists (a retried start); returns the stored job. */
export async function createJob(job: ImportJob): Promise<{ job: ImportJob; created: boolean }> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: { ...importKeys.job(job.importId), ...importKeys.jobList(job.createdAt, job.importId), type: 'catalog-import', ...job },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return { job, created: true };
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    return { job: (await findJob(job.importId))!, created: false };
  }
}

export async function findJob(importId: string): Promise<ImportJob | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: importKeys.job(importId) }));
  return Item ? toJob(Item) : undefined;
}

export async function listJobs(limit: number): Promise<ImportJob[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': 'CATALOG_IMPORTS' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map(toJob);
}

/**
 * queued → running, once. A redelivered message finds the job running or finished and leaves it
 * alone; a job left `running` by a crashed worker may be taken over after `staleAfterMs`.
 */
export const claimJob = (importId: string, now: Date, staleAfterMs: number): Promise<boolean> => claimJobItem(importKeys.job(importId), now, staleAfterMs);

/** The claim of any background job item of this context (imports, exports): false when it is not (or no longer) queued. */
export async function claimJobItem(key: { PK: string; SK: string }, now: Date, staleAfterMs: number): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: key,
        UpdateExpression: 'SET #status = :running, startedAt = :now',
        ConditionExpression: 'attribute_exists(PK) AND (#status = :queued OR (#status = :running AND startedAt < :stale))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':running': 'running',
          ':queued': 'queued',
          ':now': now.toISOString(),
          ':stale': new Date(now.getTime() - staleAfterMs).toISOString(),
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function recordProgress(importId: string, counts: ImportCounts): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: importKeys.job(importId),
      UpdateExpression: 'SET #counts = :counts',
      ConditionExpression: '#status = :running',
      ExpressionAttributeNames: { '#counts': 'counts', '#status': 'status' },
      ExpressionAttributeValues: { ':counts': counts, ':running': 'running' },
    }),
  );
}

export async function finishJob(
  importId: string,
  result: {
    status: 'completed' | 'failed';
    counts: ImportCounts;
    errorSample: readonly RowError[];
    reportKey?: string;
    failure?: ImportJob['failure'];
    finishedAt: string;
    durationMs: number;
  },
): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: importKeys.job(importId),
      UpdateExpression: `SET #status = :status, #counts = :counts, errorSample = :sample, finishedAt = :finishedAt, durationMs = :duration${result.reportKey ? ', reportKey = :reportKey' : ''}${result.failure ? ', failure = :failure' : ''}`,
      ExpressionAttributeNames: { '#status': 'status', '#counts': 'counts' },
      ExpressionAttributeValues: {
        ':status': result.status,
        ':counts': result.counts,
        ':sample': result.errorSample,
        ':finishedAt': result.finishedAt,
        ':duration': result.durationMs,
        ...(result.reportKey ? { ':reportKey': result.reportKey } : {}),
        ...(result.failure ? { ':failure': result.failure } : {}),
      },
    }),
  );
}

/**
 * An upsert of `item` that keeps attributes owned by others: `keep` are only set when missing
 * (stock, related products), `removeWhenAbsent` are removed when `item` does not carry them.
 */
function upsert(item: Item, keep: Item, removeWhenAbsent: readonly string[]): TransactItem {
  const { PK, SK, ...attributes } = item;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  Object.entries(attributes).forEach(([name, value], index) => {
    names[`#a${index}`] = name;
    values[`:a${index}`] = value;
    sets.push(`#a${index} = :a${index}`);
  });
  Object.entries(keep).forEach(([name, value], index) => {
    names[`#k${index}`] = name;
    values[`:k${index}`] = value;
    sets.push(`#k${index} = if_not_exists(#k${index}, :k${index})`);
  });
  const removals = removeWhenAbsent.filter((name) => !(name in attributes));
  removals.forEach((name, index) => (names[`#r${index}`] = name));
  return {
    Update: {
      TableName: table(),
      Key: { PK, SK },
      UpdateExpression: `SET ${sets.join(', ')}${removals.length ? ` REMOVE ${removals.map((_, index) => `#r${index}`).join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The items one product row writes: the catalog's PRODUCT item and the pricing engine's PRICING item. */
export function productRowItems(row: ProductRow, importedAt: string): TransactItem[] {
  return [
    upsert({ ...productItem(row.product), importedAt }, { stock: {}, related: [] }, ['ean', 'manufacturer', 'mpn', 'attributes']),
    upsert({ ...productPricingItem(row.pricing), importedAt }, {}, ['tiers']),
    ...productIdentifierItems(row.product).map((item): TransactItem => ({ Put: { TableName: table(), Item: item } })),
  ];
}

/** One price row: the price-list entry, written only while the product exists. */
export function priceRowItems(row: PriceRow, importedAt: string): TransactItem[] {
  return [
    { Put: { TableName: table(), Item: { ...priceListEntryItem(row.scope, row.sku, row.unitPrice, row.tiers), importedAt } } },
    productExistsCheck(row.sku),
  ];
}

/** A canceled transaction is thrown with its cancellation reasons (the import reports them per row). */
export const writeTransaction = (items: TransactItem[]): Promise<void> => transactWrite(items);

import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '../shared/auth.js';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { claimJobItem } from './repository.js';

/**
 * BMEcat export jobs (docs/access-patterns.md, X10–X13). The company is part of the key, so a job
 * can only ever be read through its own company: another company's id never finds it.
 */
export const exportKeys = {
  job: (companyId: string, exportId: string) => ({ PK: `CATALOG_EXPORT#${companyId}#${exportId}`, SK: 'JOB' }),
};

export type ExportStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface ExportResult {
  readonly key: string;
  readonly fileName: string;
  readonly products: number;
  readonly categories: number;
  readonly skipped: number;
  readonly bytes: number;
  readonly rootGroupId: string;
}

export interface ExportJob {
  readonly exportId: string;
  readonly companyId: string;
  readonly status: ExportStatus;
  readonly createdAt: string;
  /** Whose prices the export carries (the requesting user, as the pricing engine sees callers). */
  readonly requestedBy: Identity;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly result?: ExportResult;
  readonly failure?: { readonly code: string; readonly message: string };
}

/** Jobs (and their files' keys) are kept for a week; DynamoDB's TTL removes them. */
const keepSeconds = 7 * 24 * 3600;

const table = () => config.tableName();
const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

const toJob = (item: Record<string, unknown>): ExportJob => ({
  exportId: String(item.exportId),
  companyId: String(item.companyId),
  status: item.status as ExportStatus,
  createdAt: String(item.createdAt),
  requestedBy: item.requestedBy as Identity,
  ...(item.startedAt ? { startedAt: String(item.startedAt) } : {}),
  ...(item.finishedAt ? { finishedAt: String(item.finishedAt) } : {}),
  ...(item.durationMs !== undefined ? { durationMs: Number(item.durationMs) } : {}),
  ...(item.result ? { result: item.result as ExportResult } : {}),
  ...(item.failure ? { failure: item.failure as ExportJob['failure'] & {} } : {}),
});

/** A new job, never over an existing one (conditional put). */
export async function createExportJob(job: ExportJob): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...exportKeys.job(job.companyId, job.exportId),
        type: 'catalog-export',
        ...job,
        requestedBy: JSON.parse(JSON.stringify(job.requestedBy)) as Identity,
        expiresAt: Math.floor(Date.parse(job.createdAt) / 1000) + keepSeconds,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

export async function findExportJob(companyId: string, exportId: string): Promise<ExportJob | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: exportKeys.job(companyId, exportId), ConsistentRead: true }));
  return Item ? toJob(Item) : undefined;
}

/** queued → running once; a job left running by a crashed worker may be taken over after `staleAfterMs`. */
export const claimExportJob = (companyId: string, exportId: string, now: Date, staleAfterMs: number): Promise<boolean> =>
  claimJobItem(exportKeys.job(companyId, exportId), now, staleAfterMs);

/** The end of a job: completed with its file, or failed with the reason (only from queued/running). */
export async function finishExportJob(
  companyId: string,
  exportId: string,
  outcome: { status: 'completed'; result: ExportResult } | { status: 'failed'; failure: { code: string; message: string } },
  finishedAt: Date,
  startedAt?: Date,
): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: exportKeys.job(companyId, exportId),
      UpdateExpression: `SET #status = :status, finishedAt = :finishedAt, durationMs = :duration, ${outcome.status === 'completed' ? '#result = :detail' : 'failure = :detail'}`,
      ConditionExpression: 'attribute_exists(PK) AND #status IN (:queued, :running)',
      ExpressionAttributeNames: { '#status': 'status', ...(outcome.status === 'completed' ? { '#result': 'result' } : {}) },
      ExpressionAttributeValues: {
        ':status': outcome.status,
        ':finishedAt': finishedAt.toISOString(),
        ':duration': startedAt ? finishedAt.getTime() - startedAt.getTime() : 0,
        ':detail': outcome.status === 'completed' ? outcome.result : outcome.failure,
        ':queued': 'queued',
        ':running': 'running',
      },
    }),
  );
}

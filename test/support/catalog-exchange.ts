import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { api, awsConfig, stack } from './api.js';

/** A category hidden from every seeded company (closed catalog), so imported test products disturb no other test. */
export const importTestCategory = 'catalog-import-test';

export function tableClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(awsConfig(stack().dynamodbEndpoint)));
}

export async function ensureImportTestCategory(documents: DynamoDBDocumentClient): Promise<void> {
  await documents
    .send(
      new PutCommand({
        TableName: stack().env.TABLE_NAME!,
        Item: {
          PK: 'CATALOG',
          SK: `CATEGORY#${importTestCategory}`,
          type: 'category',
          id: importTestCategory,
          name: 'Import test',
          description: 'Products of the catalog import tests',
          position: 99,
          productCount: 0,
          visibility: { customerGroups: [importTestCategory] },
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    )
    .catch((error: { name?: string }) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
}

/** Uploads a CSV through the presigned URL of the import API; returns its upload key. */
export async function upload(token: string, csv: string, fileName = 'products.csv'): Promise<string> {
  const body = Buffer.from(csv, 'utf8');
  const presign = await api('/console/catalog-imports/uploads', { token, method: 'POST', body: { fileName, size: body.length } });
  expect(presign.status, JSON.stringify(presign.body)).toBe(201);
  const put = await fetch(presign.body.uploadUrl, { method: 'PUT', headers: { 'content-type': 'text/csv', 'content-length': String(body.length) }, body });
  expect(put.status).toBe(200);
  return presign.body.uploadKey as string;
}

/** Starts a catalog import and waits until it completed or failed; returns the job. */
export async function runImport(token: string, body: Record<string, unknown>, timeoutMs = 180_000) {
  const started = await api('/console/catalog-imports', { token, method: 'POST', body });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body.status).toBe('queued');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await api(`/console/catalog-imports/${started.body.importId}`, { token });
    expect(job.status).toBe(200);
    if (job.body.status === 'completed' || job.body.status === 'failed') return job.body;
    if (Date.now() > deadline) throw new Error(`Import still ${job.body.status} after ${timeoutMs} ms: ${JSON.stringify(job.body.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export const bmecatExportsPath = (companyId: string) => `/companies/${companyId}/catalog/bmecat/exports`;

/**
 * Starts a BMEcat export job (202) and polls it until it completed or failed; returns the last
 * answer of GET …/exports/{exportId}. A refused start (409, 404 …) is returned as it is.
 */
export async function runBmecatExport(token: string, companyId: string, timeoutMs = 120_000) {
  const started = await api(bmecatExportsPath(companyId), { token, method: 'POST' });
  if (started.status !== 202) return started;
  expect(started.body.status).toBe('queued');
  expect(started.body.url).toBeUndefined();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await api(`${bmecatExportsPath(companyId)}/${started.body.exportId}`, { token });
    expect(job.status, JSON.stringify(job.body)).toBe(200);
    if (job.body.status === 'completed' || job.body.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`Export still ${job.body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startLocalStack } from '../../local/stack.js';
import { buckets } from '../../lib/definitions/index.js';
import { awsConfig } from '../support/api.js';

const dataDir = mkdtempSync(join(tmpdir(), 'b2b-portal-persist-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start keeps state in the data folder', () => {
  it('keeps table items, users and S3 objects across restarts, and --reset wipes them', async () => {
    const marker = { PK: 'TEST#persistence', SK: 'X' };
    let stack = await startLocalStack({ dataDir, port: 0 });
    expect(stack.seeded).toBe(true);
    const documents = (endpoint: string) => DynamoDBDocumentClient.from(new DynamoDBClient(awsConfig(endpoint)));
    const s3 = (endpoint: string) => new S3Client({ ...awsConfig(endpoint), forcePathStyle: true });
    await documents(stack.endpoints.dynamodb).send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: { ...marker, note: 'kept' } }));
    await s3(stack.endpoints.s3).send(new PutObjectCommand({ Bucket: buckets.documents.localName, Key: 'invoices/INV-1.pdf', Body: '%PDF-1.7 demo' }));
    const firstPool = stack.userPoolId;
    await stack.stop();

    stack = await startLocalStack({ dataDir, port: 0 });
    try {
      expect(stack.seeded).toBe(false);
      expect(stack.userPoolId).toBe(firstPool);
      const { Item } = await documents(stack.endpoints.dynamodb).send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: marker }));
      expect(Item?.note).toBe('kept');
      const object = await s3(stack.endpoints.s3).send(new GetObjectCommand({ Bucket: buckets.documents.localName, Key: 'invoices/INV-1.pdf' }));
      expect(await object.Body?.transformToString()).toBe('%PDF-1.7 demo');
      const login = await fetch(`${stack.apiUrl}/shop`);
      expect(login.status).toBe(200);
    } finally {
      await stack.stop();
    }

    stack = await startLocalStack({ dataDir, port: 0, reset: true });
    try {
      expect(stack.seeded).toBe(true);
      const { Item } = await documents(stack.endpoints.dynamodb).send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: marker }));
      expect(Item).toBeUndefined();
    } finally {
      await stack.stop();
    }
  }, 120_000);
});

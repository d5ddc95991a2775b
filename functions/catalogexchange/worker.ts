import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { logger } from '../shared/logger.js';
import { runImport } from './service.js';

const message = z.object({ data: z.object({ importId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) }) });

const parseBody = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

/** SQS consumer of `catalogImports`: one message per import job; a failed run is redelivered once, then dead-lettered. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const parsed = message.safeParse(parseBody(record.body));
    if (!parsed.success) {
      logger.error('Dropping a malformed catalog import message', { messageId: record.messageId });
      continue;
    }
    try {
      await runImport(parsed.data.data.importId);
    } catch (error) {
      logger.error('Catalog import run failed', { importId: parsed.data.data.importId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

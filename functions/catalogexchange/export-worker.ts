import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { logger } from '../shared/logger.js';
import { runBmecatExport } from './service.js';

const message = z.object({
  data: z.object({
    companyId: z.string().regex(/^[a-z0-9-]{1,64}$/),
    exportId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  }),
});

const parseBody = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

/**
 * SQS consumer of `catalogExports`: one message per BMEcat export job. A run that throws goes back
 * to the queue (partial batch response); after maxReceiveCount deliveries it lands in the DLQ.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const parsed = message.safeParse(parseBody(record.body));
    if (!parsed.success) {
      logger.error('Dropping a malformed catalog export message', { messageId: record.messageId });
      continue;
    }
    const { companyId, exportId } = parsed.data.data;
    try {
      await runBmecatExport(companyId, exportId);
    } catch (error) {
      logger.error('Catalog export run failed', { companyId, exportId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

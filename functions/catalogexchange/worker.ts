import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { config } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import { runImport } from './service.js';

const message = z.object({ data: z.object({ importId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) }) });

/** An import of the largest allowed file must fit into what is left of the 15-minute invocation. */
const timeNeededMs = 10 * 60 * 1000;

const parseBody = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

/**
 * SQS consumer of `catalogImports`: one message per import job. The event source hands over up to
 * ten messages; jobs that would not fit into the remaining time go back to the queue (partial
 * batch response) and run in a later invocation.
 */
export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const [index, record] of event.Records.entries()) {
    // The local stack's invocations carry a nominal 30 s deadline but are not cut off.
    if (index > 0 && context && !config.isLocalStack() && context.getRemainingTimeInMillis() < timeNeededMs) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
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

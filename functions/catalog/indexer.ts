import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { catalogChangedPayload } from './events.js';
import { updateTextIndex } from './search/indexer.js';

/**
 * SQS consumer of `catalogChanges`: the products of all events of a batch are brought up to date in
 * the search index at once (a full rebuild when there is no index yet, a message names no SKUs or the
 * batch is large). A failed update returns every message to the queue for a retry.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  if (event.Records.length === 0) return { batchItemFailures: [] };
  const skus: string[] = [];
  let everything = false;
  for (const record of event.Records) {
    const parsed = catalogChangedPayload.safeParse((JSON.parse(record.body) as { data?: unknown }).data);
    if (parsed.success && parsed.data.skus.length) skus.push(...parsed.data.skus);
    else everything = true;
  }
  try {
    const result = await updateTextIndex(everything ? [] : skus);
    logger.info('Search index updated', { ...result, events: event.Records.length });
    return { batchItemFailures: [] };
  } catch (error) {
    logger.error('Search index update failed', { error: error as Error });
    return { batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) };
  }
}

import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { rebuildTextIndex } from './search/indexer.js';

/**
 * SQS consumer of `catalogChanges`: however many change events a batch carries, the search index is
 * rebuilt once from the table. A failed rebuild returns every message to the queue for a retry.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  if (event.Records.length === 0) return { batchItemFailures: [] };
  try {
    const { documents, durationMs } = await rebuildTextIndex();
    logger.info('Search index rebuilt', { documents, durationMs, events: event.Records.length });
    return { batchItemFailures: [] };
  } catch (error) {
    logger.error('Search index rebuild failed', { error: error as Error });
    return { batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) };
  }
}

import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { logger } from '../shared/logger.js';
import { dispatch } from './service.js';

/** The envelope functions/shared/events.ts publish() sends. */
const envelope = z.object({ id: z.string().min(1), type: z.string(), occurredAt: z.string(), data: z.unknown() });

const parseBody = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

/** SQS consumer of `webhookEvents`: fans each integration event out to its subscriptions (functions/webhooks/service.ts dispatch). */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const results = await Promise.all(
    event.Records.map(async (record) => {
      const parsed = envelope.safeParse(parseBody(record.body));
      if (!parsed.success) {
        logger.error('Dropping a malformed integration event', { messageId: record.messageId });
        return undefined;
      }
      try {
        await dispatch(parsed.data);
        return undefined;
      } catch (error) {
        logger.error('Could not fan out an integration event', { error: error as Error, eventId: parsed.data.id, type: parsed.data.type });
        return { itemIdentifier: record.messageId };
      }
    }),
  );
  return { batchItemFailures: results.filter((failure) => failure !== undefined) };
}

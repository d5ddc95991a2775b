import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import type { Order } from '../orders/model.js';
import { persistOrderOnce, startWorkflow } from '../orders/service.js';
import { logger } from '../shared/logger.js';
import { ORDER_READY_EVENT } from './rules.js';

/**
 * Consumer of the domainEvents queue for group buying: persists each participant order emitted by
 * the closing task and starts its order placement saga. Idempotent per order: the order item is
 * written only if absent, and the execution is named after the order id, so a redelivered message
 * neither duplicates the order nor runs the saga twice. Other event types on the queue are skipped.
 */
const envelope = z.object({ type: z.string(), data: z.unknown() }).loose();
const orderReady = z.object({
  order: z.object({ orderId: z.string().regex(/^[a-z0-9-]{1,40}$/), companyId: z.string().min(1), status: z.literal('placing') }).loose(),
});

async function placeGroupBuyOrder(order: Order): Promise<void> {
  // Only while the saga has not moved it on (a redelivery after the saga finished starts nothing).
  const stored = await persistOrderOnce(order);
  if (stored?.status === 'placing') await startWorkflow(stored);
}

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const message = envelope.parse(JSON.parse(record.body));
      if (message.type !== ORDER_READY_EVENT) continue;
      const { order } = orderReady.parse(message.data);
      await placeGroupBuyOrder(order as unknown as Order);
    } catch (error) {
      logger.error('Group-buy order not placed', { error: error as Error, messageId: record.messageId });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { sqs } from '../shared/clients/sqs.js';
import { config } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import { attemptDelivery } from './service.js';

const message = z.object({ subscriptionId: z.uuid(), deliveryId: z.string().min(1).max(64) });

const parseBody = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

/**
 * SQS consumer of `webhookDeliveries`: one attempt per receive. A failed attempt stays on the queue
 * (partial batch response) and becomes visible again after its back-off (ChangeMessageVisibility);
 * after the last attempt it is made visible at once, so SQS moves it to the DLQ on the next receive.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures = await Promise.all(event.Records.map(async (record) => ((await deliverOne(record)) ? undefined : { itemIdentifier: record.messageId })));
  return { batchItemFailures: failures.filter((failure) => failure !== undefined) };
}

/** True when the message is finished with (delivered, or nothing to deliver). */
async function deliverOne(record: SQSRecord): Promise<boolean> {
  const parsed = message.safeParse(parseBody(record.body));
  if (!parsed.success) {
    logger.error('Dropping a malformed webhook delivery message', { messageId: record.messageId });
    return true;
  }
  const attempt = Math.max(1, Number(record.attributes.ApproximateReceiveCount) || 1);
  try {
    const outcome = await attemptDelivery(parsed.data, attempt);
    if (outcome.kind === 'done') return true;
    const delaySeconds = outcome.kind === 'retry' ? outcome.delaySeconds : 0;
    await sqs().send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: config.queueUrl('webhookDeliveries'),
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: delaySeconds,
      }),
    );
  } catch (error) {
    // Not recorded (e.g. DynamoDB unavailable): the queue's visibility timeout decides when it comes back.
    logger.error('Webhook delivery attempt failed', { error: error as Error, deliveryId: parsed.data.deliveryId });
  }
  return false;
}

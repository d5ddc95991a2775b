import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { QueueKey } from '../../lib/definitions/index.js';
import { sqs } from './clients/sqs.js';
import { config } from './config.js';
import { logger } from './logger.js';

export interface DomainEvent<T = unknown> {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly data: T;
}

/** Publishes an integration event (e.g. `customer.masterdata.changed` for the ERP) on an SQS queue. */
export async function publish<T>(queue: QueueKey, type: string, data: T): Promise<DomainEvent<T>> {
  const event: DomainEvent<T> = { id: randomUUID(), type, occurredAt: new Date().toISOString(), data };
  await sqs().send(
    new SendMessageCommand({
      QueueUrl: config.queueUrl(queue),
      MessageBody: JSON.stringify(event),
      MessageAttributes: { type: { DataType: 'String', StringValue: type } },
    }),
  );
  return event;
}

/** What integrators can subscribe to with webhooks (functions/webhooks). */
export const integrationEventTypes = [
  'order.placed',
  'order.status-changed',
  'invoice.issued',
  'shipment.created',
  'company.changed',
  'product.changed',
] as const;
export type IntegrationEventType = (typeof integrationEventTypes)[number];

/**
 * Publishes an event for the webhook dispatcher (queue webhookEvents). Called after the producer's
 * change is committed, so a lost event is logged and never undoes or fails that change.
 */
export async function publishIntegrationEvent(type: IntegrationEventType, data: Record<string, unknown>): Promise<void> {
  try {
    await publish('webhookEvents', type, data);
  } catch (error) {
    logger.error('Could not publish integration event', { error: error as Error, type });
  }
}

import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { QueueKey } from '../../lib/definitions/index.js';
import { sqs } from './clients.js';
import { config } from './config.js';

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

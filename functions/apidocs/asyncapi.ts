/**
 * The AsyncAPI 3.0 description of the portal's queues (ERP integration and internal events), generated
 * from functions/events.ts: channel = queue, one message per event type, payload schemas from zod.
 */
import * as z from 'zod';
import { queues, type QueueKey } from '../../lib/definitions/index.js';
import type { EventContract } from '../shared/event-contract.js';

type Json = Record<string, unknown>;
export type AsyncApiDocument = { asyncapi: '3.0.0'; info: { title: string; version: string; description: string }; channels: Record<string, Json> } & Json;

const queuePurpose: Record<QueueKey, string> = {
  erpOutbound: 'Orders and master-data changes the portal sends to the ERP',
  erpInbound: 'Replies of the ERP: accepted/rejected orders with invoices, credit limits',
  domainEvents: 'Domain events inside the portal',
  catalogImports: 'Catalog import jobs',
  catalogExports: 'BMEcat export jobs',
  catalogChanges: 'Catalog changes that make the search indexer rebuild the product search index',
  webhookEvents: 'Events integrators subscribe to as webhooks (order, invoice, shipment, master data)',
  webhookDeliveries: 'One message per webhook delivery (subscription × event), retried with back-off',
  mediaThumbnails: 'Confirmed product images whose thumbnail is to be rendered',
};

const envelopeOf = (type: string, payload: Json): Json => ({
  type: 'object',
  required: ['id', 'type', 'occurredAt', 'data'],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'unique per event; consumers de-duplicate on it' },
    type: { const: type },
    occurredAt: { type: 'string', format: 'date-time' },
    data: payload,
  },
});

function payloadSchema(event: EventContract): Json {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(event.payload, {
    target: 'draft-07',
    io: 'output',
    unrepresentable: 'any',
    reused: 'inline',
  }) as Json;
  return event.envelope ? envelopeOf(event.type, schema) : schema;
}

export function buildAsyncApi(events: Readonly<Record<string, EventContract>>, options: { version: string; region?: string }): AsyncApiDocument {
  const channels: Record<string, Json> = {};
  const operations: Record<string, Json> = {};
  const messages: Record<string, Json> = {};
  for (const [name, event] of Object.entries(events)) {
    messages[name] = {
      name: event.type,
      title: event.type,
      summary: event.summary,
      contentType: 'application/json',
      ...(event.envelope
        ? { headers: { type: 'object', properties: { type: { type: 'string', const: event.type, description: 'SQS message attribute `type`' } } } }
        : {}),
      payload: payloadSchema(event),
    };
    const channel = (channels[event.queue] ??= {
      address: queues[event.queue].localName,
      title: event.queue,
      description: `${queuePurpose[event.queue]}. SQS queue (dead-letter queue after ${queues[event.queue].maxReceiveCount} deliveries).`,
      servers: [{ $ref: '#/servers/sqs' }],
      messages: {},
    }) as { messages: Json };
    channel.messages[name] = { $ref: `#/components/messages/${name}` };
    operations[`${event.action}${name[0]!.toUpperCase()}${name.slice(1)}`] = {
      action: event.action,
      channel: { $ref: `#/channels/${event.queue}` },
      summary: event.summary,
      messages: [{ $ref: `#/channels/${event.queue}/messages/${name}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'b2b-portal events',
      version: options.version,
      description:
        'Messages the portal exchanges over Amazon SQS: the ERP integration (orders out, invoices and credit limits back) and internal events. Queue names carry the stage prefix on AWS.',
    },
    defaultContentType: 'application/json',
    servers: { sqs: { host: `sqs.${options.region ?? 'eu-central-1'}.amazonaws.com`, protocol: 'sqs', description: 'Amazon SQS of the deployment' } },
    channels,
    operations,
    components: { messages },
  };
}

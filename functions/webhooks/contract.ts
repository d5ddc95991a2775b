import * as z from 'zod';
import { integrationEventTypes } from '../shared/events.js';
import { defineContract, deletedSchema, isoDateTime } from '../shared/contract.js';

const subscriptionPath = z.object({ subscriptionId: z.uuid() });
const deliveryPath = subscriptionPath.extend({ deliveryId: z.string().regex(/^[a-z0-9]{9}-[a-f0-9]{20}$/) });

export const webhookEventTypeSchema = z.enum(integrationEventTypes).describe('an event integrators can subscribe to');

export const webhookSubscriptionSchema = z
  .object({
    subscriptionId: z.string(),
    url: z.string().describe('https URL the events are POSTed to'),
    eventTypes: z.array(webhookEventTypeSchema),
    description: z.string().optional(),
    createdAt: isoDateTime,
    createdBy: z.object({ sub: z.string(), name: z.string() }),
  })
  .meta({ id: 'WebhookSubscription' });

export const webhookAttemptSchema = z.object({
  attempt: z.number().int().describe('1 for the first delivery; counts restart with a replay'),
  at: isoDateTime,
  outcome: z.enum(['delivered', 'failed']),
  httpStatus: z.number().int().optional().describe("the receiver's answer; absent when none came (timeout, refused address, network error)"),
  error: z.string().optional(),
  durationMs: z.number().int(),
});

export const webhookDeliverySchema = z
  .object({
    deliveryId: z.string().describe('also the Webhook-Id header: the same for every attempt and replay, receivers deduplicate with it'),
    subscriptionId: z.string(),
    eventId: z.string(),
    eventType: webhookEventTypeSchema,
    status: z.enum(['pending', 'retrying', 'delivered', 'dead-lettered']),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    nextAttemptAt: isoDateTime.optional(),
    replayedAt: isoDateTime.optional(),
    attempts: z.array(webhookAttemptSchema),
  })
  .meta({ id: 'WebhookDelivery' });

export const webhooksContract = defineContract({
  'GET /console/webhooks': {
    summary: 'Webhook subscriptions (back office)',
    response: z.object({ subscriptions: z.array(webhookSubscriptionSchema) }),
  },
  'POST /console/webhooks': {
    summary: 'Subscribes an https URL to events; the signing secret is answered once, never again',
    description:
      'Deliveries are POSTed as JSON `{ type, timestamp, data }` with the headers Webhook-Id, Webhook-Timestamp and Webhook-Signature ' +
      '(`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with the base64 part of the `whsec_` secret: the Standard Webhooks scheme).',
    body: z
      .object({
        url: z.string().trim().max(2048),
        eventTypes: z.array(webhookEventTypeSchema).min(1).max(integrationEventTypes.length),
        description: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    status: [201],
    response: z.object({ subscription: webhookSubscriptionSchema, secret: z.string().describe('whsec_<base64>: verify signatures with it') }),
    errors: ['INVALID_WEBHOOK_URL'],
  },
  'DELETE /console/webhooks/{subscriptionId}': {
    summary: 'Deletes a subscription and its secret; pending deliveries are dropped',
    params: subscriptionPath,
    response: deletedSchema,
    errors: ['NOT_FOUND'],
  },
  'GET /console/webhooks/{subscriptionId}/deliveries': {
    summary: "A subscription's deliveries, newest first, with every attempt",
    params: subscriptionPath,
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(25), cursor: z.string().max(2048).optional() }).strict(),
    response: z.object({ deliveries: z.array(webhookDeliverySchema), nextCursor: z.string().optional() }),
    errors: ['NOT_FOUND', 'INVALID_CURSOR'],
  },
  'POST /console/webhooks/{subscriptionId}/deliveries/{deliveryId}/replay': {
    summary: 'Sends a delivery again (also a dead-lettered one) with a fresh series of attempts',
    params: deliveryPath,
    status: [202],
    response: webhookDeliverySchema,
    errors: ['NOT_FOUND', 'WEBHOOK_DELIVERY_PENDING'],
  },
});

export type WebhooksContract = typeof webhooksContract;
export type WebhookSubscription = z.output<typeof webhookSubscriptionSchema>;
export type WebhookDelivery = z.output<typeof webhookDeliverySchema>;
export type WebhookAttempt = z.output<typeof webhookAttemptSchema>;
export type NewSubscription = z.output<(typeof webhooksContract)['POST /console/webhooks']['body']>;

import { randomBytes, randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { queues } from '../../lib/definitions/index.js';
import type { Identity } from '../shared/auth.js';
import { sqs } from '../shared/clients/sqs.js';
import { config } from '../shared/config.js';
import { AppError, badRequest, notFound } from '../shared/errors.js';
import { integrationEventTypes, type DomainEvent, type IntegrationEventType } from '../shared/events.js';
import { logger } from '../shared/logger.js';
import type { NewSubscription, WebhookAttempt, WebhookDelivery, WebhookSubscription } from './contract.js';
import * as repository from './repository.js';
import { deliveryIdFor, isSuccess, retryDelaySeconds, secretPrefix, signedHeaders, targetProblem } from './rules.js';
import { postWebhook } from './sender.js';

/** Loopback (http://localhost) targets only where the embedded local stack allows them; never on AWS. */
const allowLoopback = () => config.isLocalStack() && process.env.WEBHOOK_ALLOW_LOOPBACK === 'true';
/** First back-off in seconds (WEBHOOK_RETRY_BASE_SECONDS, default 60; the test stack uses 0). */
const retryBaseSeconds = () => {
  const value = Number(process.env.WEBHOOK_RETRY_BASE_SECONDS ?? 60);
  return Number.isFinite(value) && value >= 0 ? value : 60;
};
export const maxAttempts = queues.webhookDeliveries.maxReceiveCount;
const timeoutMs = 10_000;

/** What goes on the webhookDeliveries queue: the delivery record holds everything else. */
export interface DeliveryMessage {
  readonly subscriptionId: string;
  readonly deliveryId: string;
}

async function enqueue(message: DeliveryMessage): Promise<void> {
  await sqs().send(new SendMessageCommand({ QueueUrl: config.queueUrl('webhookDeliveries'), MessageBody: JSON.stringify(message) }));
}

export async function createSubscription(caller: Identity, request: NewSubscription): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const problem = targetProblem(request.url, allowLoopback());
  if (problem) throw badRequest('INVALID_WEBHOOK_URL', 'Webhooks are sent to public https URLs only', [{ path: 'body.url', message: problem }]);
  const subscription: WebhookSubscription = {
    subscriptionId: randomUUID(),
    url: request.url,
    eventTypes: [...new Set(request.eventTypes)],
    ...(request.description ? { description: request.description } : {}),
    createdAt: new Date().toISOString(),
    createdBy: { sub: caller.sub, name: caller.name },
  };
  const secret = `${secretPrefix}${randomBytes(32).toString('base64')}`;
  await repository.createSubscription(subscription, secret);
  return { subscription, secret };
}

export const listSubscriptions = repository.listSubscriptions;

export async function deleteSubscription(subscriptionId: string): Promise<void> {
  if (!(await repository.deleteSubscription(subscriptionId))) throw notFound('Webhook subscription');
}

export async function listDeliveries(subscriptionId: string, limit: number, cursor: string | undefined) {
  if (!(await repository.findSubscription(subscriptionId))) throw notFound('Webhook subscription');
  return repository.listDeliveries(subscriptionId, limit, cursor);
}

/** Queues a delivery again with a fresh series of attempts (also after the DLQ). */
export async function replayDelivery(subscriptionId: string, deliveryId: string): Promise<WebhookDelivery> {
  const existing = await repository.findDelivery(subscriptionId, deliveryId);
  if (!existing || !(await repository.findSubscription(subscriptionId))) throw notFound('Webhook delivery');
  const replayed = await repository.markReplayed(existing, new Date().toISOString());
  if (!replayed) throw new AppError(409, 'WEBHOOK_DELIVERY_PENDING', 'The delivery is queued already; wait for its outcome');
  await enqueue({ subscriptionId, deliveryId });
  return replayed;
}

const isIntegrationEvent = (type: string): type is IntegrationEventType => (integrationEventTypes as readonly string[]).includes(type);

/**
 * Fans one integration event out: per subscribed subscription one recorded delivery and one queue
 * message. Safe to run twice for the same event (same delivery ids; only pending ones are queued again).
 */
export async function dispatch(event: DomainEvent): Promise<number> {
  if (!isIntegrationEvent(event.type)) return 0;
  const subscriptions = (await repository.listSubscriptions()).filter((subscription) => subscription.eventTypes.includes(event.type as IntegrationEventType));
  const now = new Date();
  await Promise.all(
    subscriptions.map(async (subscription) => {
      const deliveryId = deliveryIdFor(event.id, subscription.subscriptionId, event.occurredAt);
      const body = JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data });
      const at = now.toISOString();
      const delivery: repository.StoredDelivery = {
        deliveryId,
        subscriptionId: subscription.subscriptionId,
        eventId: event.id,
        eventType: event.type as IntegrationEventType,
        status: 'pending',
        createdAt: at,
        updatedAt: at,
        attempts: [],
        body,
      };
      const created = await repository.createDelivery(delivery, now);
      const pending = created || (await repository.findDelivery(subscription.subscriptionId, deliveryId))?.status === 'pending';
      if (pending) await enqueue({ subscriptionId: subscription.subscriptionId, deliveryId });
    }),
  );
  return subscriptions.length;
}

/** What the worker does with the queue message after an attempt. */
export type AttemptOutcome = { readonly kind: 'done' } | { readonly kind: 'retry'; readonly delaySeconds: number } | { readonly kind: 'dead-letter' };

/**
 * One delivery attempt (`attempt` = the message's receive count): signs and POSTs the stored body,
 * records the attempt. Failed: retry after the back-off, or after the last attempt to the DLQ.
 */
export async function attemptDelivery(message: DeliveryMessage, attempt: number, now = new Date()): Promise<AttemptOutcome> {
  const [delivery, subscription, secret] = await Promise.all([
    repository.findDelivery(message.subscriptionId, message.deliveryId),
    repository.findSubscription(message.subscriptionId),
    repository.findSecret(message.subscriptionId),
  ]);
  // Delivered already (a DLQ redrive, a duplicate message) or the subscription is gone: nothing to send.
  if (!delivery || delivery.status === 'delivered' || !subscription || !secret) return { kind: 'done' };
  const timestamp = Math.floor(now.getTime() / 1000);
  const result = await postWebhook(subscription.url, signedHeaders(secret, delivery.deliveryId, timestamp, delivery.body), delivery.body, {
    timeoutMs,
    allowLoopback: allowLoopback(),
  });
  const delivered = result.httpStatus !== undefined && isSuccess(result.httpStatus);
  const record: WebhookAttempt = {
    attempt,
    at: now.toISOString(),
    outcome: delivered ? 'delivered' : 'failed',
    ...(result.httpStatus !== undefined ? { httpStatus: result.httpStatus } : {}),
    ...(result.error ? { error: result.error } : {}),
    durationMs: result.durationMs,
  };
  if (delivered) {
    await repository.recordAttempt(delivery, record, 'delivered', undefined);
    return { kind: 'done' };
  }
  if (attempt >= maxAttempts) {
    await repository.recordAttempt(delivery, record, 'dead-lettered', undefined);
    logger.warn('Webhook delivery dead-lettered', { subscriptionId: delivery.subscriptionId, deliveryId: delivery.deliveryId, attempts: attempt });
    return { kind: 'dead-letter' };
  }
  const delaySeconds = retryDelaySeconds(attempt, retryBaseSeconds());
  await repository.recordAttempt(delivery, record, 'retrying', new Date(now.getTime() + delaySeconds * 1000).toISOString());
  return { kind: 'retry', delaySeconds };
}

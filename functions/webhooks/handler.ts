import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { webhooksContract } from './contract.js';
import * as webhooks from './service.js';

const backOffice = ['back-office'] as const;

export const handler = createHttpHandler('webhooks', webhooksContract, {
  'GET /console/webhooks': forRoles(backOffice, async () => ({ subscriptions: await webhooks.listSubscriptions() })),

  'POST /console/webhooks': forRoles(backOffice, async ({ caller, body }) => reply(201, await webhooks.createSubscription(caller, body))),

  'DELETE /console/webhooks/{subscriptionId}': forRoles(backOffice, async ({ params }) => {
    await webhooks.deleteSubscription(params.subscriptionId);
    return { deleted: params.subscriptionId };
  }),

  'GET /console/webhooks/{subscriptionId}/deliveries': forRoles(backOffice, ({ params, query }) =>
    webhooks.listDeliveries(params.subscriptionId, query.limit, query.cursor),
  ),

  'POST /console/webhooks/{subscriptionId}/deliveries/{deliveryId}/replay': forRoles(backOffice, async ({ params }) =>
    reply(202, await webhooks.replayDelivery(params.subscriptionId, params.deliveryId)),
  ),
});

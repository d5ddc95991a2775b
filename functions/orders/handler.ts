import { z } from 'zod';
import { companyRoles, roles } from '../../lib/definitions/index.js';
import { createHttpHandler, forRoles } from '../shared/http.js';
import { money } from '../shared/money.js';
import * as orders from './service.js';
import { adminEndpoints } from './admin-routes.js';
import { onBehalfRoutes } from './on-behalf-routes.js';

const companyId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const orderPath = z.object({ companyId, orderId: z.string().regex(/^[a-z0-9-]{1,40}$/) });
const amount = z
  .object({ amount: z.number().int().nonnegative().max(100_000_000_000), currency: z.string().regex(/^[A-Z]{3}$/) })
  .strict()
  .transform((value) => money(value.amount, value.currency));

export const handler = createHttpHandler('orders', {
  'GET /companies/{companyId}/orders': forRoles(roles, {
    params: z.object({ companyId }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(25), cursor: z.string().max(2048).optional() }),
    handle: async ({ caller, params, query }) => {
      const page = await orders.listOrders(caller, params.companyId, query.limit, query.cursor);
      return { orders: page.orders, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  }),

  'GET /companies/{companyId}/orders/{orderId}': forRoles(roles, {
    params: orderPath,
    handle: ({ caller, params }) => orders.getOrder(caller, params.companyId, params.orderId),
  }),

  'GET /companies/{companyId}/orders/{orderId}/invoice': forRoles(roles, {
    params: orderPath,
    handle: ({ caller, params }) => orders.invoiceLink(caller, params.companyId, params.orderId),
  }),

  'POST /companies/{companyId}/orders/{orderId}/approval': forRoles(companyRoles, {
    params: orderPath,
    body: z.object({ approve: z.boolean(), comment: z.string().trim().max(500).optional() }).strict(),
    handle: ({ caller, params, body }) => orders.decideApproval(caller, params.companyId, params.orderId, body.approve, body.comment),
  }),

  'GET /companies/{companyId}/credit': forRoles(roles, {
    params: z.object({ companyId }),
    handle: ({ caller, params }) => orders.creditStatus(caller, params.companyId),
  }),

  'PUT /console/companies/{companyId}/credit-limit': forRoles(['back-office'], {
    params: z.object({ companyId }),
    body: z.object({ limit: amount }).strict(),
    handle: ({ caller, params, body }) => orders.changeCreditLimit(caller, params.companyId, body.limit),
  }),

  'POST /console/companies/{companyId}/prepaid-top-ups': forRoles(['back-office'], {
    params: z.object({ companyId }),
    body: z.object({ amount, reference: z.string().trim().min(1).max(60) }).strict(),
    handle: ({ caller, params, body }) => orders.recordTopUp(caller, params.companyId, body.amount, body.reference),
  }),

  ...adminEndpoints,
  ...onBehalfRoutes,
});

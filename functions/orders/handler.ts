import { companyRoles, roles } from '../../lib/definitions/index.js';
import { createHttpHandler, forRoles } from '../shared/http.js';
import * as orders from './service.js';
import { adminEndpoints } from './admin-routes.js';
import { ordersContract } from './contract.js';
import { onBehalfRoutes } from './on-behalf-routes.js';

export const handler = createHttpHandler('orders', ordersContract, {
  'GET /companies/{companyId}/orders': forRoles(roles, async ({ caller, params, query }) => {
    const page = await orders.listOrders(caller, params.companyId, query.limit, query.cursor);
    return { orders: page.orders, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),

  'GET /companies/{companyId}/orders/{orderId}': forRoles(roles, ({ caller, params }) => orders.getOrder(caller, params.companyId, params.orderId)),

  'GET /companies/{companyId}/orders/{orderId}/invoice': forRoles(roles, ({ caller, params }) => orders.invoiceLink(caller, params.companyId, params.orderId)),

  'POST /companies/{companyId}/orders/{orderId}/approval': forRoles(companyRoles, ({ caller, params, body }) =>
    orders.decideApproval(caller, params.companyId, params.orderId, body.approve, body.comment),
  ),

  'GET /companies/{companyId}/credit': forRoles(roles, ({ caller, params }) => orders.creditStatus(caller, params.companyId)),

  'PUT /console/companies/{companyId}/credit-limit': forRoles(['back-office'], ({ caller, params, body }) =>
    orders.changeCreditLimit(caller, params.companyId, body.limit),
  ),

  'POST /console/companies/{companyId}/prepaid-top-ups': forRoles(['back-office'], ({ caller, params, body }) =>
    orders.recordTopUp(caller, params.companyId, body.amount, body.reference),
  ),

  ...adminEndpoints,
  ...onBehalfRoutes,
});

import { badRequest } from '../shared/errors.js';
import { forRoles, reply } from '../shared/http.js';
import type { OrdersEndpoints } from './contract.js';
import * as onBehalf from './on-behalf.js';

/** Routes of orders entered by staff on behalf of a customer; part of the orders Lambda (handler.ts). */
const staff = ['sales-rep', 'back-office'] as const;

export const onBehalfRoutes = {
  'POST /console/companies/{companyId}/orders/preview': forRoles(staff, ({ caller, params, body }) => onBehalf.previewOnBehalf(caller, params.companyId, body)),

  'POST /console/companies/{companyId}/orders': forRoles(staff, async ({ caller, params, body, event }) => {
    const key = event.headers?.['idempotency-key'];
    if (!key || !/^[A-Za-z0-9-]{8,64}$/.test(key))
      throw badRequest('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8–64 letters, digits or dashes)');
    return reply(202, await onBehalf.placeOnBehalf(caller, params.companyId, key, body));
  }),
} satisfies Partial<OrdersEndpoints>;

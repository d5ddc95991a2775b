import { z } from 'zod';
import { deliveryChoiceSchema, quantitySchema, skuSchema } from '../checkout/schemas.js';
import { badRequest } from '../shared/errors.js';
import { forRoles, reply } from '../shared/http.js';
import * as onBehalf from './on-behalf.js';

/** Routes of orders entered by staff on behalf of a customer; part of the orders Lambda (handler.ts). */
const staff = ['sales-rep', 'back-office'] as const;
const params = z.object({ companyId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });
const content = {
  lines: z.array(z.object({ sku: skuSchema, quantity: quantitySchema }).strict()).min(1).max(200),
  agreementId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
};
const delivery = deliveryChoiceSchema({ cashOnDelivery: true });

export const onBehalfRoutes = {
  'POST /console/companies/{companyId}/orders/preview': forRoles(staff, {
    params,
    body: z.object({ ...content, delivery: delivery.optional() }).strict(),
    handle: ({ caller, params, body }) => onBehalf.previewOnBehalf(caller, params.companyId, body as onBehalf.OnBehalfContent),
  }),

  'POST /console/companies/{companyId}/orders': forRoles(staff, {
    params,
    body: z
      .object({
        ...content,
        delivery,
        paymentMethod: z.string().min(1).max(40),
        poNumber: z.string().trim().max(40).optional(),
        costCentre: z.string().trim().max(40).optional(),
        note: z.string().trim().max(1000).optional(),
        preliminary: z.boolean(),
      })
      .strict(),
    handle: async ({ caller, params, body, event }) => {
      const key = event.headers?.['idempotency-key'];
      if (!key || !/^[A-Za-z0-9-]{8,64}$/.test(key)) throw badRequest('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8–64 letters, digits or dashes)');
      return reply(202, await onBehalf.placeOnBehalf(caller, params.companyId, key, body as onBehalf.OnBehalfOrderRequest));
    },
  }),
};

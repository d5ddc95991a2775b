import { z } from 'zod';
import { companyRoles } from '../../lib/definitions/index.js';
import { authorizedAccount } from '../accounts/companies.js';
import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { badRequest } from '../shared/errors.js';
import { deliveryChoiceSchema, quantitySchema, skuSchema } from '../checkout/schemas.js';
import * as cart from './service.js';

const sku = skuSchema;
const quantity = quantitySchema;
const pricing = {
  agreementId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
  deliveryCountry: z.string().regex(/^[A-Z]{2}$/).optional(),
};
const delivery = deliveryChoiceSchema({ cashOnDelivery: true });

export const handler = createHttpHandler('cart', {
  'GET /cart': forRoles(companyRoles, {
    query: z.object({ agreement: pricing.agreementId }),
    handle: ({ caller, query }) => cart.viewCart(caller, query.agreement ? { agreementId: query.agreement } : {}),
  }),

  'POST /cart/lines': forRoles(companyRoles, {
    body: z.object({ lines: z.array(z.object({ sku, quantity }).strict()).min(1).max(200) }).strict(),
    handle: ({ caller, body }) => cart.addToCart(caller, body.lines),
  }),

  'PUT /cart/lines/{sku}': forRoles(companyRoles, {
    params: z.object({ sku }),
    body: z.object({ quantity }).strict(),
    handle: ({ caller, params, body }) => cart.setQuantity(caller, params.sku, body.quantity),
  }),

  'DELETE /cart': forRoles(companyRoles, { handle: ({ caller }) => cart.clearCart(caller) }),

  'POST /cart/quick-order': forRoles(companyRoles, {
    body: z.object({ text: z.string().max(100_000) }).strict(),
    handle: ({ caller, body }) => cart.quickOrder(caller, body.text),
  }),

  'GET /cart/saved': forRoles(companyRoles, { handle: async ({ caller }) => ({ carts: await cart.listSavedCarts(caller) }) }),

  'POST /cart/saved': forRoles(companyRoles, {
    body: z.object({ name: z.string().trim().min(1).max(80) }).strict(),
    handle: async ({ caller, body }) => reply(201, await cart.saveCart(caller, body.name)),
  }),

  'POST /cart/saved/{cartId}/restore': forRoles(companyRoles, {
    params: z.object({ cartId: z.uuid() }),
    handle: ({ caller, params }) => cart.restoreSavedCart(caller, params.cartId),
  }),

  'DELETE /cart/saved/{cartId}': forRoles(companyRoles, {
    params: z.object({ cartId: z.uuid() }),
    handle: ({ caller, params }) => cart.deleteSavedCart(caller, params.cartId),
  }),

  'GET /companies/{companyId}/carts': forRoles(['company-admin', 'sales-rep', 'back-office'], {
    params: z.object({ companyId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }),
    handle: async ({ caller, params }) => {
      await authorizedAccount(caller, params.companyId, 'view-users');
      return { carts: await cart.companyCarts(params.companyId) };
    },
  }),

  'POST /checkout/preview': forRoles(companyRoles, {
    body: z.object({ ...pricing, delivery: delivery.optional(), costCentre: z.string().trim().min(1).max(40).optional() }).strict(),
    handle: ({ caller, body }) => cart.previewCheckout(caller, body as cart.CheckoutRequest),
  }),

  'GET /checkout/carriers/{carrierId}/branches': forRoles(companyRoles, {
    params: z.object({ carrierId: z.string().regex(/^[a-z0-9-]{1,40}$/) }),
    query: z.object({ city: z.string().trim().min(1).max(80).optional() }),
    handle: async ({ params, query }) => cart.carrierBranches(params.carrierId, query.city),
  }),

  'POST /checkout/orders': forRoles(companyRoles, {
    body: z
      .object({
        ...pricing,
        delivery,
        paymentMethod: z.string().min(1).max(40),
        poNumber: z.string().trim().max(40).optional(),
        costCentre: z.string().trim().max(40).optional(),
      })
      .strict(),
    handle: async ({ caller, body, event }) => {
      const key = event.headers?.['idempotency-key'];
      if (!key || !/^[A-Za-z0-9-]{8,64}$/.test(key)) throw badRequest('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8–64 letters, digits or dashes)');
      return reply(202, await cart.placeOrder(caller, key, body as cart.PlaceOrderRequest));
    },
  }),
});

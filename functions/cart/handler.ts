import { z } from 'zod';
import { companyRoles, punchoutSessionHeader } from '../../lib/definitions/index.js';
import { authorizedAccount } from '../accounts/companies.js';
import { punchoutCartScope } from '../punchout/service.js';
import type { Identity } from '../shared/auth.js';
import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { badRequest } from '../shared/errors.js';
import { deliveryChoiceSchema, quantitySchema, skuSchema } from '../checkout/schemas.js';
import * as cart from './service.js';

/**
 * In punchout mode the SPA names its session in `X-Punchout-Session`: the request then works on that
 * session's own cart, once punchout has checked the session is the caller's, in the caller's
 * company and still running. Without the header: the caller's ordinary cart.
 */
async function inCart(caller: Identity, event: { headers?: Record<string, string | undefined> }): Promise<cart.CartCaller> {
  const sessionId = event.headers?.[punchoutSessionHeader]?.trim();
  return sessionId ? { ...caller, cartScope: await punchoutCartScope(caller, sessionId) } : caller;
}

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
    handle: async ({ caller, query, event }) => cart.viewCart(await inCart(caller, event), query.agreement ? { agreementId: query.agreement } : {}),
  }),

  'POST /cart/lines': forRoles(companyRoles, {
    body: z.object({ lines: z.array(z.object({ sku, quantity }).strict()).min(1).max(200) }).strict(),
    handle: async ({ caller, body, event }) => cart.addToCart(await inCart(caller, event), body.lines),
  }),

  'PUT /cart/lines/{sku}': forRoles(companyRoles, {
    params: z.object({ sku }),
    body: z.object({ quantity }).strict(),
    handle: async ({ caller, params, body, event }) => cart.setQuantity(await inCart(caller, event), params.sku, body.quantity),
  }),

  'DELETE /cart': forRoles(companyRoles, { handle: async ({ caller, event }) => cart.clearCart(await inCart(caller, event)) }),

  'POST /cart/quick-order': forRoles(companyRoles, {
    body: z.object({ text: z.string().max(100_000) }).strict(),
    handle: async ({ caller, body, event }) => cart.quickOrder(await inCart(caller, event), body.text),
  }),

  'GET /cart/saved': forRoles(companyRoles, { handle: async ({ caller }) => ({ carts: await cart.listSavedCarts(caller) }) }),

  'POST /cart/saved': forRoles(companyRoles, {
    body: z.object({ name: z.string().trim().min(1).max(80) }).strict(),
    handle: async ({ caller, body, event }) => reply(201, await cart.saveCart(await inCart(caller, event), body.name)),
  }),

  'POST /cart/saved/{cartId}/restore': forRoles(companyRoles, {
    params: z.object({ cartId: z.uuid() }),
    handle: async ({ caller, params, event }) => cart.restoreSavedCart(await inCart(caller, event), params.cartId),
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
    handle: async ({ caller, body, event }) => cart.previewCheckout(await inCart(caller, event), body as cart.CheckoutRequest),
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
      return reply(202, await cart.placeOrder(await inCart(caller, event), key, body as cart.PlaceOrderRequest));
    },
  }),
});

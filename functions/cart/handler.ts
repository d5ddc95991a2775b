import { companyRoles, punchoutSessionHeader } from '../../lib/definitions/index.js';
import { authorizedAccount } from '../accounts/companies.js';
import { punchoutCartScope } from '../punchout/service.js';
import type { Identity } from '../shared/auth.js';
import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { badRequest } from '../shared/errors.js';
import { cartContract } from './contract.js';
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

export const handler = createHttpHandler('cart', cartContract, {
  'GET /cart': forRoles(companyRoles, async ({ caller, query, event }) =>
    cart.viewCart(await inCart(caller, event), query.agreement ? { agreementId: query.agreement } : {}),
  ),

  'POST /cart/lines': forRoles(companyRoles, async ({ caller, body, event }) => cart.addToCart(await inCart(caller, event), body.lines)),

  'PUT /cart/lines/{sku}': forRoles(companyRoles, async ({ caller, params, body, event }) =>
    cart.setQuantity(await inCart(caller, event), params.sku, body.quantity),
  ),

  'DELETE /cart': forRoles(companyRoles, async ({ caller, event }) => cart.clearCart(await inCart(caller, event))),

  'POST /cart/quick-order': forRoles(companyRoles, async ({ caller, body, event }) => cart.quickOrder(await inCart(caller, event), body.text)),

  'GET /cart/saved': forRoles(companyRoles, async ({ caller }) => ({ carts: await cart.listSavedCarts(caller) })),

  'POST /cart/saved': forRoles(companyRoles, async ({ caller, body, event }) => reply(201, await cart.saveCart(await inCart(caller, event), body.name))),

  'POST /cart/saved/{cartId}/restore': forRoles(companyRoles, async ({ caller, params, event }) =>
    cart.restoreSavedCart(await inCart(caller, event), params.cartId),
  ),

  'DELETE /cart/saved/{cartId}': forRoles(companyRoles, ({ caller, params }) => cart.deleteSavedCart(caller, params.cartId)),

  'GET /companies/{companyId}/carts': forRoles(['company-admin', 'sales-rep', 'back-office'], async ({ caller, params }) => {
    await authorizedAccount(caller, params.companyId, 'view-users');
    return { carts: await cart.companyCarts(params.companyId) };
  }),

  'POST /checkout/preview': forRoles(companyRoles, async ({ caller, body, event }) => cart.previewCheckout(await inCart(caller, event), body)),

  'GET /checkout/carriers/{carrierId}/branches': forRoles(companyRoles, ({ params, query }) => cart.carrierBranches(params.carrierId, query.city)),

  'POST /checkout/orders': forRoles(companyRoles, async ({ caller, body, event }) => {
    const key = event.headers?.['idempotency-key'];
    if (!key || !/^[A-Za-z0-9-]{8,64}$/.test(key))
      throw badRequest('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8–64 letters, digits or dashes)');
    return reply(202, await cart.placeOrder(await inCart(caller, event), key, body));
  }),
});

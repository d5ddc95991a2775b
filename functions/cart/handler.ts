import { companyRoles, punchoutSessionHeader } from '../../lib/definitions/index.js';
import { authorizedAccount } from '../accounts/companies.js';
import { punchoutCartScope } from '../punchout/service.js';
import type { Identity } from '../shared/auth.js';
import { costCentresRead } from '../approvals/service.js';
import { catalogReads } from '../catalog/service.js';
import { creditReads } from '../credit/service.js';
import { idempotencyRead } from '../orders/service.js';
import { discountsRead } from '../pricing/service.js';
import { createHttpHandler, forRoles, prefetching, reply, type PrefetchRequest } from '../shared/http.js';
import type { ItemKey } from '../shared/items.js';
import { badRequest } from '../shared/errors.js';
import { cartContract } from './contract.js';
import { cartKeys } from './repository.js';
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

/** The caller's ordinary cart (a punchout session's cart is only known once the session is checked). */
const ownCart = ({ caller, headers }: PrefetchRequest): ItemKey[] => [
  discountsRead(),
  ...(caller.companyId && !headers[punchoutSessionHeader] ? [cartKeys.active(caller.companyId, caller.sub)] : []),
];

/** What checking out reads besides the cart: warehouses, credit line, prepaid balance, cost centres. */
const checkoutItems = (request: PrefetchRequest): ItemKey[] => {
  const companyId = request.caller.companyId;
  if (!companyId) return [];
  return [...ownCart(request), catalogReads.warehouses(), ...creditReads(companyId), costCentresRead(companyId)];
};

const idempotencyKeyOf = (headers: Readonly<Record<string, string | undefined>>): string | undefined => {
  const key = headers['idempotency-key'];
  return key && /^[A-Za-z0-9-]{8,64}$/.test(key) ? key : undefined;
};

export const handler = createHttpHandler('cart', cartContract, {
  'GET /cart': prefetching(
    forRoles(companyRoles, async ({ caller, query, event }) =>
      cart.viewCart(await inCart(caller, event), query.agreement ? { agreementId: query.agreement } : {}),
    ),
    ownCart,
  ),

  'POST /cart/lines': prefetching(
    forRoles(companyRoles, async ({ caller, body, event }) => cart.addToCart(await inCart(caller, event), body.lines)),
    ownCart,
  ),

  'PUT /cart/lines/{sku}': prefetching(
    forRoles(companyRoles, async ({ caller, params, body, event }) => cart.setQuantity(await inCart(caller, event), params.sku, body.quantity)),
    ownCart,
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

  'POST /checkout/preview': prefetching(
    forRoles(companyRoles, async ({ caller, body, event }) => cart.previewCheckout(await inCart(caller, event), body)),
    checkoutItems,
  ),

  'GET /checkout/carriers/{carrierId}/branches': forRoles(companyRoles, ({ params, query }) => cart.carrierBranches(params.carrierId, query.city)),

  'POST /checkout/orders': prefetching(
    forRoles(companyRoles, async ({ caller, body, event }) => {
      const key = idempotencyKeyOf(event.headers ?? {});
      if (!key) throw badRequest('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8–64 letters, digits or dashes)');
      return reply(202, await cart.placeOrder(await inCart(caller, event), key, body));
    }),
    (request) => {
      const key = idempotencyKeyOf(request.headers);
      return [...checkoutItems(request), ...(key && request.caller.companyId ? [idempotencyRead(request.caller.companyId, key)] : [])];
    },
  ),
});

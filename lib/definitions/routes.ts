/**
 * The HTTP API: every route, which bounded-context Lambda serves it and how callers authenticate.
 * CDK wires API Gateway from this list; the local gateway (local/gateway.ts) routes with the same list.
 *
 * auth:
 *  - 'jwt'      API Gateway's Cognito JWT authorizer rejects calls without a valid token (401).
 *  - 'optional' no authorizer; the handler verifies a token when one is sent (guest catalog views).
 *  - 'none'     public (shop settings).
 * Handlers verify the bearer token themselves in every case (functions/shared/auth.ts), so the
 * identity a handler acts on always comes from a verified JWT.
 */
import type { FunctionKey } from './functions.js';

/** Header naming the active company of a user with several companies (functions/shared/auth.ts; CORS). */
export const activeCompanyHeader = 'x-active-company';

/** Header naming the punchout session whose own cart a cart request works on (functions/cart/handler.ts; CORS). */
export const punchoutSessionHeader = 'x-punchout-session';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteAuth = 'jwt' | 'optional' | 'none';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/catalog/products/{sku}`. */
  readonly path: string;
  /** The Lambda (lib/definitions/functions.ts) that serves the route. */
  readonly context: FunctionKey;
  readonly auth: RouteAuth;
}

export const routes = [
  // The API description, generated from the route contracts (functions/apidocs).
  { method: 'GET', path: '/openapi.json', context: 'apidocs', auth: 'none' },
  { method: 'GET', path: '/asyncapi.json', context: 'apidocs', auth: 'none' },
  { method: 'GET', path: '/reference', context: 'apidocs', auth: 'none' },
  { method: 'GET', path: '/shop', context: 'accounts', auth: 'none' },
  { method: 'POST', path: '/registrations/licence-uploads', context: 'accounts', auth: 'none' },
  { method: 'POST', path: '/registrations', context: 'accounts', auth: 'none' },
  { method: 'GET', path: '/me', context: 'accounts', auth: 'jwt' },
  { method: 'PUT', path: '/me/preferences', context: 'accounts', auth: 'jwt' },
  // Sign-in door (functions/accounts/sign-in.ts, password-reset.ts, mfa.ts): the SPA signs in through the API.
  { method: 'POST', path: '/auth/sign-in', context: 'accounts', auth: 'none' },
  { method: 'POST', path: '/auth/challenge', context: 'accounts', auth: 'none' },
  { method: 'POST', path: '/auth/refresh', context: 'accounts', auth: 'none' },
  { method: 'POST', path: '/auth/sign-out', context: 'accounts', auth: 'none' },
  { method: 'POST', path: '/auth/password/forgot', context: 'accounts', auth: 'none' },
  { method: 'POST', path: '/auth/password/reset', context: 'accounts', auth: 'none' },
  { method: 'POST', path: '/me/mfa/setup', context: 'accounts', auth: 'jwt' },
  { method: 'POST', path: '/me/mfa/verify', context: 'accounts', auth: 'jwt' },
  { method: 'DELETE', path: '/me/mfa', context: 'accounts', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}', context: 'accounts', auth: 'jwt' },
  { method: 'PATCH', path: '/companies/{companyId}', context: 'accounts', auth: 'jwt' },
  { method: 'PUT', path: '/companies/{companyId}/billing-address', context: 'accounts', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/delivery-addresses', context: 'accounts', auth: 'jwt' },
  { method: 'DELETE', path: '/companies/{companyId}/delivery-addresses/{addressId}', context: 'accounts', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/bank-accounts', context: 'accounts', auth: 'jwt' },
  { method: 'DELETE', path: '/companies/{companyId}/bank-accounts/{accountId}', context: 'accounts', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/users', context: 'accounts', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/users', context: 'accounts', auth: 'jwt' },
  { method: 'PATCH', path: '/companies/{companyId}/users/{userSub}', context: 'accounts', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/members', context: 'accounts', auth: 'jwt' },
  { method: 'DELETE', path: '/companies/{companyId}/members/{userSub}', context: 'accounts', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/members/invitations', context: 'accounts', auth: 'jwt' },
  { method: 'DELETE', path: '/companies/{companyId}/members/invitations/{userSub}', context: 'accounts', auth: 'jwt' },
  { method: 'GET', path: '/me/invitations', context: 'accounts', auth: 'jwt' },
  { method: 'POST', path: '/me/invitations/{companyId}/accept', context: 'accounts', auth: 'jwt' },
  { method: 'POST', path: '/me/invitations/{companyId}/decline', context: 'accounts', auth: 'jwt' },
  { method: 'DELETE', path: '/me/memberships/{companyId}', context: 'accounts', auth: 'jwt' },
  { method: 'PUT', path: '/companies/{companyId}/security', context: 'accounts', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/audit', context: 'accounts', auth: 'jwt' },
  { method: 'GET', path: '/console/registrations', context: 'accounts', auth: 'jwt' },
  { method: 'GET', path: '/console/registrations/{registrationId}', context: 'accounts', auth: 'jwt' },
  { method: 'POST', path: '/console/registrations/{registrationId}/approve', context: 'accounts', auth: 'jwt' },
  { method: 'POST', path: '/console/registrations/{registrationId}/reject', context: 'accounts', auth: 'jwt' },
  { method: 'GET', path: '/console/companies', context: 'accounts', auth: 'jwt' },
  { method: 'POST', path: '/console/companies', context: 'accounts', auth: 'jwt' },
  { method: 'PATCH', path: '/console/companies/{companyId}', context: 'accounts', auth: 'jwt' },
  { method: 'POST', path: '/console/companies/{companyId}/vat-check', context: 'accounts', auth: 'jwt' },
  { method: 'GET', path: '/console/reps', context: 'accounts', auth: 'jwt' },
  { method: 'GET', path: '/console/customer-groups', context: 'accounts', auth: 'jwt' },
  { method: 'PUT', path: '/console/shop', context: 'accounts', auth: 'jwt' },
  { method: 'GET', path: '/catalog/categories', context: 'catalog', auth: 'optional' },
  { method: 'GET', path: '/catalog/products', context: 'catalog', auth: 'optional' },
  { method: 'GET', path: '/catalog/products/{sku}', context: 'catalog', auth: 'optional' },
  { method: 'GET', path: '/catalog/search', context: 'catalog', auth: 'optional' },
  { method: 'GET', path: '/catalog/suggestions', context: 'catalog', auth: 'optional' },
  { method: 'GET', path: '/catalog/warehouses', context: 'catalog', auth: 'jwt' },
  { method: 'GET', path: '/pricing/agreements', context: 'pricing', auth: 'jwt' },
  { method: 'GET', path: '/cart', context: 'cart', auth: 'jwt' },
  { method: 'DELETE', path: '/cart', context: 'cart', auth: 'jwt' },
  { method: 'POST', path: '/cart/lines', context: 'cart', auth: 'jwt' },
  { method: 'PUT', path: '/cart/lines/{sku}', context: 'cart', auth: 'jwt' },
  { method: 'POST', path: '/cart/quick-order', context: 'cart', auth: 'jwt' },
  { method: 'GET', path: '/cart/saved', context: 'cart', auth: 'jwt' },
  { method: 'POST', path: '/cart/saved', context: 'cart', auth: 'jwt' },
  { method: 'POST', path: '/cart/saved/{cartId}/restore', context: 'cart', auth: 'jwt' },
  { method: 'DELETE', path: '/cart/saved/{cartId}', context: 'cart', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/carts', context: 'cart', auth: 'jwt' },
  { method: 'POST', path: '/checkout/preview', context: 'cart', auth: 'jwt' },
  { method: 'GET', path: '/checkout/carriers/{carrierId}/branches', context: 'cart', auth: 'jwt' },
  { method: 'POST', path: '/checkout/orders', context: 'cart', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/orders', context: 'orders', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/orders/{orderId}', context: 'orders', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/orders/{orderId}/invoice', context: 'orders', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/orders/{orderId}/approval', context: 'orders', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/orders/{orderId}/reorder', context: 'requisitions', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/requisition-lists', context: 'requisitions', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/requisition-lists', context: 'requisitions', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/requisition-lists/{listId}', context: 'requisitions', auth: 'jwt' },
  { method: 'PATCH', path: '/companies/{companyId}/requisition-lists/{listId}', context: 'requisitions', auth: 'jwt' },
  { method: 'DELETE', path: '/companies/{companyId}/requisition-lists/{listId}', context: 'requisitions', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/requisition-lists/{listId}/lines', context: 'requisitions', auth: 'jwt' },
  { method: 'PATCH', path: '/companies/{companyId}/requisition-lists/{listId}/lines/{sku}', context: 'requisitions', auth: 'jwt' },
  { method: 'DELETE', path: '/companies/{companyId}/requisition-lists/{listId}/lines/{sku}', context: 'requisitions', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/requisition-lists/{listId}/cart', context: 'requisitions', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/approval-rules', context: 'approvals', auth: 'jwt' },
  { method: 'PUT', path: '/companies/{companyId}/approval-rules/{ruleId}', context: 'approvals', auth: 'jwt' },
  { method: 'DELETE', path: '/companies/{companyId}/approval-rules/{ruleId}', context: 'approvals', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/cost-centres', context: 'approvals', auth: 'jwt' },
  { method: 'PUT', path: '/companies/{companyId}/cost-centres', context: 'approvals', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/budgets', context: 'approvals', auth: 'jwt' },
  { method: 'PUT', path: '/companies/{companyId}/budgets/{budgetId}', context: 'approvals', auth: 'jwt' },
  { method: 'DELETE', path: '/companies/{companyId}/budgets/{budgetId}', context: 'approvals', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/approvals', context: 'approvals', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/credit', context: 'orders', auth: 'jwt' },
  { method: 'PUT', path: '/console/companies/{companyId}/credit-limit', context: 'orders', auth: 'jwt' },
  { method: 'POST', path: '/console/companies/{companyId}/prepaid-top-ups', context: 'orders', auth: 'jwt' },
  { method: 'POST', path: '/console/companies/{companyId}/orders/preview', context: 'orders', auth: 'jwt' },
  { method: 'POST', path: '/console/companies/{companyId}/orders', context: 'orders', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/orders/{orderId}/shipments/{shipmentId}/delivery-note', context: 'orders', auth: 'jwt' },
  { method: 'GET', path: '/console/orders', context: 'orders', auth: 'jwt' },
  { method: 'GET', path: '/console/orders/{companyId}/{orderId}', context: 'orders', auth: 'jwt' },
  { method: 'PATCH', path: '/console/orders/{companyId}/{orderId}', context: 'orders', auth: 'jwt' },
  { method: 'POST', path: '/console/orders/{companyId}/{orderId}/notes', context: 'orders', auth: 'jwt' },
  { method: 'POST', path: '/console/orders/{companyId}/{orderId}/adjustments', context: 'orders', auth: 'jwt' },
  { method: 'POST', path: '/console/orders/{companyId}/{orderId}/items', context: 'orders', auth: 'jwt' },
  { method: 'POST', path: '/console/orders/{companyId}/{orderId}/shipments', context: 'orders', auth: 'jwt' },
  { method: 'PATCH', path: '/console/orders/{companyId}/{orderId}/shipments/{shipmentId}', context: 'orders', auth: 'jwt' },
  { method: 'POST', path: '/pricing/quote', context: 'pricing', auth: 'jwt' },
  { method: 'GET', path: '/console/discounts', context: 'pricing', auth: 'jwt' },
  { method: 'PUT', path: '/console/discounts/{discountId}', context: 'pricing', auth: 'jwt' },
  { method: 'DELETE', path: '/console/discounts/{discountId}', context: 'pricing', auth: 'jwt' },
  { method: 'POST', path: '/console/pools', context: 'groupbuy', auth: 'jwt' },
  { method: 'GET', path: '/console/pools', context: 'groupbuy', auth: 'jwt' },
  { method: 'GET', path: '/console/pools/{poolId}', context: 'groupbuy', auth: 'jwt' },
  { method: 'GET', path: '/pools', context: 'groupbuy', auth: 'jwt' },
  { method: 'GET', path: '/pools/{poolId}', context: 'groupbuy', auth: 'jwt' },
  { method: 'PUT', path: '/pools/{poolId}/commitment', context: 'groupbuy', auth: 'jwt' },
  { method: 'GET', path: '/offers', context: 'offers', auth: 'jwt' },
  { method: 'POST', path: '/quote-requests', context: 'offers', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/offers', context: 'offers', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/offers', context: 'offers', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/offers/{offerId}', context: 'offers', auth: 'jwt' },
  { method: 'PUT', path: '/companies/{companyId}/offers/{offerId}', context: 'offers', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/offers/{offerId}/versions/{version}', context: 'offers', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/offers/{offerId}/send', context: 'offers', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/offers/{offerId}/pdf', context: 'offers', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/offers/{offerId}/copies', context: 'offers', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/offers/{offerId}/acceptance', context: 'offers', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/punchout', context: 'punchout', auth: 'jwt' },
  { method: 'PUT', path: '/companies/{companyId}/punchout', context: 'punchout', auth: 'jwt' },
  { method: 'DELETE', path: '/companies/{companyId}/punchout', context: 'punchout', auth: 'jwt' },
  // Procurement systems call these with punchout credentials (OCI form fields, cXML SharedSecret), not tokens.
  { method: 'GET', path: '/punchout/oci', context: 'punchout', auth: 'none' },
  { method: 'POST', path: '/punchout/oci', context: 'punchout', auth: 'none' },
  { method: 'POST', path: '/punchout/cxml', context: 'punchout', auth: 'none' },
  { method: 'POST', path: '/punchout/start', context: 'punchout', auth: 'none' },
  { method: 'GET', path: '/punchout/sessions/{sessionId}', context: 'punchout', auth: 'jwt' },
  { method: 'POST', path: '/punchout/sessions/{sessionId}/transfer', context: 'punchout', auth: 'jwt' },
  { method: 'POST', path: '/rma/photo-uploads', context: 'rma', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/orders/{orderId}/returnable', context: 'rma', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/rmas', context: 'rma', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/rmas', context: 'rma', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/rmas/{rmaId}', context: 'rma', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/rmas/{rmaId}/pdf', context: 'rma', auth: 'jwt' },
  { method: 'POST', path: '/rma/guest/lookup', context: 'rma', auth: 'none' },
  { method: 'POST', path: '/rma/guest/photo-uploads', context: 'rma', auth: 'none' },
  { method: 'POST', path: '/rma/guest/claims', context: 'rma', auth: 'none' },
  { method: 'GET', path: '/console/rmas', context: 'rma', auth: 'jwt' },
  { method: 'GET', path: '/console/rma-assignees', context: 'rma', auth: 'jwt' },
  { method: 'GET', path: '/console/rmas/{companyId}/{rmaId}', context: 'rma', auth: 'jwt' },
  { method: 'POST', path: '/console/rmas/{companyId}/{rmaId}/assignment', context: 'rma', auth: 'jwt' },
  { method: 'POST', path: '/console/rmas/{companyId}/{rmaId}/transitions', context: 'rma', auth: 'jwt' },
  { method: 'POST', path: '/console/rmas/{companyId}/{rmaId}/notes', context: 'rma', auth: 'jwt' },
  { method: 'PUT', path: '/console/rmas/{companyId}/{rmaId}/deadline', context: 'rma', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/documents', context: 'invoices', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/documents/{kind}/{number}', context: 'invoices', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/invoices/{invoiceNumber}', context: 'invoices', auth: 'jwt' },
  { method: 'POST', path: '/console/invoices/{companyId}/{invoiceNumber}/payments', context: 'invoices', auth: 'jwt' },
  { method: 'POST', path: '/console/invoices/{invoiceNumber}/ksef', context: 'invoices', auth: 'jwt' },
  { method: 'POST', path: '/console/bank-statements', context: 'invoices', auth: 'jwt' },
  { method: 'GET', path: '/console/bank-statements/unmatched', context: 'invoices', auth: 'jwt' },
  { method: 'POST', path: '/console/bank-statements/entries/{entryId}/match', context: 'invoices', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/catalog/bmecat', context: 'catalogExchange', auth: 'jwt' },
  { method: 'GET', path: '/companies/{companyId}/article-numbers', context: 'catalogExchange', auth: 'jwt' },
  { method: 'PUT', path: '/companies/{companyId}/article-numbers/{sku}', context: 'catalogExchange', auth: 'jwt' },
  { method: 'DELETE', path: '/companies/{companyId}/article-numbers/{sku}', context: 'catalogExchange', auth: 'jwt' },
  { method: 'POST', path: '/companies/{companyId}/article-numbers/import', context: 'catalogExchange', auth: 'jwt' },
  { method: 'POST', path: '/console/catalog-imports/uploads', context: 'catalogExchange', auth: 'jwt' },
  { method: 'POST', path: '/console/catalog-imports', context: 'catalogExchange', auth: 'jwt' },
  { method: 'GET', path: '/console/catalog-imports', context: 'catalogExchange', auth: 'jwt' },
  { method: 'GET', path: '/console/catalog-imports/{importId}', context: 'catalogExchange', auth: 'jwt' },
  { method: 'GET', path: '/console/webhooks', context: 'webhooks', auth: 'jwt' },
  { method: 'POST', path: '/console/webhooks', context: 'webhooks', auth: 'jwt' },
  { method: 'DELETE', path: '/console/webhooks/{subscriptionId}', context: 'webhooks', auth: 'jwt' },
  { method: 'GET', path: '/console/webhooks/{subscriptionId}/deliveries', context: 'webhooks', auth: 'jwt' },
  { method: 'POST', path: '/console/webhooks/{subscriptionId}/deliveries/{deliveryId}/replay', context: 'webhooks', auth: 'jwt' },
] as const satisfies readonly RouteDefinition[];

export type RouteKey = `${(typeof routes)[number]['method']} ${(typeof routes)[number]['path']}`;

export const routeKey = (route: RouteDefinition): string => `${route.method} ${route.path}`;

/** Lambdas that serve at least one route. */
export const httpFunctionKeys = (): FunctionKey[] => [...new Set(routes.map((route) => route.context))];

/**
 * The whole HTTP API's contract: every context's route contracts in one map, keyed by route key.
 * Used by the API description (functions/apidocs), the integration tests (test/support/api.ts parses
 * every response with it) and the SPA's types (web/src/types.ts). Handlers import only their own
 * context's contract, so a Lambda bundles only its own schemas.
 */
import type { RouteKey } from '../lib/definitions/index.js';
import type { RouteContract, RequestBodyOf, RequestQueryOf, ResponseOf } from './shared/contract.js';
import { accountsContract } from './accounts/contract.js';
import { apidocsContract } from './apidocs/contract.js';
import { approvalsContract } from './approvals/contract.js';
import { cartContract } from './cart/contract.js';
import { catalogContract } from './catalog/contract.js';
import { pricingContract } from './pricing/contract.js';
import { offersContract } from './offers/contract.js';
import { ordersContract } from './orders/contract.js';
import { groupbuyContract } from './groupbuy/contract.js';
import { requisitionsContract } from './requisitions/contract.js';
import { rmaContract } from './rma/contract.js';
import { invoicesContract } from './invoices/contract.js';
import { catalogExchangeContract } from './catalogexchange/contract.js';
import { webhooksContract } from './webhooks/contract.js';
import { productMediaContract } from './catalog/media/contract.js';
import { punchoutContract } from './punchout/contract.js';

export const apiContract = {
  ...accountsContract,
  ...apidocsContract,
  ...approvalsContract,
  ...cartContract,
  ...catalogContract,
  ...pricingContract,
  ...offersContract,
  ...ordersContract,
  ...groupbuyContract,
  ...requisitionsContract,
  ...punchoutContract,
  ...rmaContract,
  ...invoicesContract,
  ...catalogExchangeContract,
  ...webhooksContract,
  ...productMediaContract,
} as const satisfies Partial<Record<RouteKey, RouteContract>>;

export type ApiContract = typeof apiContract;
export type ApiRouteKey = keyof ApiContract;
/** The JSON a route answers with on success. */
export type ApiResponse<K extends ApiRouteKey> = ResponseOf<ApiContract[K]>;
export type ApiRequestBody<K extends ApiRouteKey> = RequestBodyOf<ApiContract[K]>;
export type ApiRequestQuery<K extends ApiRouteKey> = RequestQueryOf<ApiContract[K]>;

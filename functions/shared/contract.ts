/**
 * The API contract: for every route of lib/definitions/routes.ts, the zod schemas of its request
 * (path, query, body) and of its success response, plus the error codes it can answer with. Each
 * bounded context declares its routes once in `functions/<context>/contract.ts`; its handler is typed
 * from them (functions/shared/http.ts), the OpenAPI document is generated from them
 * (functions/apidocs/openapi.ts), integration tests parse every response with them and the SPA takes
 * its types from them.
 */
import * as z from 'zod';
import type { ZodType } from 'zod';
import type { RouteAuth, RouteKey } from '../../lib/definitions/index.js';

/** A success response that is not JSON (punchout HTML/cXML, redirects): the body is text of `mediaType`. */
export interface RawResponse {
  readonly mediaType: string;
  readonly description: string;
}

export interface RouteContract {
  /** One line for the API reference. */
  readonly summary: string;
  readonly description?: string;
  readonly params?: ZodType;
  readonly query?: ZodType;
  readonly body?: ZodType;
  /** The body is handed over as text of this media type (XML, form posts), not parsed as JSON. */
  readonly rawBody?: string;
  /** Success status codes the route answers with; the first is the usual one (default 200). */
  readonly status?: readonly [SuccessStatus, ...SuccessStatus[]];
  /** The JSON body of every success status. `z.undefined()` for 204. */
  readonly response: ZodType;
  /** Set when the success response is not JSON; `response` is then `z.string()`. */
  readonly raw?: RawResponse;
  /** The route's own error codes, beyond those every route of its auth mode may answer (`commonErrors`). */
  readonly errors?: readonly string[];
  /** OAuth scopes a machine client (client credentials) needs to call the route; absent: users only. */
  readonly scopes?: readonly string[];
}

export type SuccessStatus = 200 | 201 | 202 | 204 | 303;

export type ContextContract = Partial<Record<RouteKey, RouteContract>>;

/** Declares a context's routes (the keys are checked against routes.ts by createHttpHandler and by test/unit/contract.test.ts). */
export const defineContract = <const C extends ContextContract>(contract: C): C => contract;

type Parsed<S> = S extends ZodType ? z.output<S> : Record<string, never>;
export type ParamsOf<C extends RouteContract> = Parsed<C['params']>;
export type QueryOf<C extends RouteContract> = Parsed<C['query']>;
export type BodyOf<C extends RouteContract> = C['body'] extends ZodType ? z.output<C['body']> : C['rawBody'] extends string ? string : undefined;
/** What a client receives. */
export type ResponseOf<C extends RouteContract> = z.output<C['response']>;
/** What a handler may return (before JSON serialisation): the response, read-only all the way down. */
export type HandlerResultOf<C extends RouteContract> = DeepReadonly<z.input<C['response']>>;
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;
/** What a client sends as the body (before the schema's defaults and transforms). */
export type RequestBodyOf<C extends RouteContract> = C['body'] extends ZodType ? z.input<C['body']> : undefined;
export type RequestQueryOf<C extends RouteContract> = C['query'] extends ZodType ? z.input<C['query']> : Record<string, never>;

/** Errors any route may answer with, by how it authenticates callers and what it reads. */
export function commonErrors(route: { auth: RouteAuth }, contract: RouteContract): string[] {
  const codes = ['INTERNAL_ERROR', 'MALFORMED_URL'];
  if (contract.params || contract.query || contract.body) codes.push('VALIDATION_FAILED');
  if (contract.body) codes.push('INVALID_JSON');
  if (route.auth !== 'none') {
    codes.push(
      'UNAUTHENTICATED',
      'INVALID_TOKEN',
      'FORBIDDEN',
      'ACCOUNT_DISABLED',
      'ACCOUNT_MISMATCH',
      'SESSION_EXPIRED',
      'SESSION_REVOKED',
      'MFA_SETUP_REQUIRED',
      'NOT_A_MEMBER',
      'INVALID_ACTIVE_COMPANY',
      'INSUFFICIENT_SCOPE',
    );
  }
  return codes;
}

// ---- Schemas many contexts share -------------------------------------------------------------

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .describe('ISO 4217 currency code');
/** An amount in integer minor units (cents) with its currency. */
export const moneySchema = z.object({ amount: z.number().int(), currency: currencyCode }).meta({ id: 'Money' });
export const isoDateTime = z.string().describe('ISO 8601 date-time');
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('calendar date YYYY-MM-DD');
export const idSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
export const companyIdParam = z.object({ companyId: idSchema });
export const deletedSchema = z.object({ deleted: z.string() });

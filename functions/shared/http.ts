import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ZodError, type ZodType } from 'zod';
import { apiScopes, routes, routeKey, type FunctionKey, type Role, type RouteDefinition } from '../../lib/definitions/index.js';
import { enforceAccountStatus, shopSettingsKey } from './account-status.js';
import type { BodyOf, ContextContract, HandlerResultOf, ParamsOf, QueryOf, RouteContract } from './contract.js';
import { bearerToken, identityFromClaims, isMachineToken, resolveActiveCompany, verifyJwt, verifyMachineToken, type Identity } from './auth.js';
import { AppError, badRequest, forbidden, notFound, unauthenticated } from './errors.js';
import { inInvocation } from './invocation.js';
import { prefetchItems, type ItemKey } from './items.js';
import { logger } from './logger.js';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResponse = APIGatewayProxyStructuredResultV2;

export interface HttpRequest<Caller, Params, Query, Body> {
  readonly caller: Caller;
  readonly params: Params;
  readonly query: Query;
  readonly body: Body;
  readonly event: HttpEvent;
}

/** A non-200 reply; plain return values are sent as 200 JSON. */
export class Reply<T = unknown> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}
export const reply = <T>(status: number, body: T) => new Reply(status, body);

/** A reply sent as it is (XML, HTML, a redirect): for partner protocols that do not speak JSON (punchout). */
export class RawReply {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: string,
  ) {}
}
export const rawReply = (status: number, headers: Record<string, string>, body = '') => new RawReply(status, headers, body);

interface Schemas<Params, Query, Body> {
  readonly params?: ZodType<Params>;
  readonly query?: ZodType<Query>;
  readonly body?: ZodType<Body>;
  /** The body is handed to `body` as text, not parsed as JSON (XML, form posts). */
  readonly rawBody?: boolean | string;
}

/** What a route's handler may return: its declared response, as 200 or with another status, or a raw reply. */
export type EndpointResult<C extends RouteContract> = HandlerResultOf<C> | Reply<HandlerResultOf<C>> | RawReply;
type EndpointHandler<Caller, C extends RouteContract> = (
  request: HttpRequest<Caller, ParamsOf<C>, QueryOf<C>, BodyOf<C>>,
) => Promise<EndpointResult<C>> | EndpointResult<C>;

export interface Endpoint<C extends RouteContract = RouteContract> {
  readonly roles?: readonly Role[];
  /** Only for endpoints written before their context had a contract: their own request schemas. */
  readonly schemas?: Schemas<unknown, unknown, unknown>;
  run(request: HttpRequest<Identity | undefined, unknown, unknown, unknown>): Promise<unknown>;
  /** Items the endpoint will read, known from the request: fetched in the same batch as the caller's status (issue 18). */
  readonly prefetch?: (request: PrefetchRequest) => readonly ItemKey[];
  /** Never set: ties the endpoint's types to its route contract. */
  readonly contract?: C;
}

/** What a prefetch may build keys from: the verified caller (their home company) and the validated request. */
export interface PrefetchRequest<Params = unknown, Query = unknown> {
  readonly caller: Identity;
  readonly params: Params;
  readonly query: Query;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** `endpoint`, with the items it reads fetched next to the caller's status. */
export function prefetching<C extends RouteContract>(
  endpoint: Endpoint<C>,
  keys: (request: PrefetchRequest<ParamsOf<C>, QueryOf<C>>) => readonly ItemKey[],
): Endpoint<C> {
  return { ...endpoint, prefetch: keys as (request: PrefetchRequest) => readonly ItemKey[] };
}

type LegacySpec<Caller, Params, Query, Body> = Schemas<Params, Query, Body> & { handle(request: HttpRequest<Caller, Params, Query, Body>): Promise<unknown> };

/** An endpoint only callers with one of `roles` may use (a token is then always required). */
export function forRoles<C extends RouteContract>(roles: readonly Role[], handle: EndpointHandler<Identity, C>): Endpoint<C>;
export function forRoles<Params = Record<string, never>, Query = Record<string, never>, Body = undefined>(
  roles: readonly Role[],
  spec: LegacySpec<Identity, Params, Query, Body>,
): Endpoint;
export function forRoles(roles: readonly Role[], spec: EndpointHandler<Identity, RouteContract> | LegacySpec<Identity, unknown, unknown, unknown>): Endpoint {
  if (typeof spec === 'function') return { roles, run: async (request) => spec(request as HttpRequest<Identity, never, never, never>) };
  return { roles, schemas: spec, run: (request) => spec.handle(request as HttpRequest<Identity, unknown, unknown, unknown>) };
}

/** An endpoint open to guests; `caller` is set when a valid token was sent. */
export function forAnyone<C extends RouteContract>(handle: EndpointHandler<Identity | undefined, C>): Endpoint<C>;
export function forAnyone<Params = Record<string, never>, Query = Record<string, never>, Body = undefined>(
  spec: LegacySpec<Identity | undefined, Params, Query, Body>,
): Endpoint;
export function forAnyone(spec: EndpointHandler<Identity | undefined, RouteContract> | LegacySpec<Identity | undefined, unknown, unknown, unknown>): Endpoint {
  if (typeof spec === 'function') return { run: async (request) => spec(request as HttpRequest<Identity | undefined, never, never, never>) };
  return { schemas: spec, run: (request) => spec.handle(request) };
}

function json(status: number, body: unknown): HttpResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export function errorResponse(error: unknown): HttpResponse {
  if (error instanceof AppError) {
    if (error.statusCode >= 500) logger.error('Request failed', { error });
    const body: Record<string, unknown> = { code: error.code, message: error.message };
    if (error.details !== undefined) body.details = error.details;
    return json(error.statusCode, { error: body });
  }
  if (error instanceof ZodError) return errorResponse(validationError(error));
  logger.error('Unhandled error', { error: error instanceof Error ? error : String(error) });
  return json(500, { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' } });
}

/**
 * One field problem of VALIDATION_FAILED: the path, zod's English message for integrators, zod's issue
 * `code` and the figures zod 4 reports with it (`minimum`/`maximum` with `origin` and `inclusive`,
 * `expected`, `format`, `values`, `keys`, `divisor`), so that clients word it in their own language.
 */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
  readonly code: string;
  readonly [param: string]: unknown;
}

const issueParams = ['origin', 'expected', 'minimum', 'maximum', 'inclusive', 'exact', 'format', 'divisor', 'values', 'keys'] as const;

/** JSON-safe: bigint limits and odd enum values (symbols, undefined) as strings. */
const plain = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(plain) : value === null || ['string', 'number', 'boolean'].includes(typeof value) ? value : String(value);

export function validationIssue(issue: ZodError['issues'][number], where?: string): ValidationIssue {
  const result: { -readonly [K in keyof ValidationIssue]: ValidationIssue[K] } = {
    path: [...(where ? [where] : []), ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  };
  const raw = issue as unknown as Record<string, unknown>;
  for (const name of issueParams) if (raw[name] !== undefined) result[name] = plain(raw[name]);
  if (raw.format === 'regex' && typeof raw.pattern === 'string') result.pattern = raw.pattern;
  return result;
}

function validationError(error: ZodError, where?: string): AppError {
  return badRequest(
    'VALIDATION_FAILED',
    'The request is invalid',
    error.issues.map((issue) => validationIssue(issue, where)),
  );
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return {} as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

function readBody(event: HttpEvent, raw = false): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return raw ? '' : undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (raw) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('INVALID_JSON', 'The request body is not valid JSON');
  }
}

/** What a user who must set up MFA may still call: their profile and the enrolment itself. */
const mfaSetupRoutes = new Set(['GET /me', 'POST /me/mfa/setup', 'POST /me/mfa/verify']);

async function authenticate(
  route: RouteDefinition,
  endpoint: Endpoint,
  event: HttpEvent,
  contract: RouteContract | undefined,
  parsed: { readonly params: unknown; readonly query: unknown } | undefined,
): Promise<Identity | undefined> {
  if (route.auth === 'none') return undefined;
  const token = bearerToken(event.headers ?? {});
  const tokenRequired = route.auth === 'jwt' || endpoint.roles !== undefined;
  if (!token) {
    if (tokenRequired) throw unauthenticated('UNAUTHENTICATED', 'Sign in to use this');
    return undefined;
  }
  if (isMachineToken(token)) {
    // An integrator's machine client: no user account (no status check, no active company); the
    // route must accept one of its scopes, then it acts like back office on that route.
    const machine = await verifyMachineToken(token);
    const accepted = contract?.scopes ?? [];
    if (!machine.machine!.scopes.some((scope) => accepted.includes(scope))) {
      throw new AppError(
        403,
        'INSUFFICIENT_SCOPE',
        accepted.length ? `This needs one of the scopes ${accepted.join(', ')}` : 'Machine clients cannot use this',
      );
    }
    if (endpoint.roles && !endpoint.roles.includes(machine.role)) throw forbidden();
    return machine;
  }
  const claims = await verifyJwt(token);
  const home = identityFromClaims(claims);
  // Started before the status read so that all go out as one BatchGetItem (functions/shared/items.ts).
  prefetchItems([
    shopSettingsKey(),
    ...(parsed && endpoint.prefetch ? endpoint.prefetch({ caller: home, params: parsed.params, query: parsed.query, headers: event.headers ?? {} }) : []),
  ]);
  // Both reads at once; the account's own state decides first, then the active company.
  const [status, active] = await Promise.allSettled([
    enforceAccountStatus(home, claims, { mfaSetupRoute: mfaSetupRoutes.has(routeKey(route)) }),
    resolveActiveCompany(home, event.headers ?? {}),
  ]);
  if (status.status === 'rejected') throw status.reason;
  if (active.status === 'rejected') throw active.reason;
  const caller = active.value;
  if (endpoint.roles && !endpoint.roles.includes(caller.role)) throw forbidden();
  return caller;
}

/**
 * Builds the Lambda handler of one bounded context. `contract` and `endpoints` must cover exactly the
 * routes that lib/definitions/routes.ts assigns to `context`, so API Gateway, contract and code cannot
 * drift apart; requests are parsed with the contract's schemas before `endpoints` see them.
 */
export function createHttpHandler<C extends ContextContract>(
  context: FunctionKey,
  contract: C,
  endpoints: { readonly [K in keyof C]: Endpoint<Extract<C[K], RouteContract>> },
): ReturnType<typeof buildHandler>;
/** Before a context has its contract: endpoints carry their own request schemas. */
export function createHttpHandler(context: FunctionKey, endpoints: Record<string, Endpoint>): ReturnType<typeof buildHandler>;
export function createHttpHandler(
  context: FunctionKey,
  contractOrEndpoints: ContextContract | Record<string, Endpoint>,
  maybeEndpoints?: Record<string, Endpoint>,
) {
  const contract = (maybeEndpoints ? contractOrEndpoints : {}) as Record<string, RouteContract>;
  const endpoints = (maybeEndpoints ?? contractOrEndpoints) as Record<string, Endpoint>;
  const owned = new Map<string, RouteDefinition>(routes.filter((route) => route.context === context).map((route) => [routeKey(route), route]));
  for (const [what, keys] of [['endpoints', Object.keys(endpoints)], ...(maybeEndpoints ? [['contract', Object.keys(contract)] as const] : [])] as const) {
    const missing = [...owned.keys()].filter((key) => !keys.includes(key));
    const unknown = keys.filter((key) => !owned.has(key));
    if (missing.length || unknown.length) {
      throw new Error(`Routes of ${context} out of sync with its ${what}: missing ${missing.join(', ') || '-'}; unknown ${unknown.join(', ') || '-'}`);
    }
  }
  for (const [key, route] of Object.entries(contract)) {
    const unknownScopes = (route.scopes ?? []).filter((scope) => !(apiScopes as readonly string[]).includes(scope));
    if (unknownScopes.length) throw new Error(`Route ${key} of ${context} names unknown scopes ${unknownScopes.join(', ')} (lib/definitions/user-pool.ts)`);
  }
  return buildHandler(owned, endpoints, contract);
}

function buildHandler(owned: Map<string, RouteDefinition>, endpoints: Record<string, Endpoint>, contract: Record<string, RouteContract>) {
  const dispatch = async (event: HttpEvent): Promise<HttpResponse> => {
    const route = owned.get(event.routeKey);
    const endpoint = endpoints[event.routeKey];
    if (!route || !endpoint) throw notFound(`Route ${event.routeKey}`);
    const schemas: Schemas<unknown, unknown, unknown> = endpoint.schemas ?? contract[event.routeKey] ?? {};
    // Parsed before signing in (a prefetch builds keys only from validated input), reported after it.
    let parsed: { params: unknown; query: unknown; body: unknown } | undefined;
    let invalid: unknown;
    try {
      parsed = {
        params: parse(schemas.params, event.pathParameters ?? {}, 'path'),
        query: parse(schemas.query, event.queryStringParameters ?? {}, 'query'),
        body: parse(schemas.body, readBody(event, Boolean(schemas.rawBody)), 'body'),
      };
    } catch (error) {
      invalid = error;
    }
    const caller = await authenticate(route, endpoint, event, contract[event.routeKey], parsed);
    if (!parsed) throw invalid;
    const request = { caller, ...parsed, event };
    const result = await endpoint.run(request);
    if (result instanceof RawReply) return { statusCode: result.status, headers: { 'cache-control': 'no-store', ...result.headers }, body: result.body };
    return result instanceof Reply ? json(result.status, result.body) : json(200, result);
  };

  // One memo per invocation for reads every step of the request shares (functions/shared/invocation.ts).
  return middy<HttpEvent, HttpResponse, Error, Context>()
    .use(injectLambdaContext(logger))
    .use({
      onError: async (request) => {
        request.response = errorResponse(request.error);
      },
    })
    .handler((event) => inInvocation(() => dispatch(event)));
}

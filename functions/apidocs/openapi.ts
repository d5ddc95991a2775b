/**
 * The OpenAPI 3.1 description of the HTTP API, generated from the route table (lib/definitions/routes.ts)
 * and the route contracts (functions/contract.ts): nothing in it is written by hand.
 */
import * as z from 'zod';
import type { ZodType } from 'zod';
import { routes, routeKey, type RouteDefinition } from '../../lib/definitions/index.js';
import { commonErrors, type RouteContract } from '../shared/contract.js';

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: '3.1.1';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown>; responses: Record<string, unknown> };
  tags: { name: string; description?: string }[];
};

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'machine-readable error code (see the route’s list)' },
        message: { type: 'string', description: 'English text for integrators; clients show their own text per code' },
        details: {
          description:
            'per-code details. VALIDATION_FAILED: an array of field problems { path, message (English), code (zod issue code: invalid_type, too_small, too_big, invalid_format, invalid_value, unrecognized_keys, not_multiple_of, invalid_union, custom, …) } with the figures of the code: origin, expected, minimum, maximum, inclusive, exact, format, pattern, divisor, values, keys',
        },
      },
    },
  },
};

/** Converts one schema, moving its named parts (`.meta({ id })`) into `components.schemas`. */
function converter(components: Record<string, JsonSchema>) {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' ? inner.replace(/^#\/\$defs\//, '#/components/schemas/') : rewrite(inner),
    ]);
    return Object.fromEntries(entries);
  };
  return (schema: ZodType, io: 'input' | 'output'): JsonSchema => {
    const {
      $schema: _dialect,
      $defs,
      ...json
    } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    for (const [name, definition] of Object.entries($defs ?? {})) components[name] ??= rewrite(definition) as JsonSchema;
    const id = (json as { id?: unknown }).id;
    if (typeof id === 'string') {
      const { id: _id, ...named } = json as JsonSchema & { id: string };
      components[id] ??= rewrite(named) as JsonSchema;
      return { $ref: `#/components/schemas/${id}` };
    }
    return rewrite(json) as JsonSchema;
  };
}

/** `{ companyId: …, sku: … }` of a path schema as OpenAPI path parameters. */
function parameters(schema: JsonSchema | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

const statusText: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content', 303: 'See other' };

export function buildOpenApi(contracts: Readonly<Partial<Record<string, RouteContract>>>, options: { serverUrl: string; version: string }): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = { Error: errorSchema };
  const convert = converter(schemas);
  const paths: OpenApiDocument['paths'] = {};
  const tags = new Set<string>();
  for (const route of routes as readonly RouteDefinition[]) {
    const key = routeKey(route);
    // A route whose context has no contract yet is listed with an open schema and marked, never left out.
    const contract: RouteContract = contracts[key] ?? {
      summary: `${key} (contract pending)`,
      description: 'The contract of this route is not written yet: request and response are not described.',
      ...(route.path.includes('{')
        ? { params: z.object(Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((match) => [match[1]!, z.string()]))) }
        : {}),
      response: z.unknown(),
    };
    const params = contract.params ? convert(contract.params, 'input') : undefined;
    const query = contract.query ? convert(contract.query, 'input') : undefined;
    const codes = [...new Set([...(contract.errors ?? []), ...commonErrors(route, contract)])].sort();
    const success = Object.fromEntries(
      (contract.status ?? [200]).map((status) => [
        String(status),
        status === 204 || status === 303
          ? { description: statusText[status] }
          : {
              description: contract.raw?.description ?? statusText[status],
              content: contract.raw
                ? { [contract.raw.mediaType]: { schema: { type: 'string' } } }
                : { 'application/json': { schema: convert(contract.response, 'output') } },
            },
      ]),
    );
    const security =
      route.auth === 'none'
        ? []
        : [...(route.auth === 'optional' ? [{}] : []), { cognitoIdToken: [] }, ...(contract.scopes?.length ? [{ machineClient: [...contract.scopes] }] : [])];
    tags.add(route.context);
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: `${route.method.toLowerCase()}${route.path.replace(/\{(\w+)\}/g, (_m, name: string) => `By${name[0]!.toUpperCase()}${name.slice(1)}`).replace(/[^A-Za-z0-9]+(.)?/g, (_m, next?: string) => (next ?? '').toUpperCase())}`,
      summary: contract.summary,
      ...(contract.description ? { description: contract.description } : {}),
      tags: [route.context],
      security,
      parameters: [...parameters(params, 'path'), ...parameters(query, 'query')],
      ...(contract.body || contract.rawBody
        ? {
            requestBody: {
              required: true,
              content: contract.rawBody
                ? { [contract.rawBody]: { schema: { type: 'string' } } }
                : { 'application/json': { schema: convert(contract.body!, 'input') } },
            },
          }
        : {}),
      responses: {
        ...success,
        default: {
          description: `Error; \`error.code\` is one of: ${codes.join(', ')}`,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      'x-error-codes': codes,
      ...(contract.scopes?.length ? { 'x-scopes': [...contract.scopes] } : {}),
    };
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'b2b-portal API',
      version: options.version,
      description:
        'HTTP API of the B2B portal. Users send the Cognito ID token as `Authorization: Bearer …`; machine clients (ERP/PIM connectors) an access token from the client-credentials grant with the scopes a route lists. Money is integer minor units with an ISO 4217 currency.',
    },
    servers: [{ url: options.serverUrl }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas,
      responses: {},
      securitySchemes: {
        cognitoIdToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito ID token of a signed-in user' },
        machineClient: {
          type: 'oauth2',
          description: 'Cognito app client with the client-credentials grant (resource server scopes)',
          flows: { clientCredentials: { tokenUrl: '/oauth2/token', scopes: {} } },
        },
      },
    },
  };
}

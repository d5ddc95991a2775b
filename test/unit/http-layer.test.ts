import { describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { routes } from '../../lib/definitions/index.js';
import { createHttpHandler, errorResponse, forAnyone, reply, type HttpEvent } from '../../functions/shared/http.js';
import { AppError } from '../../functions/shared/errors.js';

const context = { functionName: 'test', awsRequestId: 'r1', getRemainingTimeInMillis: () => 1000 } as unknown as Context;

function event(routeKey: string, extra: Partial<HttpEvent> = {}): HttpEvent {
  return {
    version: '2.0',
    routeKey,
    rawPath: '/',
    rawQueryString: '',
    headers: {},
    requestContext: {} as HttpEvent['requestContext'],
    isBase64Encoded: false,
    ...extra,
  };
}

/** A handler per catalog route that answers nothing: the tests override the routes they exercise. */
const catalogStubs = () =>
  Object.fromEntries(routes.filter((r) => r.context === 'catalog').map((r) => [`${r.method} ${r.path}`, forAnyone({ handle: async () => ({}) })]));

describe('HTTP layer', () => {
  it('refuses to build a handler whose routes drift from lib/definitions/routes.ts', () => {
    expect(() => createHttpHandler('catalog', {})).toThrow(/missing GET \/catalog\/categories/);
    const all = catalogStubs();
    expect(() => createHttpHandler('catalog', { ...all, 'GET /extra': forAnyone({ handle: async () => ({}) }) })).toThrow(/unknown GET \/extra/);
  });

  it('validates input with zod and maps failures to 400 VALIDATION_FAILED', async () => {
    const handler = createHttpHandler('catalog', {
      ...catalogStubs(),
      'GET /catalog/categories': forAnyone({ handle: async () => reply(201, { ok: true }) }),
      'GET /catalog/products': forAnyone({
        query: z.object({ limit: z.coerce.number().int().max(10) }),
        handle: async ({ query }) => ({ limit: query.limit }),
      }),
      'GET /catalog/products/{sku}': forAnyone({
        handle: async () => {
          throw new Error('secret detail');
        },
      }),
    });
    const ok = await handler(event('GET /catalog/products', { queryStringParameters: { limit: '5' } }), context);
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body!)).toEqual({ limit: 5 });

    const bad = await handler(event('GET /catalog/products', { queryStringParameters: { limit: '50' } }), context);
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body!).error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'query.limit' }] });
    // zod's issue code and its figures, for clients that word the problem in their own language.
    expect(JSON.parse(bad.body!).error.details).toEqual([
      { path: 'query.limit', message: expect.any(String), code: 'too_big', origin: 'number', maximum: 10, inclusive: true },
    ]);

    const created = await handler(event('GET /catalog/categories'), context);
    expect(created.statusCode).toBe(201);

    const crash = await handler(event('GET /catalog/products/{sku}'), context);
    expect(crash.statusCode).toBe(500);
    expect(crash.body).not.toContain('secret detail');
    expect(JSON.parse(crash.body!).error.code).toBe('INTERNAL_ERROR');
  });

  it('maps application errors to their status and code', () => {
    const response = errorResponse(new AppError(409, 'CONFLICT_X', 'Already there'));
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body!)).toEqual({ error: { code: 'CONFLICT_X', message: 'Already there' } });
  });
});

import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { routes, routeKey, type RouteDefinition } from '../../lib/definitions/index.js';
import { buildOpenApi } from '../../functions/apidocs/openapi.js';
import { apiContract } from '../../functions/contract.js';
import type { RouteContract } from '../../functions/shared/contract.js';
import { checkResponse, undeclaredFields } from '../support/contract-check.js';

const contracts = apiContract as Partial<Record<string, RouteContract>>;
const document = () => buildOpenApi(apiContract, { serverUrl: '.', version: 'test' });

/**
 * Routes whose contract is still being written (orders context, issue #14). The list may only
 * shrink: a new route without a contract fails, and so does a listed route that has one by now.
 */
const pendingContracts: string[] = [];

describe('API contract', () => {
  it('declares request and response schemas for every route of lib/definitions/routes.ts', () => {
    const missing = routes.map(routeKey).filter((key) => !contracts[key]?.response);
    expect(missing.filter((key) => !pendingContracts.includes(key))).toEqual([]);
    expect(
      pendingContracts.filter((key) => contracts[key]),
      'contracts written by now: remove them from pendingContracts',
    ).toEqual([]);
    const unknown = Object.keys(contracts).filter((key) => !routes.some((route) => routeKey(route) === key));
    expect(unknown).toEqual([]);
  });

  it('declares a path schema naming exactly the path parameters of each route', () => {
    for (const route of routes as readonly RouteDefinition[]) {
      const contract = contracts[routeKey(route)];
      if (!contract) continue;
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const declared = contract.params
        ? Object.keys((z.toJSONSchema(contract.params, { unrepresentable: 'any' }) as { properties?: object }).properties ?? {}).sort()
        : [];
      expect(declared, routeKey(route)).toEqual(names);
    }
  });

  it('generates a valid OpenAPI 3.1 document with every route and its error codes', async () => {
    const openApi = document();
    const result = await new Validator().validate(structuredClone(openApi) as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const route of routes as readonly RouteDefinition[]) {
      const operation = openApi.paths[route.path]?.[route.method.toLowerCase()] as { 'x-error-codes': string[]; responses: object } | undefined;
      expect(operation, routeKey(route)).toBeDefined();
      expect(operation!['x-error-codes']).toContain('INTERNAL_ERROR');
    }
    const operationIds = Object.values(openApi.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => (operation as { operationId: string }).operationId),
    );
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it('documents the route-specific error codes next to the common ones', () => {
    const quote = document().paths['/pricing/quote']?.post as { 'x-error-codes': string[] };
    expect(quote['x-error-codes']).toEqual(expect.arrayContaining(['UNKNOWN_AGREEMENT', 'VALIDATION_FAILED', 'UNAUTHENTICATED']));
    const shop = document().paths['/openapi.json']?.get as { 'x-error-codes': string[] };
    expect(shop['x-error-codes']).not.toContain('UNAUTHENTICATED');
  });
});

describe('response checks of the test client', () => {
  const agreements = { agreements: [{ id: 'std', name: 'Standard', kind: 'payment-terms', paymentTermDays: 30 }], defaultAgreementId: 'std' };

  it('accepts a response that matches its schema', () => {
    expect(() => checkResponse('GET', '/pricing/agreements', 200, agreements, 'application/json')).not.toThrow();
  });

  it('refuses a renamed field, an undeclared field, an undocumented status and an undocumented error code', () => {
    const renamed = { agreements: agreements.agreements, defaultAgreement: 'std' };
    expect(() => checkResponse('GET', '/pricing/agreements', 200, renamed, 'application/json')).toThrow(/does not match|does not declare/);
    const extra = { ...agreements, agreements: [{ ...agreements.agreements[0], internalNote: 'x' }] };
    expect(() => checkResponse('GET', '/pricing/agreements', 200, extra, 'application/json')).toThrow('$.agreements[0].internalNote');
    expect(() => checkResponse('GET', '/pricing/agreements', 201, agreements, 'application/json')).toThrow(/answered 201/);
    expect(() => checkResponse('POST', '/pricing/quote', 409, { error: { code: 'SOMETHING_NEW', message: '' } }, 'application/json')).toThrow(/does not list/);
    expect(() => checkResponse('POST', '/pricing/quote', 400, { error: { code: 'UNKNOWN_AGREEMENT', message: '' } }, 'application/json')).not.toThrow();
  });

  it('finds fields a schema stripped, in nested objects and arrays', () => {
    expect(undeclaredFields({ a: 1, b: { c: 2, d: [{ e: 1, f: 2 }] } }, { a: 1, b: { c: 2, d: [{ e: 1 }] } })).toEqual(['$.b.d[0].f']);
  });
});

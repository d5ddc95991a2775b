import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { routes } from '../../lib/definitions/index.js';
import { api, stack } from '../support/api.js';

describe('API description served by the portal', () => {
  it('serves a valid OpenAPI 3.1 document at /api/openapi.json with every route', async () => {
    const response = await api('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(response.body);
    expect(result.errors ?? []).toEqual([]);
    for (const route of routes) expect(response.body.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
  });

  it('serves the AsyncAPI document and a readable reference page', async () => {
    const asyncApi = await api('/asyncapi.json');
    expect(asyncApi.status).toBe(200);
    expect(asyncApi.body.asyncapi).toBe('3.0.0');
    expect(Object.keys(asyncApi.body.channels)).toEqual(expect.arrayContaining(['erpOutbound', 'erpInbound']));
    const page = await fetch(`${stack().apiUrl}/reference`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<code>/checkout/orders</code>');
    expect(html).toContain('IDEMPOTENCY_KEY_REQUIRED');
  });
});

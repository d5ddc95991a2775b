import { describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { routes } from '../../lib/definitions/index.js';
import { createHttpHandler, forAnyone, rawReply, type HttpEvent } from '../../functions/shared/http.js';

const context = { functionName: 'test', awsRequestId: 'r1', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
const event = (routeKey: string, extra: Partial<HttpEvent> = {}): HttpEvent => ({
  version: '2.0',
  routeKey,
  rawPath: '/',
  rawQueryString: '',
  headers: {},
  requestContext: {} as HttpEvent['requestContext'],
  isBase64Encoded: false,
  ...extra,
});

/** Partner protocols (punchout): bodies as text, replies as they are. */
describe('HTTP layer: raw bodies and replies', () => {
  const received: unknown[] = [];
  const endpoints = Object.fromEntries(
    routes.filter((route) => route.context === 'punchout').map((route) => [`${route.method} ${route.path}`, forAnyone({ handle: async () => ({}) })]),
  );
  const handler = createHttpHandler('punchout', {
    ...endpoints,
    'POST /punchout/cxml': forAnyone({
      rawBody: true,
      body: z.string().max(20),
      handle: async ({ body }) => {
        received.push(body);
        return rawReply(201, { 'content-type': 'text/xml' }, `<ok>${body.length}</ok>`);
      },
    }),
  });

  it('hands the body over as text, base64 decoded, and sends the reply with its own headers', async () => {
    const plain = await handler(event('POST /punchout/cxml', { body: '<cXML/>' }), context);
    expect(plain).toEqual({ statusCode: 201, headers: { 'cache-control': 'no-store', 'content-type': 'text/xml' }, body: '<ok>7</ok>' });
    const encoded = await handler(event('POST /punchout/cxml', { body: Buffer.from('<a>ü</a>').toString('base64'), isBase64Encoded: true }), context);
    expect(encoded.body).toBe('<ok>8</ok>');
    expect(received).toEqual(['<cXML/>', '<a>ü</a>']);
  });

  it('still validates the text against the schema', async () => {
    const tooLong = await handler(event('POST /punchout/cxml', { body: 'x'.repeat(21) }), context);
    expect(tooLong.statusCode).toBe(400);
    expect(JSON.parse(tooLong.body!).error.code).toBe('VALIDATION_FAILED');
    const empty = await handler(event('POST /punchout/cxml'), context);
    expect(empty.body).toBe('<ok>0</ok>');
  });
});

/**
 * The API calls of issue 18 with the SDK requests each one sends, read from the headers the local
 * gateway adds (local/sdk-requests.ts). Shared by bench/requests.ts and the integration test that
 * pins the figures (test/integration/request-counts.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { dynamodbRequestsHeader, parseCountHeader, sdkRequestsHeader, total } from '../../local/sdk-requests.js';

export interface CountedCall {
  readonly call: string;
  /** DynamoDB requests of the invocation (a transaction counts once). */
  readonly dynamodb: number;
  /** DynamoDB requests per operation. */
  readonly operations: Record<string, number>;
  /** All SDK requests per service. */
  readonly services: Record<string, number>;
  /** The issue's target for DynamoDB requests. */
  readonly target: number;
  /** The figure measured when the issue was filed. */
  readonly before: number;
}

/** Issue 18's table: call → DynamoDB requests when filed, target. */
export const requestTargets = {
  catalogList: { call: 'GET catalog products (category)', before: 6, target: 2 },
  productDetail: { call: 'GET product detail', before: 8, target: 3 },
  quote50: { call: 'POST pricing quote, 50 lines', before: 5, target: 3 },
  addToCart: { call: 'POST cart lines (add 1)', before: 17, target: 4 },
  viewCart: { call: 'GET cart', before: 10, target: 3 },
  preview: { call: 'POST checkout preview', before: 21, target: 6 },
  placeOrder: { call: 'place order until 202', before: 27, target: 8 },
} as const;
export type CountedKey = keyof typeof requestTargets;

/**
 * Runs the calls as the buyer behind `token` (the cart is emptied first, so "GET cart" shows one
 * line): catalog page, product detail, a 50-line quote, add one line, view the cart, preview and
 * place the order (until its 202).
 */
export async function measureRequests(apiUrl: string, token: string): Promise<Record<CountedKey, CountedCall>> {
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    const operations = parseCountHeader(response.headers.get(dynamodbRequestsHeader));
    const services = parseCountHeader(response.headers.get(sdkRequestsHeader));
    return { status: response.status, body: text ? JSON.parse(text) : undefined, operations, services };
  };
  const results = {} as Record<CountedKey, CountedCall>;
  const counted = async (key: CountedKey, method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const answer = await send(method, path, body, headers);
    if (process.env.REQUESTS_VERBOSE) console.error(`${method} ${path}: ${JSON.stringify(answer.operations)}`);
    results[key] = { ...requestTargets[key], dynamodb: total(answer.operations), operations: answer.operations, services: answer.services };
    return answer;
  };

  await send('DELETE', '/cart');
  const skus: string[] = [];
  for (const category of ['hand-tools', 'safety', 'adhesives']) {
    const page = await send('GET', `/catalog/products?category=${category}&limit=20`);
    skus.push(...page.body.products.map((product: { sku: string }) => product.sku));
  }
  const page = await counted('catalogList', 'GET', '/catalog/products?category=electrical&limit=20');
  const stocked = page.body.products.find((product: { availability: { quantity: number } }) => product.availability.quantity >= 10) ?? page.body.products[0];
  await counted('productDetail', 'GET', `/catalog/products/${stocked.sku}`);
  await counted('quote50', 'POST', '/pricing/quote', { lines: skus.slice(0, 50).map((sku, index) => ({ sku, quantity: String(index + 1) })) });
  await counted('addToCart', 'POST', '/cart/lines', { lines: [{ sku: stocked.sku, quantity: 1 }] });
  await counted('viewCart', 'GET', '/cart');
  const delivery = { kind: 'pickup', warehouseId: 'stuttgart' };
  await counted('preview', 'POST', '/checkout/preview', { delivery });
  const placed = await counted('placeOrder', 'POST', '/checkout/orders', { delivery, paymentMethod: 'bank-prepayment' }, { 'idempotency-key': randomUUID() });
  if (placed.status !== 202) throw new Error(`place order answered ${placed.status}`);
  return results;
}

/** The issue's table with today's figures (markdown). */
export function requestTable(results: Record<CountedKey, CountedCall>): string {
  const rows = Object.values(results).map((row) => {
    const operations = Object.entries(row.operations)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ');
    const others = Object.entries(row.services)
      .filter(([service]) => service !== 'dynamodb')
      .map(([service, value]) => `${service} ${value}`)
      .join(', ');
    const status = row.dynamodb <= row.target ? 'met' : 'not yet';
    return `| ${row.call} | ${row.before} | ${row.dynamodb} | ≤ ${row.target} | ${status} | ${operations}${others ? `; other SDK: ${others}` : ''} |`;
  });
  return ['| call | DynamoDB requests when filed | today | target | status | today by operation |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

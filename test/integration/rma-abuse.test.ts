import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { stack } from '../support/api.js';
import { newCompanyWithBuyers } from '../support/accounts.js';
import { fillCart, placeOrder, settledOrder, stockedSku } from '../support/orders.js';

/**
 * Issue 12 finding 7a: guest RMA lookups are limited per client and order number with back-off, so
 * a stranger guessing e-mails for an order number never locks its rightful buyer out. The local
 * gateway takes the client from `X-Forwarded-For` (loopback only, local stack only).
 */

/** A documentation-range address nobody else in the suite uses. */
const clientIp = () => `198.51.${randomInt(0, 255)}.${randomInt(1, 254)}`;

async function guest(path: string, body: Record<string, unknown>, ip: string) {
  const response = await fetch(`${stack().apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: text ? JSON.parse(text) : undefined };
}
const lookup = (orderNumber: string, email: string, ip: string) => guest('/rma/guest/lookup', { orderNumber, email }, ip);

let order: { orderNumber: string; email: string };

beforeAll(async () => {
  const { companyId, admin } = await newCompanyWithBuyers(1);
  await fillCart(admin, [{ sku: await stockedSku(admin, 'safety', 2), quantity: 1 }]);
  const placed = await placeOrder(admin, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'bank-prepayment' });
  expect(placed.status, JSON.stringify(placed.body)).toBe(202);
  const settled = await settledOrder(admin, companyId, placed.body.orderId, 60_000);
  order = { orderNumber: settled.orderNumber, email: settled.placedBy.email };
}, 120_000);

describe('guest RMA lookups: limits per client and order, with back-off', () => {
  it('40 wrong e-mails from client A lock out A only: the rightful buyer on client B gets in, A waits (429 + Retry-After)', async () => {
    const attacker = clientIp();
    const outcomes: { status: number; retryAfter: string | null; code?: string }[] = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      const response = await lookup(order.orderNumber, `guess-${attempt}@example.com`, attacker);
      outcomes.push({ status: response.status, retryAfter: response.retryAfter, code: response.body?.error?.code });
    }
    // Six free tries (what the guest form may send at once), each looking like an unknown order …
    expect(outcomes.slice(0, 6).map((outcome) => outcome.status)).toEqual([404, 404, 404, 404, 404, 404]);
    // … then the attacker's client waits; refused attempts do not get to compare the e-mail.
    for (const outcome of outcomes.slice(6)) {
      expect(outcome.status).toBe(429);
      expect(outcome.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(outcome.retryAfter)).toBeGreaterThan(0);
      expect(Number(outcome.retryAfter)).toBeLessThanOrEqual(30);
    }

    // The rightful buyer on another client is not affected.
    const rightful = await lookup(order.orderNumber.toLowerCase(), order.email.toUpperCase(), clientIp());
    expect(rightful.status, JSON.stringify(rightful.body)).toBe(200);
    expect(rightful.body.orderNumber).toBe(order.orderNumber);
    // A stays locked even with the right e-mail (it cannot find out that it guessed right).
    const attackerRight = await lookup(order.orderNumber, order.email, attacker);
    expect(attackerRight.status).toBe(429);
    expect(Number(attackerRight.retryAfter)).toBeGreaterThan(0);
    // A third client's typo is just a 404, and then the right e-mail works there too.
    const other = clientIp();
    expect((await lookup(order.orderNumber, 'typo@example.com', other)).status).toBe(404);
    expect((await lookup(order.orderNumber, order.email, other)).status).toBe(200);
  }, 60_000);

  it('parallel attempts of one client cannot slip past the back-off', async () => {
    const attacker = clientIp();
    const responses = await Promise.all(Array.from({ length: 20 }, (_, index) => lookup(order.orderNumber, `parallel-${index}@example.com`, attacker)));
    expect(responses.filter((response) => response.status === 404)).toHaveLength(6);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(14);
  }, 60_000);

  it('the right e-mail clears the client counter: a buyer who mistyped five times still gets in and uploads six photos at once', async () => {
    const buyer = clientIp();
    for (let attempt = 0; attempt < 5; attempt++) expect((await lookup(order.orderNumber, `typo-${attempt}@example.com`, buyer)).status).toBe(404);
    expect((await lookup(order.orderNumber, order.email, buyer)).status).toBe(200);
    // The guest form then uploads six photos at once: all of them pass.
    const uploads = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        guest('/rma/guest/photo-uploads', { ...order, fileName: `photo-${index}.png`, contentType: 'image/png', size: 100 }, buyer),
      ),
    );
    expect(uploads.map((upload) => upload.status)).toEqual([201, 201, 201, 201, 201, 201]);
  }, 60_000);

  it('across order numbers one client has a daily cap (enumeration), other clients are not affected', async () => {
    const scanner = clientIp();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 31; attempt++) {
      const number = `ORD-2026-${String(900_000 + randomInt(0, 99_999)).padStart(6, '0')}`;
      statuses.push((await lookup(number, 'probe@example.com', scanner)).status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
    const capped = await lookup(order.orderNumber, order.email, scanner);
    expect(capped.status).toBe(429);
    expect(capped.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(capped.retryAfter)).toBeGreaterThan(0);
    expect(Number(capped.retryAfter)).toBeLessThanOrEqual(86_400);
    expect((await lookup(order.orderNumber, order.email, clientIp())).status).toBe(200);
  }, 60_000);
});

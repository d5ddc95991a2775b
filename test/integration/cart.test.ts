import { describe, expect, it } from 'vitest';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
import { fillCart } from '../support/orders.js';

describe('cart', () => {
  it('takes a quick order pasted from a spreadsheet and reports what it could not read', async () => {
    const token = await signIn(users.muellerBuyer);
    await api('/cart', { token, method: 'DELETE' });
    const { status, body } = await api('/cart/quick-order', {
      token,
      method: 'POST',
      body: { text: 'HAN-0211;3\nhan-0212 2\nNOPE-1,4\n# comment\nthis is not a line\nCLE-0911\t0,75' },
    });
    expect(status).toBe(200);
    expect(body.added).toBe(3);
    expect(body.unknownSkus).toEqual(['NOPE-1']);
    expect(body.invalidLines).toEqual([{ line: 5, text: 'this is not a line' }]);
    expect(body.cart.lines.map((line: { sku: string; quantity: string }) => [line.sku, line.quantity])).toEqual([
      ['HAN-0211', '3'],
      ['HAN-0212', '2'],
      ['CLE-0911', '0.75'],
    ]);
    expect(body.cart.quote.lines).toHaveLength(3);
    expect(body.cart.suggestions.length).toBeGreaterThan(0);
  });

  it('merges repeated additions, changes and removes lines, and refuses unknown products', async () => {
    const token = await signIn(users.muellerBuyer);
    await fillCart(token, [{ sku: 'HAN-0211', quantity: '1.5' }]);
    const merged = await api('/cart/lines', { token, method: 'POST', body: { lines: [{ sku: 'HAN-0211', quantity: 2 }] } });
    expect(merged.body.lines[0].quantity).toBe('3.5');
    const changed = await api('/cart/lines/HAN-0211', { token, method: 'PUT', body: { quantity: '4' } });
    expect(changed.body.lines[0].quantity).toBe('4');
    const removed = await api('/cart/lines/HAN-0211', { token, method: 'PUT', body: { quantity: 0 } });
    expect(removed.body.lines).toEqual([]);
    const unknown = await api('/cart/lines', { token, method: 'POST', body: { lines: [{ sku: 'NOPE-2', quantity: 1 }] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('UNKNOWN_PRODUCT');
  });

  it('saves and restores carts, and shows every employee’s cart to the company admin and the rep only', async () => {
    const buyer = await signIn(users.muellerBuyer);
    await fillCart(buyer, [{ sku: 'ABR-0411', quantity: 5 }]);
    const saved = await api('/cart/saved', { token: buyer, method: 'POST', body: { name: 'Monthly abrasives' } });
    expect(saved.status).toBe(201);
    await api('/cart', { token: buyer, method: 'DELETE' });
    const restored = await api(`/cart/saved/${saved.body.cartId}/restore`, { token: buyer, method: 'POST' });
    expect(restored.body.lines.map((line: { sku: string }) => line.sku)).toEqual(['ABR-0411']);
    expect((await api('/cart/saved', { token: buyer })).body.carts.map((cart: { name: string }) => cart.name)).toContain('Monthly abrasives');

    const carts = await api('/companies/mueller-bau/carts', { token: await signIn(users.muellerAdmin) });
    expect(carts.body.carts.some((cart: { lines: { sku: string }[] }) => cart.lines.some((line) => line.sku === 'ABR-0411'))).toBe(true);
    expect((await api('/companies/mueller-bau/carts', { token: await signIn(users.rep, 'console') })).status).toBe(200);
    expect((await api('/companies/mueller-bau/carts', { token: buyer })).status).toBe(403);
    expect((await api('/companies/mueller-bau/carts', { token: await signIn(users.nowakAdmin) })).status).toBe(403);
    expect((await api(`/cart/saved/${saved.body.cartId}`, { token: buyer, method: 'DELETE' })).status).toBe(200);
  });
});

describe('carrier branches', () => {
  it('lists the demo carrier’s cities and the branches of one city, accents optional', async () => {
    const token = await signIn(users.nowakBuyer);
    const cities = await api('/checkout/carriers/hartmann-express/branches', { token });
    expect(cities.body.cities.length).toBeGreaterThanOrEqual(8);
    const lodz = await api('/checkout/carriers/hartmann-express/branches?city=Lodz', { token });
    expect(lodz.body.branches.length).toBeGreaterThanOrEqual(2);
    expect(lodz.body.branches[0]).toMatchObject({ id: expect.any(String), address: { country: 'PL' } });
    expect((await api('/checkout/carriers/no-such/branches', { token })).status).toBe(404);
  });
});

describe('credit and prepaid administration', () => {
  it('applies a credit limit sent by the ERP sync and a top-up booked by back-office', async () => {
    const sqs = new SQSClient(awsConfig(stack().sqsEndpoint));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: stack().env.ERP_INBOUND_QUEUE_URL,
        MessageBody: JSON.stringify({ type: 'credit.limit', companyId: 'nowak-instalacje', limit: { amount: 500_000, currency: 'PLN' } }),
      }),
    );
    const token = await signIn(users.nowakAdmin);
    await expect.poll(async () => (await api('/companies/nowak-instalacje/credit', { token })).body.credit.limit.amount, { timeout: 10_000 }).toBe(500_000);

    const backOffice = await signIn(users.backOffice, 'console');
    const before = (await api('/companies/nowak-instalacje/credit', { token })).body.prepaid.balance.amount;
    const reference = `BANK-${Date.now()}`;
    const topUp = await api('/console/companies/nowak-instalacje/prepaid-top-ups', {
      token: backOffice,
      method: 'POST',
      body: { amount: { amount: 25_000, currency: 'PLN' }, reference },
    });
    expect(topUp.status).toBe(200);
    expect(topUp.body.prepaid.balance.amount).toBe(before + 25_000);
    const again = await api('/console/companies/nowak-instalacje/prepaid-top-ups', {
      token: backOffice,
      method: 'POST',
      body: { amount: { amount: 25_000, currency: 'PLN' }, reference },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE_REFERENCE');
    expect(
      (
        await api('/console/companies/nowak-instalacje/prepaid-top-ups', {
          token,
          method: 'POST',
          body: { amount: { amount: 1, currency: 'PLN' }, reference: 'x' },
        })
      ).status,
    ).toBe(403);
    const lowered = await api('/console/companies/nowak-instalacje/credit-limit', {
      token: backOffice,
      method: 'PUT',
      body: { limit: { amount: 100_000, currency: 'PLN' } },
    });
    expect(lowered.body).toMatchObject({ limit: { amount: 100_000 }, available: { amount: 100_000 - lowered.body.used.amount } });
    const otherCurrency = await api('/console/companies/nowak-instalacje/credit-limit', {
      token: backOffice,
      method: 'PUT',
      // Nowak's credit line is kept in PLN (its agreements fix PLN): the shop's EUR is refused, not relabelled.
      body: { limit: { amount: 100_000, currency: 'EUR' } },
    });
    expect(otherCurrency.status).toBe(409);
    expect(otherCurrency.body.error.code).toBe('CURRENCY_MISMATCH');
  });
});

import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { outbox } from '../support/accounts.js';
import { api, signIn, users } from '../support/api.js';
import { fillCart, stockedSku } from '../support/orders.js';

/**
 * Issue 17 item 4: a quote made from an employee's cart takes exactly those lines out of the cart when
 * it is accepted; the quote e-mail reaches that employee and the admins; PDF and e-mail name the rep and
 * the terms in words, never the internal codes.
 */
const company = 'mueller-bau';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const INTERNAL_CODES = ['own-transport', 'bank-prepayment', 'warehouseId', 'paymentMethod'];

describe('quote from a taken-over cart', () => {
  it('accepting it removes the taken-over lines from the cart; mail to the cart owner and the admins; readable terms and rep name', async () => {
    const [rep, buyer, admin] = await Promise.all([signIn(users.rep, 'console'), signIn(users.muellerBuyer), signIn(users.muellerAdmin)]);
    const a = await stockedSku(buyer, 'electrical', 10);
    const b = await stockedSku(buyer, 'electrical', 10, [a]);
    const c = await stockedSku(buyer, 'electrical', 10, [a, b]);
    await fillCart(buyer, [
      { sku: a, quantity: 3 },
      { sku: b, quantity: 2 },
    ]);
    const carts = await api(`/companies/${company}/carts`, { token: rep });
    const buyerCart = carts.body.carts.find((cart: { lines: { sku: string }[] }) => cart.lines.some((line) => line.sku === a));
    expect(buyerCart).toBeTruthy();

    // The rep quotes 5 of A (the cart had 3) and adds C; the cart lines taken over are recorded.
    const created = await api(`/companies/${company}/offers`, {
      token: rep,
      method: 'POST',
      body: {
        fromCartOf: buyerCart.ownerSub,
        lines: [
          { sku: a, quantity: '5' },
          { sku: c, quantity: '1' },
        ],
        terms: { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'bank-prepayment', validUntil: inDays(10) },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.version.source).toMatchObject({
      kind: 'cart',
      ownerSub: buyerCart.ownerSub,
      lines: [
        { sku: a, quantity: '3' },
        { sku: b, quantity: '2' },
      ],
    });
    const repName = created.body.version.createdBy.name as string;
    expect(repName.length).toBeGreaterThan(0);
    const offerId = created.body.offerId as string;
    const quoteNumber = created.body.quoteNumber as string;

    // Meanwhile the buyer adds one more B and a new line C: those stay in the cart.
    expect(
      (
        await api('/cart/lines', {
          token: buyer,
          method: 'POST',
          body: {
            lines: [
              { sku: b, quantity: 1 },
              { sku: c, quantity: 4 },
            ],
          },
        })
      ).status,
    ).toBe(200);

    const sent = await api(`/companies/${company}/offers/${offerId}/send`, { token: rep, method: 'POST' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const [buyerEmail, adminEmail] = [users.muellerBuyer, users.muellerAdmin];
    const mails = (await outbox()).filter((message) => message.subject.includes(quoteNumber));
    const recipients = mails.flatMap((message) => message.to);
    expect(recipients).toContain(buyerEmail);
    expect(recipients).toContain(adminEmail);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(sent.body.mailedTo).toBe(recipients.length);
    for (const mail of mails) {
      expect(mail.text).toContain(repName);
      expect(mail.text).toMatch(/Stuttgart/);
      expect(mail.text).toMatch(/Vorkasse per Überweisung|Bank prepayment|Przedpłata przelewem/);
      for (const code of INTERNAL_CODES) expect(mail.text).not.toContain(code);
    }

    // The PDF names the rep and the terms in words.
    const link = await api(`/companies/${company}/offers/${offerId}/pdf`, { token: admin });
    expect(link.status).toBe(200);
    const pdf = Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
    const text = execFileSync('pdftotext', ['-raw', '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
    expect(text).toContain(repName);
    expect(text).toMatch(/Abholung in Stuttgart|Pickup in Stuttgart|Odbiór osobisty w magazynie: Stuttgart/);
    expect(text).toMatch(/Vorkasse per Überweisung|Bank prepayment|Przedpłata przelewem/);
    for (const code of INTERNAL_CODES) expect(text).not.toContain(code);

    // The admin accepts: exactly the taken-over 3 A and 2 B leave the buyer's cart; 1 B and 4 C stay.
    const accepted = await api(`/companies/${company}/offers/${offerId}/acceptance`, {
      token: admin,
      method: 'POST',
      body: { version: 1 },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const after = await api('/cart', { token: buyer });
    expect(after.status).toBe(200);
    const left = Object.fromEntries(after.body.lines.map((line: { sku: string; quantity: string }) => [line.sku, line.quantity]));
    expect(left).toEqual({ [b]: '1', [c]: '4' });
  });

  it("a quote from someone else's cart leaves the accepting admin's own cart alone; scratch quotes touch no cart", async () => {
    const [rep, buyer, admin] = await Promise.all([signIn(users.rep, 'console'), signIn(users.muellerBuyer), signIn(users.muellerAdmin)]);
    const a = await stockedSku(buyer, 'electrical', 5);
    await fillCart(buyer, [{ sku: a, quantity: 2 }]);
    await fillCart(admin, [{ sku: a, quantity: 2 }]);
    const created = await api(`/companies/${company}/offers`, {
      token: rep,
      method: 'POST',
      body: {
        lines: [{ sku: a, quantity: '2' }],
        terms: { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account', validUntil: inDays(10) },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await api(`/companies/${company}/offers/${created.body.offerId}/send`, { token: rep, method: 'POST' })).status).toBe(200);
    const mails = (await outbox()).filter((message) => message.subject.includes(created.body.quoteNumber));
    expect(mails.flatMap((message) => message.to)).not.toContain(users.muellerBuyer);
    for (const mail of mails) expect(mail.text).not.toContain('on-account');
    const accepted = await api(`/companies/${company}/offers/${created.body.offerId}/acceptance`, {
      token: admin,
      method: 'POST',
      body: { version: 1 },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    for (const token of [buyer, admin]) {
      const cart = await api('/cart', { token });
      expect(cart.body.lines.map((line: { sku: string; quantity: string }) => [line.sku, line.quantity])).toEqual([[a, '2']]);
    }
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, signIn, useStackInProcess, users } from '../support/api.js';
import { erpEventsSince } from '../support/accounts.js';
import { stockedSku } from '../support/orders.js';
import { confirmedOrder } from '../support/order-admin.js';

/** Goodwill on an invoiced order: a credit note per adjustment lowers the invoice's open amount; added items are refused. */
const company = 'mueller-bau';
const base = (orderId: string, companyId = company) => `/console/orders/${companyId}/${orderId}`;
type Amount = { amount: number; currency: string };

describe('goodwill after invoicing', () => {
  it('issues one credit note per adjustment (retries included), lowers the open amount, restores trade credit and shows it to the buyer', async () => {
    const [buyer, backOffice, rep, nowakBuyer] = await Promise.all([
      signIn(users.muellerBuyer),
      signIn(users.backOffice, 'console'),
      signIn(users.rep, 'console'),
      signIn(users.nowakBuyer),
    ]);
    const first = await stockedSku(buyer, 'electrical', 5);
    const second = await stockedSku(buyer, 'electrical', 5, [first]);
    const order = await confirmedOrder(buyer, company, [
      { sku: first, quantity: '3' },
      { sku: second, quantity: '1' },
    ]);
    expect(order.invoiceNumber).toBeTruthy();
    const invoiceOf = async () => {
      const { body } = await api(`/companies/${company}/documents?kind=invoice`, { token: buyer });
      return body.invoices.find((entry: { number: string }) => entry.number === order.invoiceNumber) as { open: Amount; credited: Amount; total: Amount };
    };
    const creditNotesOf = async () => {
      const { status, body } = await api(`/companies/${company}/documents?kind=credit-note`, { token: buyer });
      expect(status).toBe(200);
      return (body.creditNotes as { number: string; invoiceNumber: string; gross: Amount; reason: string; appliedToInvoice: Amount }[]).filter(
        (entry) => entry.invoiceNumber === order.invoiceNumber,
      );
    };
    const credit = async () => (await api(`/companies/${company}/credit`, { token: buyer })).body.credit as { used: Amount; available: Amount };
    const invoiceBefore = await invoiceOf();
    const creditBefore = await credit();
    expect(await creditNotesOf()).toEqual([]);
    const since = Date.now();

    const goodwill = Math.min(1_234, order.net.amount);
    const adjustmentId = randomUUID();
    const request = { amount: { amount: goodwill, currency: 'EUR' }, reason: 'Late delivery', expectedVersion: 0, adjustmentId };
    const adjusted = await api(`${base(order.orderId)}/adjustments`, { token: backOffice, method: 'POST', body: request });
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(201);
    expect(adjusted.body.adjustment.adjustmentId).toBe(adjustmentId);
    expect(adjusted.body.order.net.amount).toBe(order.net.amount - goodwill);
    const creditNote = adjusted.body.creditNote as { creditNoteNumber: string; invoiceNumber: string; gross: Amount };
    expect(creditNote).toMatchObject({ invoiceNumber: order.invoiceNumber, creditNoteNumber: expect.stringMatching(/^CN-\d{4}-\d{6}$/) });

    // The credit note carries exactly the goodwill: its net per VAT rate is what the order lost per rate, VAT on top.
    const notes = await creditNotesOf();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      number: creditNote.creditNoteNumber,
      reason: 'Goodwill discount',
      gross: creditNote.gross,
      appliedToInvoice: creditNote.gross,
    });
    const perRate = order.vatBreakdown
      .map((group: { rate: number; net: Amount }) => ({
        rate: group.rate,
        share: group.net.amount - adjusted.body.order.vatBreakdown.find((after: { rate: number }) => after.rate === group.rate).net.amount,
      }))
      .filter((group: { share: number }) => group.share > 0);
    expect(perRate.reduce((sum: number, group: { share: number }) => sum + group.share, 0)).toBe(goodwill);
    const expectedGross = perRate.reduce(
      (sum: number, group: { rate: number; share: number }) => sum + group.share + Math.round((group.share * group.rate) / 10_000),
      0,
    );
    expect(creditNote.gross).toEqual({ amount: expectedGross, currency: 'EUR' });

    // The invoice's open amount drops by exactly the credit note; trade credit comes back by as much (once).
    const invoiceAfter = await invoiceOf();
    expect(invoiceAfter.open.amount).toBe(invoiceBefore.open.amount - creditNote.gross.amount);
    expect(invoiceAfter.credited.amount).toBe(invoiceBefore.credited.amount + creditNote.gross.amount);
    expect(invoiceAfter.total).toEqual(invoiceBefore.total);
    const creditAfter = await credit();
    expect(creditBefore.used.amount - creditAfter.used.amount).toBe(creditNote.gross.amount);
    expect(creditAfter.available.amount - creditBefore.available.amount).toBe(creditNote.gross.amount);

    // A retry with the same adjustment id (also concurrently) changes nothing and returns the same credit note.
    const retries = await Promise.all([1, 2].map(() => api(`${base(order.orderId)}/adjustments`, { token: backOffice, method: 'POST', body: request })));
    for (const retry of retries) {
      expect(retry.status, JSON.stringify(retry.body)).toBe(201);
      expect(retry.body.creditNote).toEqual(creditNote);
      expect(retry.body.order.version).toBe(1);
      expect(retry.body.order.adjustments).toHaveLength(1);
    }
    // A double click without an id: the second request edits a stale version and is refused.
    const stale = await api(`${base(order.orderId)}/adjustments`, { token: backOffice, method: 'POST', body: { ...request, adjustmentId: undefined } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('ORDER_CHANGED');
    const reused = await api(`${base(order.orderId)}/adjustments`, {
      token: backOffice,
      method: 'POST',
      body: { ...request, amount: { amount: goodwill + 1, currency: 'EUR' } },
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('ADJUSTMENT_ID_REUSED');
    expect(await creditNotesOf()).toHaveLength(1);
    expect((await invoiceOf()).open).toEqual(invoiceAfter.open);
    expect(await credit()).toEqual(creditAfter);

    // Staff detail shows the credit note of the adjustment.
    const detail = await api(base(order.orderId), { token: rep });
    expect(detail.body.order.adjustments).toEqual([expect.objectContaining({ adjustmentId, creditNoteNumber: creditNote.creditNoteNumber })]);

    // Added items on an invoiced order are refused (no supplementary invoice from the ERP).
    const items = await api(`${base(order.orderId)}/items`, {
      token: backOffice,
      method: 'POST',
      body: { lines: [{ sku: first, quantity: '1' }], expectedVersion: 1 },
    });
    expect(items.status).toBe(409);
    expect(items.body.error.code).toBe('ORDER_INVOICED');
    expect((await api(`/companies/${company}/orders/${order.orderId}`, { token: buyer })).body.lines).toHaveLength(2);

    // The ERP hears of the change once.
    const events = (await erpEventsSince(since)).filter((event) => event.type === 'order.changed' && event.data.orderId === order.orderId);
    expect(events.map((event) => event.data.change)).toEqual(['adjustment.added']);

    // Tenancy: the buyer never reaches the console route, another company sees no credit note.
    expect((await api(`${base(order.orderId)}/adjustments`, { token: buyer, method: 'POST', body: request })).status).toBe(403);
    expect((await api(`/companies/${company}/documents?kind=credit-note`, { token: nowakBuyer })).status).toBe(403);
  });

  it('refuses goodwill the invoice can no longer carry (earlier credit notes) before the order changes', async () => {
    // An earlier credit note (as the RMA workflow issues it, in-process against the stack) leaves a few cents creditable.
    useStackInProcess();
    const { issueCreditNote } = await import('../../functions/invoices/credit-notes.js');
    const { invoiceOrderOf } = await import('../../functions/orders/service.js');
    const [buyer, backOffice] = await Promise.all([signIn(users.muellerBuyer), signIn(users.backOffice, 'console')]);
    const order = await confirmedOrder(buyer, company, [{ sku: await stockedSku(buyer, 'electrical', 3), quantity: '2' }]);
    const total = order.gross.amount + order.deliveryFee.amount;
    const unitNet = Math.floor(total / 1.19) - 2;
    const rma = await issueCreditNote({
      companyId: company,
      invoiceNumber: order.invoiceNumber,
      reason: 'Returned goods',
      source: { kind: 'rma', id: `rma-${randomUUID()}` },
      lines: [
        {
          sku: order.lines[0].sku,
          name: order.lines[0].name,
          unit: order.lines[0].unit,
          quantity: '1',
          unitNet: { amount: unitNet, currency: 'EUR' },
          vatRate: 1900,
        },
      ],
      order: invoiceOrderOf(order),
    });
    expect(total - rma.gross.amount).toBeLessThan(100);

    const refused = await api(`${base(order.orderId)}/adjustments`, {
      token: backOffice,
      method: 'POST',
      body: { amount: { amount: 100, currency: 'EUR' }, reason: 'Too late', expectedVersion: 0 },
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error.code).toBe('CREDIT_EXCEEDS_INVOICE');
    const detail = await api(base(order.orderId), { token: backOffice });
    expect(detail.body.order.version).toBe(0);
    expect(detail.body.order.adjustments ?? []).toEqual([]);
    expect(detail.body.order.gross).toEqual(order.gross);
  });
});

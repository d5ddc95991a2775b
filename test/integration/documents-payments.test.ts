import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, signIn, useStackInProcess, users } from '../support/api.js';
import { fillCart, placeOrder, settledOrder, stockedSku as anyStockedSku, totalOf } from '../support/orders.js';
import { validateAgainstXsd } from '../support/xsd.js';
import { pdfAttachments, rejections, validateEInvoices } from '../support/einvoice-validators.js';

/**
 * Document portal, payments, camt.053 import and credit notes against the local stack. All
 * invoices belong to Müller Bau (on account, trade credit); the statements are the fixture files in
 * test/fixtures/camt053 with this run's invoice numbers and amounts filled in.
 */

const company = 'mueller-bau';
const XSD = 'test/fixtures/xsd/cii-d16b/Factur-X_1.07.3_EN16931.xsd';

interface Invoiced {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly invoiceNumber: string;
  readonly total: number;
}

/** Every e-invoice these tests download (standalone XML and the PDF's factur-x.xml), validated in one batch at the end. */
const eInvoices: Record<string, string> = {};
const facturX = (pdf: Buffer): string => {
  const files = pdfAttachments(pdf);
  expect(Object.keys(files)).toEqual(['factur-x.xml']);
  return files['factur-x.xml']?.toString('utf8') ?? '';
};

const decimal = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

function statement(file: string, values: Record<string, string>): string {
  return readFileSync(new URL(`../fixtures/camt053/${file}`, import.meta.url), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for {{${name}}}`);
    return value;
  });
}

let buyer: string;
let admin: string;
let backOffice: string;
let rep: string;
let nowakAdmin: string;

/** A product the Stuttgart warehouse (pickup) has enough of. */
const stockedSku = (token: string, category: string, minimum: number, exclude: readonly string[] = []) =>
  anyStockedSku(token, category, minimum, exclude, 'stuttgart');

async function invoicedOrder(sku: string, quantity: number): Promise<Invoiced> {
  await fillCart(buyer, [{ sku, quantity }]);
  const placed = await placeOrder(buyer, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' });
  expect(placed.status, JSON.stringify(placed.body)).toBe(202);
  const order = await settledOrder(buyer, company, placed.body.orderId);
  expect(order.status).toBe('confirmed');
  // The invoice record is written by the saga's invoice step; wait until the portal shows it.
  for (let attempt = 0; attempt < 100; attempt++) {
    const invoice = await api(`/companies/${company}/invoices/${order.invoiceNumber}`, { token: buyer });
    if (invoice.status === 200) return { orderId: order.orderId, orderNumber: order.orderNumber, invoiceNumber: order.invoiceNumber, total: totalOf(order) };
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Invoice ${order.invoiceNumber} never appeared`);
}

const invoice = async (number: string) => (await api(`/companies/${company}/invoices/${number}`, { token: backOffice })).body;
const credit = async () => (await api(`/companies/${company}/credit`, { token: admin })).body.credit;

beforeAll(async () => {
  [buyer, admin, backOffice, rep, nowakAdmin] = await Promise.all([
    signIn(users.muellerBuyer),
    signIn(users.muellerAdmin),
    signIn(users.backOffice, 'console'),
    signIn(users.rep, 'console'),
    signIn(users.nowakAdmin),
  ]);
});

describe('document portal', () => {
  let first: Invoiced;

  beforeAll(async () => {
    first = await invoicedOrder(await stockedSku(buyer, 'hand-tools', 3), 3);
  });

  it('lists invoices with total, open and paid amounts, due date and overdue flag, plus a summary', async () => {
    const { status, body } = await api(`/companies/${company}/documents?kind=invoice&status=open`, { token: buyer });
    expect(status).toBe(200);
    const listed = body.invoices.find((entry: { number: string }) => entry.number === first.invoiceNumber);
    expect(listed).toMatchObject({
      kind: 'invoice',
      orderNumber: first.orderNumber,
      status: 'open',
      overdue: false,
      total: { amount: first.total, currency: 'EUR' },
      open: { amount: first.total, currency: 'EUR' },
      paid: { amount: 0, currency: 'EUR' },
      formats: ['pdf', 'xml'],
    });
    expect(listed.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}/);
    const eur = body.summary.find((entry: { currency: string }) => entry.currency === 'EUR');
    expect(eur.totalOpen.amount).toBeGreaterThanOrEqual(first.total);
    expect(eur.openInvoices).toBeGreaterThanOrEqual(1);
    expect(body.nextCursor === null || typeof body.nextCursor === 'string').toBe(true);

    const paidOnly = await api(`/companies/${company}/documents?kind=invoice&status=paid`, { token: buyer });
    expect(paidOnly.body.invoices.some((entry: { number: string }) => entry.number === first.invoiceNumber)).toBe(false);
    expect((await api(`/companies/${company}/documents?kind=bogus`, { token: buyer })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await api(`/companies/${company}/documents?cursor=abc`, { token: buyer })).body.error.code).toBe('KIND_REQUIRED');
  });

  it('hands out short-lived PDF and XML links; the XML is a schema-valid EN 16931 invoice', async () => {
    const pdf = await api(`/companies/${company}/documents/invoice/${first.invoiceNumber}`, { token: buyer });
    expect(pdf.status).toBe(200);
    expect(pdf.body).toMatchObject({ format: 'pdf', expiresInSeconds: 300 });
    expect(pdf.body.url).toMatch(/X-Amz-Expires=300/);
    const bytes = Buffer.from(await (await fetch(pdf.body.url)).arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    eInvoices['invoice PDF (factur-x.xml)'] = facturX(bytes);

    const xmlLink = await api(`/companies/${company}/documents/invoice/${first.invoiceNumber}?format=xml`, { token: admin });
    expect(xmlLink.status).toBe(200);
    const xml = await (await fetch(xmlLink.body.url)).text();
    expect(xml).toContain(`<ram:ID>${first.invoiceNumber}</ram:ID>`);
    expect(xml).toContain('<ram:TypeCode>380</ram:TypeCode>');
    expect(xml).toContain('<ram:BuyerReference>n/a</ram:BuyerReference>');
    expect(xml).toContain(`<ram:DuePayableAmount>${decimal(first.total)}</ram:DuePayableAmount>`);
    expect(validateAgainstXsd(xml, XSD)).toEqual({ valid: true, errors: [] });
    eInvoices['invoice XML'] = xml;

    // ISO 11649 RF creditor reference: on the invoice, as BT-83, on the PDF with the EPC QR code (GiroCode).
    const { creditorReference, formatCreditorReference } = await import('../../functions/invoices/numbering.js');
    const rf = creditorReference(first.invoiceNumber);
    expect((await invoice(first.invoiceNumber)).creditorReference).toBe(rf);
    expect(xml).toContain(`<ram:PaymentReference>${rf}</ram:PaymentReference>`);
    const { execFileSync } = await import('node:child_process');
    const text = execFileSync('pdftotext', ['-', '-'], { input: bytes }).toString('utf8');
    expect(text).toContain(formatCreditorReference(rf));
    expect(text).toMatch(/GiroCode \/ EPC[ -]QR/);
    // Müller Bau is German: so is its invoice (labels, dates, amounts)
    for (const label of ['RECHNUNG', `Rechnung ${first.invoiceNumber}`, 'Rechnungsdatum', 'Lieferdatum', 'Zahlungsbedingungen', 'Seite 1 von 1'])
      expect(text.replace(/\s+/g, ' '), label).toContain(label);
    expect(text).toMatch(/\d{2}\.\d{2}\.\d{4}/);
    expect(text).toMatch(/\d,\d{2} €/);
  });

  it('an intra-EU reverse-charge invoice (Polish buyer) carries category AE with the exemption reason and the PO number as BT-10', async () => {
    const nowakBuyer = await signIn(users.nowakBuyer);
    const { body: catalog } = await api('/catalog/products?category=safety&limit=100', { token: nowakBuyer });
    const product = catalog.products.find(
      (candidate: { availability: { warehouses: { id: string; quantity: number }[] } }) =>
        (candidate.availability.warehouses.find((warehouse) => warehouse.id === 'krakow')?.quantity ?? 0) >= 2,
    );
    await fillCart(nowakBuyer, [{ sku: product.sku, quantity: 2 }]);
    const placed = await placeOrder(nowakBuyer, {
      delivery: { kind: 'pickup', warehouseId: 'krakow' },
      paymentMethod: 'bank-prepayment',
      poNumber: 'PO-PL-77',
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    const order = await settledOrder(nowakBuyer, 'nowak-instalacje', placed.body.orderId);
    expect(order.status).toBe('confirmed');
    expect(order.reverseCharge.applies).toBe(true);
    let link = await api(`/companies/nowak-instalacje/documents/invoice/${order.invoiceNumber}?format=xml`, { token: nowakBuyer });
    for (let attempt = 0; link.status === 404 && attempt < 50; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      link = await api(`/companies/nowak-instalacje/documents/invoice/${order.invoiceNumber}?format=xml`, { token: nowakBuyer });
    }
    expect(link.status).toBe(200);
    const xml = await (await fetch(link.body.url)).text();
    expect(xml).toContain('<ram:BuyerReference>PO-PL-77</ram:BuyerReference>');
    expect(xml).toContain('<ram:CategoryCode>AE</ram:CategoryCode>');
    expect(xml).toContain('<ram:ExemptionReasonCode>VATEX-EU-AE</ram:ExemptionReasonCode>');
    expect(xml).toContain('<ram:ID schemeID="VA">PL5260250995</ram:ID>');
    expect(xml).not.toContain('<ram:CategoryCode>S</ram:CategoryCode>');
    expect(validateAgainstXsd(xml, XSD)).toEqual({ valid: true, errors: [] });
    eInvoices['reverse-charge invoice XML'] = xml;
    const pdfLink = await api(`/companies/nowak-instalacje/documents/invoice/${order.invoiceNumber}`, { token: nowakBuyer });
    eInvoices['reverse-charge invoice PDF (factur-x.xml)'] = facturX(Buffer.from(await (await fetch(pdfLink.body.url)).arrayBuffer()));
    // Müller's users cannot fetch Nowak's e-invoice.
    expect((await api(`/companies/nowak-instalacje/documents/invoice/${order.invoiceNumber}?format=xml`, { token: buyer })).status).toBe(403);
    expect((await api(`/companies/${company}/documents/invoice/${order.invoiceNumber}?format=xml`, { token: buyer })).status).toBe(404);
  });

  it('tenancy: other companies get 403, foreign or unknown numbers 404, staff only what they may see', async () => {
    const path = `/companies/${company}/documents/invoice/${first.invoiceNumber}`;
    expect((await api(path, { token: nowakAdmin })).status).toBe(403);
    expect((await api(`${path}?format=xml`, { token: nowakAdmin })).status).toBe(403);
    expect((await api(`/companies/${company}/documents`, { token: nowakAdmin })).status).toBe(403);
    expect((await api(`/companies/${company}/invoices/${first.invoiceNumber}`, { token: nowakAdmin })).status).toBe(403);
    // Nowak asking for Müller's invoice number under its own company: not there.
    expect((await api(`/companies/nowak-instalacje/documents/invoice/${first.invoiceNumber}`, { token: nowakAdmin })).status).toBe(404);
    expect((await api(`/companies/nowak-instalacje/documents/credit-note/CN-2026-000001?format=xml`, { token: nowakAdmin })).status).toBe(404);
    expect((await api(`/companies/nowak-instalacje/documents/delivery-note/${first.orderNumber}-1`, { token: nowakAdmin })).status).toBe(404);
    expect((await api(`/companies/${company}/documents/invoice/INV-1999-000001`, { token: buyer })).status).toBe(404);
    expect((await api(path)).status).toBe(401);
    // The assigned rep and back-office may fetch the customer's documents; a rep of other companies may not.
    const otherRep = await signIn('rep2@portal.example', 'console');
    expect((await api(path, { token: otherRep })).status).toBe(403);
    expect((await api(`/companies/${company}/documents`, { token: otherRep })).status).toBe(403);
    expect((await api(path, { token: rep })).status).toBe(200);
    expect((await api(path, { token: backOffice })).status).toBe(200);
  });

  it("lists the orders' delivery notes and links them, only for the owning company", async () => {
    const order = await settledOrder(buyer, company, first.orderId);
    const shipped = await api(`/console/orders/${company}/${first.orderId}/shipments`, {
      token: backOffice,
      method: 'POST',
      body: { lines: [{ sku: order.lines[0].sku, quantity: '1' }], carrier: 'DHL', trackingNumber: '00340434161094042557' },
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(201);
    const number = `${first.orderNumber}-1`;
    const { body } = await api(`/companies/${company}/documents?kind=delivery-note`, { token: buyer });
    expect(body.deliveryNotes.find((note: { number: string }) => note.number === number)).toMatchObject({
      kind: 'delivery-note',
      orderNumber: first.orderNumber,
      carrier: 'DHL',
      formats: ['pdf'],
    });
    const link = await api(`/companies/${company}/documents/delivery-note/${number}`, { token: buyer });
    expect(link.status).toBe(200);
    expect(
      Buffer.from(await (await fetch(link.body.url)).arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await api(`/companies/${company}/documents/delivery-note/${number}?format=xml`, { token: buyer })).body.error.code).toBe('FORMAT_NOT_AVAILABLE');
    expect((await api(`/companies/${company}/documents/delivery-note/${number}`, { token: nowakAdmin })).status).toBe(403);
    expect((await api(`/companies/nowak-instalacje/documents/delivery-note/${number}`, { token: nowakAdmin })).status).toBe(404);
  });

  it('buyers never reach the console payment routes', async () => {
    const routes = [
      {
        method: 'POST',
        path: `/console/invoices/${company}/${first.invoiceNumber}/payments`,
        body: { amount: 100, currency: 'EUR', paidAt: '2026-11-20', reference: 'x' },
      },
      { method: 'POST', path: `/console/invoices/${first.invoiceNumber}/ksef` },
      { method: 'POST', path: '/console/bank-statements', body: { xml: '<Document/>' } },
      { method: 'GET', path: '/console/bank-statements/unmatched' },
      { method: 'POST', path: '/console/bank-statements/entries/abc/match', body: { companyId: company, invoiceNumber: first.invoiceNumber } },
    ];
    for (const route of routes) {
      for (const token of [buyer, admin, nowakAdmin, rep]) {
        const response = await api(route.path, { token, method: route.method, ...(route.body ? { body: route.body } : {}) });
        expect(response.status, `${route.method} ${route.path}`).toBe(403);
      }
    }
    expect((await invoice(first.invoiceNumber)).open.amount).toBe(first.total);
  });
});

describe('payments', () => {
  it('records partial payments, refuses overpayment, restores trade credit when paid, keeps history', async () => {
    const target = await invoicedOrder(await stockedSku(buyer, 'safety', 5), 5);
    const before = await credit();
    const path = `/console/invoices/${company}/${target.invoiceNumber}/payments`;
    const part = Math.floor(target.total / 3);

    const first = await api(path, { token: backOffice, method: 'POST', body: { amount: part, currency: 'EUR', paidAt: '2026-11-20', reference: 'Bank 4711' } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.invoice).toMatchObject({ status: 'open', open: { amount: target.total - part }, paid: { amount: part } });
    expect((await credit()).used.amount).toBe(before.used.amount - part);

    const over = await api(path, {
      token: backOffice,
      method: 'POST',
      body: { amount: target.total, currency: 'EUR', paidAt: '2026-11-20', reference: 'too much' },
    });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('OVERPAYMENT');
    expect(
      (await api(path, { token: backOffice, method: 'POST', body: { amount: 10, currency: 'PLN', paidAt: '2026-11-20', reference: 'x' } })).body.error.code,
    ).toBe('CURRENCY_MISMATCH');
    expect((await api(path, { token: backOffice, method: 'POST', body: { amount: -5, currency: 'EUR', paidAt: '2026-11-20', reference: 'x' } })).status).toBe(
      400,
    );

    // A retried request with the same idempotency key books once.
    const key = randomUUID();
    const rest = { amount: target.total - part, currency: 'EUR', paidAt: '2026-11-21', reference: 'Rest' };
    const paid = await api(path, { token: backOffice, method: 'POST', body: rest, headers: { 'idempotency-key': key } });
    const again = await api(path, { token: backOffice, method: 'POST', body: rest, headers: { 'idempotency-key': key } });
    expect(paid.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.invoice).toMatchObject({ status: 'paid', open: { amount: 0 }, paid: { amount: target.total } });

    const after = await credit();
    expect(after.used.amount).toBe(before.used.amount - target.total);
    expect(after.available.amount).toBe(before.available.amount + target.total);
    const history = (await invoice(target.invoiceNumber)).settlements;
    expect(history.map((entry: { kind: string; amount: { amount: number }; reference: string }) => [entry.kind, entry.amount.amount, entry.reference])).toEqual(
      [
        ['payment', part, 'Bank 4711'],
        ['payment', target.total - part, 'Rest'],
      ],
    );
    const paidList = await api(`/companies/${company}/documents?kind=invoice&status=paid`, { token: buyer });
    expect(paidList.body.invoices.some((entry: { number: string }) => entry.number === target.invoiceNumber)).toBe(true);
    expect(
      (await api(path, { token: backOffice, method: 'POST', body: { amount: 1, currency: 'EUR', paidAt: '2026-11-22', reference: 'late' } })).body.error.code,
    ).toBe('INVOICE_ALREADY_PAID');
  });

  it('concurrent payments never lose money: the sum of accepted payments is what was booked', async () => {
    const target = await invoicedOrder(await stockedSku(buyer, 'electrical', 10), 10);
    const slice = Math.floor(target.total / 4);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        api(`/console/invoices/${company}/${target.invoiceNumber}/payments`, {
          token: backOffice,
          method: 'POST',
          body: { amount: slice, currency: 'EUR', paidAt: '2026-11-20', reference: `parallel ${index}` },
        }),
      ),
    );
    const accepted = responses.filter((response) => response.status === 201).length;
    expect(accepted).toBe(4);
    expect(responses.filter((response) => response.status === 409).every((response) => response.body.error.code === 'OVERPAYMENT')).toBe(true);
    const after = await invoice(target.invoiceNumber);
    expect(after.paid.amount).toBe(accepted * slice);
    expect(after.open.amount).toBe(target.total - accepted * slice);
    expect(after.settlements).toHaveLength(accepted);
  });
});

describe('bank statement import (camt.053)', () => {
  let exact: Invoiced;
  let partial: Invoiced;
  let unique: Invoiced;
  let ambiguousA: Invoiced;
  let ambiguousB: Invoiced;
  let byOrder: Invoiced;
  let second: Invoiced;
  let statementXml: string;
  const statementId = `STMT-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const [skuExact, skuPartial, skuUnique, skuAmbiguous, skuOrder, skuSecond] = await Promise.all([
      stockedSku(buyer, 'adhesives', 4),
      stockedSku(buyer, 'abrasives', 6),
      stockedSku(buyer, 'lubricants', 7),
      stockedSku(buyer, 'hand-tools', 8),
      stockedSku(buyer, 'safety', 9),
      stockedSku(buyer, 'electrical', 11),
    ]);
    exact = await invoicedOrder(skuExact, 4);
    partial = await invoicedOrder(skuPartial, 6);
    unique = await invoicedOrder(skuUnique, 7);
    ambiguousA = await invoicedOrder(skuAmbiguous, 4);
    ambiguousB = await invoicedOrder(skuAmbiguous, 4);
    byOrder = await invoicedOrder(skuOrder, 9);
    second = await invoicedOrder(skuSecond, 11);
    expect(ambiguousA.total).toBe(ambiguousB.total);
    const [, year, sequence] = /^INV-(\d{4})-(\d+)$/.exec(partial.invoiceNumber) ?? [];
    statementXml = statement('statement-001.02.xml', {
      STATEMENT_ID: statementId,
      AMOUNT_EXACT: decimal(exact.total),
      INVOICE_EXACT: exact.invoiceNumber,
      AMOUNT_PARTIAL: decimal(Math.floor(partial.total / 2)),
      INVOICE_SPACED: `inv ${year} ${sequence!.slice(0, 3)} ${sequence!.slice(3)}`,
      AMOUNT_UNIQUE: decimal(unique.total),
      AMOUNT_AMBIGUOUS: decimal(ambiguousA.total),
      AMOUNT_ORDER: decimal(byOrder.total),
      ORDER_REFERENCE: byOrder.orderNumber,
    });
  });

  it('auto-matches by reference and by unique amount + IBAN, leaves the rest unmatched, ignores debits', async () => {
    const creditBefore = await credit();
    const { status, body } = await api('/console/bank-statements', { token: backOffice, method: 'POST', body: { fileName: 'camt053.xml', xml: statementXml } });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({ statementId, version: '001.02' });
    const outcomes = body.entries.map((entry: { outcome: string; invoiceNumber?: string; rule?: string; reason?: string }) => [
      entry.outcome,
      entry.invoiceNumber ?? entry.reason,
      entry.rule,
    ]);
    expect(outcomes).toEqual([
      ['matched', exact.invoiceNumber, 'reference'],
      ['matched', partial.invoiceNumber, 'reference'],
      ['matched', unique.invoiceNumber, 'unique-amount'],
      ['unmatched', 'NO_UNIQUE_AMOUNT', undefined],
      ['ignored', 'DEBIT', undefined],
      ['matched', byOrder.invoiceNumber, 'reference'],
      ['unmatched', 'NO_REFERENCE', undefined],
      ['ignored', 'STATUS_PDNG', undefined],
    ]);

    expect(await invoice(exact.invoiceNumber)).toMatchObject({ status: 'paid', open: { amount: 0 } });
    expect(await invoice(partial.invoiceNumber)).toMatchObject({ status: 'open', paid: { amount: Math.floor(partial.total / 2) } });
    expect(await invoice(unique.invoiceNumber)).toMatchObject({ status: 'paid' });
    expect(await invoice(byOrder.invoiceNumber)).toMatchObject({ status: 'paid' });
    expect(await invoice(ambiguousA.invoiceNumber)).toMatchObject({ status: 'open', paid: { amount: 0 } });
    expect(await invoice(ambiguousB.invoiceNumber)).toMatchObject({ status: 'open', paid: { amount: 0 } });
    const settled = exact.total + unique.total + byOrder.total + Math.floor(partial.total / 2);
    expect((await credit()).used.amount).toBe(creditBefore.used.amount - settled);
  });

  it('re-importing the same statement books nothing twice', async () => {
    const paidBefore = (await invoice(partial.invoiceNumber)).paid.amount;
    const { status, body } = await api('/console/bank-statements', { token: backOffice, method: 'POST', body: { xml: statementXml } });
    expect(status).toBe(201);
    expect(body.entries.filter((entry: { outcome: string }) => entry.outcome === 'duplicate')).toHaveLength(6);
    expect(body.entries.filter((entry: { outcome: string }) => entry.outcome === 'matched' || entry.outcome === 'unmatched')).toHaveLength(0);
    expect((await invoice(partial.invoiceNumber)).paid.amount).toBe(paidBefore);
    expect((await invoice(partial.invoiceNumber)).settlements).toHaveLength(1);
  });

  it('manual matching of an unmatched entry, once', async () => {
    const unmatched = await api('/console/bank-statements/unmatched', { token: backOffice });
    expect(unmatched.status).toBe(200);
    const ours = unmatched.body.entries.filter((entry: { statementId: string }) => entry.statementId === statementId);
    expect(ours.map((entry: { reason: string; amount: { amount: number } }) => [entry.reason, entry.amount.amount]).sort()).toEqual(
      [
        ['NO_REFERENCE', 25_000],
        ['NO_UNIQUE_AMOUNT', ambiguousA.total],
      ].sort(),
    );
    const ambiguous = ours.find((entry: { reason: string }) => entry.reason === 'NO_UNIQUE_AMOUNT');
    expect(ambiguous).toMatchObject({ debtorIban: 'DE89370400440532013000', debtorName: 'Mueller Bau GmbH', bookingDate: '2026-11-19' });

    const path = `/console/bank-statements/entries/${ambiguous.entryId}/match`;
    const matched = await api(path, { token: backOffice, method: 'POST', body: { companyId: company, invoiceNumber: ambiguousB.invoiceNumber } });
    expect(matched.status, JSON.stringify(matched.body)).toBe(200);
    expect(matched.body.entry).toMatchObject({ status: 'matched', invoiceNumber: ambiguousB.invoiceNumber, rule: 'manual' });
    expect(matched.body.invoice).toMatchObject({ status: 'paid', open: { amount: 0 } });
    // Same request again: same result, nothing booked twice; another invoice: refused.
    expect((await api(path, { token: backOffice, method: 'POST', body: { companyId: company, invoiceNumber: ambiguousB.invoiceNumber } })).status).toBe(200);
    expect((await invoice(ambiguousB.invoiceNumber)).settlements).toHaveLength(1);
    const elsewhere = await api(path, { token: backOffice, method: 'POST', body: { companyId: company, invoiceNumber: ambiguousA.invoiceNumber } });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe('ENTRY_ALREADY_MATCHED');
    const after = await api('/console/bank-statements/unmatched', { token: backOffice });
    expect(after.body.entries.some((entry: { entryId: string }) => entry.entryId === ambiguous.entryId)).toBe(false);
    expect(
      (
        await api('/console/bank-statements/entries/nope/match', {
          token: backOffice,
          method: 'POST',
          body: { companyId: company, invoiceNumber: ambiguousA.invoiceNumber },
        })
      ).status,
    ).toBe(404);
  });

  it('reads camt.053.001.08 batch bookings: the rest of a partial payment and another invoice', async () => {
    const paidSoFar = (await invoice(partial.invoiceNumber)).paid.amount;
    const rest = partial.total - paidSoFar;
    const xml = statement('statement-001.08.xml', {
      STATEMENT_ID: `${statementId}-2`,
      AMOUNT_BATCH: decimal(rest + second.total),
      AMOUNT_REST: decimal(rest),
      INVOICE_SPACED: partial.invoiceNumber.replace(/-/g, ' '),
      AMOUNT_SECOND: decimal(second.total),
      INVOICE_SECOND: second.invoiceNumber.toLowerCase(),
    });
    const { status, body } = await api('/console/bank-statements', { token: backOffice, method: 'POST', body: { xml } });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.entries.map((entry: { outcome: string; invoiceNumber: string }) => [entry.outcome, entry.invoiceNumber])).toEqual([
      ['matched', partial.invoiceNumber],
      ['matched', second.invoiceNumber],
    ]);
    expect(await invoice(partial.invoiceNumber)).toMatchObject({ status: 'paid', open: { amount: 0 }, paid: { amount: partial.total } });
    expect(await invoice(second.invoiceNumber)).toMatchObject({ status: 'paid' });
  });

  it('rejects files that are neither camt.053/054 nor MT940', async () => {
    const bad = await api('/console/bank-statements', {
      token: backOffice,
      method: 'POST',
      body: { xml: statementXml.replace('xsd:camt.053.001.02', 'xsd:camt.052.001.02') },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('UNSUPPORTED_STATEMENT');
  });
});

describe('bank files of other banks: ZIP delivery, NONREF on every entry, MT940, RF references', () => {
  let twinA: Invoiced;
  let twinB: Invoiced;
  let byNumber: Invoiced;
  let byRf: Invoiced;
  let untouched: Invoiced;
  const statementId = `NONREF-${randomUUID().slice(0, 8)}`;
  const comma = (minor: number) => decimal(minor).replace('.', ',');
  const base64 = (bytes: Buffer) => bytes.toString('base64');
  const importFile = (data: Buffer, fileName: string) =>
    api('/console/bank-statements', { token: backOffice, method: 'POST', body: { fileName, data: base64(data) } });
  let zipped: Buffer;

  beforeAll(async () => {
    const [skuTwin, skuNumber, skuRf, skuUntouched] = await Promise.all([
      stockedSku(buyer, 'adhesives', 6),
      stockedSku(buyer, 'abrasives', 3),
      stockedSku(buyer, 'lubricants', 3),
      stockedSku(buyer, 'safety', 2),
    ]);
    twinA = await invoicedOrder(skuTwin, 3);
    twinB = await invoicedOrder(skuTwin, 3);
    byNumber = await invoicedOrder(skuNumber, 3);
    byRf = await invoicedOrder(skuRf, 3);
    untouched = await invoicedOrder(skuUntouched, 2);
    expect(twinA.total).toBe(twinB.total);
    const { zipOf } = await import('../support/zip.js');
    const camt = statement('sparkasse-001.02-nonref.xml', {
      STATEMENT_ID: statementId,
      AMOUNT_FIRST: decimal(twinA.total),
      AMOUNT_SECOND: decimal(twinB.total),
      DEBTOR_FIRST: 'Mueller Bau GmbH',
      DEBTOR_SECOND: 'Mueller Bau GmbH',
      IBAN_FIRST: 'DE89370400440532013000',
      IBAN_SECOND: 'DE89370400440532013000',
      REMITTANCE_FIRST: `Rechnung ${twinA.invoiceNumber}`,
      REMITTANCE_SECOND: `Rechnung ${twinB.invoiceNumber}`,
    });
    zipped = zipOf([{ name: `camt053_${statementId}.xml`, data: camt }]);
  });

  it('a ZIP delivery whose entries all say NONREF: both credits booked, none answered duplicate; a re-import books nothing', async () => {
    const { status, body } = await importFile(zipped, 'camt053_20261124.zip');
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({ statementId, format: 'camt.053', version: '001.02' });
    expect(body.statements).toEqual([expect.objectContaining({ statementId, member: `camt053_${statementId}.xml`, transactions: 3 })]);
    expect(
      body.entries.map((entry: { outcome: string; invoiceNumber?: string; reason?: string }) => [entry.outcome, entry.invoiceNumber ?? entry.reason]),
    ).toEqual([
      ['matched', twinA.invoiceNumber],
      ['matched', twinB.invoiceNumber],
      ['ignored', 'DEBIT'],
    ]);
    expect(await invoice(twinA.invoiceNumber)).toMatchObject({ status: 'paid', open: { amount: 0 } });
    expect(await invoice(twinB.invoiceNumber)).toMatchObject({ status: 'paid', open: { amount: 0 } });

    const again = await importFile(zipped, 'camt053_20261124.zip');
    expect(again.status).toBe(201);
    expect(again.body.entries.map((entry: { outcome: string }) => entry.outcome)).toEqual(['duplicate', 'duplicate', 'ignored']);
    expect((await invoice(twinA.invoiceNumber)).settlements).toHaveLength(1);
    expect((await invoice(twinB.invoiceNumber)).settlements).toHaveLength(1);
  });

  it('a NONREF file imported by the former importer (only its first credit booked, under the old key): the first stays booked once, the lost second is booked now', async () => {
    useStackInProcess();
    const legacyA = await invoicedOrder(await stockedSku(buyer, 'hand-tools', 2), 2);
    const legacyBInvoice = await invoicedOrder(await stockedSku(buyer, 'hand-tools', 2), 2);
    const legacyStatement = `${statementId}-OLD`;
    const camt = statement('sparkasse-001.02-nonref.xml', {
      STATEMENT_ID: legacyStatement,
      AMOUNT_FIRST: decimal(legacyA.total),
      AMOUNT_SECOND: decimal(legacyBInvoice.total),
      DEBTOR_FIRST: 'Mueller Bau GmbH',
      DEBTOR_SECOND: 'Mueller Bau GmbH',
      IBAN_FIRST: 'DE89370400440532013000',
      IBAN_SECOND: 'DE89370400440532013000',
      REMITTANCE_FIRST: `Rechnung ${legacyA.invoiceNumber}`,
      REMITTANCE_SECOND: `Rechnung ${legacyBInvoice.invoiceNumber}`,
    });
    // What the former importer left: the first credit booked under `<statement>/NONREF/1`, the second answered "duplicate".
    const { bankEntryId } = await import('../../functions/invoices/payments.js');
    const { dynamo } = await import('../../functions/shared/clients/dynamo.js');
    const { config } = await import('../../functions/shared/config.js');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const oldEntryId = bankEntryId(`${legacyStatement}/NONREF/1`);
    const paid = await api(`/console/invoices/${company}/${legacyA.invoiceNumber}/payments`, {
      token: backOffice,
      method: 'POST',
      body: { amount: legacyA.total, currency: 'EUR', paidAt: '2026-11-23', reference: `Rechnung ${legacyA.invoiceNumber}` },
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName(),
        Item: {
          PK: `BANKENTRY#${oldEntryId}`,
          SK: 'BANKENTRY',
          GSI1PK: 'BANKENTRIES#matched',
          GSI1SK: `2026-11-23#${oldEntryId}`,
          type: 'bank-entry',
          entryId: oldEntryId,
          key: `${legacyStatement}/NONREF/1`,
          statementId: legacyStatement,
          amount: { amount: legacyA.total, currency: 'EUR' },
          bookingDate: '2026-11-23',
          remittance: [`Rechnung ${legacyA.invoiceNumber}`],
          status: 'matched',
          companyId: company,
          invoiceNumber: legacyA.invoiceNumber,
          rule: 'reference',
        },
      }),
    );
    const { status, body } = await api('/console/bank-statements', { token: backOffice, method: 'POST', body: { xml: camt } });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(
      body.entries.map((entry: { outcome: string; invoiceNumber?: string; reason?: string }) => [entry.outcome, entry.invoiceNumber ?? entry.reason]),
    ).toEqual([
      ['duplicate', legacyA.invoiceNumber],
      ['matched', legacyBInvoice.invoiceNumber],
      ['ignored', 'DEBIT'],
    ]);
    expect((await invoice(legacyA.invoiceNumber)).settlements).toHaveLength(1);
    expect(await invoice(legacyBInvoice.invoiceNumber)).toMatchObject({ status: 'paid', open: { amount: 0 } });
  });

  it('MT940 (ISO-8859-1, German :86:): a wrapped invoice number and an RF creditor reference, RF matched first', async () => {
    const [, year, sequence] = /^INV-(\d{4})-(\d+)$/.exec(byNumber.invoiceNumber) ?? [];
    const { creditorReference, formatCreditorReference } = await import('../../functions/invoices/numbering.js');
    const rf = formatCreditorReference(creditorReference(byRf.invoiceNumber)).toLowerCase();
    const opening = 5_231_044;
    const closing = opening + byNumber.total + byRf.total - 3890;
    const text = statement('mt940-two-transactions.sta', {
      OPENING_DATE: '261122',
      VALUE_DATE: '261123',
      ENTRY_DATE: '1123',
      AMOUNT_FIRST: comma(byNumber.total),
      REMITTANCE_FIRST_A: `Rechnung INV-${year}-`,
      REMITTANCE_FIRST_B: `${sequence} danke`,
      IBAN_FIRST: 'DE89370400440532013000',
      DEBTOR_FIRST: 'Müller Bau GmbH',
      AMOUNT_SECOND: comma(byRf.total),
      E2E_SECOND: `MB-${randomUUID().slice(0, 8)}`,
      // The RF reference and, to prove its priority, another (paid) invoice's number.
      REMITTANCE_SECOND: `${rf} ${twinA.invoiceNumber}`,
      IBAN_SECOND: 'DE89370400440532013000',
      DEBTOR_SECOND: 'Müller Bau GmbH',
      CLOSING: comma(closing),
    }).replace(':20:STARTUMSE', `:20:${statementId.slice(0, 16)}`);
    const { status, body } = await importFile(Buffer.from(text, 'latin1'), 'MT940_20261123.sta');
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({ format: 'mt940', version: 'MT940' });
    expect(
      body.entries.map((entry: { outcome: string; invoiceNumber?: string; rule?: string; reason?: string }) => [
        entry.outcome,
        entry.invoiceNumber ?? entry.reason,
        entry.rule,
      ]),
    ).toEqual([
      ['matched', byNumber.invoiceNumber, 'reference'],
      ['matched', byRf.invoiceNumber, 'creditor-reference'],
      ['ignored', 'DEBIT', undefined],
    ]);
    expect(await invoice(byNumber.invoiceNumber)).toMatchObject({ status: 'paid' });
    expect(await invoice(byRf.invoiceNumber)).toMatchObject({ status: 'paid', creditorReference: creditorReference(byRf.invoiceNumber) });
    const again = await importFile(Buffer.from(text, 'latin1'), 'MT940_20261123.sta');
    expect(again.body.entries.map((entry: { outcome: string }) => entry.outcome)).toEqual(['duplicate', 'duplicate', 'ignored']);
  });

  it('refuses zip bombs, archives with a non-statement member and broken MT940 with 400, booking nothing of the file', async () => {
    const { zipOf } = await import('../support/zip.js');
    const camt = statement('sparkasse-001.02-nonref.xml', {
      STATEMENT_ID: `${statementId}-X`,
      AMOUNT_FIRST: decimal(untouched.total),
      AMOUNT_SECOND: decimal(untouched.total),
      DEBTOR_FIRST: 'Mueller Bau GmbH',
      DEBTOR_SECOND: 'Mueller Bau GmbH',
      IBAN_FIRST: 'DE89370400440532013000',
      IBAN_SECOND: 'DE89370400440532013000',
      REMITTANCE_FIRST: `Rechnung ${untouched.invoiceNumber}`,
      REMITTANCE_SECOND: 'Rechnung ohne Nummer',
    });
    const cases: [Buffer, string][] = [
      [
        zipOf([
          { name: 'a.xml', data: camt },
          { name: 'b.xml', data: Buffer.alloc(40_000_000, 0x20), declaredSize: 1000 },
        ]),
        'ARCHIVE_TOO_LARGE',
      ],
      [
        zipOf([
          { name: 'a.xml', data: camt },
          { name: 'Kontoauszug.pdf', data: '%PDF-1.7\n' },
        ]),
        'UNSUPPORTED_ARCHIVE_MEMBER',
      ],
      [zipOf([{ name: 'a.xml', data: camt }]).subarray(0, 200), 'INVALID_ARCHIVE'],
      [
        Buffer.from(
          ':20:STARTUMSE\r\n:25:60050101/0008765432\r\n:28C:1/1\r\n:60F:C261122EUR0,00\r\n:61:2611231123CR10,00NTRFNONREF\r\n:62F:C261123EUR99,00\r\n-\r\n',
        ),
        'INVALID_STATEMENT',
      ],
    ];
    for (const [data, code] of cases) {
      const { status, body } = await importFile(data, 'statement.zip');
      expect([status, body.error?.code]).toEqual([400, code]);
    }
    expect(await invoice(untouched.invoiceNumber)).toMatchObject({ status: 'open', paid: { amount: 0 }, settlements: [] });
    const unmatched = await api('/console/bank-statements/unmatched', { token: backOffice });
    expect(unmatched.body.entries.some((entry: { statementId: string }) => entry.statementId === `${statementId}-X`)).toBe(false);
    // Neither xml nor data, or both: refused by the contract.
    expect((await api('/console/bank-statements', { token: backOffice, method: 'POST', body: { fileName: 'x' } })).status).toBe(400);
    expect((await api('/console/bank-statements', { token: backOffice, method: 'POST', body: { xml: camt, data: base64(zipped) } })).status).toBe(400);
  });
});

describe('credit notes', () => {
  beforeAll(() => {
    // issueCreditNote is a library call (the RMA workflow uses it): run it in-process against the stack.
    useStackInProcess();
  });

  it('issues once per source, reduces the open amount, records a refund beyond it, restores credit; PDF + valid XML', async () => {
    const { issueCreditNote } = await import('../../functions/invoices/credit-notes.js');
    const { invoiceOrderOf } = await import('../../functions/orders/service.js');
    const target = await invoicedOrder(await stockedSku(buyer, 'hand-tools', 2), 2);
    const order = await settledOrder(buyer, company, target.orderId);
    const line = order.lines[0];
    const creditBefore = await credit();
    const input = {
      companyId: company,
      invoiceNumber: target.invoiceNumber,
      reason: 'Return of one damaged unit',
      source: { kind: 'rma' as const, id: `rma-${randomUUID()}` },
      lines: [{ sku: line.sku, name: line.name, unit: line.unit, quantity: '1', unitNet: line.unitNet, vatRate: line.vatRate }],
      order: invoiceOrderOf(order),
    };
    const [note, retried] = await Promise.all([issueCreditNote(input), issueCreditNote(input)]);
    expect(retried.creditNoteNumber).toBe(note.creditNoteNumber);
    expect(note.creditNoteNumber).toMatch(/^CN-\d{4}-\d{6}$/);
    expect(note.net.amount).toBe(line.unitNet.amount);
    expect(note.gross.amount).toBe(note.net.amount + note.vat.amount);
    expect(note.refundDue.amount).toBe(0);
    const afterNote = await invoice(target.invoiceNumber);
    expect(afterNote).toMatchObject({ open: { amount: target.total - note.gross.amount }, credited: { amount: note.gross.amount } });
    expect(afterNote.settlements).toHaveLength(1);
    expect((await credit()).used.amount).toBe(creditBefore.used.amount - note.gross.amount);

    // Pay the rest, then credit the second unit: the invoice is paid, so all of it is owed back.
    await api(`/console/invoices/${company}/${target.invoiceNumber}/payments`, {
      token: backOffice,
      method: 'POST',
      body: { amount: afterNote.open.amount, currency: 'EUR', paidAt: '2026-11-20', reference: 'rest' },
    });
    const refund = await issueCreditNote({ ...input, source: { kind: 'adjustment', id: `adj-${randomUUID()}` }, reason: 'Goodwill: second unit' });
    expect(refund.refundDue.amount).toBe(refund.gross.amount);
    expect(await invoice(target.invoiceNumber)).toMatchObject({ status: 'paid', refundDue: { amount: refund.gross.amount } });

    const list = await api(`/companies/${company}/documents?kind=credit-note`, { token: buyer });
    expect(list.body.creditNotes.map((entry: { number: string }) => entry.number)).toEqual(
      expect.arrayContaining([note.creditNoteNumber, refund.creditNoteNumber]),
    );
    const pdfLink = await api(`/companies/${company}/documents/credit-note/${note.creditNoteNumber}`, { token: buyer });
    const creditPdf = Buffer.from(await (await fetch(pdfLink.body.url)).arrayBuffer());
    expect(creditPdf.subarray(0, 5).toString()).toBe('%PDF-');
    eInvoices['credit note PDF (factur-x.xml)'] = facturX(creditPdf);
    const xml = await (
      await fetch((await api(`/companies/${company}/documents/credit-note/${note.creditNoteNumber}?format=xml`, { token: buyer })).body.url)
    ).text();
    expect(xml).toContain('<ram:TypeCode>381</ram:TypeCode>');
    expect(xml).toContain(`<ram:IssuerAssignedID>${target.invoiceNumber}</ram:IssuerAssignedID>`);
    expect(validateAgainstXsd(xml, XSD)).toEqual({ valid: true, errors: [] });
    eInvoices['credit note XML'] = xml;
    expect((await api(`/companies/${company}/documents/credit-note/${note.creditNoteNumber}`, { token: nowakAdmin })).status).toBe(403);
  });
});

describe('official e-invoice validators on what the portal hands out', () => {
  it('KoSIT XRechnung 3.0.2, CEN EN 16931 CII 1.3.16 and the CII D16B XSD: zero fatal/error on every downloaded XML and factur-x.xml', async () => {
    expect(Object.keys(eInvoices).sort()).toEqual(
      [
        'credit note PDF (factur-x.xml)',
        'credit note XML',
        'invoice PDF (factur-x.xml)',
        'invoice XML',
        'reverse-charge invoice PDF (factur-x.xml)',
        'reverse-charge invoice XML',
      ].sort(),
    );
    const reports = await validateEInvoices(eInvoices);
    for (const [name, report] of Object.entries(reports)) expect(rejections(report), name).toEqual([]);
  }, 180_000);
});

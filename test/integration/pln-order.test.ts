import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { nowakPlnPriceList, seedProducts } from '../../local/seed-data.js';
import { api, signIn, useStackInProcess, users } from '../support/api.js';
import { pdfAttachments, rejections, validateEInvoices } from '../support/einvoice-validators.js';
import { fillCart, placeOrder, settledOrder, stockedSku, totalOf } from '../support/orders.js';
import { validateAgainstXsd } from '../support/xsd.js';

/**
 * Issue 16 item 5 acceptance: "a PLN order is invoiced in PLN end to end". Nowak Instalacje's agreements
 * fix PLN: a Nowak buyer prices, fills the cart, checks out and pays from its PLN prepaid balance; the
 * saga confirms and the ERP invoices it; invoice, e-invoice (validated by the official rules) and PDF are
 * in PLN. Müller Bau (EUR) is unaffected. No amount is ever converted on the way.
 */

const nowak = 'nowak-instalacje';
const XSD = 'test/fixtures/xsd/cii-d16b/Factur-X_1.07.3_EN16931.xsd';
const decimal = (minor: number) => (minor / 100).toFixed(2);
const seeded = new Map(seedProducts().map((product) => [product.sku, product]));
const lubricant = [...seeded.values()].find((product) => product.categoryId === 'lubricants')!.sku;

let buyer: string;
let admin: string;
let muellerBuyer: string;
let backOffice: string;
const eInvoices: Record<string, string> = {};

async function documentLink(companyId: string, kind: 'invoice' | 'credit-note', number: string, format: 'pdf' | 'xml', token: string) {
  const path = `/companies/${companyId}/documents/${kind}/${number}${format === 'xml' ? '?format=xml' : ''}`;
  let link = await api(path, { token });
  for (let attempt = 0; link.status === 404 && attempt < 60; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    link = await api(path, { token });
  }
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  return Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
}

beforeAll(async () => {
  [buyer, admin, muellerBuyer, backOffice] = await Promise.all([
    signIn(users.nowakBuyer),
    signIn(users.nowakAdmin),
    signIn(users.muellerBuyer),
    signIn(users.backOffice, 'console'),
  ]);
});

describe('shop currencies', () => {
  it('the shop sells in EUR (default) and PLN; the console refuses lists that are not ISO 4217 or miss the default', async () => {
    expect((await api('/shop')).body).toMatchObject({ currency: 'EUR', currencies: ['EUR', 'PLN'] });
    for (const body of [{ currencies: ['EUR', 'XXX'] }, { currencies: ['PLN'] }, { currency: 'USD' }, { currencies: ['EUR', 'EUR'] }]) {
      const refused = await api('/console/shop', { token: backOffice, method: 'PUT', body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.code).toBe('INVALID_CURRENCIES');
    }
    expect((await api('/console/shop', { token: buyer, method: 'PUT', body: { currencies: ['EUR'] } })).status).toBe(403);
    const same = await api('/console/shop', { token: backOffice, method: 'PUT', body: { currencies: ['EUR', 'PLN'], currency: 'EUR' } });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect(same.body).toMatchObject({ currency: 'EUR', currencies: ['EUR', 'PLN'] });
  });
});

describe('a PLN order, invoiced in PLN end to end', () => {
  it("Nowak's agreements fix PLN; its credit line and prepaid balance are kept in PLN", async () => {
    const agreements = (await api('/pricing/agreements', { token: buyer })).body;
    expect(agreements.defaultAgreementId).toBe('prepayment');
    expect(agreements.agreements.map((agreement: { currency?: string }) => agreement.currency)).toEqual(['PLN', 'PLN', 'PLN']);
    const status = (await api(`/companies/${nowak}/credit`, { token: admin })).body;
    // Seeded at 40 000 PLN (other test files may change the limit, never its currency).
    expect(status.credit.limit.currency).toBe('PLN');
    expect(status.credit.available.currency).toBe('PLN');
    expect(status.prepaid.balance.currency).toBe('PLN');
    // A EUR limit cannot be booked on Nowak's PLN credit line (no relabelling, no conversion).
    const eurLimit = await api(`/console/companies/${nowak}/credit-limit`, {
      token: backOffice,
      method: 'PUT',
      body: { limit: { amount: 100_000, currency: 'EUR' } },
    });
    expect(eurLimit.status).toBe(409);
    expect(eurLimit.body.error.code).toBe('CURRENCY_MISMATCH');
  });

  it('a product without a PLN price is not orderable: NO_PRICE_IN_CURRENCY, the cart unchanged', async () => {
    await api('/cart', { token: buyer, method: 'DELETE' });
    expect((await api(`/catalog/products/${lubricant}`, { token: buyer })).body.price).toBeUndefined();
    const refused = await api('/cart/lines', { token: buyer, method: 'POST', body: { lines: [{ sku: lubricant, quantity: 1 }] } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'NO_PRICE_IN_CURRENCY', details: { currency: 'PLN', skus: [lubricant] } });
    expect((await api('/cart', { token: buyer })).body.lines).toEqual([]);
  });

  it('prices, checks out, pays from the PLN prepaid balance; order, invoice, e-invoice and PDF are in PLN', async () => {
    useStackInProcess();
    const plumbing = await stockedSku(buyer, 'plumbing', 5, [], 'krakow');
    const safety = await stockedSku(buyer, 'safety', 3, [], 'krakow');
    const product = (await api(`/catalog/products/${plumbing}`, { token: buyer })).body;
    // The PLN list price of Nowak's price list, 2 % off under the prepayment agreement — not a converted EUR price.
    expect(product.price).toEqual({ amount: Math.round(nowakPlnPriceList.plnCents(seeded.get(plumbing)!.priceCents) * 0.98), currency: 'PLN' });

    const cart = await fillCart(buyer, [
      { sku: plumbing, quantity: 5 },
      { sku: safety, quantity: 3 },
    ]);
    expect(cart.quote.currency).toBe('PLN');
    expect(cart.quote.lines.every((line: { lineNet: { currency: string } }) => line.lineNet.currency === 'PLN')).toBe(true);
    expect(cart.quote.lines.find((line: { sku: string }) => line.sku === plumbing).unitNet).toEqual(product.price);

    const delivery = { kind: 'carrier', carrierId: 'hartmann-express', city: 'Kraków', branchId: 'HX-KRK-01' };
    const preview = await api('/checkout/preview', { token: buyer, method: 'POST', body: { delivery } });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    // Hartmann Express's own PLN tariff: 39.90 PLN to Poland below 2 150 PLN net.
    const expectedFee = cart.quote.net.amount >= 215_000 ? 0 : 3_990;
    expect(preview.body.deliveryFee).toEqual({ amount: expectedFee, currency: 'PLN' });
    expect(preview.body.payable).toEqual({ amount: cart.quote.gross.amount + expectedFee, currency: 'PLN' });
    const prepaid = preview.body.paymentOptions.find((option: { method: string }) => option.method === 'prepaid-balance');
    expect(prepaid.allowed, JSON.stringify(prepaid)).toBe(true);

    const before = (await api(`/companies/${nowak}/credit`, { token: buyer })).body.prepaid.balance;
    const placed = await placeOrder(buyer, { delivery, paymentMethod: 'prepaid-balance', poNumber: 'PO-PLN-1' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    const order = await settledOrder(buyer, nowak, placed.body.orderId);
    expect(order.status).toBe('confirmed');
    for (const amount of [order.net, order.vat, order.gross, order.deliveryFee]) expect(amount.currency).toBe('PLN');
    expect(order.lines.every((line: { unitNet: { currency: string } }) => line.unitNet.currency === 'PLN')).toBe(true);
    expect(order.gross.amount).toBe(cart.quote.gross.amount);
    expect(order.reverseCharge.applies).toBe(true);

    // Credit side: the PLN prepaid balance is charged exactly the PLN total.
    const after = (await api(`/companies/${nowak}/credit`, { token: buyer })).body.prepaid;
    expect(after.balance).toEqual({ amount: before.amount - totalOf(order), currency: 'PLN' });
    expect(after.ledger[0]).toMatchObject({ kind: 'charge', reference: order.orderId, amount: { amount: totalOf(order), currency: 'PLN' } });

    // The ERP invoiced it in PLN.
    let invoice = await api(`/companies/${nowak}/invoices/${order.invoiceNumber}`, { token: buyer });
    for (let attempt = 0; invoice.status === 404 && attempt < 60; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      invoice = await api(`/companies/${nowak}/invoices/${order.invoiceNumber}`, { token: buyer });
    }
    expect(invoice.status).toBe(200);
    expect(invoice.body.total).toEqual({ amount: totalOf(order), currency: 'PLN' });
    expect(invoice.body.open.currency).toBe('PLN');

    const xml = (await documentLink(nowak, 'invoice', order.invoiceNumber, 'xml', buyer)).toString('utf8');
    expect(xml).toContain('<ram:InvoiceCurrencyCode>PLN</ram:InvoiceCurrencyCode>');
    // BT-6: the seller's VAT accounting currency is EUR; reverse charge, so 0.00 VAT in it (BT-111).
    expect(xml).toContain('<ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode>');
    expect(xml).toContain('<ram:TaxTotalAmount currencyID="EUR">0.00</ram:TaxTotalAmount>');
    expect(xml).toContain(`<ram:GrandTotalAmount>${decimal(totalOf(order))}</ram:GrandTotalAmount>`);
    expect(xml).toContain('<ram:BuyerReference>PO-PLN-1</ram:BuyerReference>');
    expect(xml).not.toContain('currencyID="PLN">0.00</ram:TaxTotalAmount><ram:TaxTotalAmount currencyID="PLN"');
    expect(validateAgainstXsd(xml, XSD)).toEqual({ valid: true, errors: [] });
    eInvoices['PLN invoice XML'] = xml;

    const pdf = await documentLink(nowak, 'invoice', order.invoiceNumber, 'pdf', buyer);
    const embedded = pdfAttachments(pdf)['factur-x.xml']?.toString('utf8') ?? '';
    expect(embedded).toContain('<ram:InvoiceCurrencyCode>PLN</ram:InvoiceCurrencyCode>');
    eInvoices['PLN invoice PDF (factur-x.xml)'] = embedded;
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString('utf8');
    expect(text).toContain('PLN');
    expect(text).not.toMatch(/\bEUR\b/);
    // The EPC QR code (GiroCode) is EUR-only by its standard: none on a PLN invoice.
    expect(text).not.toMatch(/GiroCode|EPC/i);

    // A credit note on it is in PLN as well.
    const { issueCreditNote } = await import('../../functions/invoices/credit-notes.js');
    const { invoiceOrderOf } = await import('../../functions/orders/service.js');
    const line = order.lines.find((entry: { sku: string }) => entry.sku === plumbing);
    const note = await issueCreditNote({
      companyId: nowak,
      invoiceNumber: order.invoiceNumber,
      reason: 'Return of one unit',
      source: { kind: 'rma' as const, id: `rma-${randomUUID()}` },
      lines: [{ sku: line.sku, name: line.name, unit: line.unit, quantity: '1', unitNet: line.unitNet, vatRate: line.vatRate }],
      order: invoiceOrderOf(order),
    });
    expect(note.gross).toEqual({ amount: line.unitNet.amount, currency: 'PLN' });
    const noteXml = (await documentLink(nowak, 'credit-note', note.creditNoteNumber, 'xml', buyer)).toString('utf8');
    expect(noteXml).toContain('<ram:TypeCode>381</ram:TypeCode>');
    expect(noteXml).toContain('<ram:InvoiceCurrencyCode>PLN</ram:InvoiceCurrencyCode>');
    eInvoices['PLN credit note XML'] = noteXml;
  }, 60_000);

  it('Müller Bau (EUR) is unaffected: EUR prices, EUR cart and fees, EUR credit', async () => {
    const product = (await api('/catalog/products/HAN-0211', { token: muellerBuyer })).body;
    expect(product.price.currency).toBe('EUR');
    const cart = await fillCart(muellerBuyer, [{ sku: 'HAN-0211', quantity: 1 }]);
    expect(cart.quote.currency).toBe('EUR');
    const preview = await api('/checkout/preview', {
      token: muellerBuyer,
      method: 'POST',
      body: { delivery: { kind: 'carrier', carrierId: 'hartmann-express', city: 'Berlin', branchId: 'HX-BER-01' } },
    });
    expect(preview.body.deliveryFee.currency).toBe('EUR');
    expect(preview.body.payable.currency).toBe('EUR');
    expect((await api('/companies/mueller-bau/credit', { token: muellerBuyer })).body.credit.limit.currency).toBe('EUR');
    await api('/cart', { token: muellerBuyer, method: 'DELETE' });
  });

  it('the PLN e-invoices pass the official validators (KoSIT XRechnung, CEN EN 16931)', async () => {
    expect(Object.keys(eInvoices)).toHaveLength(3);
    const reports = await validateEInvoices(eInvoices);
    for (const [name, report] of Object.entries(reports)) expect(rejections(report), name).toEqual([]);
  }, 180_000);
});

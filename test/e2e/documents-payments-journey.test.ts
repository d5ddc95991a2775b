import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, digits, logIn, useBrowser } from '../support/browser.js';
import { fillCart, placeOrder, settledOrder, totalOf } from '../support/orders.js';

/** The buyer's documents page and the back office's payments tab (camt.053 import) in Chromium. */
const browser = useBrowser();

const decimal = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

async function invoicedOrder(token: string) {
  const { body } = await api('/catalog/products?category=adhesives&limit=100', { token });
  const sku = body.products.find(
    (product: { availability: { warehouses: { id: string; quantity: number }[] } }) =>
      (product.availability.warehouses.find((warehouse) => warehouse.id === 'stuttgart')?.quantity ?? 0) >= 3,
  ).sku as string;
  await fillCart(token, [{ sku, quantity: 3 }]);
  const placed = await placeOrder(token, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' });
  expect(placed.status, JSON.stringify(placed.body)).toBe(202);
  const order = await settledOrder(token, 'mueller-bau', placed.body.orderId);
  expect(order.status).toBe('confirmed');
  await expect.poll(async () => (await api(`/companies/mueller-bau/invoices/${order.invoiceNumber}`, { token })).status, { timeout: 15_000 }).toBe(200);
  return { invoiceNumber: order.invoiceNumber as string, orderNumber: order.orderNumber as string, total: totalOf(order) };
}

describe('documents and payments in the browser', () => {
  it('the buyer sees an open invoice, back office imports the bank statement, the buyer sees it paid', async () => {
    const buyer = await signIn(users.muellerBuyer);
    const invoice = await invoicedOrder(buyer);
    const statement = readFileSync(new URL('../fixtures/camt053/statement-001.08.xml', import.meta.url), 'utf8')
      .replace(/\{\{STATEMENT_ID\}\}/g, `STMT-E2E-${randomUUID().slice(0, 8)}`)
      .replace('{{AMOUNT_BATCH}}', decimal(invoice.total + 1_000))
      .replace('{{AMOUNT_REST}}', decimal(invoice.total))
      .replace('{{INVOICE_SPACED}}', invoice.invoiceNumber.replace(/-/g, ' '))
      .replace('{{AMOUNT_SECOND}}', '10.00')
      .replace('{{INVOICE_SECOND}}', 'no reference');

    const shop = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    const console = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await logIn(shop, `${stack().webUrl}/login`, users.muellerBuyer);
      await shop.getByTestId('current-user').waitFor();
      await shop.getByTestId('documents-link').click();
      const row = shop.getByTestId(`doc-invoice-${invoice.invoiceNumber}`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('open');
      expect(await digits(row.getByTestId('doc-invoice-open'))).toBe(String(invoice.total));
      expect(await row.getByTestId(`download-invoice-xml-${invoice.invoiceNumber}`).isVisible()).toBe(true);
      await shop.screenshot({ path: `${artefactDir}/documents-open.png`, fullPage: true });

      await logIn(console, `${stack().webUrl}/console/login`, users.backOffice);
      await console.getByTestId('tab-payments').click();
      await console.getByTestId('payments-panel').waitFor();
      await console
        .getByTestId('statement-file')
        .setInputFiles({ name: 'camt053-2026-11-20.xml', mimeType: 'application/xml', buffer: Buffer.from(statement) });
      const result = console.getByTestId('statement-result');
      await result.waitFor({ timeout: 20_000 });
      const outcomes = await result.getByTestId('statement-entry').evaluateAll((rows) => rows.map((entry) => entry.getAttribute('data-outcome')));
      expect(outcomes).toEqual(['matched', 'unmatched']);
      expect(await result.textContent()).toContain(invoice.invoiceNumber);
      // The unmatched 10.00 waits in the list for a person.
      await expect.poll(async () => (await console.getByTestId('unmatched-list').textContent()) ?? '', { timeout: 10_000 }).toContain('10');
      await console.screenshot({ path: `${artefactDir}/payments-import.png`, fullPage: true });

      await shop.getByTestId('documents-status').selectOption('paid');
      const paid = shop.getByTestId(`doc-invoice-${invoice.invoiceNumber}`);
      await paid.waitFor();
      expect(await paid.getAttribute('data-status')).toBe('paid');
      expect(await digits(paid.getByTestId('doc-invoice-open'))).toMatch(/^0+$/);
    } finally {
      await shop.close();
      await console.close();
    }
  });
});

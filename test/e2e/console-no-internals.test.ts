import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { address, newCompanyWithBuyers } from '../support/accounts.js';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';
import { fillCart, placeOrder, settledOrder, stockedSku, totalOf } from '../support/orders.js';

/** Issue 17 item 5: the console shows readable audit changes, picks companies and invoices from a search, finds orders by number and PO. */
const browser = useBrowser();

describe('the console without internals', () => {
  it('books a payment on a picked company and invoice, finds the order by PO and order number, and reads its audit trail', async () => {
    const [buyer, backOffice] = await Promise.all([signIn(users.muellerBuyer), signIn(users.backOffice, 'console')]);
    const po = `E2E-PO ${randomUUID().slice(0, 6).toUpperCase()}`;
    const sku = await stockedSku(buyer, 'adhesives', 3, [], 'stuttgart');
    await fillCart(buyer, [{ sku, quantity: 1 }]);
    const placed = await placeOrder(buyer, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account', poNumber: po });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    const order = await settledOrder(buyer, 'mueller-bau', placed.body.orderId);
    expect(order.status).toBe('confirmed');
    await expect
      .poll(async () => (await api(`/companies/mueller-bau/invoices/${order.invoiceNumber}`, { token: buyer })).status, { timeout: 15_000 })
      .toBe(200);
    const note = await api(`/console/orders/mueller-bau/${order.orderId}/notes`, { token: backOffice, method: 'POST', body: { text: 'Call before delivery' } });
    expect(note.status, JSON.stringify(note.body)).toBe(201);

    const page = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await logIn(page, `${stack().webUrl}/console/login`, users.backOffice);
      await page.getByTestId('tab-payments').click();
      await page.getByTestId('payments-panel').waitFor();

      // Payments: a company from a search, then one of its open invoices; the open amount is filled in.
      const form = page.getByTestId('record-payment-form');
      await form.getByTestId('record-payment-company').fill('Müller');
      await form.getByTestId('record-payment-company-mueller-bau').click();
      expect(await form.getByTestId('record-payment-company-picked').getAttribute('data-company-id')).toBe('mueller-bau');
      const invoiceSelect = form.getByTestId('record-payment-invoice');
      await invoiceSelect.waitFor();
      const optionText = await invoiceSelect.locator(`option[value="${order.invoiceNumber}"]`).textContent();
      expect(optionText).toContain(order.invoiceNumber);
      await invoiceSelect.selectOption(order.invoiceNumber);
      expect((await form.getByTestId('record-payment-amount').inputValue()).replace(/\D/g, '')).toBe(String(totalOf(order)));
      await form.getByTestId('record-payment-reference').fill(`Transfer ${order.invoiceNumber}`);
      await form.getByTestId('record-payment-submit').click();
      await page.getByTestId('record-payment-history').waitFor();
      await page.screenshot({ path: `${artefactDir}/console-payment-picked.png`, fullPage: true });
      const { body: invoice } = await api(`/companies/mueller-bau/invoices/${order.invoiceNumber}`, { token: buyer });
      expect(invoice.status).toBe('paid');

      // Orders: by PO number (any case), then by order number.
      await page.getByTestId('tab-orders').click();
      const filters = page.getByTestId('order-filters');
      await filters.getByTestId('order-filter-po').fill(po.toLowerCase());
      await filters.getByTestId('order-filter-apply').click();
      const row = page.getByTestId(`admin-order-row-${order.orderNumber}`);
      await row.waitFor();
      // The list reloads after Apply: wait for the filtered answer, not the rows shown before it.
      await expect.poll(() => page.locator('[data-testid^="admin-order-row-"]').count(), { timeout: 10_000 }).toBe(1);
      expect(await row.getByTestId('admin-order-po').textContent()).toContain(po);
      await filters.getByTestId('order-filter-po').fill('');
      await filters.getByTestId('order-filter-number').fill(order.orderNumber);
      await filters.getByTestId('order-filter-apply').click();
      await row.waitFor();
      await expect.poll(() => page.locator('[data-testid^="admin-order-row-"]').count(), { timeout: 10_000 }).toBe(1);
      await page.screenshot({ path: `${artefactDir}/console-order-by-number.png`, fullPage: true });

      // The order's audit trail in words.
      await row.getByTestId('admin-order-link').click();
      const audit = page.getByTestId('order-audit');
      await audit.waitFor();
      const noteRow = audit.getByTestId('audit-note.added');
      expect(await noteRow.getByTestId('audit-row-action').textContent()).toBe('Note added');
      expect(await noteRow.getByTestId('audit-row-changes').textContent()).toBe('Note: Call before delivery');
      expect(await audit.textContent()).not.toMatch(/[{}]|"[a-zA-Z]+":/);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('shows company changes as "Field: old → new" in the account audit trail', async () => {
    const { companyId, admin } = await newCompanyWithBuyers(1);
    const { body: before } = await api(`/companies/${companyId}`, { token: admin });
    const renamed = `${before.name} Nord`;
    expect((await api(`/companies/${companyId}`, { token: admin, method: 'PATCH', body: { name: renamed } })).status).toBe(200);
    const moved = await api(`/companies/${companyId}/billing-address`, {
      token: admin,
      method: 'PUT',
      body: { ...address, country: 'DE', street: 'Hafenstraße 7', postalCode: '89073', city: 'Ulm' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    const page = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await logIn(page, `${stack().webUrl}/console/login`, users.backOffice);
      await page.getByTestId('tab-companies').waitFor();
      await page.goto(`${stack().webUrl}/console/companies/${companyId}`);
      const trail = page.getByTestId('audit-list');
      await trail.getByTestId('audit-change-billingAddress').waitFor();
      expect(await trail.getByTestId('audit-change-name').textContent()).toBe(`Name: ${before.name} → ${renamed}`);
      expect(await trail.getByTestId('audit-change-billingAddress').textContent()).toBe(
        `Billing address: ${address.street}, ${address.postalCode} Ulm, Germany → Hafenstraße 7, 89073 Ulm, Germany`,
      );
      expect(await trail.textContent()).not.toMatch(/[{}]|"[a-zA-Z]+":/);
      await page.screenshot({ path: `${artefactDir}/company-audit-readable.png`, fullPage: true });
    } finally {
      await page.close();
    }
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';
import { stockedSku } from '../support/orders.js';
import { confirmedOrder } from '../support/order-admin.js';

/** Order administration (seed 004): back office splits a shipment in the console, the buyer tracks it in the shop. */
const browser = useBrowser();

describe('order administration in the console and shipment tracking in the shop', () => {
  it('back office finds an order, ships part of it with carrier and tracking number; the buyer sees the shipment', async () => {
    const buyerToken = await signIn(users.muellerBuyer);
    const first = await stockedSku(buyerToken, 'electrical', 10);
    const second = await stockedSku(buyerToken, 'electrical', 10, [first]);
    const order = await confirmedOrder(buyerToken, 'mueller-bau', [
      { sku: first, quantity: '4' },
      { sku: second, quantity: '1' },
    ]);
    const tracking = `JJD${Date.now()}`;
    const secret = `Internal: customer called about ${tracking}`;

    const staff = await browser().newPage({ viewport: { width: 1400, height: 1100 } });
    try {
      await logIn(staff, `${stack().webUrl}/console/login`, users.backOffice);
      await staff.getByTestId('tab-orders').click();
      await staff.getByTestId('order-filter-company').selectOption('mueller-bau');
      await staff.getByTestId('order-filter-status').selectOption('confirmed');
      await staff.getByTestId('order-filter-apply').click();
      const row = staff.getByTestId(`admin-order-row-${order.orderNumber}`);
      await row.waitFor();
      await row.getByTestId('admin-order-link').click();
      await staff.getByTestId('admin-order-detail').waitFor();
      expect(await staff.getByTestId('admin-order-number').textContent()).toBe(order.orderNumber);
      expect(await staff.getByTestId(`shipment-remaining-${first}`).textContent()).toBe('4');

      // Ship 3 of 4 units of the first line with DHL and a tracking number: a partial delivery.
      const form = staff.getByTestId('new-shipment-form');
      await form.getByTestId(`shipment-quantity-${first}`).fill('3');
      await form.getByTestId('shipment-carrier-input').fill('DHL');
      await form.getByTestId('shipment-tracking-input').fill(tracking);
      await form.getByTestId('shipment-tracking-url-input').fill(`https://www.dhl.de/track?piececode=${tracking}`);
      await form.getByTestId('create-shipment').click();
      const shipment = staff.getByTestId(`shipment-${order.orderNumber}-1`);
      await shipment.waitFor();
      expect(await shipment.getByTestId('shipment-status').getAttribute('data-status')).toBe('shipped');
      expect(await shipment.getByTestId('shipment-tracking').textContent()).toBe(tracking);
      await expect.poll(() => staff.getByTestId(`shipment-remaining-${first}`).textContent()).toBe('1');
      expect(await staff.getByTestId('audit-shipment.created').count()).toBe(1);
      await staff.screenshot({ path: `${artefactDir}/order-admin-shipment.png`, fullPage: true });

      // Mark it delivered from the console.
      await shipment.getByTestId('mark-delivered').click();
      await expect.poll(() => shipment.getByTestId('shipment-status').getAttribute('data-status')).toBe('delivered');

      // An internal note and a goodwill discount of 1,00 EUR: both audited, the note stays internal.
      await staff.getByTestId('note-input').fill(secret);
      await staff.getByTestId('add-note').click();
      await expect.poll(() => staff.getByTestId('order-notes').textContent()).toContain(secret);
      const netBefore = Number(((await staff.getByTestId('admin-order-net').textContent()) ?? '').replace(/\D/g, ''));
      await staff.getByTestId('adjustment-amount').fill('1,00');
      await staff.getByTestId('adjustment-reason').fill('Late delivery');
      await staff.getByTestId('add-adjustment').click();
      await staff.getByTestId('audit-adjustment.added').waitFor();
      await expect.poll(async () => Number(((await staff.getByTestId('admin-order-net').textContent()) ?? '').replace(/\D/g, ''))).toBe(netBefore - 100);
      expect(await staff.getByTestId('admin-adjustments').textContent()).toContain('Late delivery');
      expect(await staff.getByTestId('audit-note.added').count()).toBe(1);
    } finally {
      await staff.close();
    }

    const buyer = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await logIn(buyer, `${stack().webUrl}/login`, users.muellerBuyer);
      await buyer.getByTestId('current-user').waitFor();
      await buyer.goto(`${stack().webUrl}/orders/${encodeURIComponent(order.orderId)}`);
      const shipments = buyer.getByTestId('order-shipments');
      await shipments.waitFor();
      const card = shipments.getByTestId(`shipment-${order.orderNumber}-1`);
      expect(await card.getByTestId('shipment-status').getAttribute('data-status')).toBe('delivered');
      expect(await card.getByTestId('shipment-carrier').textContent()).toBe('DHL');
      const link = card.getByTestId('shipment-tracking-link');
      expect(await link.textContent()).toBe(tracking);
      expect(await link.getAttribute('href')).toBe(`https://www.dhl.de/track?piececode=${tracking}`);
      expect(await card.getByTestId('delivery-note-link').isVisible()).toBe(true);
      expect(await buyer.getByTestId('order-page').textContent()).not.toContain(secret);
      expect(await buyer.getByTestId('order-page').textContent()).not.toContain('Late delivery');
      expect(await buyer.getByTestId('order-page').textContent()).toContain('Goodwill discount');
      await buyer.screenshot({ path: `${artefactDir}/order-admin-buyer-shipment.png`, fullPage: true });
    } finally {
      await buyer.close();
    }
    const stored = await api(`/companies/mueller-bau/orders/${order.orderId}`, { token: buyerToken });
    expect(stored.body.shipments).toHaveLength(1);
    expect(stored.body.shipments[0]).toMatchObject({ lines: [{ sku: first, quantity: '3' }], trackingNumber: tracking, status: 'delivered' });
  });
});

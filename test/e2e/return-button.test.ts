import { describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';
import { fillCart, placeOrder, settledOrder, stockedSku } from '../support/orders.js';

/** Issue 17 item 6: the Return button says why it is unavailable before shipment instead of being missing. */
const browser = useBrowser();
const company = 'mueller-bau';

describe('the Return / complaint button of an order', () => {
  it('is disabled with the reason until something has shipped, then leads to the claim form', async () => {
    const [buyer, backOffice] = await Promise.all([signIn(users.muellerBuyer), signIn(users.backOffice, 'console')]);
    const sku = await stockedSku(buyer, 'electrical', 5);
    await fillCart(buyer, [{ sku, quantity: '2' }]);
    const placed = await placeOrder(buyer, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    const order = await settledOrder(buyer, company, placed.body.orderId, 60_000);
    expect(order.status).toBe('confirmed');

    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await logIn(page, `${stack().webUrl}/login`, users.muellerBuyer);
      await page.getByTestId('current-user').waitFor();
      await page.goto(`${stack().webUrl}/orders/${order.orderId}`);
      const disabled = page.getByTestId('order-return-disabled');
      await disabled.waitFor();
      expect(await disabled.isDisabled()).toBe(true);
      expect(await disabled.textContent()).toBe('Return / complaint');
      const reason = page.getByTestId('order-return-reason');
      expect(await reason.isVisible()).toBe(true);
      expect(await reason.textContent()).toBe('Returns are possible once the order has shipped.');
      expect(await disabled.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
      expect(await page.getByTestId('order-return-link').count()).toBe(0);
      await page.screenshot({ path: `${artefactDir}/return-button-before-shipment.png` });

      const shipment = await api(`/console/orders/${company}/${order.orderId}/shipments`, {
        token: backOffice,
        method: 'POST',
        body: { lines: [{ sku, quantity: '2' }], carrier: 'DHL', trackingNumber: `TRK-${Date.now()}` },
      });
      expect(shipment.status, JSON.stringify(shipment.body)).toBe(201);
      await page.reload();
      await page.getByTestId('order-return-link').waitFor();
      expect(await page.getByTestId('order-return-disabled').count()).toBe(0);
      expect(await page.getByTestId('order-return-reason').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { backorderableProduct } from '../support/backorders.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';

/** Issue 17 item 3: the cart line of a back-orderable product beyond stock says what ships now and when the rest comes. */
const browser = useBrowser();

describe('back-orders in the cart', () => {
  it('shows "x now, y expected on <date>" and no stock shortage', async () => {
    const token = await signIn(users.muellerBuyer);
    const { sku, restore } = await backorderableProduct(token, { warehouseId: 'stuttgart', inStock: 2, expectedAt: '2027-03-15' });
    try {
      await api('/cart', { token, method: 'DELETE' });
      expect((await api('/cart/lines', { token, method: 'POST', body: { lines: [{ sku, quantity: 5 }] } })).status).toBe(200);
      const page = await browser().newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      await logIn(page, `${stack().webUrl}/login`, users.muellerBuyer);
      await page.getByTestId('current-user').waitFor();
      await page.goto(`${stack().webUrl}/cart`);
      const notice = page.getByTestId('cart-line-backorder');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/^2 \S+ now, 3 \S+ expected on 15 Mar 2027$/);
      expect(await page.getByTestId('cart-line-shortage').count()).toBe(0);
      await page.screenshot({ path: `${artefactDir}/backorder-cart.png`, fullPage: true });
      await page.close();
    } finally {
      await restore();
      await api('/cart', { token, method: 'DELETE' });
    }
  });
});

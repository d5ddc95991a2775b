import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, signIn, stack, users } from '../support/api.js';
import { type AxeViolation, seriousViolations } from '../support/axe.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';
import { fillCart, placeOrder, settledOrder, stockedSku } from '../support/orders.js';

/**
 * Accessibility (issue 17 item 8): axe-core (WCAG 2.0 A/AA, 2.1 AA) finds no serious or critical
 * violations on the main pages of the shop and the console, and a buyer can check out with the keyboard alone.
 */
const browser = useBrowser();

const describeViolations = (where: string, violations: readonly AxeViolation[]) =>
  violations.map((violation) => `${where}: [${violation.impact}] ${violation.id} (${violation.help})\n    ${violation.targets.join('\n    ')}`).join('\n');

/** Waits until the page has settled (data loaded, no spinner), screenshots it and runs axe. */
async function check(page: Page, name: string, ready: string): Promise<string> {
  await page.getByTestId(ready).first().waitFor({ timeout: 15_000 });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${artefactDir}/a11y-${name}.png`, fullPage: true });
  return describeViolations(name, await seriousViolations(page));
}

describe('accessibility of the main pages (axe-core)', () => {
  it('the shop: login, catalog, search, product, cart, checkout, order, documents, account', async () => {
    const token = await signIn(users.muellerBuyer);
    await api('/cart', { token, method: 'DELETE' });
    const sku = await stockedSku(token, 'power-tools', 5);
    await fillCart(token, [{ sku, quantity: '1' }]);
    const placed = await placeOrder(token, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' });
    expect(placed.status).toBe(202);
    const orderId = placed.body.orderId as string;
    await settledOrder(token, 'mueller-bau', orderId);
    await fillCart(token, [{ sku, quantity: '2' }]);
    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    const found: string[] = [];
    try {
      await page.goto(`${stack().webUrl}/login`);
      found.push(await check(page, 'shop-login', 'login-email'));
      await logIn(page, `${stack().webUrl}/login`, users.muellerBuyer);
      await page.getByTestId('current-user').waitFor();
      found.push(await check(page, 'catalog', 'category-list'));
      await page.goto(`${stack().webUrl}/search?q=hex%20bolt`);
      found.push(await check(page, 'search', 'search-results'));
      await page.goto(`${stack().webUrl}/products/${encodeURIComponent(sku)}`);
      found.push(await check(page, 'product', `product-${sku}`));
      await page.goto(`${stack().webUrl}/cart`);
      found.push(await check(page, 'cart', `cart-line-${sku}`));
      await page.goto(`${stack().webUrl}/checkout`);
      found.push(await check(page, 'checkout', 'payment-options'));
      await page.goto(`${stack().webUrl}/orders/${encodeURIComponent(orderId)}`);
      found.push(await check(page, 'order', 'order-page'));
      await page.goto(`${stack().webUrl}/documents`);
      found.push(await check(page, 'documents', 'documents-page'));
      await page.goto(`${stack().webUrl}/account`);
      found.push(await check(page, 'account', 'account-page'));
    } finally {
      await page.close();
    }
    expect(found.filter(Boolean).join('\n')).toBe('');
  });

  it('the console: sign-in, companies, orders, quotes', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    const found: string[] = [];
    try {
      await page.goto(`${stack().webUrl}/console/login`);
      found.push(await check(page, 'console-login', 'login-email'));
      await logIn(page, `${stack().webUrl}/console/login`, users.backOffice);
      found.push(await check(page, 'console-companies', 'companies-table'));
      await page.getByTestId('tab-orders').click();
      found.push(await check(page, 'console-orders', 'order-filters'));
      await page.getByTestId('tab-quotes').click();
      found.push(await check(page, 'console-quotes', 'quotes-filter'));
    } finally {
      await page.close();
    }
    expect(found.filter(Boolean).join('\n')).toBe('');
  });
});

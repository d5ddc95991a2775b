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
  await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
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
      // The search box with its suggestions open (a combobox with a listbox).
      await page.getByLabel('Search products').fill('hex bo');
      await page.getByRole('listbox', { name: 'Suggestions' }).waitFor();
      found.push(describeViolations('suggestions', await seriousViolations(page)));
      // An option is no link any more (no control inside a control) and still opens its product when clicked.
      await page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first().click();
      await page.waitForURL((url) => url.pathname.startsWith('/products/'));
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
      // On a phone the tabs and account actions sit in the menu.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${stack().webUrl}/cart`);
      await page.getByTestId(`cart-line-${sku}`).waitFor();
      await page.getByTestId('menu-toggle').click();
      found.push(await check(page, 'phone-menu', 'orders-link'));
    } finally {
      await page.close();
    }
    expect(found.filter(Boolean).join('\n')).toBe('');
  });

  it('the console: sign-in, companies, orders, an order, quotes, a quote', async () => {
    const backOffice = await signIn(users.backOffice, 'console');
    const buyer = await signIn(users.muellerBuyer);
    const sku = await stockedSku(buyer, 'electrical', 2);
    await fillCart(buyer, [{ sku, quantity: '1' }]);
    const placed = await placeOrder(buyer, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' });
    expect(placed.status).toBe(202);
    await settledOrder(buyer, 'mueller-bau', placed.body.orderId);
    const validUntil = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const quote = await api('/companies/mueller-bau/offers', {
      token: backOffice,
      method: 'POST',
      body: {
        lines: [{ sku, quantity: '1' }],
        terms: { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'bank-prepayment', validUntil },
      },
    });
    expect(quote.status, JSON.stringify(quote.body)).toBe(201);
    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    const found: string[] = [];
    try {
      await page.goto(`${stack().webUrl}/console/login`);
      found.push(await check(page, 'console-login', 'login-email'));
      await logIn(page, `${stack().webUrl}/console/login`, users.backOffice);
      found.push(await check(page, 'console-companies', 'companies-table'));
      await page.getByTestId('tab-orders').click();
      await page.getByTestId('order-filter-company').selectOption('mueller-bau');
      await page.getByTestId('order-filter-apply').click();
      found.push(await check(page, 'console-orders', 'admin-order-link'));
      await page.getByTestId('admin-order-link').first().click();
      found.push(await check(page, 'console-order', 'admin-order-detail'));
      await page.getByTestId('tab-quotes').click();
      found.push(await check(page, 'console-quotes', `quote-row-${quote.body.offerId}`));
      await page.getByTestId(`quote-row-${quote.body.offerId}`).getByRole('link').click();
      found.push(await check(page, 'console-quote', 'quote-send'));
    } finally {
      await page.close();
    }
    expect(found.filter(Boolean).join('\n')).toBe('');
  });
});

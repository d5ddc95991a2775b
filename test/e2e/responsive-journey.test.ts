import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { api, signIn, stack, users } from '../support/api.js';
import { addToCartFrom, artefactDir, logIn, useBrowser } from '../support/browser.js';
import { fillCart, stockedSku } from '../support/orders.js';

/**
 * Shop and console on a phone (390 × 844) and a tablet (768 × 1024), issue 17: the main buyer journey
 * and the rep's quote journey without sideways scrolling, with prices and actions on screen.
 */
const browser = useBrowser();
const viewports = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

/** The page is no wider than the screen (tables scroll inside themselves or become cards). */
async function expectNoSidewaysScrolling(page: Page, where: string) {
  const { documentWidth, viewport } = await page.evaluate(() => ({ documentWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(documentWidth, `${where}: document ${documentWidth}px wide on a ${viewport}px screen`).toBeLessThanOrEqual(viewport);
}

/** Visible and horizontally inside the screen (not cut off or scrolled away). */
async function expectOnScreen(locator: Locator, what: string) {
  await locator.waitFor();
  const box = await locator.boundingBox();
  const width = locator.page().viewportSize()!.width;
  expect(box, `${what} has no box`).not.toBeNull();
  expect(box!.x, `${what} starts left of the screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends right of the screen (${width}px)`).toBeLessThanOrEqual(width + 1);
}

describe.each(viewports)('on a $name ($width × $height)', (viewport) => {
  const shot = (page: Page, name: string) => page.screenshot({ path: `${artefactDir}/responsive-${viewport.name}-${name}.png`, fullPage: true });

  it('a buyer finds a product, orders it through cart and checkout and opens the order, using the menu', async () => {
    const token = await signIn(users.muellerBuyer);
    await api('/cart', { token, method: 'DELETE' });
    const sku = await stockedSku(token, 'power-tools', 5);
    const page = await browser().newPage({ viewport: { width: viewport.width, height: viewport.height } });
    try {
      await logIn(page, `${stack().webUrl}/login`, users.muellerBuyer);
      await page.getByTestId('cart-link').waitFor();
      // A compact header: at most a fifth of the screen, the search box and the cart on it.
      const header = await page.locator('header.topbar').boundingBox();
      expect(header!.height).toBeLessThanOrEqual(viewport.height / 5);
      await expectOnScreen(page.getByTestId('search-input'), 'search box');
      await expectOnScreen(page.getByTestId('cart-link'), 'cart link');
      await expectNoSidewaysScrolling(page, 'catalog');
      await shot(page, 'catalog');

      // The menu holds the tabs and the account actions; choosing one closes it.
      await page.getByTestId('menu-toggle').click();
      await expectOnScreen(page.getByTestId('orders-link'), 'orders tab');
      await expectOnScreen(page.getByTestId('logout'), 'log out');
      await expectNoSidewaysScrolling(page, 'open menu');
      await shot(page, 'menu');
      await page.getByTestId('catalog-link').click();
      await expect.poll(() => page.getByTestId('orders-link').isVisible()).toBe(false);

      await page.goto(`${stack().webUrl}/products/${sku}`);
      const product = page.getByTestId(`product-${sku}`);
      await product.waitFor();
      await expectOnScreen(product.getByTestId('add-to-cart'), 'add to cart');
      await expectNoSidewaysScrolling(page, 'product page');
      await addToCartFrom(product, '2');
      await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('1');

      await page.getByTestId('cart-link').click();
      const line = page.getByTestId(`cart-line-${sku}`);
      await line.waitFor();
      await expectOnScreen(line.getByTestId('cart-line-unit-net'), 'unit price');
      await expectOnScreen(line.getByTestId('cart-line-net'), 'line price');
      await expectOnScreen(line.getByTestId('cart-line-remove'), 'Remove');
      await expectOnScreen(line.getByTestId('cart-line-qty'), 'quantity');
      await expectOnScreen(page.getByTestId('checkout-link'), 'checkout');
      await expectNoSidewaysScrolling(page, 'cart');
      await shot(page, 'cart');

      await page.getByTestId('checkout-link').click();
      await page.getByTestId('payment-options').waitFor();
      await page.getByTestId('delivery-pickup').getByTestId('delivery-radio').check();
      await page.getByTestId('pickup-warehouse').selectOption('stuttgart');
      await page.getByTestId('payment-bank-prepayment').getByTestId('payment-radio').check();
      await expect.poll(() => page.getByTestId('place-order').isEnabled()).toBe(true);
      await expectOnScreen(page.getByTestId('checkout-payable'), 'amount payable');
      await expectOnScreen(page.getByTestId('place-order'), 'place order');
      await expectNoSidewaysScrolling(page, 'checkout');
      await shot(page, 'checkout');
      await page.getByTestId('place-order').click();

      await page.getByTestId('order-page').waitFor({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('order-status').getAttribute('data-status'), { timeout: 45_000 }).toBe('confirmed');
      await expectOnScreen(page.getByTestId('order-payable'), 'order total');
      await expectOnScreen(page.getByTestId(`order-line-${sku}`), 'order line');
      await expectNoSidewaysScrolling(page, 'order');
      await shot(page, 'order');

      await page.getByTestId('menu-toggle').click();
      await page.getByTestId('orders-link').click();
      await page.getByTestId('orders-page').waitFor();
      await expectNoSidewaysScrolling(page, 'order list');
      await shot(page, 'orders');
    } finally {
      await page.close();
    }
  });

  it("a rep takes over a buyer's cart into a quote and sends it from the console", async () => {
    const buyerToken = await signIn(users.muellerBuyer);
    const sku = await stockedSku(buyerToken, 'electrical', 5);
    await fillCart(buyerToken, [{ sku, quantity: '2' }]);
    const carts = await api('/companies/mueller-bau/carts', { token: await signIn(users.rep, 'console') });
    const buyerCart = carts.body.carts.find((cart: { lines: { sku: string }[] }) => cart.lines.some((line) => line.sku === sku));
    const rep = await browser().newPage({ viewport: { width: viewport.width, height: viewport.height } });
    try {
      await logIn(rep, `${stack().webUrl}/console/login`, users.rep);
      await rep.getByTestId('tab-quotes').waitFor();
      await expectNoSidewaysScrolling(rep, 'console');
      await shot(rep, 'console');
      await rep.getByTestId('tab-quotes').click();
      await rep.getByTestId('new-quote').click();
      const form = rep.getByTestId('new-quote-form');
      await form.getByTestId('quote-company').selectOption('mueller-bau');
      await form.getByTestId(`quote-cart-${buyerCart.ownerSub}`).getByTestId('quote-cart-radio').check();
      await form.getByTestId('delivery-pickup').getByTestId('delivery-radio').check();
      await form.getByTestId('pickup-warehouse').selectOption('stuttgart');
      await form.getByTestId('payment-bank-prepayment').getByTestId('payment-radio').check();
      await expectOnScreen(form.getByTestId('create-quote'), 'create quote');
      await expectNoSidewaysScrolling(rep, 'new quote');
      await shot(rep, 'new-quote');
      await form.getByTestId('create-quote').click();
      await rep.getByTestId('console-quote').waitFor();
      // A wide line table scrolls inside itself: the quoted price comes into view without moving the page.
      const price = rep.getByTestId(`quote-line-${sku}`).locator('td').nth(4);
      await price.scrollIntoViewIfNeeded();
      await expectOnScreen(price, 'quoted price');
      await expectOnScreen(rep.getByTestId('quote-send'), 'send');
      await expectNoSidewaysScrolling(rep, 'quote');
      await rep.getByTestId('quote-send').click();
      await rep.getByTestId('quote-history-1').waitFor();
      await shot(rep, 'quote');
    } finally {
      await rep.close();
      await api('/cart', { token: buyerToken, method: 'DELETE' });
    }
  });
});

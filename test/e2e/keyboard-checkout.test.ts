import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';
import { stockedSku } from '../support/orders.js';

/**
 * Keyboard-only checkout (issue 17 item 8): after signing in, a buyer goes catalog → add to cart → cart →
 * checkout → place order with Tab, Shift+Tab, Enter, Space, arrow keys and typing only — no clicks — and
 * every control the focus reaches shows where it is.
 */
const browser = useBrowser();

/** What has the focus: its test id (or the nearest one around it), tag and whether the focus can be seen. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { testId: '', within: [] as string[], tag: 'body', visible: false, label: '' };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    // Text fields and lists may show the focus as a coloured ring instead (box-shadow, at least 30 % opaque).
    const textField = element.matches('select, textarea, input:not([type="radio"]):not([type="checkbox"])');
    const ringAlpha = /rgba?\(([^)]*)\)/.exec(style.boxShadow)?.[1]?.split(',')[3];
    const ring = textField && style.boxShadow !== 'none' && (ringAlpha === undefined ? true : Number.parseFloat(ringAlpha) >= 0.3);
    const within: string[] = [];
    for (let node: HTMLElement | null = element; node; node = node.parentElement) {
      const id = node.getAttribute('data-testid');
      if (id) within.push(id);
    }
    const box = element.getBoundingClientRect();
    return {
      testId: element.getAttribute('data-testid') ?? '',
      within,
      tag: element.tagName.toLowerCase(),
      visible: (outline || ring) && box.width > 0 && box.height > 0,
      label: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 60),
    };
  });

/**
 * Presses Tab (or Shift+Tab) until the focus is on the element with `testId` — inside `scope` when given —
 * and checks that the focus is visible there.
 */
async function tabTo(page: Page, testId: string, { scope, back = false, max = 120 }: { scope?: string; back?: boolean; max?: number } = {}) {
  const path: string[] = [];
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    path.push(now.testId || `${now.tag}:${now.label}`);
    if (now.testId === testId && (!scope || now.within.includes(scope))) {
      expect(now.visible, `the focus on ${testId} is not visible`).toBe(true);
      return;
    }
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${testId}${scope ? ` in ${scope}` : ''}; focus went ${path.join(' → ')}`);
}

/**
 * Moves a focused radio group's selection with the arrow keys until the option `testId` has the focus,
 * and chooses it with Space (Tab into a group without a choice focuses its first option unchosen).
 */
async function arrowTo(page: Page, testId: string, max = 10) {
  for (let presses = 0; presses < max; presses++) {
    const now = await focused(page);
    if (now.within.includes(testId)) {
      expect(now.visible, `the focus in ${testId} is not visible`).toBe(true);
      if (!(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked))) await page.keyboard.press('Space');
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`The arrow keys never reached ${testId}`);
}

describe('keyboard-only checkout', () => {
  it('signs in, adds a product from the catalog, opens the cart and checkout and places the order without the mouse', async () => {
    const token = await signIn(users.muellerBuyer);
    await api('/cart', { token, method: 'DELETE' });
    const sku = await stockedSku(token, 'power-tools', 5, [], 'stuttgart');
    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await logIn(page, `${stack().webUrl}/login`, users.muellerBuyer);
      await page.getByTestId('category-list').waitFor();
      await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('0');

      // Catalog: the category, then the product's quantity and its Add button.
      await tabTo(page, 'category-power-tools');
      await page.keyboard.press('Enter');
      await page.getByTestId(`product-${sku}`).getByTestId('add-qty').waitFor();
      await tabTo(page, 'add-qty', { scope: `product-${sku}` });
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('2');
      await tabTo(page, 'add-to-cart', { scope: `product-${sku}`, max: 3 });
      await page.keyboard.press('Enter');
      await page.getByTestId(`product-${sku}`).getByTestId('add-status').waitFor();
      await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('1');
      await page.screenshot({ path: `${artefactDir}/keyboard-catalog.png`, fullPage: true });

      // Back up to the cart in the header, then on to checkout.
      await tabTo(page, 'cart-link', { back: true });
      await page.keyboard.press('Enter');
      await page.getByTestId(`cart-line-${sku}`).waitFor();
      await tabTo(page, 'checkout-link');
      await page.screenshot({ path: `${artefactDir}/keyboard-cart.png`, fullPage: true });
      await page.keyboard.press('Enter');
      await page.getByTestId('payment-options').waitFor();

      // Checkout: pickup with the arrow keys, the warehouse from the list, prepayment, then Place order.
      await tabTo(page, 'delivery-radio');
      await arrowTo(page, 'delivery-pickup');
      await page.getByTestId('pickup-warehouse').waitFor();
      await tabTo(page, 'pickup-warehouse', { max: 5 });
      while ((await page.getByTestId('pickup-warehouse').inputValue()) !== 'stuttgart') await page.keyboard.press('ArrowDown');
      await tabTo(page, 'payment-radio');
      await arrowTo(page, 'payment-bank-prepayment');
      await expect.poll(() => page.getByTestId('place-order').isEnabled()).toBe(true);
      await tabTo(page, 'place-order');
      await page.screenshot({ path: `${artefactDir}/keyboard-checkout.png`, fullPage: true });
      await page.keyboard.press('Enter');

      await page.getByTestId('order-page').waitFor({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('order-status').getAttribute('data-status'), { timeout: 45_000 }).toBe('confirmed');
      await expect.poll(() => page.getByTestId(`order-line-${sku}`).isVisible()).toBe(true);
      await page.screenshot({ path: `${artefactDir}/keyboard-order.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';

/**
 * Issue 17 item 2: the quantity rules (seed: cleaning by the litre from 0.5 l in steps of 0.25 l,
 * fasteners from 2 boxes, packaging in cartons of 12) are shown on the list and the product page,
 * and the quantity field refuses a quantity the cart would refuse, at once, with the reason and the
 * nearest allowed quantities, before anything is added.
 */
const browser = useBrowser();
const sku = 'CLE-0911';

async function signedInShop(email: string): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
  await logIn(page, `${stack().webUrl}/login`, email);
  await page.getByTestId('current-user').waitFor();
  return page;
}

const cartLines = async (token: string) => {
  const { status, body } = await api('/cart', { token });
  expect(status).toBe(200);
  return (body.lines as { sku: string; quantity: string }[]).map((line) => [line.sku, line.quantity]);
};

describe('quantity rules before the cart', () => {
  it('hands the rules to the shop with the product', async () => {
    const token = await signIn(users.muellerBuyer);
    const { status, body } = await api(`/catalog/products/${sku}`, { token });
    expect(status).toBe(200);
    expect(body.quantityRules).toEqual({ minimum: '0.5', step: '0.25' });
    const guest = await api(`/catalog/products/${sku}`);
    expect(guest.body.quantityRules).toBeUndefined();
  });

  it('shows minimum, step, carton and stock, refuses 0,6 l with the reason and the nearest quantities, and adds the valid one', async () => {
    const token = await signIn(users.muellerBuyer);
    await api('/cart', { token, method: 'DELETE' });
    const page = await signedInShop(users.muellerBuyer);
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('0');

    // The list: the rules under the unit, stock next to it.
    await page.goto(`${stack().webUrl}/?category=cleaning`);
    const row = page.getByTestId(`product-${sku}`);
    await row.getByTestId('quantity-rules').waitFor();
    expect(await row.getByTestId('quantity-rules').textContent()).toBe('min. 0.5 l · in steps of 0.25 l');
    expect(await row.getByTestId('availability').textContent()).toMatch(/^In stock · [\d,]+/);
    await page.screenshot({ path: `${artefactDir}/quantity-rules-list.png`, fullPage: true });

    // Other rules of the seed: the carton and its discount; a minimum of 2 boxes starts the field at 2.
    await page.goto(`${stack().webUrl}/?category=packaging`);
    const carton = page.locator('[data-testid^="product-PAC-"]').first();
    await carton.getByTestId('quantity-rules').waitFor();
    expect(await carton.getByTestId('quantity-rules').textContent()).toBe('carton of 12 roll: 5 % off');
    await page.goto(`${stack().webUrl}/?category=fasteners`);
    const fastener = page.locator('[data-testid^="product-FAS-"]').first();
    await fastener.getByTestId('quantity-rules').waitFor();
    expect(await fastener.getByTestId('quantity-rules').textContent()).toBe('min. 2 box');
    expect(await fastener.getByTestId('add-qty').inputValue()).toBe('2');

    // The product page: rules, stock per warehouse.
    await page.goto(`${stack().webUrl}/products/${sku}`);
    const product = page.getByTestId(`product-${sku}`);
    await product.getByTestId('add-to-cart').waitFor();
    expect(await product.getByTestId('quantity-rules').textContent()).toBe('min. 0.5 l · in steps of 0.25 l');
    expect(await page.getByTestId('warehouse-stock').isVisible()).toBe(true);

    // 0,6 l is off the step: refused at once, nothing added, 0.5 and 0.75 offered.
    await product.getByTestId('add-qty').fill('0,6');
    await product.getByTestId('add-to-cart').click();
    const error = product.getByTestId('add-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Not added: this product is sold in steps of 0.25 l.');
    const suggestions = product.getByTestId('add-suggestion');
    expect(await suggestions.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-quantity')))).toEqual(['0.5', '0.75']);
    expect(await suggestions.allTextContents()).toEqual(['0.5 l', '0.75 l']);
    expect(await product.getByTestId('add-status').count()).toBe(0);
    expect(await page.getByTestId('cart-count').textContent()).toBe('0');
    expect(await cartLines(token)).toEqual([]);
    await page.screenshot({ path: `${artefactDir}/quantity-rules-refused.png`, fullPage: true });

    // Below the minimum: the reason names it, the smallest allowed quantity is offered.
    await product.getByTestId('add-qty').fill('0,25');
    await product.getByTestId('add-to-cart').click();
    await expect.poll(() => error.textContent()).toBe('Not added: the minimum is 0.5 l.');
    expect(await suggestions.allTextContents()).toEqual(['0.5 l']);

    // One click puts an allowed quantity into the field; adding it works.
    await product.getByTestId('add-qty').fill('0,6');
    await product.getByTestId('add-to-cart').click();
    await expect.poll(() => suggestions.count()).toBe(2);
    await suggestions.nth(1).click();
    expect(await product.getByTestId('add-qty').inputValue()).toBe('0.75');
    expect(await product.getByTestId('add-error').count()).toBe(0);
    await product.getByTestId('add-to-cart').click();
    await product.getByTestId('add-status').waitFor();
    expect(await product.getByTestId('add-status').textContent()).toContain('In your cart: 0.75 l');
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('1');
    expect(await cartLines(token)).toEqual([[sku, '0.75']]);

    await api('/cart', { token, method: 'DELETE' });
    await page.close();
  });
});

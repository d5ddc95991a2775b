import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, digits, logIn, useBrowser } from '../support/browser.js';

const browser = useBrowser();

const apiPrice = async (sku: string, agreement: string, email: string = users.muellerBuyer) => {
  const { status, body } = await api(`/catalog/products/${sku}?agreement=${agreement}`, { token: await signIn(email) });
  expect(status).toBe(200);
  return body as { price: { amount: number; currency: string }; related: { sku: string; price: { amount: number } }[] };
};

async function signedInShop(email: string): Promise<Page> {
  const page = await browser().newPage();
  await logIn(page, `${stack().webUrl}/login`, email);
  await page.getByTestId('current-user').waitFor();
  return page;
}

describe('B2B prices in the shop', () => {
  it('shows guests power tools without prices and without an agreement choice', async () => {
    const page = await browser().newPage();
    await page.goto(`${stack().webUrl}/?category=power-tools`);
    const drill = page.getByTestId('product-POW-0311');
    await drill.waitFor();
    expect(await drill.getByTestId('price-hidden').count()).toBe(1);
    expect(await page.getByTestId('price').count()).toBe(0);
    expect(await page.getByTestId('price-tier').count()).toBe(0);
    expect(await page.getByTestId('agreement-select').count()).toBe(0);
    expect(await page.getByTestId('quote-link').count()).toBe(0);
    await page.close();
  });

  it('recalculates the catalog prices when the buyer switches the agreement', async () => {
    const page = await signedInShop(users.muellerBuyer);
    await page.getByTestId('category-power-tools').click();
    const drill = page.getByTestId('product-POW-0311');
    const price = drill.getByTestId('price');
    await price.waitFor();
    const select = page.getByTestId('agreement-select');
    await select.waitFor();
    // The company default (payment within 30 days) is preselected.
    expect(await select.inputValue()).toBe('net-30');
    expect(await select.locator('option').allTextContents()).toEqual(['100 % prepayment', 'Payment within 30 days', 'Payment within 45 days']);
    expect(await drill.getByTestId('price-mode').textContent()).toBe('net');

    const net30 = await apiPrice('POW-0311', 'net-30');
    const shownNet30 = await digits(price);
    expect(shownNet30).toBe(String(net30.price.amount));

    await select.selectOption('prepayment');
    const prepayment = await apiPrice('POW-0311', 'prepayment');
    expect(prepayment.price.amount).toBeLessThan(net30.price.amount);
    await expect.poll(() => digits(price), { timeout: 10_000 }).toBe(String(prepayment.price.amount));
    expect(await digits(price)).not.toBe(shownNet30);
    expect(await page.getByTestId('agreement-hint').textContent()).toBe('−3 % rebate');
    await page.screenshot({ path: `${artefactDir}/pricing-prepayment.png` });

    await select.selectOption('net-45');
    const net45 = await apiPrice('POW-0311', 'net-45');
    await expect.poll(() => digits(price), { timeout: 10_000 }).toBe(String(net45.price.amount));
    expect(Number(await digits(price))).toBeGreaterThan(net30.price.amount);

    // The choice is kept for the session: a reload shows the same agreement and prices.
    await page.reload();
    await page.getByTestId('product-POW-0311').getByTestId('price').waitFor();
    await expect.poll(() => page.getByTestId('agreement-select').inputValue(), { timeout: 10_000 }).toBe('net-45');
    await expect.poll(() => digits(page.getByTestId('product-POW-0311').getByTestId('price'))).toBe(String(net45.price.amount));
    await page.screenshot({ path: `${artefactDir}/pricing-catalog.png` });
    await page.close();
  });

  it('shows stock per warehouse, tiers, explanation and related products with prices of the agreement', async () => {
    const page = await signedInShop(users.muellerBuyer);
    await page.goto(`${stack().webUrl}/products/POW-0311`);
    const card = page.getByTestId('product-POW-0311');
    await card.getByTestId('price').waitFor();
    await page.getByTestId('warehouse-stuttgart').waitFor();
    await page.getByTestId('warehouse-krakow').waitFor();
    const { body: product } = await api('/catalog/products/POW-0311', { token: await signIn(users.muellerBuyer) });
    for (const warehouse of product.availability.warehouses as { id: string; quantity: number }[]) {
      const cell = page.getByTestId(`warehouse-${warehouse.id}`).locator('td').last();
      expect((await cell.textContent())?.replace(/\D/g, '') || '0').toBe(String(warehouse.quantity));
    }

    const related = page.getByTestId('related-products').locator('[data-testid^="related-"]');
    expect(await related.count()).toBe(product.related.length);
    expect(product.related.length).toBeGreaterThan(0);
    const firstRelated = page.getByTestId(`related-${product.related[0].sku}`);
    expect(await digits(firstRelated.getByTestId('price'))).toBe(String(product.related[0].price.amount));

    await page.getByText('How is this price calculated?').click();
    await expect.poll(() => page.getByTestId('price-explanation').textContent()).toMatch(/wholesale-2026|List price|price list/i);
    await page.screenshot({ path: `${artefactDir}/pricing-product.png`, fullPage: true });

    // Product page and related products follow the agreement.
    await page.getByTestId('agreement-select').selectOption('prepayment');
    const prepayment = await apiPrice('POW-0311', 'prepayment');
    await expect.poll(() => digits(card.getByTestId('price')), { timeout: 10_000 }).toBe(String(prepayment.price.amount));
    const relatedPrepayment = prepayment.related.find((candidate) => candidate.sku === product.related[0].sku)!;
    await expect.poll(() => digits(firstRelated.getByTestId('price')), { timeout: 10_000 }).toBe(String(relatedPrepayment.price.amount));
    await page.close();
  });

  it('gives a Polish company a quick quote with reverse charge and readable quantity problems', async () => {
    const page = await signedInShop(users.nowakBuyer);
    await page.getByTestId('quote-link').click();
    await page.getByTestId('quote-input').fill('HAN-0211 2\nCLE-0911;0,75\nFAS-0111,1');
    await page.getByTestId('quote-submit').click();
    await page.getByTestId('quote-line-HAN-0211').waitFor();

    const box = page.getByTestId('quote-reverse-charge');
    await box.waitFor();
    expect(await box.textContent()).toMatch(/Art\. 196/);
    expect(await box.textContent()).toContain('PL5260250995');

    const token = await signIn(users.nowakBuyer);
    const { body: quote } = await api('/pricing/quote', {
      token,
      method: 'POST',
      body: {
        lines: [
          { sku: 'HAN-0211', quantity: '2' },
          { sku: 'CLE-0911', quantity: '0.75' },
          { sku: 'FAS-0111', quantity: '1' },
        ],
      },
    });
    expect(await digits(page.getByTestId('quote-net'))).toBe(String(quote.net.amount));
    expect(await digits(page.getByTestId('quote-gross'))).toBe(String(quote.gross.amount));
    expect(Number(await digits(page.getByTestId('quote-vat')))).toBe(0);
    // Fasteners have a logistic minimum of 2 boxes: the line says so in words.
    expect(await page.getByTestId('quote-line-FAS-0111').textContent()).toMatch(/minimum quantity of 2/i);
    await page.screenshot({ path: `${artefactDir}/pricing-quote.png`, fullPage: true });
    await page.close();
  });
});

describe('discounts in the console', () => {
  it('lets back office create a rule (with a readable INVALID_RULE message first) and delete it; reps only read', async () => {
    const page = await browser().newPage();
    await logIn(page, `${stack().webUrl}/console/login`, users.backOffice);
    await page.getByTestId('tab-discounts').click();
    await page.getByTestId('discount-welcome-5').waitFor();

    await page.getByTestId('new-discount').click();
    const form = page.getByTestId('discount-form');
    await form.waitFor();
    await page.getByTestId('discount-id').fill('e2e-power-tools');
    await page.getByTestId('discount-name').fill('E2E power tools');
    await page.getByTestId('discount-percent').fill('2,5');
    await page.getByTestId('discount-rule').fill('{"all": [{"categoryIn": "power-tools"}]}');
    await page.getByTestId('discount-save').click();
    await expect.poll(() => page.getByTestId('discount-error').textContent(), { timeout: 5_000 }).toContain('$.all[0].categoryIn');

    await page.getByTestId('discount-rule').fill('{"all": [{"categoryIn": ["power-tools"]}], "x": 1');
    await page.getByTestId('discount-save').click();
    await expect.poll(() => page.getByTestId('discount-error').textContent()).toMatch(/not valid JSON/);

    await page.getByTestId('discount-rule').fill('{"all": [{"categoryIn": ["power-tools"]}]}');
    await page.getByTestId('discount-active').uncheck();
    await page.getByTestId('discount-save').click();
    await page.getByTestId('discount-e2e-power-tools').waitFor();
    expect(await page.getByTestId('discount-status').textContent()).toBe('Discount created.');
    const token = await signIn(users.backOffice, 'console');
    const stored = (await api('/console/discounts', { token })).body.discounts.find((discount: { id: string }) => discount.id === 'e2e-power-tools');
    expect(stored).toMatchObject({
      name: 'E2E power tools',
      effect: { kind: 'percent', rate: 250 },
      active: false,
      rule: { all: [{ categoryIn: ['power-tools'] }] },
    });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${artefactDir}/console-discounts.png`, fullPage: true });

    await page.getByTestId('discount-delete').click();
    await page.getByTestId('discount-delete-confirm').click();
    await expect.poll(() => page.getByTestId('discount-e2e-power-tools').count()).toBe(0);
    expect((await api('/console/discounts', { token })).body.discounts.map((discount: { id: string }) => discount.id)).not.toContain('e2e-power-tools');
    await page.close();

    const rep = await browser().newPage();
    await logIn(rep, `${stack().webUrl}/console/login`, users.rep);
    await rep.getByTestId('tab-discounts').click();
    await rep.getByTestId('edit-discount-welcome-5').click();
    await rep.getByTestId('discount-form').waitFor();
    expect(await rep.getByTestId('discount-name').isDisabled()).toBe(true);
    expect(await rep.getByTestId('discount-save').count()).toBe(0);
    expect(await rep.getByTestId('new-discount').count()).toBe(0);
    await rep.close();
  });
});

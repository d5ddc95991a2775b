import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { gtin13 } from '../../local/seed-data.js';
import { api, signIn, stack, users } from '../support/api.js';
import { addToCartFrom, artefactDir, digits, logIn, useBrowser } from '../support/browser.js';

/** Product search in the shop (issue 15): suggestions, results with facets, add to cart, EAN straight to the product. */
const browser = useBrowser();

async function signedInShop(email: string): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
  await logIn(page, `${stack().webUrl}/login`, email);
  await page.getByTestId('current-user').waitFor();
  return page;
}

const search = (query: Record<string, string>, token: string) => api(`/catalog/search?${new URLSearchParams(query)}`, { token });
const rowSkus = (page: Page) =>
  page.locator('[data-testid="search-results"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')));

describe('product search in the shop', () => {
  it('suggests while typing, filters the hits by an attribute, adds a hit to the cart and opens a product by its EAN', async () => {
    const token = await signIn(users.muellerBuyer);
    await api('/cart', { token, method: 'DELETE' });
    const page = await signedInShop(users.muellerBuyer);
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('0');

    // Typing part of a name shows product and category suggestions.
    const box = page.getByLabel('Search products');
    // The pointer stays off the list (hovering an option makes it the active one).
    await page.mouse.move(1, 1);
    await box.fill('hex bo');
    const suggestions = page.getByRole('listbox', { name: 'Suggestions' });
    await suggestions.waitFor();
    const { body: suggested } = await api('/catalog/suggestions?q=hex%20bo', { token });
    expect(suggested.products.length).toBeGreaterThan(0);
    await expect.poll(() => suggestions.getByRole('option').count()).toBe(suggested.products.length + suggested.categories.length);
    expect(await suggestions.getByRole('option').first().textContent()).toContain(suggested.products[0].name);
    expect(suggested.products[0].name).toMatch(/^Hex bolt/);
    await expect.poll(() => page.getByTestId('suggestion-category-fasteners').isVisible()).toBe(true);

    // Keyboard: the arrow keys walk the list, Escape closes it, Enter searches the typed words.
    await box.press('ArrowDown');
    expect(await suggestions.getByRole('option').first().getAttribute('aria-selected')).toBe('true');
    await box.press('Escape');
    await expect.poll(() => suggestions.isVisible()).toBe(false);
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'hex bo');

    const { body: all } = await search({ q: 'hex bo' }, token);
    await expect.poll(() => page.getByTestId('search-total').getAttribute('data-total')).toBe(String(all.total));
    expect(all.total).toBeGreaterThanOrEqual(5);
    const first = page.getByTestId(`product-${all.products[0].sku}`);
    expect(await first.getByTestId('product-identifiers').textContent()).toContain(all.products[0].manufacturer);
    expect(await first.getByTestId('product-attributes').textContent()).toContain('DIN 933');
    await page.screenshot({ path: `${artefactDir}/search-results.png`, fullPage: true });

    // Facet filter: thread M8, kept in the URL and shown as a removable filter.
    const threadM8 = page.getByTestId('facet-attr-thread-M8');
    const { body: m8 } = await search({ q: 'hex bo', attr: 'thread:M8' }, token);
    expect(await threadM8.textContent()).toContain(
      String(
        all.facets.attributes.find((facet: { code: string }) => facet.code === 'thread').values.find((value: { value: string }) => value.value === 'M8').count,
      ),
    );
    await threadM8.getByRole('checkbox').check();
    await page.waitForURL((url) => url.searchParams.get('attr') === 'thread:M8');
    await page.getByTestId('active-filter-attr-thread').waitFor();
    await expect.poll(() => page.getByTestId('search-total').getAttribute('data-total')).toBe(String(m8.total));
    expect(m8.total).toBeGreaterThan(0);
    await expect.poll(() => rowSkus(page)).toEqual(m8.products.map((product: { sku: string }) => `product-${product.sku}`));
    for (const product of m8.products as { attributes: { code: string; value: string }[] }[]) {
      expect(product.attributes).toContainEqual(expect.objectContaining({ code: 'thread', value: 'M8' }));
    }
    expect(await threadM8.getByRole('checkbox').isChecked()).toBe(true);
    await page.screenshot({ path: `${artefactDir}/search-filtered.png`, fullPage: true });

    // Signed-in buyers may sort a narrow search by their prices.
    const { body: cheapest } = await search({ q: 'hex bo', attr: 'thread:M8', sort: 'price-desc' }, token);
    await page.getByTestId('search-sort').selectOption('price-desc');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'price-desc' && url.searchParams.get('attr') === 'thread:M8');
    await expect.poll(() => rowSkus(page)).toEqual(cheapest.products.map((product: { sku: string }) => `product-${product.sku}`));

    // A hit goes into the cart with the catalog's add-to-cart control.
    const hit = m8.products[0] as { sku: string; name: string };
    await addToCartFrom(page.getByTestId(`product-${hit.sku}`), '3');
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('1');
    await page.getByTestId('cart-link').click();
    await page.getByTestId(`cart-line-${hit.sku}`).waitFor();
    expect(await page.getByTestId(`cart-line-${hit.sku}`).getByTestId('cart-line-qty').inputValue()).toBe('3');
    const { body: cart } = await api('/cart', { token });
    expect(cart.lines.map((line: { sku: string; quantity: string }) => [line.sku, line.quantity])).toEqual([[hit.sku, '3']]);

    // An EAN typed exactly opens that product's page.
    await box.fill(gtin13('401230000011'));
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname === '/products/FAS-0122');
    await page.getByTestId('product-FAS-0122').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Hex bolt DIN 933 M5');

    await api('/cart', { token, method: 'DELETE' });
  });

  it('shows a removable filter from a shared link and lists the same hits as the API', async () => {
    const token = await signIn(users.muellerBuyer);
    const page = await signedInShop(users.muellerBuyer);
    await page.goto(`${stack().webUrl}/search?q=screw&manufacturer=Spax&sort=name`);
    const { body: spax } = await search({ q: 'screw', manufacturer: 'Spax', sort: 'name' }, token);
    await expect.poll(() => page.getByTestId('search-total').getAttribute('data-total')).toBe(String(spax.total));
    expect(await page.getByTestId('search-sort').inputValue()).toBe('name');
    expect(await page.getByLabel('Search products').inputValue()).toBe('screw');
    expect(await page.getByTestId('facet-manufacturer-Spax').getByRole('checkbox').isChecked()).toBe(true);
    await expect.poll(() => rowSkus(page)).toEqual(spax.products.map((product: { sku: string }) => `product-${product.sku}`));

    await page.getByTestId('active-filter-manufacturer').getByRole('button').click();
    await page.waitForURL((url) => !url.searchParams.has('manufacturer'));
    const { body: all } = await search({ q: 'screw', sort: 'name' }, token);
    await expect.poll(() => page.getByTestId('search-total').getAttribute('data-total')).toBe(String(all.total));
    expect(all.total).toBeGreaterThan(spax.total);

    // Every product (no words): one page, then "load more" appends the next one.
    await page.goto(`${stack().webUrl}/search?q=`);
    const { body: first } = await search({ q: '' }, token);
    expect(first.nextCursor).toBeDefined();
    await expect.poll(() => rowSkus(page)).toEqual(first.products.map((product: { sku: string }) => `product-${product.sku}`));
    const { body: second } = await search({ q: '', cursor: first.nextCursor }, token);
    await page.getByTestId('load-more').click();
    await expect.poll(() => rowSkus(page)).toEqual([...first.products, ...second.products].map((product: { sku: string }) => `product-${product.sku}`));
  });
});

describe('product search in the console pickers', () => {
  it('a rep finds products by words and by EAN for an order on behalf (customer prices) and for a new quote', async () => {
    const company = 'mueller-bau';
    const [buyerToken, repToken] = await Promise.all([signIn(users.muellerBuyer), signIn(users.rep, 'console')]);
    const { body: hits } = await search({ q: 'hex bolt M8', limit: '20' }, repToken);
    const bolt = (hits.products as { sku: string; name: string }[]).find((product) => product.name === 'Hex bolt DIN 933 M8');
    expect(bolt).toBeDefined();
    const { body: priced } = await api('/pricing/quote', {
      token: buyerToken,
      method: 'POST',
      body: {
        lines: [
          { sku: bolt!.sku, quantity: '10' },
          { sku: 'FAS-0122', quantity: '10' },
        ],
      },
    });
    const staff = await browser().newContext({ viewport: { width: 1280, height: 1200 } });
    const rep = await staff.newPage();
    try {
      await logIn(rep, `${stack().webUrl}/console/login`, users.rep);
      await rep.getByTestId(`order-for-${company}`).click();
      await rep.getByTestId('obo-page').waitFor();

      // Words: the hits of the search, one picked.
      await rep.getByTestId('obo-search').fill('hex bolt M8');
      await expect.poll(() => rep.getByTestId('obo-search-total').textContent()).toContain(String(hits.total));
      await rep.getByTestId(`obo-product-${bolt!.sku}`).getByTestId('obo-add').click();
      await rep.getByTestId(`obo-line-${bolt!.sku}`).waitFor();

      // A scanned EAN with Enter puts its product on the order (and does not submit the form).
      await rep.getByTestId('obo-search').fill(gtin13('401230000011'));
      await rep.getByTestId('obo-product-FAS-0122').waitFor();
      await rep.getByTestId('obo-search').press('Enter');
      await rep.getByTestId('obo-line-FAS-0122').waitFor();
      expect(await rep.getByTestId('obo-search').inputValue()).toBe('');

      // The lines carry the customer's own prices (fasteners have a minimum order value: ten boxes each).
      for (const sku of [bolt!.sku, 'FAS-0122']) await rep.getByTestId(`obo-line-${sku}`).getByTestId('obo-line-qty').fill('10');
      for (const line of priced.lines as { sku: string; unitNet: { amount: number } }[]) {
        await expect
          .poll(() => digits(rep.getByTestId(`obo-line-${line.sku}`).getByTestId('obo-line-unit')), { timeout: 15_000 })
          .toBe(String(line.unitNet.amount));
      }
      await rep.screenshot({ path: `${artefactDir}/order-on-behalf-search.png`, fullPage: true });

      // New quote: a picked hit becomes a line "SKU 1"; picked again, its quantity goes up.
      await rep.getByTestId('tab-quotes').click();
      await rep.getByTestId('new-quote').click();
      const form = rep.getByTestId('new-quote-form');
      await form.getByTestId('quote-company').selectOption(company);
      await form.getByTestId('quote-search').fill('hex bolt M8');
      const hit = form.getByTestId(`quote-product-${bolt!.sku}`);
      await hit.getByTestId('quote-add').click();
      await hit.getByTestId('quote-add').click();
      await form.getByTestId('quote-search').fill(gtin13('401230000011'));
      await form.getByTestId('quote-product-FAS-0122').getByTestId('quote-add').click();
      expect(await form.getByTestId('quote-lines-input').inputValue()).toBe(`${bolt!.sku} 2\nFAS-0122 1`);
    } finally {
      await staff.close();
    }
  });
});

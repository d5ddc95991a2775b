import { afterAll, describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { addToCartFrom, artefactDir, logIn, useBrowser } from '../support/browser.js';

/** The company's own article numbers (issue 15 item 3) in the account area: add, import from CSV, remove; the cart prints them. */
const browser = useBrowser();
const runId = String(Date.now() % 1_000_000_000);
const numbersPath = '/companies/mueller-bau/article-numbers';

afterAll(async () => {
  const token = await signIn(users.muellerAdmin);
  const { body } = await api(`${numbersPath}?limit=200`, { token });
  for (const entry of body.numbers as { sku: string }[]) await api(`${numbersPath}/${entry.sku}`, { token, method: 'DELETE' });
  await api('/cart', { token, method: 'DELETE' });
});

describe("the company's own article numbers", () => {
  it('are added and imported by the company admin, refused row by row when a CSV row is wrong, and printed on the cart line', async () => {
    const token = await signIn(users.muellerAdmin);
    await api('/cart', { token, method: 'DELETE' });
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, `${stack().webUrl}/login`, users.muellerAdmin);
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${stack().webUrl}/account/article-numbers`);
    const section = page.getByTestId('article-numbers-section');
    await section.waitFor();

    // One number by hand.
    await section.getByTestId('article-number-sku').fill('FAS-0122');
    await section.getByTestId('article-number-value').fill(`M-${runId}-1`);
    await section.getByTestId('article-number-save').click();
    const row = section.getByTestId('article-number-FAS-0122');
    await row.waitFor();
    expect(await row.textContent()).toContain(`M-${runId}-1`);
    expect(await row.textContent()).toContain('Hex bolt DIN 933 M5');

    // A CSV with an unknown SKU is refused as a whole, naming the row.
    await section.getByTestId('article-numbers-csv').fill(`buyerNumber,sku\nM-${runId}-2,FAS-0123\nM-${runId}-3,NO-SUCH-SKU`);
    await section.getByTestId('article-numbers-import').click();
    const rowErrors = section.getByTestId('article-numbers-row-errors');
    await rowErrors.waitFor();
    expect(await rowErrors.textContent()).toMatch(/Row 3/);
    expect(await section.getByTestId('article-number-FAS-0123').count()).toBe(0);
    const { body: before } = await api(numbersPath, { token });
    expect(before.numbers.map((entry: { sku: string }) => entry.sku)).toEqual(['FAS-0122']);

    // Corrected, the import maps the row.
    await section.getByTestId('article-numbers-csv').fill(`buyerNumber,sku\nM-${runId}-2,FAS-0123`);
    await section.getByTestId('article-numbers-import').click();
    await section.getByTestId('article-number-FAS-0123').waitFor();
    expect(await section.getByTestId('article-numbers-status').textContent()).toContain('1 article number(s) imported');
    await page.screenshot({ path: `${artefactDir}/article-numbers.png`, fullPage: true });

    // The buyer's number is found by search and printed on the cart line.
    const box = page.getByLabel('Search products');
    await box.fill(`m ${runId} 1`);
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname === '/products/FAS-0122');
    const product = page.getByTestId('product-FAS-0122');
    await product.waitFor();
    expect(await product.getByTestId('buyer-number').textContent()).toContain(`M-${runId}-1`);
    await addToCartFrom(product, '2'); // fasteners: from 2 boxes (the field refuses less at once)
    await page.goto(`${stack().webUrl}/cart`);
    const cartLine = page.getByTestId('cart-line-FAS-0122');
    await cartLine.waitFor();
    expect(await cartLine.getByTestId('buyer-number').textContent()).toContain(`M-${runId}-1`);

    // Removing it takes it off the list (and off the API).
    await page.goto(`${stack().webUrl}/account/article-numbers`);
    await section.getByTestId('article-number-remove-FAS-0122').click();
    await expect.poll(() => section.getByTestId('article-number-FAS-0122').count()).toBe(0);
    const { body: after } = await api(numbersPath, { token });
    expect(after.numbers.map((entry: { sku: string }) => entry.sku)).toEqual(['FAS-0123']);
    await page.close();
  });
});

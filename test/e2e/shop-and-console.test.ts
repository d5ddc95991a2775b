import { describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';

const browser = useBrowser();

describe('buyer journey in the SPA', () => {
  it('shows guests the catalog without prices, and a signed-in buyer categories with prices', async () => {
    const page = await browser().newPage();
    await page.goto(stack().webUrl);
    await page.getByTestId('category-list').waitFor();
    expect(await page.getByTestId('category-list').locator('[data-testid^="category-"]').count()).toBeGreaterThanOrEqual(10);
    const firstProduct = page.locator('[data-testid^="product-"]').first();
    await firstProduct.waitFor();
    await expect.poll(() => firstProduct.getByTestId('price-hidden').count()).toBe(1);
    expect(await page.getByTestId('price').count()).toBe(0);

    await logIn(page, `${stack().webUrl}/login`, users.muellerBuyer);
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain(users.muellerBuyer);

    await page.getByTestId('category-power-tools').click();
    const drill = page.getByTestId('product-POW-0311');
    await drill.waitFor();
    const { body } = await api('/catalog/products/POW-0311', { token: await signIn(users.muellerBuyer) });
    // "€1,234.56" shows the API's 123456 minor units: compare the digits.
    expect((await drill.getByTestId('price').textContent())?.replace(/\D/g, '')).toBe(String(body.price.amount));
    await page.screenshot({ path: `${artefactDir}/buyer-catalog.png`, fullPage: false });

    await page.getByTestId('logout').click();
    await page.locator('[data-testid="price-hidden"]').first().waitFor();
    await page.close();
  });

  it('shows only a login wall when the shop is login-only', async () => {
    const token = await signIn(users.backOffice, 'console');
    await api('/console/shop', { token, method: 'PUT', body: { loginOnly: true } });
    try {
      const page = await browser().newPage();
      await page.goto(stack().webUrl);
      await page.getByTestId('login-wall').waitFor();
      expect(await page.getByTestId('category-list').count()).toBe(0);
      await page.close();
    } finally {
      await api('/console/shop', { token, method: 'PUT', body: { loginOnly: false } });
    }
  });
});

describe('staff console', () => {
  it('lets back-office log in, see companies and switch the shop to login-only', async () => {
    const page = await browser().newPage();
    await logIn(page, `${stack().webUrl}/console/login`, users.backOffice);
    await page.getByTestId('companies-table').waitFor();
    expect(await page.getByTestId('console-user').textContent()).toContain(users.backOffice);
    await page.getByTestId('company-mueller-bau').waitFor();
    await page.getByTestId('company-nowak-instalacje').waitFor();

    await page.getByTestId('setting-login-only').check();
    await page.getByTestId('save-settings').click();
    await expect.poll(async () => (await api('/shop')).body.loginOnly, { timeout: 5_000 }).toBe(true);
    await page.getByTestId('setting-login-only').uncheck();
    await page.getByTestId('save-settings').click();
    await expect.poll(async () => (await api('/shop')).body.loginOnly, { timeout: 5_000 }).toBe(false);
    await page.screenshot({ path: `${artefactDir}/console.png` });
    await page.close();
  });

  it('turns buyers away from the console', async () => {
    const page = await browser().newPage();
    await logIn(page, `${stack().webUrl}/console/login`, users.muellerBuyer);
    await page.getByText(/staff only/i).waitFor();
    expect(await page.getByTestId('companies-table').count()).toBe(0);
    await page.close();
  });
});

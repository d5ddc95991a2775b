import { describe, expect, it } from 'vitest';
import { AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { api, awsConfig, signIn, stack } from '../support/api.js';
import { newCompanyWithBuyers } from '../support/accounts.js';
import { artefactDir, digits, logIn, useBrowser } from '../support/browser.js';
import { fillCart, placeOrder } from '../support/orders.js';

/** Several companies per user: the header switcher changes the company every call is made for. */
const browser = useBrowser();
const groupBuyer = 'purchasing@bau-gruppe.example';
const inNowak = { 'x-active-company': 'nowak-instalacje' };

/** A product both companies see, with its price for each (Müller Bau wholesale, Nowak retail). */
async function sharedProduct(token: string) {
  const [mueller, nowak] = await Promise.all([api('/catalog/categories', { token }), api('/catalog/categories', { token, headers: inNowak })]);
  const nowakIds = new Set(nowak.body.categories.map((category: { id: string }) => category.id));
  const category = mueller.body.categories.find((candidate: { id: string }) => nowakIds.has(candidate.id)).id as string;
  const sku = (await api(`/catalog/products?category=${category}&limit=1`, { token })).body.products[0].sku as string;
  const [home, other] = await Promise.all([api(`/catalog/products/${sku}`, { token }), api(`/catalog/products/${sku}`, { token, headers: inNowak })]);
  return { sku, muellerPrice: home.body.price.amount as number, nowakPrice: other.body.price.amount as number };
}

describe('company switcher', () => {
  it('switches the active company without logging out: prices and lists follow', async () => {
    const token = await signIn(groupBuyer);
    const { sku, muellerPrice, nowakPrice } = await sharedProduct(token);
    expect(nowakPrice).not.toBe(muellerPrice);
    const listName = `Nowak site list ${Date.now()}`;
    const created = await api('/companies/nowak-instalacje/requisition-lists', { token, method: 'POST', body: { name: listName, lines: [{ sku, quantity: '3', note: 'for the Kraków site' }] }, headers: inNowak });
    expect(created.status).toBe(201);

    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await logIn(page, `${stack().webUrl}/login`, groupBuyer);
      const switcher = page.getByTestId('company-switcher');
      await switcher.waitFor();
      expect(await switcher.inputValue()).toBe('mueller-bau');
      await page.goto(`${stack().webUrl}/products/${sku}`);
      await page.getByTestId('price').first().waitFor();
      expect(Number(await digits(page.getByTestId('price').first()))).toBe(muellerPrice);

      await page.getByTestId('company-switcher').selectOption('nowak-instalacje');
      await expect.poll(() => page.getByTestId('company-switcher').inputValue(), { timeout: 15_000 }).toBe('nowak-instalacje');
      await expect.poll(async () => Number(await digits(page.getByTestId('price').first())), { timeout: 15_000 }).toBe(nowakPrice);
      expect(await page.locator('.user-company').textContent()).toMatch(/Nowak/);
      await page.screenshot({ path: `${artefactDir}/company-switch-nowak.png` });

      await page.getByTestId('lists-link').click();
      await page.getByTestId(`list-link-${listName}`).click();
      await page.getByTestId('list-detail').waitFor();
      expect(await page.getByTestId('list-name').textContent()).toBe(listName);
      await page.screenshot({ path: `${artefactDir}/company-switch-lists.png` });

      // Back to the home company: the Nowak list is gone from the page.
      await page.getByTestId('company-switcher').selectOption('mueller-bau');
      await expect.poll(() => page.getByTestId('company-switcher').inputValue(), { timeout: 15_000 }).toBe('mueller-bau');
      await page.locator('[data-testid="list-index"], .status-empty').first().waitFor();
      expect(await page.getByTestId(`list-link-${listName}`).count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('reorders a past order from the order page in one click', async () => {
    // A company of its own: its order touches neither the seeded carts nor their credit.
    const company = await newCompanyWithBuyers(1);
    const token = company.admin;
    const email = (await api('/me', { token })).body.user.email as string;
    const password = 'Reorder-Passw0rd-1';
    const cognito = new CognitoIdentityProviderClient(awsConfig(stack().cognitoEndpoint));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: stack().env.USER_POOL_ID, Username: email, Password: password, Permanent: true }));
    cognito.destroy();
    await fillCart(token, [{ sku: 'HAN-0212', quantity: 2 }]);
    const placed = await placeOrder(token, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'bank-prepayment' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);

    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await logIn(page, `${stack().webUrl}/login`, email, password);
      await page.getByTestId('current-user').waitFor();
      // A user of one company gets no switcher.
      expect(await page.getByTestId('company-switcher').count()).toBe(0);
      await page.goto(`${stack().webUrl}/orders/${placed.body.orderId}`);
      await page.getByTestId('reorder').click();
      const report = page.getByTestId('into-cart-report');
      await report.waitFor();
      expect(await report.textContent()).toMatch(/1 line added/);
      await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('1');
      expect((await api('/cart', { token })).body.lines.map((line: { sku: string; quantity: string }) => [line.sku, line.quantity])).toEqual([['HAN-0212', '2']]);
    } finally {
      await page.close();
    }
  });
});

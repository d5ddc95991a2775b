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
    const created = await api('/companies/nowak-instalacje/requisition-lists', {
      token,
      method: 'POST',
      body: { name: listName, lines: [{ sku, quantity: '3', note: 'for the Kraków site' }] },
      headers: inNowak,
    });
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
      expect((await api('/cart', { token })).body.lines.map((line: { sku: string; quantity: string }) => [line.sku, line.quantity])).toEqual([
        ['HAN-0212', '2'],
      ]);
    } finally {
      await page.close();
    }
  });
  it('a company admin invites in the account page; the invitee accepts from the shop banner, then leaves again', async () => {
    // Companies of their own: the seeded memberships stay as they are.
    const home = await newCompanyWithBuyers(1);
    const inviting = await newCompanyWithBuyers(1);
    const password = 'Invite-Passw0rd-1';
    const [inviteeEmail, adminEmail] = await Promise.all(
      [home.admin, inviting.admin].map(async (token) => (await api('/me', { token })).body.user.email as string),
    );
    const invitingName = (await api(`/companies/${inviting.companyId}`, { token: inviting.admin })).body.name as string;
    const cognito = new CognitoIdentityProviderClient(awsConfig(stack().cognitoEndpoint));
    for (const email of [inviteeEmail!, adminEmail!]) {
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: stack().env.USER_POOL_ID, Username: email, Password: password, Permanent: true }));
    }
    cognito.destroy();

    const adminPage = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await logIn(adminPage, `${stack().webUrl}/login`, adminEmail!, password);
      await adminPage.getByTestId('current-user').waitFor();
      await adminPage.goto(`${stack().webUrl}/account/users`);
      await adminPage.getByTestId('member-email').fill(inviteeEmail!);
      await adminPage.getByTestId('member-role').selectOption('buyer');
      expect(await adminPage.getByTestId('member-add').textContent()).toBe('Invite');
      await adminPage.getByTestId('member-add').click();
      await adminPage.getByTestId('member-invited').waitFor();
      await adminPage.getByTestId(`member-invitation-${inviteeEmail}`).waitFor();
      await adminPage.screenshot({ path: `${artefactDir}/membership-invited.png` });
    } finally {
      await adminPage.close();
    }
    // Invited, not a member: no access in the inviting company yet.
    expect((await api('/cart', { token: home.admin, headers: { 'x-active-company': inviting.companyId } })).body.error.code).toBe('NOT_A_MEMBER');

    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await logIn(page, `${stack().webUrl}/login`, inviteeEmail!, password);
      const banner = page.getByTestId(`invitation-${inviting.companyId}`);
      await banner.waitFor();
      expect(await banner.textContent()).toContain(`${invitingName} invites you as buyer`);
      expect(await page.getByTestId('company-switcher').count()).toBe(0);
      await page.screenshot({ path: `${artefactDir}/membership-invitation-banner.png` });
      await page.getByTestId(`invitation-accept-${inviting.companyId}`).click();
      await page.getByTestId('company-switcher').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('invitation-banner').count()).toBe(0);
      expect(await page.locator(`[data-testid="company-switcher"] option[value="${inviting.companyId}"]`).count()).toBe(1);

      // The e-mail's link opens /invitations, which also lists the memberships: leave again.
      await page.goto(`${stack().webUrl}/invitations`);
      await page.getByTestId(`membership-leave-${inviting.companyId}`).click();
      await page.getByTestId('invitations-page').waitFor();
      await expect.poll(() => page.getByTestId(`membership-${inviting.companyId}`).count(), { timeout: 15_000 }).toBe(0);
      expect(await page.getByTestId('company-switcher').count()).toBe(0);
    } finally {
      await page.close();
    }
    expect((await api('/me', { token: home.admin })).body.companies.map((company: { companyId: string }) => company.companyId)).toEqual([home.companyId]);
  });
});

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, signIn, stack, users } from '../support/api.js';
import { addToCartFrom, artefactDir, logIn, useBrowser } from '../support/browser.js';

/**
 * The shop in German and in Polish (issue 16): a German and a Polish buyer, each with a browser in
 * their language, go from the catalog to the cart, the checkout, the order and its documents; a
 * company admin types money with the local separators. Screenshots land in test-results/.
 */
const browser = useBrowser();

interface Journey {
  readonly locale: 'de-DE' | 'pl-PL';
  readonly lang: 'de' | 'pl';
  readonly buyer: string;
  readonly admin: string;
  readonly companyId: string;
  readonly warehouse: string;
  readonly texts: {
    readonly catalog: string;
    readonly documents: string;
    readonly search: string;
    readonly productName: string;
    readonly invoice: RegExp;
    readonly orderLimit: string;
  };
  /** Money as the locale writes it: decimal comma, the currency after the amount. */
  readonly money: RegExp;
  readonly date: RegExp;
}

const journeys: Journey[] = [
  {
    locale: 'de-DE',
    lang: 'de',
    buyer: users.muellerBuyer,
    admin: users.muellerAdmin,
    companyId: 'mueller-bau',
    warehouse: 'stuttgart',
    texts: {
      catalog: 'Katalog',
      documents: 'Belege',
      search: 'sechskantschraube m5',
      productName: 'Sechskantschraube DIN 933 M5',
      invoice: /Rechnung/,
      orderLimit: '1.500,00',
    },
    money: /\d,\d{2}\s(€|zł)/,
    date: /\b\d{2}\.\d{2}\.\d{4}\b/,
  },
  {
    locale: 'pl-PL',
    lang: 'pl',
    buyer: users.nowakBuyer,
    admin: users.nowakAdmin,
    companyId: 'nowak-instalacje',
    warehouse: 'krakow',
    texts: {
      catalog: 'Katalog',
      documents: 'Dokumenty',
      search: 'sruba szesciokatna m5',
      productName: 'Śruba sześciokątna DIN 933 M5',
      invoice: /Faktura/,
      orderLimit: '1 500,00',
    },
    money: /\d,\d{2}\s(€|zł)/,
    date: /\b\d{1,2}(\.\d{2}\.| [a-ząćęłńóśźż]{3,4} )\d{4}\b/,
  },
];

const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

async function shopPage(journey: Journey, email: string): Promise<Page> {
  const page = await browser().newPage({ locale: journey.locale, viewport: { width: 1280, height: 900 } });
  await logIn(page, `${stack().webUrl}/login`, email);
  await page.getByTestId('current-user').waitFor();
  return page;
}

describe.each(journeys)('the shop in $lang', (journey) => {
  it(`takes a buyer from the catalog to the order and its invoice in ${journey.locale}`, async () => {
    const token = await signIn(journey.buyer);
    await api('/me/preferences', { token, method: 'PUT', body: { language: null } });
    await api('/cart', { token, method: 'DELETE' });
    const page = await shopPage(journey, journey.buyer);
    const shot = (name: string) => page.screenshot({ path: `${artefactDir}/i18n-${journey.lang}-${name}.png`, fullPage: true });

    // The browser's language wins while the user has chosen none.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(journey.lang);
    expect(await page.getByTestId('catalog-link').textContent()).toBe(journey.texts.catalog);
    expect(await page.getByTestId('language-switcher').inputValue()).toBe(journey.lang);

    // Words in the buyer's language find the product; its page shows the translated name and local money.
    const box = page.getByTestId('search-input');
    await box.fill(journey.texts.search);
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname === '/search');
    await page.getByTestId('product-FAS-0122').waitFor();
    expect(await page.getByTestId('product-FAS-0122').textContent()).toContain(journey.texts.productName);
    await shot('search');
    await page.goto(`${stack().webUrl}/products/FAS-0122`);
    const product = page.getByTestId('product-FAS-0122');
    await product.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(journey.texts.productName);
    await expect.poll(async () => plain(await product.textContent())).toMatch(journey.money);
    await addToCartFrom(product, '10');

    // A quantity with a decimal comma: hand cleaner is sold by the litre.
    await page.goto(`${stack().webUrl}/products/CLE-0911`);
    await addToCartFrom(page.getByTestId('product-CLE-0911'), '0,75');
    const { body: cart } = await api('/cart', { token });
    expect(cart.lines.map((line: { sku: string; quantity: string }) => [line.sku, line.quantity])).toEqual([
      ['FAS-0122', '10'],
      ['CLE-0911', '0.75'],
    ]);

    await page.getByTestId('cart-link').click();
    const line = page.getByTestId('cart-line-FAS-0122');
    await line.waitFor();
    expect(plain(await line.getByTestId('cart-line-net').textContent())).toMatch(journey.money);
    expect(await page.getByTestId('cart-link').getAttribute('aria-label')).not.toMatch(/Cart|lines/);
    await shot('cart');

    // Checkout: pickup, bank prepayment; the reasons of greyed-out methods are not English.
    await page.getByTestId('checkout-link').click();
    await page.getByTestId('payment-options').waitFor();
    await page.getByTestId('delivery-pickup').getByTestId('delivery-radio').check();
    await page.getByTestId('pickup-warehouse').selectOption(journey.warehouse);
    await expect.poll(() => page.getByTestId('payment-cash-on-delivery').getByTestId('payment-reason').textContent(), { timeout: 10_000 }).toBeTruthy();
    expect(await page.getByTestId('payment-cash-on-delivery').getByTestId('payment-reason').textContent()).not.toMatch(/not available/);
    await page.getByTestId('payment-bank-prepayment').getByTestId('payment-radio').check();
    await expect.poll(() => page.getByTestId('place-order').isEnabled()).toBe(true);
    expect(plain(await page.getByTestId('checkout-payable').textContent())).toMatch(journey.money);
    await shot('checkout');
    await page.getByTestId('place-order').click();

    // The order: readable status in the language, dates and money in the locale.
    await page.getByTestId('order-page').waitFor({ timeout: 15_000 });
    const status = page.getByTestId('order-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 45_000 }).toBe('confirmed');
    expect(await status.textContent()).not.toMatch(/confirmed/i);
    expect(plain(await page.getByTestId('order-payable').textContent())).toMatch(journey.money);
    expect(plain(await page.getByTestId('order-page').textContent())).toMatch(journey.date);
    const link = page.getByTestId('invoice-link');
    await expect.poll(() => link.getAttribute('href'), { timeout: 10_000 }).toMatch(/^https?:\/\//);
    await shot('order');

    // The invoice PDF speaks the company's language too.
    const pdf = Buffer.from(await (await fetch((await link.getAttribute('href'))!)).arrayBuffer());
    const file = `${artefactDir}/i18n-${journey.lang}-invoice.pdf`;
    writeFileSync(file, pdf);
    expect(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).toMatch(journey.texts.invoice);

    // Documents page.
    await page.getByTestId('documents-link').click();
    await page.getByTestId('documents-page').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(journey.texts.documents);
    await shot('documents');
    await page.close();
  });

  it(`lets a company admin type money with ${journey.locale} separators`, async () => {
    const token = await signIn(journey.admin);
    const { body: before } = await api(`/companies/${journey.companyId}/users`, { token });
    const buyer = (before.users as { sub: string; email: string; orderLimit: { amount: number; currency: string } | null }[]).find(
      (user) => user.email === journey.buyer,
    )!;
    const page = await shopPage(journey, journey.admin);
    try {
      await page.goto(`${stack().webUrl}/account/users`);
      const row = page.getByTestId(`user-${journey.buyer}`);
      await row.getByTestId('user-limit-edit').click();
      await row.getByTestId('user-limit-input').fill(journey.texts.orderLimit);
      await row.getByTestId('user-limit-save').click();
      await expect
        .poll(async () =>
          plain(
            await row
              .getByTestId('user-limit')
              .textContent()
              .catch(() => ''),
          ),
        )
        .toMatch(/1[ .]?500,00/);
      const { body: after } = await api(`/companies/${journey.companyId}/users`, { token });
      expect((after.users as { sub: string; orderLimit: { amount: number } | null }[]).find((user) => user.sub === buyer.sub)?.orderLimit?.amount).toBe(
        150_000,
      );
      await page.screenshot({ path: `${artefactDir}/i18n-${journey.lang}-order-limit.png`, fullPage: true });
    } finally {
      await api(`/companies/${journey.companyId}/users/${buyer.sub}`, { token, method: 'PATCH', body: { orderLimit: buyer.orderLimit } });
      await page.close();
    }
  });
});

describe('the language switcher', () => {
  it("changes the shop's language at once and keeps the choice in the user's preferences", async () => {
    const token = await signIn(users.muellerBuyer);
    const page = await shopPage(journeys[0]!, users.muellerBuyer);
    try {
      await page.getByTestId('language-switcher').selectOption('pl');
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('pl');
      await expect.poll(() => page.getByTestId('account-link').textContent()).toBe('Moje konto');
      await expect.poll(async () => (await api('/me', { token })).body.user).toMatchObject({ language: 'pl', languageChosen: true });
      // A new sign-in on another browser (English) follows the stored choice.
      const elsewhere = await browser().newPage({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
      await logIn(elsewhere, `${stack().webUrl}/login`, users.muellerBuyer);
      await expect.poll(() => elsewhere.evaluate(() => document.documentElement.lang), { timeout: 10_000 }).toBe('pl');
      await elsewhere.close();
    } finally {
      await api('/me/preferences', { token, method: 'PUT', body: { language: null } });
      await page.close();
    }
  });
});

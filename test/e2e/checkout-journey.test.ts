import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, signIn, stack, users } from '../support/api.js';
import { addToCartFrom, artefactDir, digits, logIn, useBrowser } from '../support/browser.js';
import { fillCart, totalOf } from '../support/orders.js';

const browser = useBrowser();

async function signedInShop(email: string): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
  await logIn(page, `${stack().webUrl}/login`, email);
  await page.getByTestId('current-user').waitFor();
  return page;
}

/** The payment method's row: greyed out (disabled radio) with the API's reason next to it. */
async function expectGreyedOut(page: Page, method: string, reason: RegExp | string) {
  const option = page.getByTestId(`payment-${method}`);
  const text = option.getByTestId('payment-reason');
  // The options are re-checked after every delivery change: wait for the reason of this choice.
  const shown = () => text.textContent({ timeout: 10_000 }).then((value) => value ?? '');
  if (typeof reason === 'string') await expect.poll(shown, { timeout: 10_000 }).toBe(reason);
  else await expect.poll(shown, { timeout: 10_000 }).toMatch(reason);
  expect(await text.isVisible()).toBe(true);
  expect(await option.getAttribute('data-allowed')).toBe('false');
  expect(await option.getByTestId('payment-radio').isDisabled()).toBe(true);
}

const reasonOf = (preview: { paymentOptions: { method: string; reason?: string }[] }, method: string): string =>
  preview.paymentOptions.find((option) => option.method === method)?.reason ?? '';

describe('cart, checkout, order confirmation and invoice in the shop', () => {
  it('lets a wholesale customer with trade credit order on account and open the invoice PDF', async () => {
    const token = await signIn(users.muellerBuyer);
    await api('/cart', { token, method: 'DELETE' });
    const page = await signedInShop(users.muellerBuyer);
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('0');

    // Catalog row: two cordless drills (enough for our own transport from 150 EUR net).
    await page.getByTestId('category-power-tools').click();
    const drill = page.getByTestId('product-POW-0311');
    await addToCartFrom(drill, '2');
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('1');

    // Product page: a fractional quantity with a decimal comma (hand cleaner is sold by the litre).
    await page.goto(`${stack().webUrl}/products/CLE-0911`);
    const cleaner = page.getByTestId('product-CLE-0911');
    await addToCartFrom(cleaner, '0,75');
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('2');

    // The cart shows the API's prices per line.
    await page.getByTestId('cart-link').click();
    await page.getByTestId('cart-line-POW-0311').waitFor();
    const { body: cart } = await api('/cart', { token });
    expect(cart.lines.map((line: { sku: string; quantity: string }) => [line.sku, line.quantity])).toEqual([
      ['POW-0311', '2'],
      ['CLE-0911', '0.75'],
    ]);
    for (const line of cart.quote.lines as { sku: string; lineNet: { amount: number } }[]) {
      expect(await digits(page.getByTestId(`cart-line-${line.sku}`).getByTestId('cart-line-net'))).toBe(String(line.lineNet.amount));
    }
    expect(await page.getByTestId('cart-line-CLE-0911').getByTestId('cart-line-qty').inputValue()).toBe('0.75');
    expect(await digits(page.getByTestId('cart-net'))).toBe(String(cart.quote.net.amount));
    expect(cart.quote.net.amount).toBeGreaterThanOrEqual(15_000);
    await page.screenshot({ path: `${artefactDir}/checkout-cart.png`, fullPage: true });

    // Checkout: with pickup, cash on delivery is greyed out with its reason; card has no payment provider.
    await page.getByTestId('checkout-link').click();
    await page.getByTestId('payment-options').waitFor();
    await page.getByTestId('delivery-pickup').getByTestId('delivery-radio').check();
    await page.getByTestId('pickup-warehouse').selectOption('stuttgart');
    const { body: pickupPreview } = await api('/checkout/preview', { token, method: 'POST', body: { delivery: { kind: 'pickup', warehouseId: 'stuttgart' } } });
    await expectGreyedOut(page, 'cash-on-delivery', reasonOf(pickupPreview, 'cash-on-delivery'));
    expect(reasonOf(pickupPreview, 'cash-on-delivery')).toMatch(/not available for pickup/);
    await expectGreyedOut(page, 'card', /payment provider/);
    await page.screenshot({ path: `${artefactDir}/checkout-payment-reasons.png`, fullPage: true });

    // Our own transport, payment on account, a PO number.
    await page.getByTestId('delivery-own-transport').getByTestId('delivery-radio').check();
    await expect.poll(() => page.getByTestId('checkout-delivery-fee').textContent(), { timeout: 10_000 }).toBe('Free');
    await expectGreyedOut(page, 'card', /payment provider/);
    const onAccount = page.getByTestId('payment-on-account');
    expect(await onAccount.getAttribute('data-allowed')).toBe('true');
    await onAccount.getByTestId('payment-radio').check();
    const poNumber = `PO-E2E-${Date.now()}`;
    await page.getByTestId('po-number').fill(poNumber);
    const { body: preview } = await api('/checkout/preview', { token, method: 'POST', body: { delivery: { kind: 'own-transport' } } });
    expect(await digits(page.getByTestId('checkout-payable'))).toBe(String(preview.payable.amount));
    await expect.poll(() => page.getByTestId('place-order').isEnabled()).toBe(true);
    await page.screenshot({ path: `${artefactDir}/checkout.png`, fullPage: true });
    await page.getByTestId('place-order').click();

    // Confirmation page: polls until the saga has confirmed the order.
    await page.getByTestId('order-page').waitFor({ timeout: 15_000 });
    const orderId = decodeURIComponent(new URL(page.url()).pathname.slice('/orders/'.length));
    const status = page.getByTestId('order-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 45_000 }).toMatch(/^(confirmed|failed|awaiting-approval|rejected)$/);
    expect(await status.getAttribute('data-status')).toBe('confirmed');
    const { body: order } = await api(`/companies/mueller-bau/orders/${orderId}`, { token });
    expect(order).toMatchObject({ status: 'confirmed', paymentMethod: 'on-account', delivery: { kind: 'own-transport' }, poNumber });
    const orderNumber = (await page.getByTestId('order-number').textContent()) ?? '';
    expect(orderNumber).toBe(order.orderNumber);
    expect(await page.getByTestId('order-line-POW-0311').count()).toBe(1);
    expect(await page.getByTestId('order-line-CLE-0911').count()).toBe(1);
    expect(await digits(page.getByTestId('order-payable'))).toBe(String(totalOf(order)));
    expect(await page.getByTestId('invoice-number').textContent()).toBe(order.invoiceNumber);
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('0');

    // The invoice: a presigned link (new tab) and an embedded preview of the same PDF.
    const link = page.getByTestId('invoice-link');
    await expect.poll(() => link.getAttribute('href'), { timeout: 10_000 }).toMatch(/^https?:\/\//);
    expect(await link.getAttribute('target')).toBe('_blank');
    const url = (await link.getAttribute('href'))!;
    expect(await page.getByTestId('invoice-preview').getAttribute('data')).toBe(url);
    await page.screenshot({ path: `${artefactDir}/checkout-order-confirmed.png`, fullPage: true });

    const response = await fetch(url);
    expect(response.status).toBe(200);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfPath = `${artefactDir}/invoice.pdf`;
    writeFileSync(pdfPath, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdfPath, `${artefactDir}/invoice`]);
    expect(existsSync(`${artefactDir}/invoice-1.png`) || existsSync(`${artefactDir}/invoice-01.png`)).toBe(true);
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain(orderNumber);
    // Müller Bau is German: the invoice prints the payable total as "1.234,56 €".
    const { formatMoney } = await import('../../functions/shared/format.js');
    expect(text).toContain(formatMoney({ amount: totalOf(order), currency: 'EUR' }, 'de'));
    expect(text).toContain(poNumber);

    // The order list and the credit on the account page.
    await page.getByTestId('orders-link').click();
    const row = page.getByTestId(`order-row-${orderId}`);
    await row.waitFor();
    expect(await row.getByTestId('order-row-status').getAttribute('data-status')).toBe('confirmed');
    expect(await digits(row.getByTestId('order-row-payable'))).toBe(String(totalOf(order)));
    await page.getByTestId('account-link').click();
    const { body: credit } = await api('/companies/mueller-bau/credit', { token });
    await expect.poll(() => digits(page.getByTestId('credit-available')), { timeout: 10_000 }).toBe(String(credit.credit.available.amount));
    expect(await digits(page.getByTestId('credit-limit'))).toBe(String(credit.credit.limit.amount));
    expect(await digits(page.getByTestId('credit-used'))).toBe(String(credit.credit.used.amount));
    await page.close();
  }, 120_000);

  it('greys out payment on account for a new retail customer, with the regular-customers reason', async () => {
    const token = await signIn(users.nowakBuyer);
    await api('/cart', { token, method: 'DELETE' });
    try {
      const page = await signedInShop(users.nowakBuyer);
      await page.goto(`${stack().webUrl}/products/HAN-0211`);
      const spanner = page.getByTestId('product-HAN-0211');
      await addToCartFrom(spanner, '2');
      await page.getByTestId('cart-link').click();
      await page.getByTestId('checkout-link').click();
      await page.getByTestId('payment-options').waitFor();
      await page.getByTestId('delivery-pickup').getByTestId('delivery-radio').check();
      await page.getByTestId('pickup-warehouse').selectOption('krakow');

      const { body: preview } = await api('/checkout/preview', { token, method: 'POST', body: { delivery: { kind: 'pickup', warehouseId: 'krakow' } } });
      expect(reasonOf(preview, 'on-account')).toMatch(/regular customers/i);
      await expectGreyedOut(page, 'on-account', reasonOf(preview, 'on-account'));
      expect(await page.getByTestId('payment-prepaid-balance').getAttribute('data-allowed')).toBe('true');
      expect(await page.getByTestId('payment-prepaid-balance').getByTestId('payment-radio').isDisabled()).toBe(false);
      // A Polish company buying from Germany: reverse charge, no VAT.
      await page.getByTestId('checkout-reverse-charge').waitFor();
      expect(await page.getByTestId('checkout-reverse-charge').textContent()).toContain('PL5260250995');
      await page.screenshot({ path: `${artefactDir}/checkout-new-customer.png`, fullPage: true });
      await page.close();
    } finally {
      await api('/cart', { token, method: 'DELETE' });
    }
  });
});

describe('placing an order when the answer is lost', () => {
  it('retries with the same Idempotency-Key, so the order is placed only once', async () => {
    const token = await signIn(users.muellerBuyer);
    await fillCart(token, [{ sku: 'HAN-0221', quantity: 1 }]);
    const countOrders = async () => (await api('/companies/mueller-bau/orders?limit=100', { token })).body.orders.length as number;
    const ordersBefore = await countOrders();
    const page = await signedInShop(users.muellerBuyer);
    await page.goto(`${stack().webUrl}/checkout`);
    await page.getByTestId('payment-options').waitFor();
    await page.getByTestId('delivery-pickup').getByTestId('delivery-radio').check();
    await page.getByTestId('pickup-warehouse').selectOption('stuttgart');
    await expect.poll(() => page.getByTestId('payment-bank-prepayment').getAttribute('data-allowed'), { timeout: 10_000 }).toBe('true');
    await page.getByTestId('payment-bank-prepayment').getByTestId('payment-radio').check();
    await expect.poll(() => page.getByTestId('place-order').isEnabled()).toBe(true);

    // The first attempt reaches the API, but the browser never sees the answer.
    const keys: string[] = [];
    let firstAnswer: { orderId?: string } = {};
    await page.route('**/checkout/orders', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) {
        firstAnswer = await (await route.fetch()).json();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.getByTestId('place-order').click();
    await expect.poll(() => page.getByTestId('checkout-error').textContent()).toMatch(/will not place it twice/);
    expect(firstAnswer.orderId).toBeTruthy();

    await page.getByTestId('place-order').click();
    await page.getByTestId('order-page').waitFor({ timeout: 15_000 });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(decodeURIComponent(new URL(page.url()).pathname.slice('/orders/'.length))).toBe(firstAnswer.orderId);
    expect(await countOrders()).toBe(ordersBefore + 1);
    await page.close();
  });
});

describe('credit and prepaid balance in the console', () => {
  it('lets back office set a credit limit and record a prepaid top-up', async () => {
    const token = await signIn(users.backOffice, 'console');
    const { body: before } = await api('/companies/nowak-instalacje/credit', { token });
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, `${stack().webUrl}/console/login`, users.backOffice);
    await page.getByTestId('open-company-nowak-instalacje').click();
    await page.getByTestId('credit-limit-input').waitFor();
    try {
      await page.getByTestId('credit-limit-input').fill('2500');
      await page.getByTestId('credit-limit-save').click();
      await expect.poll(() => page.getByTestId('credit-limit-status').textContent()).toMatch(/Credit limit set/);
      expect((await api('/companies/nowak-instalacje/credit', { token })).body.credit.limit).toEqual({ amount: 250_000, currency: 'PLN' });
      expect(await digits(page.getByTestId('credit-limit'))).toBe('250000');

      const reference = `BANK-E2E-${Date.now()}`;
      await page.getByTestId('topup-amount').fill('123,45');
      await page.getByTestId('topup-reference').fill(reference);
      await page.getByTestId('topup-submit').click();
      await expect.poll(() => page.getByTestId('topup-status').textContent()).toMatch(/Booked/);
      const { body: after } = await api('/companies/nowak-instalacje/credit', { token });
      expect(after.prepaid.balance.amount).toBe(before.prepaid.balance.amount + 12_345);
      expect(after.prepaid.ledger[0]).toMatchObject({ kind: 'top-up', reference, amount: { amount: 12_345 } });
      expect(await digits(page.getByTestId('prepaid-balance'))).toBe(String(after.prepaid.balance.amount));
      expect(await page.getByTestId('ledger-entry').first().textContent()).toContain(reference);

      // The same bank reference is not booked twice.
      await page.getByTestId('topup-amount').fill('123,45');
      await page.getByTestId('topup-reference').fill(reference);
      await page.getByTestId('topup-submit').click();
      await expect.poll(() => page.getByTestId('topup-status').textContent()).toMatch(/already booked/);
      await page.screenshot({ path: `${artefactDir}/console-credit.png`, fullPage: true });
    } finally {
      await api('/console/companies/nowak-instalacje/credit-limit', { token, method: 'PUT', body: { limit: before.credit.limit } });
      await page.close();
    }
  });
});

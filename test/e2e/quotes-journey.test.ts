import { describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, digits, logIn, useBrowser } from '../support/browser.js';
import { fillCart, stockedSku } from '../support/orders.js';

/** Sales-rep quotes and orders on behalf of a customer (seed 002, issue 6) in the console and the shop. */
const browser = useBrowser();
const company = 'mueller-bau';

/** 1234 → "12,34": how a rep types a price. */
const typed = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

describe('quotes in the browser', () => {
  it("a rep takes over the buyer's cart, quotes a better price and sends it; the buyer accepts it and the order carries the quoted price", async () => {
    const buyerToken = await signIn(users.muellerBuyer);
    const sku = await stockedSku(buyerToken, 'electrical', 5);
    const listed = await api('/pricing/quote', { token: buyerToken, method: 'POST', body: { lines: [{ sku, quantity: '2' }] } });
    const list = listed.body.lines[0].unitNet.amount as number;
    const better = list - Math.max(1, Math.floor(list / 10));
    // The buyer's cart is what the rep takes over.
    await fillCart(buyerToken, [{ sku, quantity: '2' }]);
    const carts = await api(`/companies/${company}/carts`, { token: await signIn(users.rep, 'console') });
    const buyerCart = carts.body.carts.find((cart: { lines: { sku: string }[] }) => cart.lines.some((line) => line.sku === sku));

    const staff = await browser().newContext({ viewport: { width: 1280, height: 1100 } });
    const rep = await staff.newPage();
    let offerId = '';
    try {
      await logIn(rep, `${stack().webUrl}/console/login`, users.rep);
      await rep.getByTestId('tab-quotes').click();
      await rep.getByTestId('new-quote').click();
      const form = rep.getByTestId('new-quote-form');
      await form.getByTestId('quote-company').selectOption(company);
      await form.getByTestId(`quote-cart-${buyerCart.ownerSub}`).getByTestId('quote-cart-radio').check();
      // With a cart taken over, the typed line only sets the better price of the cart's line.
      await form.getByTestId('quote-lines-input').fill(`${sku} 2 ${typed(better)}`);
      // The customer's delivery options and payment methods, like at checkout.
      await form.getByTestId('delivery-pickup').getByTestId('delivery-radio').check();
      await form.getByTestId('pickup-warehouse').selectOption('stuttgart');
      await expect.poll(() => form.getByTestId('payment-card').getAttribute('data-allowed')).toBe('false');
      await form.getByTestId('payment-bank-prepayment').getByTestId('payment-radio').check();
      await form.getByTestId('create-quote').click();
      await rep.getByTestId('console-quote').waitFor();
      offerId = decodeURIComponent(new URL(rep.url()).pathname.split('/').pop() ?? '');
      expect(await digits(rep.getByTestId(`quote-line-${sku}`).locator('td').nth(4))).toBe(String(better));
      await rep.getByTestId('quote-send').click();
      await expect.poll(() => rep.getByTestId('quote-message').textContent()).toMatch(/Version 1 sent/);
      await rep.getByTestId('quote-history-1').waitFor();
      await rep.screenshot({ path: `${artefactDir}/quote-console.png`, fullPage: true });
    } finally {
      await staff.close();
    }
    const sent = await api(`/companies/${company}/offers/${offerId}`, { token: buyerToken });
    expect(sent.body).toMatchObject({ status: 'sent', sentVersion: 1, acceptable: true, version: { source: { kind: 'cart', ownerSub: buyerCart.ownerSub } } });

    const customer = await browser().newContext({ viewport: { width: 1280, height: 1000 } });
    const buyer = await customer.newPage();
    try {
      await logIn(buyer, `${stack().webUrl}/login`, users.muellerBuyer);
      await buyer.getByTestId('current-user').waitFor();
      await buyer.getByTestId('quotes-link').click();
      await buyer.getByTestId(`quote-row-${offerId}`).locator('a').click();
      await buyer.getByTestId('quote-page').waitFor();
      expect(await digits(buyer.getByTestId(`quote-line-${sku}`).locator('td').nth(4))).toBe(String(better));
      expect(await buyer.getByTestId('quote-payment-terms').textContent()).toBe('Bank prepayment');
      await buyer.getByTestId('quote-accept').click();
      await buyer.waitForURL(/\/orders\/[^/]+$/);
      await expect.poll(() => buyer.getByTestId('order-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('confirmed');
      const line = buyer.getByTestId(`order-line-${sku}`);
      expect(await digits(line.locator('td').nth(2))).toBe(String(better));
      expect(await digits(line.locator('td').nth(4))).toBe(String(better * 2));
      const orderId = decodeURIComponent(new URL(buyer.url()).pathname.split('/').pop() ?? '');
      await buyer.screenshot({ path: `${artefactDir}/quote-order.png`, fullPage: true });

      await buyer.getByTestId('orders-link').click();
      await buyer.getByTestId(`order-row-${orderId}`).waitFor();
      expect(await buyer.getByTestId(`order-row-${orderId}`).getByTestId('order-row-status').getAttribute('data-status')).toBe('confirmed');

      // The accepted quote is closed: no accept button any more.
      await buyer.goto(`${stack().webUrl}/quotes/${offerId}`);
      await buyer.getByTestId('quote-page').waitFor();
      expect(await buyer.getByTestId('quote-status').textContent()).toBe('Accepted');
      expect(await buyer.getByTestId('quote-accept').count()).toBe(0);
    } finally {
      await customer.close();
    }
    const order = (await api(`/companies/${company}/offers/${offerId}`, { token: buyerToken })).body.acceptance;
    const placed = await api(`/companies/${company}/orders/${order.orderId}`, { token: buyerToken });
    expect(placed.body.lines[0]).toMatchObject({ sku, unitNet: { amount: better } });
  });

  it('a superseded version is shown as such and only the latest can be accepted', async () => {
    const [repToken, buyerToken] = await Promise.all([signIn(users.rep, 'console'), signIn(users.muellerBuyer)]);
    const sku = await stockedSku(buyerToken, 'electrical', 1);
    const validUntil = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const terms = { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'bank-prepayment', validUntil };
    const created = await api(`/companies/${company}/offers`, { token: repToken, method: 'POST', body: { lines: [{ sku, quantity: 1 }], terms } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const offerId = created.body.offerId as string;
    expect((await api(`/companies/${company}/offers/${offerId}/send`, { token: repToken, method: 'POST' })).status).toBe(200);
    expect(
      (await api(`/companies/${company}/offers/${offerId}`, { token: repToken, method: 'PUT', body: { lines: [{ sku, quantity: 2 }], terms } })).status,
    ).toBe(200);

    const page = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await logIn(page, `${stack().webUrl}/login`, users.muellerBuyer);
      await page.getByTestId('current-user').waitFor();
      // Version 2 is prepared but not sent: version 1 is superseded and cannot be accepted.
      await page.goto(`${stack().webUrl}/quotes/${offerId}`);
      await page.getByTestId('quote-page').waitFor();
      await expect.poll(() => page.getByTestId('quote-not-acceptable').getAttribute('data-reason')).toBe('QUOTE_SUPERSEDED');
      expect(await page.getByTestId('quote-accept').count()).toBe(0);

      expect((await api(`/companies/${company}/offers/${offerId}/send`, { token: repToken, method: 'POST' })).status).toBe(200);
      await page.reload();
      await page.getByTestId('quote-accept').waitFor();
      expect(await page.getByTestId('quote-history-2').getAttribute('data-state')).toBe('acceptable');
      expect(await page.getByTestId('quote-history-1').getAttribute('data-state')).toBe('superseded');
      await page.getByTestId('quote-history-1').getByTestId('quote-history-show').click();
      await page.getByTestId('quote-older-version').waitFor();
      expect(await page.getByTestId('quote-accept').count()).toBe(0);
      await page.screenshot({ path: `${artefactDir}/quote-versions.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });
});

describe('orders on behalf of a customer in the console', () => {
  it('a rep enters a preliminary order at the customer prices; the customer sees it as preliminary', async () => {
    const buyerToken = await signIn(users.muellerBuyer);
    const sku = await stockedSku(buyerToken, 'electrical', 3);
    const listed = await api('/pricing/quote', { token: buyerToken, method: 'POST', body: { lines: [{ sku, quantity: '3' }] } });
    const staff = await browser().newContext({ viewport: { width: 1280, height: 1200 } });
    const rep = await staff.newPage();
    let orderNumber = '';
    try {
      await logIn(rep, `${stack().webUrl}/console/login`, users.rep);
      await rep.getByTestId(`order-for-${company}`).click();
      await rep.getByTestId('obo-page').waitFor();
      await rep.getByTestId('obo-sku').fill(sku);
      await rep.getByTestId('obo-sku-add').click();
      await rep.getByTestId(`obo-line-${sku}`).getByTestId('obo-line-qty').fill('3');
      await expect
        .poll(() => digits(rep.getByTestId(`obo-line-${sku}`).getByTestId('obo-line-net')), { timeout: 15_000 })
        .toBe(String(listed.body.lines[0].lineNet.amount));
      expect(await digits(rep.getByTestId(`obo-line-${sku}`).getByTestId('obo-line-unit'))).toBe(String(listed.body.lines[0].unitNet.amount));
      await rep.getByTestId('delivery-pickup').getByTestId('delivery-radio').check();
      await rep.getByTestId('pickup-warehouse').selectOption('stuttgart');
      await expect.poll(() => rep.getByTestId('payment-card').getAttribute('data-allowed')).toBe('false');
      await rep.getByTestId('payment-on-account').getByTestId('payment-radio').check();
      await rep.getByTestId('obo-po-number').fill('PO-E2E-REP');
      await rep.getByTestId('obo-preliminary').check();
      await expect.poll(() => digits(rep.getByTestId('obo-payable'))).toBe(String(listed.body.gross.amount));
      await expect.poll(() => rep.getByTestId('obo-submit').isEnabled()).toBe(true);
      await rep.screenshot({ path: `${artefactDir}/order-on-behalf-form.png`, fullPage: true });
      await rep.getByTestId('obo-submit').click();
      await rep.getByTestId('obo-placed').waitFor();
      expect(await rep.getByTestId('obo-placed').getAttribute('data-status')).toBe('preliminary');
      orderNumber = (await rep.getByTestId('obo-order-number').textContent()) ?? '';
      await rep.screenshot({ path: `${artefactDir}/order-on-behalf.png`, fullPage: true });
    } finally {
      await staff.close();
    }
    const orders = await api(`/companies/${company}/orders?limit=100`, { token: buyerToken });
    const order = orders.body.orders.find((candidate: { orderNumber: string }) => candidate.orderNumber === orderNumber);
    expect(order).toMatchObject({
      status: 'preliminary',
      poNumber: 'PO-E2E-REP',
      placedBy: { email: users.rep },
      onBehalfOf: { enteredBy: { email: users.rep } },
    });

    const page = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await logIn(page, `${stack().webUrl}/login`, users.muellerBuyer);
      await page.getByTestId('current-user').waitFor();
      await page.getByTestId('orders-link').click();
      const row = page.getByTestId(`order-row-${order.orderId}`);
      await row.waitFor();
      expect(await row.getByTestId('order-row-status').getAttribute('data-status')).toBe('preliminary');
      await page.getByTestId(`open-order-${order.orderId}`).click();
      await page.getByTestId('order-page').waitFor();
      expect(await page.getByTestId('order-status').getAttribute('data-status')).toBe('preliminary');
      expect(await page.getByTestId('order-on-behalf').textContent()).toMatch(/Entered for you by .* preliminary order/);
    } finally {
      await page.close();
    }
  });
});

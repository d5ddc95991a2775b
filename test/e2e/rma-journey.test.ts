import { describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';
import { stockedSku } from '../support/orders.js';
import { samplePng, shippedOrder } from '../support/rma.js';

/** RMA / complaints (seed 002 "Reklamacje") in the shop, the guest form and the console. */
const browser = useBrowser();
const company = 'mueller-bau';

describe('returns and complaints in the browser', () => {
  it('a buyer files a complaint for a shipped order line, with a photo, and sees its number and status; back office approves it in the console', async () => {
    const [buyer, backOffice] = await Promise.all([signIn(users.muellerBuyer), signIn(users.backOffice, 'console')]);
    const skuA = await stockedSku(buyer, 'electrical', 5);
    const skuB = await stockedSku(buyer, 'electrical', 5, [skuA]);
    // Ordered 3 A and 2 B; only 2 A shipped so far.
    const order = await shippedOrder(
      buyer,
      backOffice,
      company,
      [
        { sku: skuA, quantity: '3' },
        { sku: skuB, quantity: '2' },
      ],
      [{ sku: skuA, quantity: '2' }],
    );

    const page = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await logIn(page, `${stack().webUrl}/login`, users.muellerBuyer);
      await page.getByTestId('current-user').waitFor();
      await page.goto(`${stack().webUrl}/orders/${order.orderId}`);
      await page.getByTestId('order-return-link').click();

      const form = page.getByTestId('rma-form');
      await form.waitFor();
      // Only the shipped line is offered, with what can be returned.
      expect(await form.getByTestId(`rma-returnable-${skuA}`).textContent()).toMatch(/^2\b/);
      expect(await form.getByTestId(`rma-line-${skuB}`).count()).toBe(0);
      await form.getByTestId('rma-type').selectOption('complaint');
      await form.getByTestId(`rma-qty-${skuA}`).fill('3');
      await form.getByTestId('rma-reason').fill('Insulation damaged on delivery');
      await form.getByTestId('rma-submit').click();
      expect(await form.getByTestId('rma-problems').textContent()).toMatch(/at most 2/);
      await form.getByTestId(`rma-qty-${skuA}`).fill('1');
      await form.getByTestId('rma-photos').setInputFiles({ name: 'damage.png', mimeType: 'image/png', buffer: samplePng });
      await form.getByTestId('rma-submit').click();

      const detail = page.getByTestId('rma-page');
      await detail.waitFor({ timeout: 20_000 });
      const number = (await detail.getByTestId('rma-number').textContent()) ?? '';
      expect(number).toMatch(/^RMA-\d{4}-\d{6}$/);
      expect(await detail.getByTestId('rma-status').getAttribute('data-status')).toBe('filed');
      expect(await detail.getByTestId('rma-type-label').textContent()).toBe('Complaint');
      expect(await detail.getByTestId('rma-history-entry').count()).toBe(1);
      expect(await detail.getByTestId('rma-photo').count()).toBe(1);
      expect(await detail.getByTestId(`rma-claimed-${skuA}`).textContent()).toMatch(/1/);
      await page.screenshot({ path: `${artefactDir}/rma-filed.png`, fullPage: true });

      // The claim is in the company's list with its status.
      await page.getByTestId('returns-link').click();
      const row = page.getByTestId(`rma-row-${number}`);
      await row.waitFor();
      expect(await row.getByTestId('rma-row-status').getAttribute('data-status')).toBe('filed');

      // Back office: the claim in the console queue, opened and moved on.
      const staffPage = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
      try {
        await logIn(staffPage, `${stack().webUrl}/console/login`, users.backOffice);
        await staffPage.getByTestId('tab-rmas').click();
        const staffRow = staffPage.getByTestId(`rma-console-row-${number}`);
        await staffRow.waitFor();
        await staffRow.getByTestId('rma-console-open').click();
        const staffDetail = staffPage.getByTestId('rma-console-detail');
        await staffDetail.waitFor();
        await staffDetail.getByTestId('rma-to-in-review').click();
        await expect.poll(() => staffDetail.getByTestId('rma-status').first().getAttribute('data-status')).toBe('in-review');
        await staffDetail.getByTestId('rma-status-note').fill('Approved, a replacement is on its way');
        await staffDetail.getByTestId('rma-to-approved').click();
        await expect.poll(() => staffDetail.getByTestId('rma-status').first().getAttribute('data-status')).toBe('approved');
        await staffPage.screenshot({ path: `${artefactDir}/rma-console.png`, fullPage: true });
      } finally {
        await staffPage.close();
      }

      // The buyer sees the new status and the note in the history.
      await row.getByTestId('rma-row-link').click();
      await expect.poll(() => page.getByTestId('rma-page').getByTestId('rma-status').getAttribute('data-status')).toBe('approved');
      expect(await page.getByTestId('rma-history').textContent()).toContain('Approved, a replacement is on its way');
    } finally {
      await page.close();
    }

    // Consistent with the API: one claim of 1 unit.
    const listed = await api(`/companies/${company}/rmas`, { token: buyer });
    expect(listed.body.rmas.filter((rma: { orderId: string }) => rma.orderId === order.orderId)).toHaveLength(1);
  }, 180_000);

  it('a guest files a return with order number and e-mail, without signing in', async () => {
    const [buyer, backOffice] = await Promise.all([signIn(users.muellerBuyer), signIn(users.backOffice, 'console')]);
    const sku = await stockedSku(buyer, 'electrical', 5);
    const order = await shippedOrder(buyer, backOffice, company, [{ sku, quantity: '2' }], [{ sku, quantity: '2' }]);

    const page = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await page.goto(`${stack().webUrl}/returns/guest`);
      await page.getByTestId('guest-rma-order-number').fill(order.orderNumber);
      await page.getByTestId('guest-rma-email').fill('wrong@example.com');
      await page.getByTestId('guest-rma-lookup').click();
      expect(await page.getByTestId('guest-rma-error').textContent()).toMatch(/no order/i);
      await page.getByTestId('guest-rma-email').fill(users.muellerBuyer);
      await page.getByTestId('guest-rma-lookup').click();
      const form = page.getByTestId('rma-form');
      await form.waitFor();
      await form.getByTestId(`rma-qty-${sku}`).fill('2');
      await form.getByTestId('rma-reason').fill('Not needed any more');
      await form.getByTestId('rma-submit').click();
      const created = page.getByTestId('guest-rma-created');
      await created.waitFor({ timeout: 20_000 });
      expect(await created.getByTestId('rma-number').textContent()).toMatch(/^RMA-\d{4}-\d{6}$/);
      expect(await created.getByTestId('rma-status').getAttribute('data-status')).toBe('filed');
    } finally {
      await page.close();
    }
  }, 180_000);
});

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { api, stack } from '../support/api.js';
import { newCompanyWithBuyers } from '../support/accounts.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';
import { fillCart, stockedSku } from '../support/orders.js';

/** Purchase-order approval (issue 8, docs/approvals-budgets.md): admin sets it up, buyer orders, approver approves. */
const browser = useBrowser();
const password = 'Parallel-Passw0rd-1';

describe('purchase-order approval in the shop', () => {
  it('admin defines a rule and a cost centre; the buyer’s order waits; the approver approves with a comment; the buyer sees it placed', async () => {
    const { companyId, tokens } = await newCompanyWithBuyers(3);
    const [adminToken, buyerToken, approverToken] = tokens as [string, string, string];
    const [admin, buyer, approver] = await Promise.all(
      tokens.map(async (token) => (await api('/me', { token })).body.user as { sub: string; email: string; name: string }),
    );
    const sku = await stockedSku(adminToken, 'safety', 10);
    await fillCart(buyerToken, [{ sku, quantity: 2 }]);

    // 1. The company admin adds a cost centre and an approval rule in the account page.
    const adminPage = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await logIn(adminPage, `${stack().webUrl}/login`, admin!.email, password);
      await adminPage.getByTestId('current-user').waitFor();
      await adminPage.goto(`${stack().webUrl}/account/budgets`);
      await adminPage.getByTestId('cost-centres').waitFor({ state: 'attached' });
      await adminPage.getByTestId('cost-centre-code').fill('CC-100');
      await adminPage.getByTestId('cost-centre-name').fill('Werkstatt');
      await adminPage.getByTestId('cost-centre-add').click();
      await adminPage.getByTestId('cost-centre-CC-100').waitFor();

      await adminPage.getByTestId('account-nav-approvals').click();
      await adminPage.getByTestId('approval-rules').waitFor();
      await adminPage.getByTestId('approval-rule-new').click();
      await adminPage.getByTestId('approval-rule-name').fill('Everything above 1 EUR');
      await adminPage.getByTestId('approval-rule-kind').selectOption('order-total-above');
      await adminPage.getByTestId('approval-rule-amount').fill('1');
      await adminPage.getByTestId(`approval-level-user-${approver!.email}`).check();
      await adminPage.getByTestId('approval-rule-save').click();
      await adminPage.getByTestId('approval-rules').getByText('Everything above 1 EUR').waitFor();
    } finally {
      await adminPage.screenshot({ path: `${artefactDir}/approval-rules.png`, fullPage: true });
      await adminPage.close();
    }
    const rules = (await api(`/companies/${companyId}/approval-rules`, { token: adminToken })).body.rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'Everything above 1 EUR',
          condition: { kind: 'order-total-above', basis: 'net', amount: { amount: 100, currency: 'EUR' } },
        }),
      ]),
    );

    // 2. The buyer checks out with the cost centre and a PO number and sees that approval is needed.
    const buyerContext = await browser().newContext({ viewport: { width: 1280, height: 1000 } });
    const buyerPage = await buyerContext.newPage();
    let orderId = '';
    let orderNumber = '';
    try {
      await logIn(buyerPage, `${stack().webUrl}/login`, buyer!.email, password);
      await buyerPage.getByTestId('current-user').waitFor();
      await buyerPage.goto(`${stack().webUrl}/checkout`);
      await buyerPage.getByTestId('payment-options').waitFor();
      await buyerPage.getByTestId('delivery-pickup').getByTestId('delivery-radio').check();
      await buyerPage.getByTestId('pickup-warehouse').selectOption('stuttgart');
      await buyerPage.getByTestId('cost-centre').selectOption('CC-100');
      await buyerPage.getByTestId('po-number').fill('PO-APPROVAL-E2E');
      await buyerPage.getByTestId('payment-bank-prepayment').getByTestId('payment-radio').check();
      await buyerPage.getByTestId('checkout-approval-required').waitFor({ timeout: 15_000 });
      expect(await buyerPage.getByTestId('checkout-approval-notice').textContent()).toContain(approver!.name);
      await expect.poll(() => buyerPage.getByTestId('place-order').isEnabled()).toBe(true);
      await buyerPage.screenshot({ path: `${artefactDir}/approval-checkout.png`, fullPage: true });
      await buyerPage.getByTestId('place-order').click();

      await buyerPage.getByTestId('order-page').waitFor({ timeout: 15_000 });
      orderId = decodeURIComponent(new URL(buyerPage.url()).pathname.slice('/orders/'.length));
      orderNumber = (await buyerPage.getByTestId('order-number').textContent()) ?? '';
      await expect.poll(() => buyerPage.getByTestId('order-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('awaiting-approval');
      expect(await buyerPage.getByTestId('approval-history-level-1').getAttribute('data-state')).toBe('waiting');
      expect(await buyerPage.getByTestId('order-cost-centre').textContent()).toBe('CC-100');
    } finally {
      await buyerPage.screenshot({ path: `${artefactDir}/approval-order-waiting.png`, fullPage: true });
    }

    // 3. The approver finds it under Approvals and approves it with a comment.
    const approverContext = await browser().newContext({ viewport: { width: 1280, height: 1000 } });
    const approverPage = await approverContext.newPage();
    try {
      await logIn(approverPage, `${stack().webUrl}/login`, approver!.email, password);
      await approverPage.getByTestId('current-user').waitFor();
      await approverPage.getByTestId('approvals-link').click();
      const card = approverPage.getByTestId(`approval-${orderNumber}`);
      await card.waitFor({ timeout: 15_000 });
      expect(await card.getByTestId('approval-level').textContent()).toContain('Everything above 1 EUR');
      await card.getByTestId('approval-comment').fill('Approved for the workshop');
      await approverPage.screenshot({ path: `${artefactDir}/approval-inbox.png`, fullPage: true });
      await card.getByTestId('approval-approve').click();
      await approverPage.getByTestId('approvals-empty').waitFor({ timeout: 15_000 });
    } finally {
      await approverContext.close();
    }

    // 4. The buyer (still on the order page) sees the order placed, with the approval in its history.
    const again = buyerPage;
    try {
      await expect
        .poll(
          async () => {
            await again.reload();
            await again.getByTestId('order-status').waitFor();
            return again.getByTestId('order-status').getAttribute('data-status');
          },
          { timeout: 45_000, interval: 1_000 },
        )
        .toBe('confirmed');
      const level = again.getByTestId('approval-history-level-1');
      expect(await level.getAttribute('data-state')).toBe('approved');
      expect(await level.textContent()).toContain('Approved for the workshop');
      expect(await again.getByTestId('order-po-number').textContent()).toBe('PO-APPROVAL-E2E');
      await again.screenshot({ path: `${artefactDir}/approval-order-placed.png`, fullPage: true });
    } finally {
      await buyerContext.close();
    }
    const order = (await api(`/companies/${companyId}/orders/${orderId}`, { token: buyerToken })).body;
    expect(order).toMatchObject({ status: 'confirmed', costCentre: 'CC-100', poNumber: 'PO-APPROVAL-E2E' });
    expect(order.approvalFlow.history).toEqual([
      expect.objectContaining({ decision: 'approved', comment: 'Approved for the workshop', by: expect.objectContaining({ sub: approver!.sub }) }),
    ]);
    expect((await api(`/companies/${companyId}/approvals`, { token: approverToken })).body.approvals).toEqual([]);

    // The invoice PDF carries the buyer's PO number and the cost centre.
    const invoice = await api(`/companies/${companyId}/orders/${orderId}/invoice`, { token: buyerToken });
    expect(invoice.status).toBe(200);
    const pdfPath = `${artefactDir}/approval-invoice.pdf`;
    writeFileSync(pdfPath, Buffer.from(await (await fetch(invoice.body.url as string)).arrayBuffer()));
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('PO-APPROVAL-E2E');
    expect(text).toContain('CC-100');
  }, 240_000);
});

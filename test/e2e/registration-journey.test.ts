import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';

const browser = useBrowser();
let tempDir: string;

beforeAll(() => {
  tempDir = mkdtempSync(join(tmpdir(), 'registration-journey-'));
});
afterAll(() => {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

/** A valid Polish VAT ID: "PL" + NIP with the mod-11 check digit (weights 6,5,7,2,3,4,5,6,7; 10 is not a valid check digit). */
function polishVatId(): string {
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (;;) {
    const digits = [...randomBytes(9)].map((byte) => byte % 10);
    if (digits[0] === 0) continue;
    const check = weights.reduce((sum, weight, index) => sum + weight * digits[index]!, 0) % 11;
    if (check !== 10) return `PL${digits.join('')}${check}`;
  }
}

const unique = () => randomBytes(4).toString('hex');

interface OutboxMessage {
  readonly id: string;
  readonly at: string;
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
}

async function outbox(): Promise<OutboxMessage[]> {
  const response = await fetch(`${stack().webUrl}/_local/outbox.json`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}

/** Waits for the invitation e-mail to `email` and returns the temporary password from its text. */
async function temporaryPasswordFor(email: string): Promise<string> {
  let password: string | undefined;
  await expect
    .poll(
      async () => {
        const message = (await outbox()).find((candidate) => candidate.to.map((to) => to.toLowerCase()).includes(email.toLowerCase()));
        password = message && /(?:Temporary password|Vorläufiges Passwort|Hasło tymczasowe): (\S+)/.exec(message.text)?.[1];
        return password !== undefined;
      },
      { timeout: 15_000, interval: 250 },
    )
    .toBe(true);
  return password!;
}

/** First sign-in with a temporary password: the SPA asks for a new one. */
async function firstSignIn(page: Page, url: string, email: string, temporaryPassword: string, newPassword: string) {
  await logIn(page, url, email, temporaryPassword);
  await page.getByTestId('new-password').waitFor();
  await page.getByTestId('new-password').fill(newPassword);
  await page.getByTestId('new-password-confirm').fill(newPassword);
  await page.getByTestId('new-password-submit').click();
  await page.getByTestId('current-user').waitFor();
  expect(await page.getByTestId('current-user').textContent()).toContain(email.toLowerCase());
}

describe('company registration journey in the SPA', () => {
  it('registers a company, approves it in the console, and lets its admin invite a buyer who sees prices', async () => {
    const backOfficeToken = await signIn(users.backOffice, 'console');
    const before = (await api('/shop')).body as { registrationOpen: boolean };
    if (!before.registrationOpen) {
      await api('/console/shop', { token: backOfficeToken, method: 'PUT', body: { registrationOpen: true } });
    }
    try {
      const id = unique();
      const companyName = `Hurtownia Journey ${id} Sp. z o.o.`;
      const vatId = polishVatId();
      const adminEmail = `journey-admin-${id}@example.com`;
      const buyerEmail = `journey-buyer-${id}@example.com`;
      const licencePath = join(tempDir, 'licence.pdf');
      writeFileSync(licencePath, '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

      // 1. A guest finds the registration from the shop header and requests an account.
      const guest = await browser().newPage();
      await guest.goto(stack().webUrl);
      await guest.getByTestId('register-link').click();
      await guest.getByTestId('registration-form').waitFor();
      await guest.getByTestId('reg-company-name').fill(companyName);
      await guest.getByTestId('reg-country').selectOption('PL');
      await guest.getByTestId('reg-vat-id').fill(vatId);
      await guest.getByTestId('reg-contact-name').fill('Jan Kowalski');
      await guest.getByTestId('reg-contact-email').fill(adminEmail);
      await guest.getByTestId('reg-contact-phone').fill('+48 600 000 000');
      await guest.getByTestId('reg-billing-street').fill('ul. Długa 1');
      await guest.getByTestId('reg-billing-postal-code').fill('00-001');
      await guest.getByTestId('reg-billing-city').fill('Warszawa');
      expect(await guest.getByTestId('reg-billing-country').inputValue()).toBe('PL');
      await guest.getByTestId('reg-different-delivery').check();
      await guest.getByTestId('reg-delivery-name').fill('Magazyn');
      await guest.getByTestId('reg-delivery-street').fill('ul. Magazynowa 7');
      await guest.getByTestId('reg-delivery-postal-code').fill('05-800');
      await guest.getByTestId('reg-delivery-city').fill('Pruszków');
      await guest.getByTestId('reg-licence').setInputFiles(licencePath);
      await guest.getByTestId('reg-submit').click();
      await guest.getByTestId('registration-success').or(guest.getByTestId('reg-error')).waitFor();
      if (await guest.getByTestId('reg-error').count()) throw new Error(`Registration failed: ${await guest.getByTestId('reg-error').textContent()}`);
      expect(await guest.getByTestId('registration-success').textContent()).toContain('Thank you — we review your request and e-mail you the login.');
      await guest.screenshot({ path: `${artefactDir}/registration-success.png` });
      await guest.close();

      // 2. Back office opens the pending registration, checks the licence link and approves it.
      const staff = await browser().newPage();
      await logIn(staff, `${stack().webUrl}/console/login`, users.backOffice);
      await staff.getByTestId('tab-registrations').click();
      const table = staff.getByTestId('registrations-table');
      await table.waitFor();
      await table.getByRole('link', { name: companyName }).click();
      await staff.getByTestId('registration-detail').waitFor();
      expect(await staff.getByTestId('registration-vat-id').textContent()).toBe(vatId);
      expect(await staff.getByTestId('registration-contact-email').textContent()).toBe(adminEmail);
      const licenceLink = staff.getByTestId('licence-link');
      expect(await licenceLink.getAttribute('target')).toBe('_blank');
      const licence = await fetch((await licenceLink.getAttribute('href'))!);
      expect(licence.status).toBe(200);
      expect((await licence.text()).startsWith('%PDF-1.4')).toBe(true);
      await staff.getByTestId('approve-customer-group').selectOption('wholesale');
      await staff.getByTestId('approve-submit').click();
      await staff.getByTestId('registration-decision').or(staff.getByTestId('registration-decision-error')).waitFor();
      if (await staff.getByTestId('registration-decision-error').count()) {
        throw new Error(`Approval failed: ${await staff.getByTestId('registration-decision-error').textContent()}`);
      }
      expect(await staff.getByTestId('registration-decision').textContent()).toContain(adminEmail);
      await staff.getByTestId('registration-company-link').waitFor();
      await staff.screenshot({ path: `${artefactDir}/registration-approved.png` });
      await staff.close();

      // 3. The invitation with the temporary password is in the outbox; the new admin sets a password.
      const adminTemporaryPassword = await temporaryPasswordFor(adminEmail);
      const admin = await browser().newPage();
      await firstSignIn(admin, `${stack().webUrl}/login`, adminEmail, adminTemporaryPassword, `Journey-Admin-${id}-2026`);

      // 4. On "My account" the admin sees the company and invites a buyer with an order limit.
      await admin.getByTestId('account-link').click();
      await admin.getByTestId('account-page').waitFor();
      expect(await admin.getByTestId('company-name').textContent()).toBe(companyName);
      expect(await admin.getByTestId('company-vat-id').textContent()).toBe(vatId);
      await admin.getByTestId('account-nav-users').click();
      await admin.getByTestId('users-table').getByTestId(`user-${adminEmail}`).waitFor();
      await admin.getByTestId('invite-email').fill(buyerEmail);
      await admin.getByTestId('invite-name').fill('Ewa Zakupy');
      await admin.getByTestId('invite-role').selectOption('buyer');
      await admin.getByTestId('invite-limit').fill('1500.50');
      await admin.getByTestId('invite-submit').click();
      await admin.getByText(`Invitation sent to ${buyerEmail}`).or(admin.locator('[data-testid="invite-status"].form-error')).waitFor();
      expect(await admin.getByTestId('invite-status').textContent()).toContain(`Invitation sent to ${buyerEmail}`);
      const buyerRow = admin.getByTestId(`user-${buyerEmail}`);
      await buyerRow.waitFor();
      expect(await buyerRow.getByTestId('user-role').inputValue()).toBe('buyer');
      // 1500.50 EUR is 150050 cents: compare the digits of the formatted limit.
      expect((await buyerRow.getByTestId('user-limit').textContent())?.replace(/\D/g, '')).toBe('150050');
      await admin.getByTestId('account-nav-overview').click();
      await admin.getByTestId('audit-list').waitFor();
      await admin.screenshot({ path: `${artefactDir}/account-users.png`, fullPage: true });
      await admin.close();

      // 5. The buyer's invitation arrives; the buyer sets a password and sees prices.
      const buyerTemporaryPassword = await temporaryPasswordFor(buyerEmail);
      const buyer = await browser().newPage();
      await firstSignIn(buyer, `${stack().webUrl}/login`, buyerEmail, buyerTemporaryPassword, `Journey-Buyer-${id}-2026`);
      await buyer.getByTestId('category-list').waitFor();
      const firstProduct = buyer.locator('[data-testid^="product-"]').first();
      await firstProduct.waitFor();
      await firstProduct.getByTestId('price').waitFor();
      expect(await buyer.getByTestId('price-hidden').count()).toBe(0);
      await buyer.screenshot({ path: `${artefactDir}/new-buyer-catalog.png` });
      await buyer.close();
    } finally {
      if (!before.registrationOpen) await api('/console/shop', { token: backOfficeToken, method: 'PUT', body: { registrationOpen: false } });
    }
  }, 180_000);
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, signIn, stack, users } from '../support/api.js';
import {
  address,
  invitationSubjectPattern,
  outbox,
  resetCodePattern,
  resetSubjectPattern,
  temporaryPasswordPattern,
  uniqueEmail,
} from '../support/accounts.js';
import { artefactDir, enterTotp, freshTotp, logIn, useBrowser } from '../support/browser.js';
import { wrongTotp } from '../support/totp.js';

const browser = useBrowser();

/** Waits for the newest e-mail to `email` whose subject matches and returns the first match of `pattern` in its text. */
async function fromMail(email: string, subject: RegExp, pattern: RegExp, skip = 0): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await outbox()).filter(
          (message) => message.to.map((to) => to.toLowerCase()).includes(email.toLowerCase()) && subject.test(message.subject),
        );
        found = messages.length > skip ? pattern.exec(messages[messages.length - 1]!.text)?.[1] : undefined;
        return found !== undefined;
      },
      { timeout: 15_000, interval: 250 },
    )
    .toBe(true);
  return found!;
}

const mailsTo = async (email: string, subject: RegExp) =>
  (await outbox()).filter((message) => message.to.map((to) => to.toLowerCase()).includes(email.toLowerCase()) && subject.test(message.subject)).length;

/** A fresh company with its admin (invited with a temporary password), created by back office. */
async function newCompany(): Promise<{ companyId: string; adminEmail: string; temporaryPassword: string }> {
  const backOffice = await signIn(users.backOffice, 'console');
  const adminEmail = uniqueEmail('mfa-admin');
  const created = await api('/console/companies', {
    token: backOffice,
    method: 'POST',
    body: {
      company: { name: `MFA Bau ${Date.now()} GmbH`, vatId: 'DE811907980', country: 'DE' },
      billingAddress: { ...address, country: 'DE', city: 'Ulm' },
      customerGroup: 'wholesale',
      admin: { email: adminEmail, name: 'Mia Faktor' },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const temporaryPassword = await fromMail(adminEmail, invitationSubjectPattern, temporaryPasswordPattern);
  return { companyId: created.body.companyId as string, adminEmail, temporaryPassword };
}

/** Signs in with the password and, when asked, the TOTP code; waits for the shop header. */
async function signInWithTotp(page: Page, email: string, password: string, secret: string) {
  await logIn(page, `${stack().webUrl}/login`, email, password);
  await enterTotp(page, secret);
  await page.getByTestId('current-user').waitFor();
  expect(await page.getByTestId('current-user').textContent()).toContain(email);
  await page.getByTestId('category-list').waitFor();
}

/** Sets up TOTP in the shown setup steps (account section or full-page prompt) and returns the secret. */
async function enrol(page: Page, screenshot: string): Promise<string> {
  const shown = page.getByTestId('mfa-secret');
  await shown.waitFor();
  const grouped = (await shown.textContent()) ?? '';
  // Grouped in blocks of four for typing.
  expect(grouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  const secret = grouped.replace(/\s+/g, '');
  await page.screenshot({ path: `${artefactDir}/${screenshot}.png`, fullPage: true });
  const link = await page.getByTestId('mfa-otpauth-link').getAttribute('href');
  expect(link).toMatch(/^otpauth:\/\/totp\//);
  expect(new URL(link!).searchParams.get('secret')).toBe(secret);
  // A wrong code is refused with a readable message; the right one turns MFA on.
  await page.getByTestId('mfa-setup-code').fill(wrongTotp(secret));
  await page.getByTestId('mfa-setup-verify').click();
  await page.getByTestId('mfa-setup-error').waitFor();
  expect(await page.getByTestId('mfa-setup-error').textContent()).toMatch(/not correct/i);
  await page.getByTestId('mfa-setup-code').fill(await freshTotp(secret));
  await page.getByTestId('mfa-setup-verify').click();
  return secret;
}

describe('two-factor authentication and password reset in the SPA', () => {
  it('enrols TOTP on the account page, signs in with a code, resets the password via the e-mailed code', async () => {
    const { companyId, adminEmail, temporaryPassword } = await newCompany();
    const password = 'Mfa-Journey-Passw0rd-1';
    const page = await browser().newPage();

    // 1. First sign-in: the temporary password must be replaced.
    await logIn(page, `${stack().webUrl}/login`, adminEmail, temporaryPassword);
    await page.getByTestId('new-password').waitFor();
    await page.getByTestId('new-password').fill(password);
    await page.getByTestId('new-password-confirm').fill(password);
    await page.getByTestId('new-password-submit').click();
    await page.getByTestId('current-user').waitFor();

    // 2. Set up the authenticator on "My account".
    await page.getByTestId('account-link').click();
    await page.getByTestId('account-nav-security').click();
    const section = page.getByTestId('mfa-section');
    await section.waitFor();
    expect(await section.getByTestId('mfa-status').textContent()).toBe('Off');
    await section.getByTestId('mfa-setup').click();
    const secret = await enrol(page, 'mfa-setup-account');
    await expect.poll(() => section.getByTestId('mfa-status').textContent(), { timeout: 15_000 }).toBe('On');
    // The server agrees: a password sign-in now asks for the code.
    const challenged = await api('/auth/sign-in', { method: 'POST', body: { email: adminEmail, password, client: 'shop' } });
    expect(challenged.status).toBe(200);
    expect(challenged.body).toMatchObject({ kind: 'challenge', challenge: 'SOFTWARE_TOKEN_MFA' });

    // 3. The admin requires two-factor authentication for all employees.
    await page.getByTestId('mfa-required-toggle').check();
    await page.getByTestId('save-security').click();
    await page.getByTestId('security-status').waitFor();
    await page.getByTestId('mfa-required-note').waitFor();
    expect(await page.getByTestId('mfa-disable').count()).toBe(0);

    // 4. Log out; signing in again asks for the code. A wrong code is refused, the right one signs in.
    await page.getByTestId('logout').click();
    await logIn(page, `${stack().webUrl}/login`, adminEmail, password);
    await page.getByTestId('mfa-code').waitFor();
    expect(await page.getByTestId('mfa-code').getAttribute('autocomplete')).toBe('one-time-code');
    expect(await page.getByTestId('mfa-code').getAttribute('inputmode')).toBe('numeric');
    await page.getByTestId('mfa-code').fill(wrongTotp(secret));
    await page.getByTestId('mfa-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toMatch(/not correct/i);
    expect(await page.getByTestId('mfa-code').inputValue()).toBe('');
    await page.screenshot({ path: `${artefactDir}/mfa-sign-in-code.png` });
    await enterTotp(page, secret);
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain(adminEmail);
    await page.getByTestId('category-list').waitFor();
    await page.locator('[data-testid^="product-"]').first().getByTestId('price').waitFor();

    // 5. Forgot password: request a code, read it from the outbox, set a new password.
    await page.getByTestId('logout').click();
    await page.goto(`${stack().webUrl}/login`);
    await page.getByTestId('forgot-password').click();
    await page.getByTestId('forgot-email').fill(adminEmail);
    const resetMailsBefore = await mailsTo(adminEmail, resetSubjectPattern);
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('forgot-sent').waitFor();
    expect(await page.getByTestId('forgot-sent').textContent()).toContain('If the address');
    const code = await fromMail(adminEmail, resetSubjectPattern, resetCodePattern, resetMailsBefore);
    const newPassword = 'Mfa-Journey-Reset-Passw0rd-2';
    // A wrong code first: refused, the form stays.
    await page.getByTestId('reset-code').fill(code === '000000' ? '111111' : '000000');
    await page.getByTestId('reset-password').fill(newPassword);
    await page.getByTestId('reset-password-confirm').fill(newPassword);
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-error').waitFor();
    await page.getByTestId('reset-code').fill(code);
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('login-notice').waitFor();
    expect(await page.getByTestId('login-notice').textContent()).toContain('password has been changed');

    // The old password no longer works; the new one does (still with the code).
    const old = await api('/auth/sign-in', { method: 'POST', body: { email: adminEmail, password, client: 'shop' } });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('SIGN_IN_FAILED');
    await page.getByTestId('login-password').fill(newPassword);
    await page.getByTestId('login-submit').click();
    await enterTotp(page, secret);
    await page.getByTestId('current-user').waitFor();
    await page.getByTestId('category-list').waitFor();
    expect((await api(`/companies/${companyId}`, { token: await idTokenOf(page) })).body.mfaRequired).toBe(true);
    await page.close();
  }, 180_000);

  it('asks an employee of a company that requires MFA to set it up before anything else', async () => {
    const { companyId, adminEmail, temporaryPassword } = await newCompany();
    const password = 'Mfa-Prompt-Passw0rd-1';
    // The admin activates the account and requires MFA through the API (the requirement applies to the admin too).
    const adminToken = await activateThroughApi(adminEmail, temporaryPassword, password);
    const security = await api(`/companies/${companyId}/security`, { token: adminToken, method: 'PUT', body: { mfaRequired: true } });
    expect(security.status, JSON.stringify(security.body)).toBe(200);

    // Signing in works with the password alone, but every page shows the setup prompt until MFA is on.
    const page = await browser().newPage();
    await logIn(page, `${stack().webUrl}/login`, adminEmail, password);
    await page.getByTestId('mfa-setup-prompt').waitFor();
    expect(await page.getByTestId('category-list').count()).toBe(0);
    await page.getByTestId('account-link').click();
    await page.getByTestId('mfa-setup-prompt').waitFor();
    const secret = await enrol(page, 'mfa-setup-prompt');

    // After the setup the page loads its data again.
    await page.getByTestId('account-page').waitFor();
    expect(await page.getByTestId('mfa-setup-prompt').count()).toBe(0);
    await page.getByTestId('account-nav-security').click();
    await page.getByTestId('mfa-section').waitFor();
    expect(await page.getByTestId('mfa-status').textContent()).toBe('On');
    await page.getByTestId('mfa-required-note').waitFor();

    // And the next sign-in asks for the code.
    await page.getByTestId('logout').click();
    await signInWithTotp(page, adminEmail, password, secret);
    await page.close();
  }, 180_000);

  it('refreshes the session through the API and, once the account is disabled, signs out with the reason', async () => {
    const { companyId, adminEmail, temporaryPassword } = await newCompany();
    const admin = await activateThroughApi(adminEmail, temporaryPassword, 'Refresh-Admin-Passw0rd-1');
    const buyerEmail = uniqueEmail('mfa-buyer');
    const invited = await api(`/companies/${companyId}/users`, {
      token: admin,
      method: 'POST',
      body: { email: buyerEmail, name: 'Ben Refresh', role: 'buyer' },
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const buyerPassword = 'Refresh-Buyer-Passw0rd-1';
    await activateThroughApi(buyerEmail, await fromMail(buyerEmail, invitationSubjectPattern, temporaryPasswordPattern), buyerPassword);

    const page = await browser().newPage();
    await logIn(page, `${stack().webUrl}/login`, buyerEmail, buyerPassword);
    await page.getByTestId('category-list').waitFor();
    const stored = await storedSession(page);

    // The ID token is about to expire: the SPA refreshes it through POST /auth/refresh, keeping signedInAt.
    await page.evaluate((session) => sessionStorage.setItem('b2b-portal.session.shop', JSON.stringify({ ...session, expiresAt: Date.now() })), stored);
    await page.reload();
    await page.getByTestId('category-list').waitFor();
    await expect.poll(async () => (await storedSession(page)).expiresAt, { timeout: 10_000 }).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect((await storedSession(page)).signedInAt).toBe(stored.signedInAt);

    // The admin disables the buyer: the next refresh answers 401 ACCOUNT_DISABLED and the SPA says so.
    const buyerSub = (invited.body as { sub: string }).sub;
    const disabled = await api(`/companies/${companyId}/users/${buyerSub}`, { token: admin, method: 'PATCH', body: { enabled: false } });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    const current = await storedSession(page);
    await page.evaluate((session) => sessionStorage.setItem('b2b-portal.session.shop', JSON.stringify({ ...session, expiresAt: Date.now() })), current);
    await page.goto(`${stack().webUrl}/orders`);
    await page.getByTestId('session-ended').waitFor();
    expect(await page.getByTestId('session-ended').textContent()).toContain('Your account has been disabled');
    await page.getByTestId('login-email').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('b2b-portal.session.shop'))).toBeNull();
    await page.close();
  }, 180_000);
});

/** The shop session's ID token, from the SPA's sessionStorage. */
async function idTokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => sessionStorage.getItem('b2b-portal.session.shop'));
  return (JSON.parse(raw ?? '{}') as { idToken: string }).idToken;
}

async function storedSession(page: Page): Promise<{ idToken: string; expiresAt: number; signedInAt: number }> {
  return JSON.parse((await page.evaluate(() => sessionStorage.getItem('b2b-portal.session.shop'))) ?? '{}');
}

/** First sign-in through the API: answers NEW_PASSWORD_REQUIRED, returns the ID token. */
async function activateThroughApi(email: string, temporaryPassword: string, password: string): Promise<string> {
  const first = await api('/auth/sign-in', { method: 'POST', body: { email, password: temporaryPassword, client: 'shop' } });
  expect(first.body).toMatchObject({ kind: 'challenge', challenge: 'NEW_PASSWORD_REQUIRED' });
  const activated = await api('/auth/challenge', {
    method: 'POST',
    body: { email, client: 'shop', session: first.body.session, challenge: 'NEW_PASSWORD_REQUIRED', newPassword: password },
  });
  expect(activated.body.kind, JSON.stringify(activated.body)).toBe('signed-in');
  return activated.body.tokens.idToken as string;
}

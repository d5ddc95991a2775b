import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { demoPassword } from '../../local/seed-data.js';
import { msUntilNextStep, totp } from './totp.js';

export const artefactDir = 'test-results';

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launchBrowser(): Promise<Browser> {
  mkdirSync(artefactDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export async function logIn(page: Page, url: string, email: string, password = demoPassword): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** One Chromium per test file, launched before its tests and closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('The browser is not running yet');
    return browser;
  };
}

/** "€1,234.56" shows the API's 123456 minor units: compare the digits. */
export const digits = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').replace(/\D/g, '');

/** Adds `quantity` (as typed, e.g. "0,75") of a product through its add-to-cart box and waits for the confirmation. */
export async function addToCartFrom(product: Locator, quantity: string): Promise<void> {
  await product.getByTestId('add-to-cart').waitFor();
  await product.getByTestId('add-qty').fill(quantity);
  await product.getByTestId('add-to-cart').click();
  await product.getByTestId('add-status').waitFor();
}

/**
 * The current TOTP code for `secret`, waiting for the next 30-s step when this one is about to end
 * (a code typed in the last second may expire on the way to the server).
 */
export async function freshTotp(secret: string): Promise<string> {
  const left = msUntilNextStep();
  if (left < 3_000) await new Promise((resolve) => setTimeout(resolve, left + 250));
  return totp(secret);
}

/** Answers the sign-in form's two-factor step with the current code of `secret`. */
export async function enterTotp(page: Page, secret: string): Promise<void> {
  await page.getByTestId('mfa-code').waitFor();
  await page.getByTestId('mfa-code').fill(await freshTotp(secret));
  await page.getByTestId('mfa-submit').click();
}

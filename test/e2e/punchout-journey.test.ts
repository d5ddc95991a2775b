import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import { addToCartFrom, artefactDir, logIn, useBrowser } from '../support/browser.js';

const browser = useBrowser();

/** Plays SAP SRM's catalog return page (HOOK_URL): records the form the shop posts. */
let hook: Server;
let hookUrl = '';
const received: URLSearchParams[] = [];

beforeAll(async () => {
  hook = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      // The browser also asks for /favicon.ico: only the form post counts.
      if (request.method === 'POST') received.push(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>SRM</title><h1 id="srm">Shopping cart received</h1>');
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/sap/bc/bsp/sapsrm/bbp_oci_catalog/catalog_return.htm?sap-client=100`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => hook.close(() => resolve()));
});

describe('punchout in the browser', () => {
  it('the company admin sets up OCI, SAP opens the shop, the buyer transfers the cart with the company prices', async () => {
    // The company admin switches OCI on in the account page; the portal creates the technical account sessions act as.
    const admin = await signIn(users.muellerAdmin);
    // Start from a company without punchout (the API tests may have set it up): a first setup shows the new password.
    expect([200, 204, 404]).toContain((await api('/companies/mueller-bau/punchout', { token: admin, method: 'DELETE' })).status);

    const adminPage = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    await logIn(adminPage, `${stack().webUrl}/account/punchout`, users.muellerAdmin);
    const section = adminPage.getByTestId('punchout-section');
    await section.getByTestId('punchout-vendor').waitFor();
    expect(await section.getByTestId('punchout-user').count()).toBe(0);
    await section.getByTestId('punchout-vendor').fill('100234');
    await section.getByTestId('punchout-save').click();
    const password = (await section.getByTestId('punchout-oci-password').textContent({ timeout: 15_000 }))!.trim();
    const username = (await section.getByTestId('punchout-oci-username').textContent())!.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const technical = (await section.getByTestId('punchout-technical-account').locator('code').textContent())!.trim();
    expect(technical).toMatch(/^punchout-mueller-bau-[0-9a-f]{10}@punchout\.invalid$/);
    await adminPage.screenshot({ path: `${artefactDir}/punchout-setup.png`, fullPage: true });
    await adminPage.close();

    // SAP SRM opens the catalog in a new window with the OCI parameters.
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    const entry = new URLSearchParams({
      USERNAME: username,
      PASSWORD: password,
      HOOK_URL: hookUrl,
      '~OkCode': 'ADDI',
      '~TARGET': '_top',
      '~CALLER': 'CTLG',
      'sap-client': '100',
    });
    await page.goto(`${stack().apiUrl}/punchout/oci?${entry}`);
    await page.getByTestId('punchout-banner').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('current-user').textContent()).toBe(technical);

    await page.getByTestId('category-power-tools').click();
    const drill = page.getByTestId('product-POW-0311');
    await addToCartFrom(drill, '2');
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('1');

    // The API's price for this company, to compare with what SAP receives.
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('b2b-portal.session.shop') ?? '{}').idToken as string);
    const sessionId = await page.evaluate(() => JSON.parse(sessionStorage.getItem('b2b-portal.punchout') ?? '{}').sessionId as string);
    // The SPA worked on the session's own cart: the account's ordinary cart stays empty.
    expect((await api('/cart', { token })).body.lines).toEqual([]);
    const cart = await api('/cart', { token, headers: { 'x-punchout-session': sessionId } });
    expect(cart.body.lines).toHaveLength(1);
    const unitNet = cart.body.quote.lines[0].unitNet as { amount: number; currency: string };

    await page.getByTestId('punchout-banner-transfer').click();
    await page.getByTestId('punchout-transfer').waitFor();
    await page.screenshot({ path: `${artefactDir}/punchout-transfer.png`, fullPage: true });
    await page.getByTestId('punchout-transfer-submit').click();
    await page.locator('#srm').waitFor({ timeout: 15_000 });

    const form = received.at(-1)!;
    expect(form.get('~OkCode')).toBe('ADDI');
    expect(form.get('NEW_ITEM-VENDORMAT[1]')).toBe('POW-0311');
    expect(form.get('NEW_ITEM-QUANTITY[1]')).toBe('2');
    expect(form.get('NEW_ITEM-UNIT[1]')).toBe('PCE');
    expect(form.get('NEW_ITEM-PRICE[1]')).toBe((unitNet.amount / 100).toFixed(2));
    expect(form.get('NEW_ITEM-CURRENCY[1]')).toBe(unitNet.currency);
    expect(form.get('NEW_ITEM-VENDOR[1]')).toBe('100234');
    expect(form.get('NEW_ITEM-MATGROUP[1]')).toBe('27112700');
    expect(form.get('NEW_ITEM-DESCRIPTION[1]')!.length).toBeGreaterThan(0);
    await page.close();
  });

  it('a used or forged start link shows an error instead of a session', async () => {
    const page = await browser().newPage();
    await page.goto(`${stack().webUrl}/punchout/start?code=${'x'.repeat(43)}`);
    await page.getByTestId('punchout-start-error').waitFor();
    expect(await page.getByTestId('punchout-banner').count()).toBe(0);
    await page.close();
  });
});

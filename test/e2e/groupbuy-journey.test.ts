import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, signIn, stack, users } from '../support/api.js';
import { artefactDir, digits, logIn, useBrowser } from '../support/browser.js';
import { stockedSku } from '../support/orders.js';

/** BestPrice group buying (seed 000 point 14, docs/group-buying.md) in the shop and the console. */
const browser = useBrowser();

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const amountOf = async (page: Page, testId: string, scope = page.locator('body')) => Number(await digits(scope.getByTestId(testId)));

/** A pool for an electrical product: from 0 units the list price, from 20 −10 %, from 50 −20 %. */
async function poolTiers(token: string) {
  const sku = await stockedSku(token, 'electrical', 1);
  const { body } = await api(`/catalog/products/${sku}`, { token });
  const base = Math.max(1_000, body.price.amount as number);
  return {
    sku,
    tiers: [
      { minQuantity: 0, unitPrice: base },
      { minQuantity: 20, unitPrice: Math.round(base * 0.9) },
      { minQuantity: 50, unitPrice: Math.round(base * 0.8) },
    ],
  };
}

describe('group buying in the shop', () => {
  it('a buyer commits in the browser and sees the tier move when another company commits, without reloading', async () => {
    const [backOffice, muellerBuyer, nowakBuyer] = await Promise.all([
      signIn(users.backOffice, 'console'),
      signIn(users.muellerBuyer),
      signIn(users.nowakBuyer),
    ]);
    const { sku, tiers } = await poolTiers(muellerBuyer);
    const created = await api('/console/pools', {
      token: backOffice,
      method: 'POST',
      body: { sku, name: 'Browser journey pool', currency: 'EUR', tiers, closesAt: inMinutes(10) },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const poolId = created.body.poolId as string;

    const page = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await logIn(page, `${stack().webUrl}/login`, users.muellerBuyer);
      await page.getByTestId('current-user').waitFor();
      await page.getByTestId('pools-link').click();
      const card = page.getByTestId(`pool-${poolId}`);
      await card.waitFor();
      expect(await card.getByTestId('pool-status').getAttribute('data-status')).toBe('open');
      expect(await card.getByTestId('pool-total').textContent()).toBe('0');
      expect(await card.getByTestId('pool-tier-reached').getAttribute('data-tier')).toBe('0');
      expect(await card.getByTestId('pool-status').textContent()).toMatch(/closes in \d{2}:\d{2}/);

      // Müller commits 15 units in the browser: still the first tier, 5 more to the second.
      await card.getByTestId('pool-commitment-input').fill('15');
      await card.getByTestId('pool-commit').click();
      await expect.poll(() => card.getByTestId('pool-my-commitment').getAttribute('data-quantity')).toBe('15');
      expect(await card.getByTestId('pool-total').textContent()).toBe('15');
      expect(await card.getByTestId('pool-tier-reached').getAttribute('data-tier')).toBe('0');
      expect(await amountOf(page, 'pool-price', card)).toBe(tiers[0]!.unitPrice);
      expect(await card.getByTestId('pool-next-tier').getAttribute('data-missing')).toBe('5');
      expect(await card.getByTestId('pool-next-tier').textContent()).toMatch(/5 .*more to reach/);
      expect((await api(`/pools/${poolId}`, { token: muellerBuyer })).body).toMatchObject({ total: 15, myCommitment: { quantity: 15 } });
      await page.screenshot({ path: `${artefactDir}/groupbuy-first-tier.png` });

      // Nowak commits 10 through the API; the open page picks it up by its periodic refresh.
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      const nowak = await api(`/pools/${poolId}/commitment`, { token: nowakBuyer, method: 'PUT', body: { quantity: 10 } });
      expect(nowak.status, JSON.stringify(nowak.body)).toBe(200);
      await expect.poll(() => card.getByTestId('pool-total').textContent(), { timeout: 15_000 }).toBe('25');
      expect(await card.getByTestId('pool-tier-reached').getAttribute('data-tier')).toBe('1');
      expect(await card.getByTestId('pool-tier-1').getAttribute('data-reached')).toBe('true');
      const price = await amountOf(page, 'pool-price', card);
      expect(price).toBe(tiers[1]!.unitPrice);
      expect(price).toBeLessThan(tiers[0]!.unitPrice);
      expect(await card.getByTestId('pool-next-tier').getAttribute('data-missing')).toBe('25');
      expect(await card.getByTestId('pool-my-commitment').getAttribute('data-quantity')).toBe('15');
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      await page.screenshot({ path: `${artefactDir}/groupbuy-second-tier.png`, fullPage: true });

      // Withdrawing (0) in the browser takes the company out again.
      await card.getByTestId('pool-commitment-input').fill('0');
      await card.getByTestId('pool-commit').click();
      await expect.poll(() => card.getByTestId('pool-total').textContent()).toBe('10');
      expect(await card.getByTestId('pool-my-commitment').getAttribute('data-quantity')).toBe('0');
      expect(await card.getByTestId('pool-tier-reached').getAttribute('data-tier')).toBe('0');
    } finally {
      await page.close();
      // Leave no commitments behind: the pool then closes without orders.
      await api(`/pools/${poolId}/commitment`, { token: muellerBuyer, method: 'PUT', body: { quantity: 0 } });
      await api(`/pools/${poolId}/commitment`, { token: nowakBuyer, method: 'PUT', body: { quantity: 0 } });
    }
  });
});

describe('group buying in the console', () => {
  it('back office opens a pool with the form, finds it in the list and sees its participants', async () => {
    const [backOffice, muellerBuyer] = await Promise.all([signIn(users.backOffice, 'console'), signIn(users.muellerBuyer)]);
    const sku = await stockedSku(muellerBuyer, 'electrical', 1);
    const name = `Console pool ${Date.now().toString(36)}`;
    const page = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    let poolId: string | undefined;
    try {
      await logIn(page, `${stack().webUrl}/console/login`, users.backOffice);
      await page.getByTestId('tab-pools').click();
      await page.getByTestId('pool-open-form').click();
      const form = page.getByTestId('pool-form');
      await form.waitFor();
      await page.getByTestId('pool-sku').fill(sku.toLowerCase());
      await page.getByTestId('pool-name').fill(name);
      const closes = new Date(Date.now() + 15 * 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      await page
        .getByTestId('pool-closes-at')
        .fill(`${closes.getFullYear()}-${pad(closes.getMonth() + 1)}-${pad(closes.getDate())}T${pad(closes.getHours())}:${pad(closes.getMinutes())}`);
      expect(await page.getByTestId('pool-tier-min-0').inputValue()).toBe('0');
      await page.getByTestId('pool-tier-price-0').fill('19,99');
      await page.getByTestId('pool-tier-min-1').fill('20');
      await page.getByTestId('pool-tier-price-1').fill('18.5');
      await page.getByTestId('pool-add-tier').click();
      await page.getByTestId('pool-tier-min-2').fill('50');
      // A price that does not drop is caught before sending.
      await page.getByTestId('pool-tier-price-2').fill('18.50');
      await page.getByTestId('pool-save').click();
      await expect.poll(() => page.getByTestId('pool-form-problems').textContent()).toMatch(/Tier 3: the unit price must be lower/);
      await page.getByTestId('pool-tier-price-2').fill('17.10');
      await page.getByTestId('pool-save').click();
      await page.getByTestId('pool-created').waitFor();

      const listed = (await api('/console/pools', { token: backOffice })).body.pools.find((pool: { name: string }) => pool.name === name);
      expect(listed).toMatchObject({
        sku,
        status: 'open',
        currency: 'EUR',
        tiers: [
          { minQuantity: 0, unitPrice: { amount: 1999 } },
          { minQuantity: 20, unitPrice: { amount: 1850 } },
          { minQuantity: 50, unitPrice: { amount: 1710 } },
        ],
      });
      poolId = listed.poolId as string;
      const row = page.getByTestId(`pool-row-${poolId}`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('open');

      await api(`/pools/${poolId}/commitment`, { token: muellerBuyer, method: 'PUT', body: { quantity: 7 } });
      await page.getByTestId(`open-pool-${poolId}`).click();
      const participants = page.getByTestId('pool-participants');
      await participants.waitFor();
      await participants.getByTestId('pool-participant-mueller-bau').waitFor();
      expect(await participants.getByTestId('pool-participant-mueller-bau').textContent()).toContain('7');
      await page.screenshot({ path: `${artefactDir}/groupbuy-console.png`, fullPage: true });
    } finally {
      await page.close();
      if (poolId) await api(`/pools/${poolId}/commitment`, { token: muellerBuyer, method: 'PUT', body: { quantity: 0 } });
    }
  });
});

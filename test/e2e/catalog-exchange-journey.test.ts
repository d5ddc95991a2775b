import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { stack, users } from '../support/api.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';
import { ensureImportTestCategory, importTestCategory, tableClient } from '../support/catalog-exchange.js';

/** Catalog exchange in the browser: a company admin downloads BMEcat, back office imports a CSV and reads the error report. */
const browser = useBrowser();
let documents: DynamoDBDocumentClient;
beforeAll(async () => {
  documents = tableClient();
  await ensureImportTestCategory(documents);
});
afterAll(() => documents?.destroy());

describe('catalog exchange screens', () => {
  it('a company admin prepares the BMEcat file of the own catalog', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await logIn(page, `${stack().webUrl}/account`, users.muellerAdmin);
      await page.getByTestId('bmecat-download').click();
      const ready = page.getByTestId('bmecat-ready');
      await ready.waitFor();
      expect(Number(await ready.getAttribute('data-products'))).toBeGreaterThan(100);
      const href = (await page.getByTestId('bmecat-link').getAttribute('href'))!;
      const xml = await (await fetch(href)).text();
      expect(xml).toContain('<BUYER_NAME>Müller Bau GmbH</BUYER_NAME>');
      await page.screenshot({ path: `${artefactDir}/catalog-exchange-bmecat.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('back office uploads a CSV, follows the job and sees the bad row', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await logIn(page, `${stack().webUrl}/console/login`, users.backOffice);
      await page.getByTestId('tab-catalog-import').click();
      const sku = `UI-${Date.now().toString(36).toUpperCase()}`;
      const csv = [
        'sku;name;categoryId;unit;listPrice;currency;vatRate',
        `${sku};Browser import part;${importTestCategory};pc;12,50;EUR;19`,
        `${sku}-2;Broken part;${importTestCategory};pc;12,505;EUR;19`,
      ].join('\n');
      await page.getByTestId('catalog-import-decimal').selectOption(',');
      await page.getByTestId('catalog-import-file').setInputFiles({ name: 'browser-import.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByTestId('catalog-import-submit').click();
      const result = page.locator('[data-testid="catalog-import-result"][data-status="completed"]');
      await result.waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('catalog-import-rows').textContent()).toBe('2');
      expect(await page.getByTestId('catalog-import-imported').textContent()).toBe('1');
      expect(await page.getByTestId('catalog-import-failed').textContent()).toBe('1');
      expect(await page.getByTestId('catalog-import-errors').textContent()).toContain('INVALID_PRICE');
      expect(await page.getByTestId('catalog-import-report').getAttribute('href')).toMatch(/^http/);
      await page.getByTestId('catalog-import-history').waitFor();
      await page.screenshot({ path: `${artefactDir}/catalog-exchange-import.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });
});

import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signIn, stack, users } from '../support/api.js';
import {
  bmecatExportsPath,
  ensureImportTestCategory,
  importTestCategory as importCategory,
  runBmecatExport,
  runImport,
  tableClient,
  upload,
} from '../support/catalog-exchange.js';
import { validateAgainstXsd } from '../support/xsd.js';

/** Catalog exchange (issue 8 item 6): BMEcat export per company and CSV import through the HTTP API of the local stack. */
const xsd = 'test/fixtures/xsd/bmecat-2005/bmecat_2005.xsd';

let documents: DynamoDBDocumentClient;
const table = () => stack().env.TABLE_NAME!;

beforeAll(async () => {
  documents = tableClient();
  await ensureImportTestCategory(documents);
});

afterAll(() => documents?.destroy());

const productsOf = (xml: string) =>
  new Map([...xml.matchAll(/<PRODUCT mode="new"><SUPPLIER_PID>([^<]+)<\/SUPPLIER_PID>(.*?)<\/PRODUCT>/gs)].map((match) => [match[1]!, match[2]!]));
const pricesOf = (productXml: string) =>
  [
    ...productXml.matchAll(
      /<PRICE_AMOUNT>([^<]+)<\/PRICE_AMOUNT><PRICE_CURRENCY>([A-Z]{3})<\/PRICE_CURRENCY><TAX>([^<]+)<\/TAX><LOWER_BOUND>([^<]+)<\/LOWER_BOUND>/g,
    ),
  ].map((match) => ({ amount: match[1], currency: match[2], tax: match[3], from: match[4] }));

async function downloadBmecat(token: string, companyId: string): Promise<string> {
  const response = await runBmecatExport(token, companyId);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.status).toBe('completed');
  expect(response.body.fileName).toMatch(new RegExp(`^bmecat-${companyId}-\\d{4}-\\d{2}-\\d{2}\\.xml$`));
  const file = await fetch(response.body.url);
  expect(file.status).toBe(200);
  const xml = await file.text();
  expect(productsOf(xml).size).toBe(response.body.products);
  return xml;
}

describe('BMEcat 2005 export', () => {
  it('gives each company its own visible products and net prices, valid against the official schema', async () => {
    const [mueller, nowak] = await Promise.all([signIn(users.muellerAdmin), signIn(users.nowakAdmin)]);
    const muellerXml = await downloadBmecat(mueller, 'mueller-bau');
    // Nowak buys in PLN, which BMEcat 2005's currency list lacks (only the old PLZ): refused, never exported in another currency.
    const nowakExport = await api(bmecatExportsPath('nowak-instalacje'), { token: nowak, method: 'POST' });
    expect(nowakExport.status).toBe(409);
    expect(nowakExport.body.error).toMatchObject({ code: 'CURRENCY_NOT_IN_BMECAT', details: { currency: 'PLN' } });
    expect(JSON.stringify(nowakExport.body)).not.toContain('url');

    for (const xml of [muellerXml]) {
      const result = validateAgainstXsd(xml, xsd);
      expect(result.errors.slice(0, 5)).toEqual([]);
      expect(result.valid).toBe(true);
      expect(xml).toContain('<BMECAT version="2005" xmlns="http://www.bmecat.org/bmecat/2005fd">');
      expect(xml).toContain('<SUPPLIER_NAME>');
      expect(xml).not.toContain(importCategory);
    }
    expect(muellerXml).toContain('<BUYER_NAME>Müller Bau GmbH</BUYER_NAME>');

    const muellerProducts = productsOf(muellerXml);
    // Closed catalogs: workshop equipment only for wholesale/key accounts (Müller), plumbing only for installers.
    expect([...muellerProducts.keys()].some((sku) => sku.startsWith('WOR-'))).toBe(true);
    expect([...muellerProducts.keys()].some((sku) => sku.startsWith('PLU-'))).toBe(false);
    expect(muellerXml).toMatch(/<PRODUCT_TO_CATALOGGROUP_MAP mode="new"><PROD_ID>WOR-[^<]+<\/PROD_ID><CATALOG_GROUP_ID>workshop<\/CATALOG_GROUP_ID>/);

    // The same prices the shop shows the company: Müller's contract price.
    const sku = 'FAS-0111';
    const muellerShop = await api(`/catalog/products/${sku}`, { token: mueller });
    const muellerPrices = pricesOf(muellerProducts.get(sku)!);
    expect(muellerShop.body.priceDisplay).toBe('net');
    expect(muellerPrices[0]).toEqual({ amount: (muellerShop.body.price.amount / 100).toFixed(2), currency: 'EUR', tax: '0.19', from: '1' });
    // Tier prices as scales (LOWER_BOUND), the same the shop shows.
    expect(muellerPrices.length).toBeGreaterThan(1);
    expect(muellerPrices.map((price) => Number(price.from))).toEqual([
      1,
      ...muellerShop.body.tiers.map((tier: { minQuantity: string }) => Number(tier.minQuantity)),
    ]);
    expect(muellerPrices.slice(1).map((price) => Math.round(Number(price.amount) * 100))).toEqual(
      muellerShop.body.tiers.map((tier: { unitPrice: { amount: number } }) => tier.unitPrice.amount),
    );
    expect(muellerProducts.get(sku)).toMatch(/<ORDER_UNIT>BX<\/ORDER_UNIT><CONTENT_UNIT>BX<\/CONTENT_UNIT>/);
    expect(muellerProducts.get(sku)).toMatch(/<INTERNATIONAL_PID type="gtin">\d{13}<\/INTERNATIONAL_PID>/);
  });

  it('runs as a job (202, status, link), with the XML in the documents bucket under the company', async () => {
    const mueller = await signIn(users.muellerAdmin);
    const started = await api(bmecatExportsPath('mueller-bau'), { token: mueller, method: 'POST' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', exportId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const stored = await documents.send(new GetCommand({ TableName: table(), Key: { PK: `CATALOG_EXPORT#mueller-bau#${started.body.exportId}`, SK: 'JOB' } }));
    expect(stored.Item).toMatchObject({ companyId: 'mueller-bau', type: 'catalog-export' });
    expect(typeof stored.Item!.expiresAt).toBe('number');
    const unknown = await api(`${bmecatExportsPath('mueller-bau')}/00000000-0000-4000-8000-000000000000`, { token: mueller });
    expect(unknown.status).toBe(404);
  });

  it('is for the own company only, and for admins', async () => {
    const [mueller, nowak, buyer, backOffice] = await Promise.all([
      signIn(users.muellerAdmin),
      signIn(users.nowakAdmin),
      signIn(users.muellerBuyer),
      signIn(users.backOffice, 'console'),
    ]);
    const foreign = await api(bmecatExportsPath('mueller-bau'), { token: nowak, method: 'POST' });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain('url');
    // Company B cannot read company A's job, neither under A's path nor under its own.
    const done = await runBmecatExport(mueller, 'mueller-bau');
    expect(done.body.status).toBe('completed');
    const jobPath = `${bmecatExportsPath('mueller-bau')}/${done.body.exportId}`;
    for (const path of [jobPath, `${bmecatExportsPath('nowak-instalacje')}/${done.body.exportId}`]) {
      const peek = await api(path, { token: nowak });
      expect(peek.status).toBe(404);
      expect(JSON.stringify(peek.body)).not.toContain('url');
    }
    expect((await api(jobPath, { token: buyer })).status).toBe(403);
    expect((await api(bmecatExportsPath('mueller-bau'), { token: buyer, method: 'POST' })).status).toBe(403);
    expect((await api(bmecatExportsPath('mueller-bau'), { token: backOffice, method: 'POST' })).status).toBe(403);
    expect((await api(bmecatExportsPath('mueller-bau'), { method: 'POST' })).status).toBe(401);
  });
});

// ---- CSV import -------------------------------------------------------------------------------

const header = 'sku,name,description,categoryId,unit,listPrice,currency,vatRate,vatRatesByCountry,tiers,ean,active';
const runId = Date.now().toString(36).toUpperCase();
const skuOf = (index: number) => `IMP-${runId}-${index}`;
const priceOf = (index: number, bump = 0) => `${(index % 400) + 1 + bump}.${String(index % 100).padStart(2, '0')}`;

interface Generated {
  readonly csv: string;
  readonly bad: Map<number, string>;
}

/** 10 000 product rows; every 400th row is broken in a different way (row numbers count the header as row 1). */
function generateProducts(count: number, bump = 0): Generated {
  const lines = [header];
  const bad = new Map<number, string>();
  const breakers: [string, (cells: string[], index: number) => void][] = [
    ['INVALID_SKU', (cells) => (cells[0] = 'not a sku!')],
    ['UNKNOWN_CATEGORY', (cells) => (cells[3] = 'no-such-category')],
    ['INVALID_PRICE', (cells) => (cells[5] = '12.345')],
    ['UNKNOWN_UNIT', (cells) => (cells[4] = 'barrel')],
    ['INVALID_VAT_RATE', (cells) => (cells[7] = '119')],
    ['INVALID_CURRENCY', (cells) => (cells[6] = 'EURO')],
    ['INVALID_EAN', (cells) => (cells[10] = '4006381333932')],
    ['DUPLICATE_SKU', (cells, index) => (cells[0] = skuOf(index - 1))],
    ['INVALID_TIERS', (cells) => (cells[9] = '50:1.00|10:2.00')],
    ['REQUIRED', (cells) => (cells[1] = '')],
  ];
  for (let index = 0; index < count; index++) {
    const cells = [
      skuOf(index),
      `Imported part ${index}`,
      `Part ${index}, "quoted", with comma`,
      importCategory,
      index % 3 === 0 ? 'box' : 'pc',
      priceOf(index, bump),
      'EUR',
      index % 5 === 0 ? '7' : '19',
      index % 7 === 0 ? 'PL:23|AT:20' : '',
      index % 11 === 0 ? '10:1.00|100:0.50' : '',
      index % 13 === 0 ? '4006381333931' : '',
      'true',
    ];
    if (index % 400 === 399) {
      const [code, breakRow] = breakers[Math.floor(index / 400) % breakers.length]!;
      breakRow(cells, index);
      bad.set(index + 2, code);
    }
    lines.push(cells.map((cell) => (/[",]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(','));
  }
  return { csv: `${lines.join('\r\n')}\r\n`, bad };
}

const parseReport = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [row, column, code] = line.split(',');
      return { row: Number(row), column, code };
    });

describe('CSV catalog import', () => {
  it('imports 10k rows in atomic batches, reports the bad ones by row, and is idempotent on re-import', { timeout: 420_000 }, async () => {
    const token = await signIn(users.backOffice, 'console');
    const generated = generateProducts(10_000);
    const uploadKey = await upload(token, generated.csv);
    // Products other test files imported into the hidden category (the recount after each import keeps this exact).
    const countBefore = Number(
      (await documents.send(new GetCommand({ TableName: table(), Key: { PK: 'CATALOG', SK: `CATEGORY#${importCategory}` } }))).Item?.productCount ?? 0,
    );

    const startedAt = Date.now();
    const job = await runImport(token, { uploadKey, kind: 'products' });
    const seconds = (Date.now() - startedAt) / 1000;
    console.info(`catalog import: 10 000 rows in ${seconds.toFixed(1)} s (worker ${job.durationMs} ms)`);
    expect(seconds).toBeLessThan(120);

    expect(job.status).toBe('completed');
    expect(job.counts).toEqual({ rows: 10_000, imported: 10_000 - generated.bad.size, failed: generated.bad.size });
    expect(job.errorSample.map((error: { row: number; code: string }) => [error.row, error.code])).toEqual([...generated.bad.entries()]);

    const report = await fetch(job.reportUrl);
    expect(report.status).toBe(200);
    const reported = parseReport(await report.text());
    expect(reported.map((entry) => [entry.row, entry.code])).toEqual([...generated.bad.entries()]);
    expect(reported.find((entry) => entry.code === 'INVALID_PRICE')?.column).toBe('listPrice');

    // Good rows are in the catalog with exactly the repository's item shapes.
    const staff = token;
    const sample = [0, 1, 11, 398, 9_998];
    for (const index of sample) {
      const product = await api(`/catalog/products/${skuOf(index)}`, { token: staff });
      expect(product.status, skuOf(index)).toBe(200);
      expect(product.body).toMatchObject({
        sku: skuOf(index),
        name: `Imported part ${index}`,
        categoryId: importCategory,
        unit: index % 3 === 0 ? 'box' : 'pc',
      });
    }
    const tiered = await documents.send(new GetCommand({ TableName: table(), Key: { PK: `PRODUCT#${skuOf(11)}`, SK: 'PRICING' } }));
    expect(tiered.Item).toMatchObject({
      listPrice: { amount: 1211, currency: 'EUR' },
      vatRates: { default: 1900, DE: 1900 },
      tiers: [{ minQuantity: 10_000 }, { minQuantity: 100_000 }],
    });
    // A bad row wrote nothing: neither the product nor its pricing.
    const badIndex = [...generated.bad.entries()].find(([, code]) => code === 'INVALID_PRICE')![0] - 2;
    expect((await api(`/catalog/products/${skuOf(badIndex)}`, { token: staff })).status).toBe(404);
    expect((await documents.send(new GetCommand({ TableName: table(), Key: { PK: `PRODUCT#${skuOf(badIndex)}`, SK: 'PRICING' } }))).Item).toBeUndefined();
    // Hidden category: a customer cannot see the imported products.
    expect((await api(`/catalog/products/${skuOf(0)}`, { token: await signIn(users.muellerAdmin) })).status).toBe(404);
    const category = await documents.send(new GetCommand({ TableName: table(), Key: { PK: 'CATALOG', SK: `CATEGORY#${importCategory}` } }));
    expect(category.Item?.productCount).toBe(countBefore + 10_000 - generated.bad.size);

    // Stock set elsewhere survives a re-import; the re-import upserts (new prices, same product count).
    await documents.send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...(await documents.send(new GetCommand({ TableName: table(), Key: { PK: `PRODUCT#${skuOf(1)}`, SK: 'PRODUCT' } }))).Item,
          stock: { stuttgart: 42 },
        },
      }),
    );
    const again = generateProducts(10_000, 1);
    const second = await runImport(token, { uploadKey: await upload(token, again.csv), kind: 'products' });
    expect(second.counts).toEqual(job.counts);
    const reread = await documents.send(new GetCommand({ TableName: table(), Key: { PK: `PRODUCT#${skuOf(1)}`, SK: 'PRODUCT' } }));
    expect(reread.Item).toMatchObject({ stock: { stuttgart: 42 }, listPrice: { amount: 301, currency: 'EUR' } });
    expect((await documents.send(new GetCommand({ TableName: table(), Key: { PK: 'CATALOG', SK: `CATEGORY#${importCategory}` } }))).Item?.productCount).toBe(
      countBefore + 10_000 - generated.bad.size,
    );

    // Starting the same upload twice is the same job.
    const repeat = await api('/console/catalog-imports', { token, method: 'POST', body: { uploadKey, kind: 'products' } });
    expect(repeat.status).toBe(200);
    expect(repeat.body.importId).toBe(job.importId);
    const listed = await api('/console/catalog-imports?limit=5', { token });
    expect(listed.body.imports.map((entry: { importId: string }) => entry.importId)).toContain(second.importId);
  });

  it('imports price-list entries with German decimal commas and checks the references', { timeout: 120_000 }, async () => {
    const token = await signIn(users.backOffice, 'console');
    const products = ['sku;name;categoryId;unit;listPrice;currency;vatRate', `${skuOf(900_001)};Price test part;${importCategory};pc;10,00;EUR;19`].join('\n');
    const seeded = await runImport(token, { uploadKey: await upload(token, products), kind: 'products', decimalSeparator: ',' });
    expect(seeded.counts).toEqual({ rows: 1, imported: 1, failed: 0 });

    const prices = [
      'priceList;sku;unitPrice;currency;tiers',
      `company:mueller-bau;${skuOf(900_001)};8,50;EUR;100:7,90`,
      `group:no-such-group;${skuOf(900_001)};8,00;EUR;`,
      `company:mueller-bau;NO-SUCH-SKU-${runId};8,00;EUR;`,
      `group:wholesale;${skuOf(900_001)};8,00;PLN;`,
      `group:wholesale;${skuOf(900_001)};8,001;EUR;`,
      `wholesale;${skuOf(900_001)};8,00;EUR;`,
      `group:wholesale;${skuOf(900_001)};8,00;EUR`,
    ].join('\n');
    const job = await runImport(token, { uploadKey: await upload(token, prices, 'prices.csv'), kind: 'prices', decimalSeparator: ',' });
    expect(job.counts).toEqual({ rows: 7, imported: 1, failed: 6 });
    expect(job.errorSample.map((error: { row: number; code: string }) => `${error.row}:${error.code}`)).toEqual([
      '3:UNKNOWN_PRICE_LIST',
      '4:UNKNOWN_SKU',
      '5:CURRENCY_MISMATCH',
      '6:INVALID_PRICE',
      '7:INVALID_PRICE_LIST',
      '8:COLUMN_COUNT',
    ]);
    const entry = await documents.send(new GetCommand({ TableName: table(), Key: { PK: 'PRICES#company#mueller-bau', SK: `SKU#${skuOf(900_001)}` } }));
    expect(entry.Item).toMatchObject({
      type: 'price-list-entry',
      unitPrice: { amount: 850, currency: 'EUR' },
      tiers: [{ minQuantity: 100_000, unitPrice: { amount: 790, currency: 'EUR' } }],
    });
  });

  it('fails a file with a wrong header as a whole and tells why', async () => {
    const token = await signIn(users.backOffice, 'console');
    const job = await runImport(token, { uploadKey: await upload(token, 'sku,title\nX-1,Thing\n'), kind: 'products' });
    expect(job.status).toBe('failed');
    expect(job.failure.code).toBe('INVALID_HEADER');
    expect(job.counts.imported).toBe(0);
    expect(job.errorSample.map((error: { code: string }) => error.code)).toContain('MISSING_COLUMN');
  });

  it('is for back-office only and validates its input', async () => {
    const [buyer, admin, rep, token] = await Promise.all([
      signIn(users.muellerBuyer),
      signIn(users.muellerAdmin),
      signIn(users.rep, 'console'),
      signIn(users.backOffice, 'console'),
    ]);
    for (const caller of [buyer, admin, rep]) {
      expect(
        (await api('/console/catalog-imports', { token: caller, method: 'POST', body: { uploadKey: 'catalog-imports/x/y.csv', kind: 'products' } })).status,
      ).toBe(403);
      expect((await api('/console/catalog-imports/uploads', { token: caller, method: 'POST', body: { fileName: 'a.csv', size: 10 } })).status).toBe(403);
      expect((await api('/console/catalog-imports', { token: caller })).status).toBe(403);
    }
    expect((await api('/console/catalog-imports', { method: 'POST', body: { uploadKey: 'x', kind: 'products' } })).status).toBe(401);
    const wrongKey = await api('/console/catalog-imports', { token, method: 'POST', body: { uploadKey: 'registrations/abc/licence.pdf', kind: 'products' } });
    expect(wrongKey.body.error.code).toBe('INVALID_UPLOAD_KEY');
    const missing = await api('/console/catalog-imports', {
      token,
      method: 'POST',
      body: { uploadKey: 'catalog-imports/00000000-0000-4000-8000-000000000000/none.csv', kind: 'products' },
    });
    expect(missing.body.error.code).toBe('UPLOAD_MISSING');
    const extra = await api('/console/catalog-imports', { token, method: 'POST', body: { uploadKey: 'x', kind: 'products', dryRun: true } });
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');
    const tooLarge = await api('/console/catalog-imports/uploads', { token, method: 'POST', body: { fileName: 'big.csv', size: 60 * 1024 * 1024 } });
    expect(tooLarge.body.error.code).toBe('UPLOAD_TOO_LARGE');
    expect((await api('/console/catalog-imports/00000000-0000-4000-8000-000000000000', { token })).status).toBe(404);
  });
});

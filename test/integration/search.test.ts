import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gtin13 } from '../../local/seed-data.js';
import { api, signIn, stack, users } from '../support/api.js';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { catalogKeys } from '../../functions/catalog/repository.js';
import { ensureImportTestCategory, importTestCategory, runImport, tableClient, upload } from '../support/catalog-exchange.js';
import { fillCart, placeOrder, settledOrder } from '../support/orders.js';

/** Product search (issue 15) through the HTTP API of the local stack, on the seeded catalog. */
const search = (query: Record<string, string>, token?: string) => api(`/catalog/search?${new URLSearchParams(query)}`, token ? { token } : {});
const skusOf = (body: { products: { sku: string }[] }) => body.products.map((product) => product.sku);

let documents: DynamoDBDocumentClient;
let mueller: string;
let nowak: string;
let backOffice: string;

beforeAll(async () => {
  documents = tableClient();
  await ensureImportTestCategory(documents);
  [mueller, nowak, backOffice] = await Promise.all([signIn(users.muellerBuyer), signIn(users.nowakBuyer), signIn(users.backOffice, 'console')]);
});

afterAll(() => documents?.destroy());

describe('product search: closed catalogs and guests', () => {
  afterEach(async () => {
    await api('/console/shop', { token: backOffice, method: 'PUT', body: { loginOnly: false } });
  });

  it('finds products by words, and only in the categories the viewer may see', async () => {
    // Ball valves are plumbing (installers only: Nowak); workbenches are workshop equipment (wholesale and key accounts: Müller).
    const [guestValves, muellerValves, nowakValves] = await Promise.all([
      search({ q: 'ball valve' }),
      search({ q: 'ball valve' }, mueller),
      search({ q: 'ball valve' }, nowak),
    ]);
    expect(guestValves.status).toBe(200);
    expect(guestValves.body.total).toBe(0);
    expect(muellerValves.body.total).toBe(0);
    expect(nowakValves.body.total).toBe(5);
    expect(skusOf(nowakValves.body).every((sku) => sku.startsWith('PLU-'))).toBe(true);

    const [muellerBenches, nowakBenches] = await Promise.all([search({ q: 'workbench' }, mueller), search({ q: 'workbench' }, nowak)]);
    // Every workshop product mentions workbenches in its description; the five named so come first.
    expect(muellerBenches.body.total).toBe(20);
    expect(muellerBenches.body.products.slice(0, 5).every((product: { name: string }) => product.name.startsWith('Workbench '))).toBe(true);
    expect(nowakBenches.body.total).toBe(0);
    // Facets never count what the viewer cannot see.
    expect(nowakBenches.body.facets.category).toEqual([]);
  });

  it('prices the hits for signed-in buyers and never for guests', async () => {
    const [guest, buyer] = await Promise.all([search({ q: 'hex bolt', limit: '5' }), search({ q: 'hex bolt', limit: '5' }, nowak)]);
    expect(guest.body.products).toHaveLength(5);
    for (const product of guest.body.products) {
      expect(product).not.toHaveProperty('price');
      expect(product).not.toHaveProperty('availability');
    }
    for (const product of buyer.body.products) {
      expect(Number.isInteger(product.price.amount)).toBe(true);
      expect(product.price.currency).toBe('PLN'); // Nowak buys in PLN (issue 16)
    }
    expect(buyer.body.products[0]).toMatchObject({
      manufacturer: 'Würth',
      attributes: expect.arrayContaining([{ code: 'standard', label: 'Standard', value: 'DIN 933' }]),
    });
  });

  it('refuses guests when the shop is login-only', async () => {
    const settings = await api('/console/shop', { token: backOffice, method: 'PUT', body: { loginOnly: true } });
    expect(settings.status).toBe(200);
    const [results, suggestions] = await Promise.all([search({ q: 'screw' }), api('/catalog/suggestions?q=scr')]);
    expect(results.status).toBe(401);
    expect(results.body.error.code).toBe('LOGIN_REQUIRED');
    expect(suggestions.status).toBe(401);
    expect((await search({ q: 'screw' }, mueller)).status).toBe(200);
  });
});

describe('product search: facets, sorting and paging', () => {
  it('counts facet values that the matching filter then returns', async () => {
    const all = await search({ category: 'fasteners', limit: '48' }, mueller);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(20);
    expect(all.body.facets.category).toContainEqual({ value: 'fasteners', label: 'Fasteners', count: 20 });
    expect(all.body.facets.manufacturer).toEqual([
      { value: 'Würth', count: 10 },
      { value: 'fischer', count: 5 },
      { value: 'Spax', count: 5 },
    ]);
    const thread = all.body.facets.attributes.find((facet: { code: string }) => facet.code === 'thread');
    expect(thread).toMatchObject({ label: 'Thread' });
    expect(thread.values).toContainEqual({ value: 'M8', count: 4 });
    const { inStock, outOfStock } = all.body.facets.availability;
    expect(inStock + outOfStock).toBe(20);

    for (const { value, count } of all.body.facets.manufacturer) {
      const filtered = await search({ category: 'fasteners', manufacturer: value, limit: '48' }, mueller);
      expect(filtered.body.total).toBe(count);
      expect(filtered.body.products.every((product: { manufacturer: string }) => product.manufacturer === value)).toBe(true);
    }
    const m8Steel = await search({ category: 'fasteners', attr: 'thread:M8,material:Stainless steel A2', limit: '48' }, mueller);
    expect(m8Steel.body.total).toBe(2);
    // The thread facet ignores the thread filter (other threads stay selectable) but keeps the material one.
    const threads = m8Steel.body.facets.attributes.find((facet: { code: string }) => facet.code === 'thread');
    expect(threads.values.map((value: { count: number }) => value.count)).toEqual([2, 2, 2, 2, 2]);
    expect((await search({ category: 'fasteners', inStock: 'true', limit: '48' }, mueller)).body.total).toBe(inStock);
  });

  it('sorts by name and pages with a cursor without repeats', async () => {
    const first = await search({ q: 'screw', sort: 'name', limit: '3' }, mueller);
    expect(first.body.products).toHaveLength(3);
    expect(first.body.nextCursor).toBe('3');
    const second = await search({ q: 'screw', sort: 'name', limit: '3', cursor: first.body.nextCursor }, mueller);
    const names = [...first.body.products, ...second.body.products].map((product: { name: string }) => product.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(new Set([...skusOf(first.body), ...skusOf(second.body)]).size).toBe(6);
  });

  it("sorts by the buyer's own prices, for signed-in buyers only", async () => {
    for (const sort of ['price-asc', 'price-desc']) {
      const answer = await search({ category: 'fasteners', sort, limit: '48' }, mueller);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.total).toBe(20);
      const amounts = answer.body.products.map((product: { price: { amount: number } }) => product.price.amount);
      const expected = [...amounts].sort((a: number, b: number) => (sort === 'price-asc' ? a - b : b - a));
      expect(amounts).toEqual(expected);
      expect(new Set(amounts).size).toBeGreaterThan(1);
    }
    const guest = await search({ q: 'screw', sort: 'price-asc' });
    expect(guest.status).toBe(400);
    expect(guest.body.error.code).toBe('PRICE_SORT_NEEDS_LOGIN');
  });

  it('answers bad input with 400 and a code', async () => {
    const invalid: Record<string, string>[] = [{ sort: 'cheapest' }, { limit: '500' }, { cursor: 'abc' }, { attr: 'no-colon' }, { q: 'x'.repeat(201) }];
    for (const query of invalid) {
      const answer = await search(query, mueller);
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('product search: article numbers', () => {
  it('jumps to the product on an exact SKU, EAN or manufacturer number, written any way', async () => {
    const ean = gtin13('401230000011'); // fasteners, family 2 (Hex bolt DIN 933), variant 2 (M5)
    for (const q of ['fas-0122', 'FAS 0122', ean, 'w 0057.02/02', 'W-0057-0202']) {
      const answer = await search({ q }, mueller);
      expect(answer.status).toBe(200);
      expect(answer.body.exactMatch, q).toBe('FAS-0122');
      expect(skusOf(answer.body)[0]).toBe('FAS-0122');
    }
  });

  it('lists products whose numbers start with a prefix, first', async () => {
    const answer = await search({ q: 'W-0057', limit: '10' }, mueller);
    expect(answer.body.exactMatch).toBeUndefined();
    expect(skusOf(answer.body).slice(0, 5).sort()).toEqual(['FAS-0121', 'FAS-0122', 'FAS-0123', 'FAS-0124', 'FAS-0125']);
    const suggestions = await api('/catalog/suggestions?q=W-0057', { token: mueller });
    expect(suggestions.status).toBe(200);
    expect(suggestions.body.products.length).toBeGreaterThanOrEqual(5);
    expect(suggestions.body.products[0]).toMatchObject({ sku: expect.stringMatching(/^FAS-012/), categoryId: 'fasteners' });
  });

  it('finds no article number in a closed category', async () => {
    // PLU-0821: a plumbing ball valve; Müller may not see plumbing.
    const ean = gtin13('401230000710');
    for (const q of ['PLU-0821', ean]) {
      expect((await search({ q }, mueller)).body.total).toBe(0);
      expect((await search({ q }, nowak)).body.exactMatch).toBe('PLU-0821');
    }
  });
});

describe("product texts in the buyer's language", () => {
  it('shows names, descriptions, categories and attribute labels in German and Polish, English by default', async () => {
    const [english, german, polish, germanCategories] = await Promise.all([
      api('/catalog/products/FAS-0122', { token: mueller }),
      api('/catalog/products/FAS-0122?lang=de', { token: mueller }),
      api('/catalog/products/FAS-0122?lang=pl'),
      api('/catalog/categories?lang=de'),
    ]);
    expect(english.body.name).toBe('Hex bolt DIN 933 M5');
    expect(german.body).toMatchObject({ name: 'Sechskantschraube DIN 933 M5' });
    expect(german.body.attributes).toContainEqual({ code: 'thread', label: 'Gewinde', value: 'M5' });
    expect(polish.body).toMatchObject({ name: 'Śruba sześciokątna DIN 933 M5' });
    expect(germanCategories.body.categories.map((category: { id: string; name: string }) => category.name)).toContain('Befestigungstechnik');
    const unknown = await api('/catalog/products/FAS-0122?lang=fr');
    expect(unknown.status).toBe(400);
  });

  it('finds products by their German and Polish words, diacritics folded, and answers in that language', async () => {
    const [german, polish] = await Promise.all([
      search({ q: 'sechskantschraube', lang: 'de', limit: '5' }, mueller),
      search({ q: 'sruba szesciokatna', lang: 'pl', limit: '5' }, mueller),
    ]);
    expect(skusOf(german.body).length).toBeGreaterThan(0);
    expect(skusOf(german.body).every((sku) => sku.startsWith('FAS-012'))).toBe(true);
    expect(german.body.products[0].name).toMatch(/^Sechskantschraube DIN 933/);
    expect(skusOf(polish.body).every((sku) => sku.startsWith('FAS-012'))).toBe(true);
    expect(polish.body.products[0].name).toMatch(/^Śruba sześciokątna DIN 933/);
    const suggestions = await api('/catalog/suggestions?q=sechskant&lang=de', { token: mueller });
    expect(suggestions.status).toBe(200);
    expect(JSON.stringify(suggestions.body)).toContain('Sechskant');
  });
});

describe('quick order by article numbers', () => {
  it('takes EANs and manufacturer numbers instead of SKUs, but none of a closed category', async () => {
    await api('/cart', { token: mueller, method: 'DELETE' });
    const closedEan = gtin13('401230000710');
    const text = [`${gtin13('401230000011')};2`, 'w-0057-0203 4', `${closedEan} 1`].join('\n');
    const answer = await api('/cart/quick-order', { token: mueller, method: 'POST', body: { text } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.added).toBe(2);
    expect(answer.body.unknownSkus).toEqual([closedEan]);
    expect(answer.body.cart.lines.map((line: { sku: string; quantity: string }) => `${line.sku}:${line.quantity}`).sort()).toEqual([
      'FAS-0122:2',
      'FAS-0123:4',
    ]);
    await api('/cart', { token: mueller, method: 'DELETE' });
  });
});

describe('product search follows catalog changes', () => {
  it('finds an imported product by its number at once and by its words once the index is rebuilt', async () => {
    const runId = String(Date.now() % 1_000_000_000);
    const sku = `SRCH-${runId}`;
    const word = `quokka${runId.replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)]!)}`;
    const csv = [
      'sku,name,description,categoryId,unit,listPrice,currency,vatRate,manufacturer,mpn,attributes,name_pl',
      `${sku},Zylinderkopfschraube ${word} M6,Test part,${importTestCategory},box,1.23,EUR,19,Bossard,BOS-${runId},thread:M6|material:A4,Śruba z łbem walcowym M6`,
    ].join('\r\n');
    const job = await runImport(backOffice, { uploadKey: await upload(backOffice, `${csv}\r\n`), kind: 'products' });
    expect(job.status).toBe('completed');

    const bySku = await search({ q: sku.toLowerCase() }, backOffice);
    expect(bySku.body.exactMatch, JSON.stringify(bySku.body).slice(0, 400)).toBe(sku);
    expect((await search({ q: `bos ${runId}` }, backOffice)).body.exactMatch).toBe(sku);
    expect((await api(`/catalog/products/${sku}?lang=pl`, { token: backOffice })).body.name).toBe('Śruba z łbem walcowym M6');

    const deadline = Date.now() + 60_000;
    let found: string[] = [];
    while (Date.now() < deadline) {
      found = skusOf((await search({ q: word }, backOffice)).body);
      if (found.length) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(found).toEqual([sku]);
    const withFacets = await search({ q: word, manufacturer: 'Bossard', attr: 'material:A4' }, backOffice);
    expect(skusOf(withFacets.body)).toEqual([sku]);
    expect(skusOf((await search({ q: 'walcowym', lang: 'pl' }, backOffice)).body)).toContain(sku);
    // The import category is closed to every company.
    expect((await search({ q: word }, mueller)).body.total).toBe(0);
    expect((await search({ q: sku }, mueller)).body.total).toBe(0);
  });
});

describe('product search: availability', () => {
  it('takes a product off the in-stock facet when an order reserves its last units', async () => {
    const sku = 'HAN-0213';
    const key = catalogKeys.product(sku);
    const table = stack().env.TABLE_NAME!;
    const { Item } = await documents.send(new GetCommand({ TableName: table, Key: key }));
    const original = Item!.stock as Record<string, number>;
    const searchStock = async (inStock: 'true' | 'false') => skusOf((await search({ q: sku, inStock }, mueller)).body);
    try {
      // Two units left, both in Stuttgart; the index still counts the product as in stock.
      const only = { ...Object.fromEntries(Object.keys(original).map((warehouse) => [warehouse, 0])), stuttgart: 2 };
      await documents.send(
        new UpdateCommand({ TableName: table, Key: key, UpdateExpression: 'SET stock = :stock', ExpressionAttributeValues: { ':stock': only } }),
      );
      expect(await searchStock('true')).toContain(sku);

      await fillCart(mueller, [{ sku, quantity: 2 }]);
      const placed = await placeOrder(mueller, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'bank-prepayment' });
      expect(placed.status, JSON.stringify(placed.body)).toBe(202);
      expect((await settledOrder(mueller, 'mueller-bau', placed.body.orderId)).status).toBe('confirmed');

      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && !(await searchStock('false')).includes(sku)) await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await searchStock('false')).toContain(sku);
      expect(await searchStock('true')).not.toContain(sku);
      const facets = (await search({ q: sku }, mueller)).body.facets.availability;
      expect(facets).toMatchObject({ inStock: 0, outOfStock: 1 });
    } finally {
      await documents.send(
        new UpdateCommand({ TableName: table, Key: key, UpdateExpression: 'SET stock = :stock', ExpressionAttributeValues: { ':stock': original } }),
      );
    }
  });
});

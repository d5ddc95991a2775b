import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signIn, users } from '../support/api.js';
import { bmecatExportsPath, runBmecatExport } from '../support/catalog-exchange.js';
import { fillCart, placeOrder, settledOrder, stockedSku } from '../support/orders.js';
import { validateAgainstXsd } from '../support/xsd.js';

/** Buyers' own article numbers (issue 15 item 3): mapped per company, searchable and exported by that company only. */
// Digits only: a part of an article number without digits would not be taken for one.
const runId = String(Date.now() % 1_000_000_000);
const own = (suffix: string) => `MB-${runId}-${suffix}`;
const numbersPath = (companyId: string) => `/companies/${companyId}/article-numbers`;

let muellerAdmin: string;
let muellerBuyer: string;
let nowakAdmin: string;
let nowakBuyer: string;

beforeAll(async () => {
  [muellerAdmin, muellerBuyer, nowakAdmin, nowakBuyer] = await Promise.all([
    signIn(users.muellerAdmin),
    signIn(users.muellerBuyer),
    signIn(users.nowakAdmin),
    signIn(users.nowakBuyer),
  ]);
});

// Other test files use Müller's products too: leave no own numbers behind.
afterAll(async () => {
  const { body } = await api(`${numbersPath('mueller-bau')}?limit=200`, { token: muellerAdmin });
  for (const entry of body.numbers as { sku: string }[]) await api(`${numbersPath('mueller-bau')}/${entry.sku}`, { token: muellerAdmin, method: 'DELETE' });
});

const setNumber = (token: string, companyId: string, sku: string, buyerNumber: string) =>
  api(`${numbersPath(companyId)}/${sku}`, { token, method: 'PUT', body: { buyerNumber } });
const search = (q: string, token: string) => api(`/catalog/search?${new URLSearchParams({ q })}`, { token });

describe("buyers' own article numbers", () => {
  it('are found by that company in any spelling, shown on its product views, and invisible to other companies', async () => {
    const mapped = await setNumber(muellerAdmin, 'mueller-bau', 'FAS-0122', own('0815'));
    expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
    expect(mapped.body).toEqual({ sku: 'FAS-0122', buyerNumber: own('0815'), name: 'Hex bolt DIN 933 M5' });

    const found = await search(own('0815').toLowerCase().replaceAll('-', ' '), muellerBuyer);
    expect(found.body.exactMatch).toBe('FAS-0122');
    expect(found.body.products[0]).toMatchObject({ sku: 'FAS-0122', buyerNumber: own('0815') });
    const prefix = await search(`MB-${runId}`, muellerBuyer);
    expect(prefix.body.products.map((product: { sku: string }) => product.sku)).toContain('FAS-0122');
    const detail = await api('/catalog/products/FAS-0122', { token: muellerBuyer });
    expect(detail.body.buyerNumber).toBe(own('0815'));

    // Nowak sees the same product, but neither finds it by Müller's number nor sees that number.
    const foreign = await search(own('0815'), nowakBuyer);
    expect(foreign.status).toBe(200);
    expect(foreign.body.exactMatch).toBeUndefined();
    expect(foreign.body.products.some((product: { buyerNumber?: string }) => product.buyerNumber)).toBe(false);
    expect((await api('/catalog/products/FAS-0122', { token: nowakBuyer })).body).not.toHaveProperty('buyerNumber');
    expect((await api(numbersPath('mueller-bau'), { token: nowakAdmin })).status).toBe(404);
    expect((await setNumber(nowakAdmin, 'mueller-bau', 'FAS-0123', own('X'))).status).toBe(404);
    expect((await api(`${numbersPath('mueller-bau')}/FAS-0122`, { token: nowakAdmin, method: 'DELETE' })).status).toBe(404);
    // A guest sees no own numbers either.
    expect((await api('/catalog/products/FAS-0122')).body).not.toHaveProperty('buyerNumber');
  });

  it('are maintained by company admins only, for products the company may see, one number per product', async () => {
    expect((await setNumber(muellerBuyer, 'mueller-bau', 'FAS-0123', own('B'))).status).toBe(403);
    const closed = await setNumber(muellerAdmin, 'mueller-bau', 'PLU-0821', own('PLU'));
    expect(closed.status).toBe(404);
    const invalid = await setNumber(muellerAdmin, 'mueller-bau', 'FAS-0123', '--');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('INVALID_BUYER_NUMBER');

    expect((await setNumber(muellerAdmin, 'mueller-bau', 'FAS-0123', own('A'))).status).toBe(200);
    const taken = await setNumber(muellerAdmin, 'mueller-bau', 'FAS-0124', `${own('A').toLowerCase()}`);
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('BUYER_NUMBER_TAKEN');

    // Renumbering frees the old number.
    expect((await setNumber(muellerAdmin, 'mueller-bau', 'FAS-0123', own('A2'))).status).toBe(200);
    expect((await search(own('A'), muellerBuyer)).body.exactMatch).toBeUndefined();
    expect((await search(own('A2'), muellerBuyer)).body.exactMatch).toBe('FAS-0123');
    expect((await setNumber(muellerAdmin, 'mueller-bau', 'FAS-0124', own('A'))).status).toBe(200);

    const removed = await api(`${numbersPath('mueller-bau')}/FAS-0124`, { token: muellerAdmin, method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect((await search(own('A'), muellerBuyer)).body.exactMatch).toBeUndefined();
    expect((await api(`${numbersPath('mueller-bau')}/FAS-0124`, { token: muellerAdmin, method: 'DELETE' })).status).toBe(404);
  });

  it('import from CSV completely or not at all, and are listed for every member', async () => {
    const before = await api(`${numbersPath('mueller-bau')}?limit=200`, { token: muellerBuyer });
    expect(before.status).toBe(200);

    const broken = ['buyerNumber;sku', `${own('C1')};FAS-0111`, `${own('C2')};PLU-0821`, `${own('C1')};FAS-0112`, `;FAS-0113`, `${own('0815')};FAS-0114`].join(
      '\n',
    );
    const refused = await api(`${numbersPath('mueller-bau')}/import`, { token: muellerAdmin, method: 'POST', body: { csv: broken } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('IMPORT_INVALID');
    expect(refused.body.error.details.errors.map((error: { row: number; code: string }) => `${error.row}:${error.code}`)).toEqual([
      '3:UNKNOWN_SKU',
      '4:DUPLICATE_BUYER_NUMBER',
      '5:INVALID_BUYER_NUMBER',
      '6:BUYER_NUMBER_TAKEN',
    ]);
    expect((await api(`${numbersPath('mueller-bau')}?limit=200`, { token: muellerBuyer })).body.numbers).toEqual(before.body.numbers);

    const csv = ['buyerNumber,sku', `${own('C1')},FAS-0111`, `${own('C2')},FAS-0112`, `${own('0815')},FAS-0122`].join('\r\n');
    const imported = await api(`${numbersPath('mueller-bau')}/import`, { token: muellerAdmin, method: 'POST', body: { csv } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toEqual({ imported: 3 });
    const listed = await api(`${numbersPath('mueller-bau')}?limit=200`, { token: muellerBuyer });
    expect(listed.body.numbers).toEqual(
      expect.arrayContaining([
        { sku: 'FAS-0111', buyerNumber: own('C1'), name: expect.any(String) },
        { sku: 'FAS-0112', buyerNumber: own('C2'), name: expect.any(String) },
      ]),
    );
    expect((await search(own('C2'), muellerBuyer)).body.exactMatch).toBe('FAS-0112');
    // Quick order takes the company's own numbers; another company's buyer gets them back as unknown.
    await api('/cart', { token: muellerBuyer, method: 'DELETE' });
    const quick = await api('/cart/quick-order', { token: muellerBuyer, method: 'POST', body: { text: `${own('C2')};3` } });
    expect(quick.body.cart.lines).toEqual([expect.objectContaining({ sku: 'FAS-0112', quantity: '3', buyerNumber: own('C2') })]);
    await api('/cart', { token: muellerBuyer, method: 'DELETE' });
    const foreign = await api('/cart/quick-order', { token: nowakBuyer, method: 'POST', body: { text: `${own('C2')};3` } });
    expect(foreign.body.added).toBe(0);
    expect(foreign.body.unknownSkus).toEqual([own('C2').toUpperCase()]);
    const nowakList = await api(`${numbersPath('nowak-instalacje')}?limit=200`, { token: nowakBuyer });
    expect(nowakList.body.numbers.some((entry: { buyerNumber: string }) => entry.buyerNumber.startsWith(`MB-${runId}`))).toBe(false);
  });

  it('go into the BMEcat export as BUYER_PID of that company only, valid against the official schema', async () => {
    const exportOf = async (token: string, companyId: string) => {
      const answer = await runBmecatExport(token, companyId);
      expect(answer.body.status).toBe('completed');
      return (await fetch(answer.body.url)).text();
    };
    const mueller = await exportOf(muellerAdmin, 'mueller-bau');
    // Nowak buys in PLN, which BMEcat 2005 cannot express: its export is refused (and leaks nothing of Müller's).
    const nowak = await api(bmecatExportsPath('nowak-instalacje'), { token: nowakAdmin, method: 'POST' });
    expect(nowak.status).toBe(409);
    expect(nowak.body.error.code).toBe('CURRENCY_NOT_IN_BMECAT');
    expect(mueller).toMatch(
      new RegExp(`<SUPPLIER_PID>FAS-0122</SUPPLIER_PID><PRODUCT_DETAILS>.*?<BUYER_PID type="buyer_specific">${own('0815')}</BUYER_PID>`, 's'),
    );
    expect(mueller).toContain('<MANUFACTURER_NAME>Würth</MANUFACTURER_NAME>');
    expect(mueller).toContain('<FEATURE><FNAME>Standard</FNAME><FVALUE>DIN 933</FVALUE></FEATURE>');
    expect(JSON.stringify(nowak.body)).not.toContain(`MB-${runId}`);
    const result = validateAgainstXsd(mueller, 'test/fixtures/xsd/bmecat-2005/bmecat_2005.xsd');
    expect(result.errors.slice(0, 5)).toEqual([]);
  });

  it('are shown in the cart, kept on the order line and printed on the invoice as BT-156', async () => {
    const sku = await stockedSku(muellerBuyer, 'hand-tools', 2, [], 'stuttgart');
    expect((await setNumber(muellerAdmin, 'mueller-bau', sku, own('INV'))).status).toBe(200);
    await fillCart(muellerBuyer, [{ sku, quantity: 2 }]);
    expect((await api('/cart', { token: muellerBuyer })).body.lines).toEqual([expect.objectContaining({ sku, buyerNumber: own('INV') })]);
    const placed = await placeOrder(muellerBuyer, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    const order = await settledOrder(muellerBuyer, 'mueller-bau', placed.body.orderId);
    expect(order.status).toBe('confirmed');
    expect(order.lines).toEqual([expect.objectContaining({ sku, buyerNumber: own('INV') })]);

    // A later change of the mapping does not rewrite what was ordered.
    expect((await setNumber(muellerAdmin, 'mueller-bau', sku, own('NEW'))).status).toBe(200);
    let link: { status: number; body: any } = { status: 0, body: undefined };
    for (let attempt = 0; attempt < 100 && link.status !== 200; attempt++) {
      link = await api(`/companies/mueller-bau/documents/invoice/${order.invoiceNumber}?format=xml`, { token: muellerAdmin });
      if (link.status !== 200) await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(link.status).toBe(200);
    const xml = await (await fetch(link.body.url)).text();
    expect(xml).toContain(`<ram:SellerAssignedID>${sku}</ram:SellerAssignedID><ram:BuyerAssignedID>${own('INV')}</ram:BuyerAssignedID>`);
  });
});

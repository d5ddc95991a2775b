import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCxml, type OrderMessage } from '../../functions/punchout/rules.js';
import { api, signIn, stack, users } from '../support/api.js';
import { settledOrder, stockedSku } from '../support/orders.js';

/**
 * OCI 4.0 and cXML 1.2 punchout through the HTTP API of the local stack, with documents as SAP SRM and
 * Ariba send them (test/fixtures/punchout). The procurement system is played by plain fetch calls.
 */
const company = 'mueller-bau';
const buyerAnid = `AN0100${Date.now().toString().slice(-7)}`;
const fixtures = join(import.meta.dirname, '../fixtures/punchout');
const fixture = (name: string, values: Record<string, string> = {}) =>
  Object.entries(values).reduce((text, [key, value]) => text.replaceAll(`{{${key}}}`, value), readFileSync(join(fixtures, name), 'utf8'));
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

async function raw(path: string, init: RequestInit = {}) {
  const response = await fetch(`${stack().apiUrl}${path}`, { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const postCxml = (xml: string) => raw('/punchout/cxml', { method: 'POST', headers: { 'content-type': 'text/xml; charset=UTF-8' }, body: xml });
const startCode = (location: string) => new URL(location).searchParams.get('code')!;
const cxmlStatus = (xml: string) => /<Status code="(\d+)"[^>]*>([^<]*)<\/Status>/.exec(xml);
/** In punchout mode the SPA names its session: the cart calls work on that session's own cart. */
const inSession = (sessionId: string) => ({ 'x-punchout-session': sessionId });

interface Setup {
  admin: string;
  /** The technical account the portal created for the set-up. */
  punchoutUser: { sub: string; username: string };
  ociUsername: string;
  ociPassword: string;
  sharedSecret: string;
}
let setup: Setup;

beforeAll(async () => {
  const admin = await signIn(users.muellerAdmin);
  // A first setup issues the secrets; the browser journey may have set punchout up before this file runs.
  expect([200, 204, 404]).toContain((await api(`/companies/${company}/punchout`, { token: admin, method: 'DELETE' })).status);
  const configured = await api(`/companies/${company}/punchout`, {
    token: admin,
    method: 'PUT',
    body: { oci: true, cxml: { domain: 'NetworkID', identity: buyerAnid }, vendorNumber: '100234' },
  });
  expect(configured.status, JSON.stringify(configured.body)).toBe(200);
  expect(configured.body.secrets.ociPassword).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(configured.body.secrets.cxmlSharedSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  setup = {
    admin,
    punchoutUser: configured.body.technicalAccount,
    ociUsername: configured.body.oci.username,
    ociPassword: configured.body.secrets.ociPassword,
    sharedSecret: configured.body.secrets.cxmlSharedSecret,
  };
});

describe('punchout configuration (company admin)', () => {
  it('shows the setup without secrets and shows new secrets only once', async () => {
    const shown = await api(`/companies/${company}/punchout`, { token: setup.admin });
    expect(shown.status).toBe(200);
    expect(setup.punchoutUser.username).toMatch(/^punchout-mueller-bau-[0-9a-f]{10}@punchout\.invalid$/);
    expect(shown.body).toMatchObject({
      configured: true,
      technicalAccount: setup.punchoutUser,
      oci: { username: setup.ociUsername },
      cxml: { domain: 'NetworkID', identity: buyerAnid },
      vendorNumber: '100234',
    });
    const text = JSON.stringify(shown.body);
    expect(text).not.toContain(setup.ociPassword);
    expect(text).not.toContain('scrypt');
    expect(shown.body.secrets).toBeUndefined();
  });

  it('refuses other roles, other companies and any body that names a user', async () => {
    const [buyer, nowakAdmin, rep] = await Promise.all([signIn(users.muellerBuyer), signIn(users.nowakAdmin), signIn(users.rep, 'console')]);
    expect((await api(`/companies/${company}/punchout`, { token: buyer })).status).toBe(403);
    expect((await api(`/companies/${company}/punchout`, { token: nowakAdmin })).status).toBe(403);
    expect((await api(`/companies/${company}/punchout`, { token: rep })).status).toBe(403);
    expect((await api(`/companies/${company}/punchout`, { token: nowakAdmin, method: 'PUT', body: { oci: true, cxml: null } })).status).toBe(403);
    expect((await api(`/companies/${company}/punchout`, { token: nowakAdmin, method: 'DELETE' })).status).toBe(403);
    expect((await api(`/companies/${company}/punchout`)).status).toBe(401);

    // The set-up names no account: sessions act as the technical account (test/integration/punchout-security.test.ts).
    const adminSub = claims(setup.admin).sub as string;
    const named = await api(`/companies/${company}/punchout`, { token: setup.admin, method: 'PUT', body: { userSub: adminSub, oci: true, cxml: null } });
    expect(named.status).toBe(400);
    expect(named.body.error.code).toBe('VALIDATION_FAILED');
    const nothing = await api(`/companies/${company}/punchout`, { token: setup.admin, method: 'PUT', body: { oci: false, cxml: null } });
    expect(nothing.body.error.code).toBe('PUNCHOUT_NOTHING_ENABLED');
    const extra = await api(`/companies/${company}/punchout`, { token: setup.admin, method: 'PUT', body: { oci: true, cxml: null, secretHash: 'x' } });
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');
    expect((await api(`/companies/${company}/punchout`, { token: setup.admin })).body).toMatchObject({
      technicalAccount: setup.punchoutUser,
      cxml: { identity: buyerAnid },
    });
  });

  it('does not let another company claim the same cXML identity', async () => {
    const nowakAdmin = await signIn(users.nowakAdmin);
    const usersBefore = (await api('/companies/nowak-instalacje/users', { token: nowakAdmin })).body.users;
    const claimed = await api('/companies/nowak-instalacje/punchout', {
      token: nowakAdmin,
      method: 'PUT',
      body: { oci: false, cxml: { domain: 'networkid', identity: buyerAnid.toLowerCase() } },
    });
    expect(claimed.status).toBe(409);
    expect(claimed.body.error.code).toBe('PUNCHOUT_IDENTITY_TAKEN');
    // Nothing half-written: no set-up and no technical account for Nowak.
    expect((await api('/companies/nowak-instalacje/punchout', { token: nowakAdmin })).body.configured).toBe(false);
    expect((await api('/companies/nowak-instalacje/users', { token: nowakAdmin })).body.users).toEqual(usersBefore);
  });
});

describe('OCI 4.0 round trip (SAP SRM)', () => {
  const entryQuery = (username: string, password: string) =>
    fixture('sap-srm-oci-entry.txt', { USERNAME: encodeURIComponent(username), PASSWORD: encodeURIComponent(password) }).trim();

  it('bad credentials answer 401 without telling an unknown user from a wrong password', async () => {
    const wrongPassword = await raw(`/punchout/oci?${entryQuery(setup.ociUsername, 'not-the-password')}`);
    const unknownUser = await raw(`/punchout/oci?${entryQuery('oci-000000000000', setup.ociPassword)}`);
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(unknownUser.text).toBe(wrongPassword.text);
    expect(wrongPassword.headers.get('location')).toBeNull();
    expect(wrongPassword.text).not.toContain(setup.ociUsername);
    const noHook = await raw(`/punchout/oci?USERNAME=${setup.ociUsername}&PASSWORD=${setup.ociPassword}&HOOK_URL=javascript:alert(1)`);
    expect(noHook.status).toBe(400);
  });

  it('entry → start code → shopping with company prices → NEW_ITEM form fields for HOOK_URL', async () => {
    const entry = await raw(`/punchout/oci?${entryQuery(setup.ociUsername, setup.ociPassword)}`);
    expect(entry.status, entry.text).toBe(303);
    const location = entry.headers.get('location')!;
    expect(location.startsWith(`${stack().webUrl}/punchout/start?code=`)).toBe(true);

    const exchanged = await api('/punchout/start', { method: 'POST', body: { code: startCode(location) } });
    expect(exchanged.status, JSON.stringify(exchanged.body)).toBe(200);
    expect(exchanged.body.tokens.refreshToken).toBeUndefined();
    expect(exchanged.body.session).toMatchObject({ protocol: 'oci', returnHost: 'srm.mueller-bau.example' });
    const token = exchanged.body.tokens.idToken as string;
    expect(claims(token)).toMatchObject({ sub: setup.punchoutUser.sub, 'custom:companyId': company, 'custom:role': 'buyer' });
    // One use only.
    const again = await api('/punchout/start', { method: 'POST', body: { code: startCode(location) } });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('PUNCHOUT_START_INVALID');

    const sessionId = exchanged.body.session.sessionId as string;
    const [skuA, skuB] = [await stockedSku(token, 'fasteners', 20), await stockedSku(token, 'hand-tools', 5)];
    const cart = await api('/cart/lines', {
      token,
      method: 'POST',
      headers: inSession(sessionId),
      body: {
        lines: [
          { sku: skuA, quantity: '12' },
          { sku: skuB, quantity: '3' },
        ],
      },
    });
    expect(cart.status, JSON.stringify(cart.body)).toBe(200);
    const price = (sku: string) => cart.body.quote.lines.find((line: { sku: string }) => line.sku === sku).unitNet as { amount: number; currency: string };

    const transfer = await api(`/punchout/sessions/${sessionId}/transfer`, { token, method: 'POST' });
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(200);
    expect(transfer.body).toMatchObject({
      action: 'https://srm.mueller-bau.example/sap/bc/bsp/sapsrm/bbp_oci_catalog/catalog_return.htm?sap-client=100&OCI_VERSION=4.0',
      method: 'POST',
      target: '_top',
    });
    const fields = new Map(transfer.body.fields as [string, string][]);
    expect(fields.get('~OkCode')).toBe('ADDI');
    const index = (sku: string) =>
      [...fields.entries()].find(([name, value]) => name.startsWith('NEW_ITEM-VENDORMAT[') && value === sku)![0].match(/\[(\d+)\]/)![1];
    const a = index(skuA);
    const b = index(skuB);
    expect(fields.get(`NEW_ITEM-QUANTITY[${a}]`)).toBe('12');
    expect(fields.get(`NEW_ITEM-UNIT[${a}]`)).toBe('BX');
    expect(fields.get(`NEW_ITEM-PRICE[${a}]`)).toBe((price(skuA).amount / 100).toFixed(2));
    expect(fields.get(`NEW_ITEM-CURRENCY[${a}]`)).toBe(price(skuA).currency);
    expect(fields.get(`NEW_ITEM-MATGROUP[${a}]`)).toBe('31160000');
    expect(fields.get(`NEW_ITEM-VENDOR[${a}]`)).toBe('100234');
    expect(fields.get(`NEW_ITEM-UNIT[${b}]`)).toBe('PCE');
    expect(fields.get(`NEW_ITEM-PRICE[${b}]`)).toBe((price(skuB).amount / 100).toFixed(2));
    expect(fields.get(`NEW_ITEM-DESCRIPTION[${b}]`)!.length).toBeLessThanOrEqual(40);
    expect(fields.get(`NEW_ITEM-LONGTEXT_${b}:132[]`)).toBeTruthy();

    expect((await api(`/punchout/sessions/${sessionId}`, { token })).body.transferredAt).toEqual(expect.any(String));
  });

  it('FUNCTION=DETAIL opens one product', async () => {
    const entry = await raw(`/punchout/oci?${entryQuery(setup.ociUsername, setup.ociPassword)}&FUNCTION=DETAIL&PRODUCTID=pow-0311`);
    expect(entry.status, entry.text).toBe(303);
    const exchanged = await api('/punchout/start', { method: 'POST', body: { code: startCode(entry.headers.get('location')!) } });
    expect(exchanged.body.session.productSku).toBe('POW-0311');
    const validate = await raw(`/punchout/oci?${entryQuery(setup.ociUsername, setup.ociPassword)}&FUNCTION=VALIDATE&PRODUCTID=POW-0311`);
    expect(validate.status).toBe(400);
    expect(validate.text).toContain('not offered');
  });

  it('accepts the entry as a form POST too', async () => {
    const entry = await raw('/punchout/oci', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: entryQuery(setup.ociUsername, setup.ociPassword),
    });
    expect(entry.status, entry.text).toBe(303);
  });

  it('a punchout session is only visible to its own user and company', async () => {
    const entry = await raw(`/punchout/oci?${entryQuery(setup.ociUsername, setup.ociPassword)}`);
    const exchanged = await api('/punchout/start', { method: 'POST', body: { code: startCode(entry.headers.get('location')!) } });
    const sessionId = exchanged.body.session.sessionId as string;
    const token = exchanged.body.tokens.idToken as string;
    const [nowakBuyer, muellerBuyer] = await Promise.all([signIn(users.nowakBuyer), signIn(users.muellerBuyer)]);
    expect((await api(`/punchout/sessions/${sessionId}`, { token: nowakBuyer })).status).toBe(404);
    expect((await api(`/punchout/sessions/${sessionId}/transfer`, { token: nowakBuyer, method: 'POST' })).status).toBe(404);
    expect((await api(`/punchout/sessions/${sessionId}`, { token: muellerBuyer })).status).toBe(404);
    expect((await api(`/punchout/sessions/${sessionId}`, { token })).status).toBe(200);
    // The punchout user's token is an ordinary buyer token of its own company.
    expect((await api('/companies/nowak-instalacje/orders', { token })).status).toBe(403);
    expect((await api(`/companies/${company}/punchout`, { token })).status).toBe(403);
    expect((await api('/console/companies', { token })).status).toBe(403);
    // Empty cart after a new "create" entry: nothing to transfer.
    expect((await api(`/punchout/sessions/${sessionId}/transfer`, { token, method: 'POST' })).body.error.code).toBe('CART_EMPTY');
  });
});

describe('cXML 1.2 round trip (Ariba)', () => {
  const setupRequest = (secret: string, anid = buyerAnid) => fixture('ariba-punchout-setup-request.xml', { BUYER_ANID: anid, SHARED_SECRET: secret });
  const orderRequest = (
    orderId: string,
    items: { sku: string; quantity: string; price: string; unit: string; description: string; unspsc: string }[],
    secret = setup.sharedSecret,
  ) =>
    fixture('ariba-order-request.xml', {
      BUYER_ANID: buyerAnid,
      SHARED_SECRET: secret,
      ORDER_ID: orderId,
      TOTAL: '0.00',
      ITEMS: items
        .map((item, index) =>
          fixture('ariba-order-item.xml', {
            QUANTITY: item.quantity,
            LINE: String(index + 1),
            SKU: item.sku,
            PRICE: item.price,
            DESCRIPTION: item.description,
            UNIT: item.unit,
            UNSPSC: item.unspsc,
          }),
        )
        .join(''),
    });

  it('bad shared secret or unknown identity: 401 without detail', async () => {
    const wrong = await postCxml(setupRequest('wrong-secret'));
    const unknown = await postCxml(setupRequest(setup.sharedSecret, 'AN09999999999'));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(cxmlStatus(wrong.text)?.slice(1)).toEqual(['401', 'Authentication failed']);
    expect(cxmlStatus(unknown.text)?.slice(1)).toEqual(['401', 'Authentication failed']);
    expect((await postCxml('<cXML><Header>')).status).toBe(400);
  });

  it('setup → start page → cart → PunchOutOrderMessage → OrderRequest creates the order, exactly once', async () => {
    const response = await postCxml(setupRequest(setup.sharedSecret));
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    expect(response.text).toContain('<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">');
    expect(cxmlStatus(response.text)?.[1]).toBe('200');
    const startUrl = /<URL>([^<]+)<\/URL>/.exec(response.text)![1]!.replaceAll('&amp;', '&');
    expect(startUrl.startsWith(`${stack().webUrl}/punchout/start?code=`)).toBe(true);

    const exchanged = await api('/punchout/start', { method: 'POST', body: { code: startCode(startUrl) } });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.session).toMatchObject({ protocol: 'cxml', returnHost: 's1.ariba.com' });
    const token = exchanged.body.tokens.idToken as string;
    const sessionId = exchanged.body.session.sessionId as string;
    expect((await api('/cart', { token, headers: inSession(sessionId) })).body.lines).toEqual([]);

    // Above the own-transport minimum (150 EUR net): purchase orders are delivered by our own transport.
    const [skuA, skuB] = [await stockedSku(token, 'electrical', 10), await stockedSku(token, 'power-tools', 5)];
    const cart = await api('/cart/lines', {
      token,
      method: 'POST',
      headers: inSession(sessionId),
      body: {
        lines: [
          { sku: skuA, quantity: '4' },
          { sku: skuB, quantity: '2' },
        ],
      },
    });
    expect(cart.status).toBe(200);

    const transfer = await api(`/punchout/sessions/${sessionId}/transfer`, { token, method: 'POST' });
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(200);
    expect(transfer.body.action).toBe('https://s1.ariba.com/Buyer/punchout?client=mueller&session=88a7');
    const [fieldName, xml] = (transfer.body.fields as [string, string][])[0]!;
    expect(fieldName).toBe('cxml-urlencoded');
    const message = parseCxml(xml) as OrderMessage;
    expect(message.kind).toBe('PunchOutOrderMessage');
    expect(message.buyerCookie).toBe('34234234ADFSDF234234');
    expect(message.header.to).toEqual([
      { domain: 'NetworkID', identity: buyerAnid },
      { domain: 'SystemID', identity: 'MUELLER_S4_PRD' },
    ]);
    for (const line of cart.body.quote.lines as { sku: string; unitNet: { amount: number; currency: string } }[]) {
      expect(message.items.find((item) => item.supplierPartId === line.sku)?.unitPrice).toEqual(line.unitNet);
    }
    expect(message.items.find((item) => item.supplierPartId === skuA)?.classification).toEqual({ domain: 'UNSPSC', code: '39120000' });

    // The procurement system approves the requisition and sends the purchase order.
    const orderId = `PO-${Date.now()}`;
    const items = message.items.map((item) => ({
      sku: item.supplierPartId,
      quantity: String(item.quantity / 1000),
      price: (item.unitPrice.amount / 100).toFixed(2),
      unit: item.unitOfMeasure,
      description: item.description,
      unspsc: item.classification?.code ?? '',
    }));
    const ordered = await postCxml(orderRequest(orderId, items));
    expect(ordered.status, ordered.text).toBe(200);
    const orderNumber = /Order (ORD-\d{4}-\d{6}) accepted/.exec(ordered.text)?.[1];
    expect(orderNumber).toBeDefined();

    const repeated = await postCxml(orderRequest(orderId, items));
    expect(repeated.status).toBe(200);
    expect(repeated.text).toContain(`Order ${orderNumber} accepted`);

    const changed = await postCxml(
      orderRequest(
        orderId,
        items.map((item, index) => (index === 0 ? { ...item, quantity: '5' } : item)),
      ),
    );
    expect(changed.status).toBe(409);

    const listed = await api(`/companies/${company}/orders?limit=100`, { token: setup.admin });
    const matching = listed.body.orders.filter((order: { orderNumber: string }) => order.orderNumber === orderNumber);
    expect(matching).toHaveLength(1);
    const settled = await settledOrder(setup.admin, company, matching[0].orderId);
    expect(settled.status, settled.failureReason).toBe('confirmed');
    expect(settled.poNumber).toBe(orderId);
    expect(settled.placedBy.sub).toBe(setup.punchoutUser.sub);
    expect(settled.lines.map((line: { sku: string; quantity: string; unitNet: unknown }) => [line.sku, line.quantity, line.unitNet]).sort()).toEqual(
      message.items.map((item) => [item.supplierPartId, String(item.quantity / 1000), item.unitPrice]).sort(),
    );
    expect(settled.delivery).toMatchObject({ kind: 'own-transport', address: { city: 'Stuttgart', postalCode: '70565', country: 'DE' } });

    // Other companies never see it.
    const nowakAdmin = await signIn(users.nowakAdmin);
    expect((await api(`/companies/${company}/orders/${matching[0].orderId}`, { token: nowakAdmin })).status).toBe(403);
  });

  it('operation="edit" reopens the shop with the lines the procurement system sends back', async () => {
    const token = await signIn(users.muellerBuyer);
    const sku = await stockedSku(token, 'electrical', 5);
    const edit = setupRequest(setup.sharedSecret)
      .replace('operation="create"', 'operation="edit"')
      .replace(
        '</PunchOutSetupRequest>',
        `<ItemOut quantity="3"><ItemID><SupplierPartID>${sku}</SupplierPartID></ItemID></ItemOut><ItemOut quantity="1"><ItemID><SupplierPartID>GONE-0001</SupplierPartID></ItemID></ItemOut></PunchOutSetupRequest>`,
      );
    const response = await postCxml(edit);
    expect(response.status, response.text).toBe(200);
    const startUrl = /<URL>([^<]+)<\/URL>/.exec(response.text)![1]!.replaceAll('&amp;', '&');
    const exchanged = await api('/punchout/start', { method: 'POST', body: { code: startCode(startUrl) } });
    const cart = await api('/cart', { token: exchanged.body.tokens.idToken, headers: inSession(exchanged.body.session.sessionId) });
    expect(cart.body.lines.map((line: { sku: string; quantity: string }) => [line.sku, line.quantity])).toEqual([[sku, '3']]);
  });

  it('refuses unknown parts (400), prices other than the agreed ones (409) and wrong secrets (401)', async () => {
    const token = await signIn(users.muellerBuyer);
    const sku = await stockedSku(token, 'electrical', 5);
    const quoted = await api('/pricing/quote', { token, method: 'POST', body: { lines: [{ sku, quantity: '1' }] } });
    const unitNet = quoted.body.lines[0].unitNet as { amount: number };
    const item = { sku, quantity: '1', price: (unitNet.amount / 100).toFixed(2), unit: 'EA', description: 'x', unspsc: '39120000' };

    const unknown = await postCxml(orderRequest(`PO-U-${Date.now()}`, [item, { ...item, sku: 'NO-SUCH-PART' }]));
    expect(unknown.status).toBe(400);
    expect(cxmlStatus(unknown.text)?.[2]).toContain('Line 2: unknown SupplierPartID NO-SUCH-PART');

    const cheaper = await postCxml(orderRequest(`PO-P-${Date.now()}`, [{ ...item, price: ((unitNet.amount - 1) / 100).toFixed(2) }]));
    expect(cheaper.status).toBe(409);
    expect(cxmlStatus(cheaper.text)?.[2]).toContain('differs from the agreed');

    const forged = await postCxml(orderRequest(`PO-F-${Date.now()}`, [item], 'guessed-secret'));
    expect(forged.status).toBe(401);
  });
});

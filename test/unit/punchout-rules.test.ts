import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { technicalPunchoutEmail } from '../../functions/accounts/technical-users.js';
import {
  afterFailure,
  credentialLockout,
  failureWindowEnd,
  isCredentialLocked,
  liveCounter,
  lockedUntil,
  buildPunchOutOrderMessage,
  buildResponse,
  buildSetupResponse,
  buyerCredential,
  checkOrderLines,
  decimalFromMinor,
  decimalQuantity,
  milliFromDecimal,
  minorFromDecimal,
  ociLongText,
  ociTransferFields,
  orderFingerprint,
  parseCxml,
  parseOciEntry,
  senderSecret,
  unitCode,
  type OrderRequest,
  type TransferLine,
} from '../../functions/punchout/rules.js';
import { hashSecret, verifySecret } from '../../functions/punchout/secrets.js';

const fixtures = join(import.meta.dirname, '../fixtures/punchout');
const fixture = (name: string, values: Record<string, string> = {}) =>
  Object.entries(values).reduce((text, [key, value]) => text.replaceAll(`{{${key}}}`, value), readFileSync(join(fixtures, name), 'utf8'));

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const line = (overrides: Partial<TransferLine> = {}): TransferLine => ({
  sku: 'FAS-001',
  name: 'Wood screw M4',
  description: 'Screws, bolts, nuts and anchors',
  categoryId: 'fasteners',
  unit: 'box',
  quantity: 12_500,
  unitNet: eur(428),
  lineNet: eur(5350),
  ...overrides,
});

describe('money and quantities as decimal strings', () => {
  it('formats minor units without floats', () => {
    expect(decimalFromMinor(eur(428))).toBe('4.28');
    expect(decimalFromMinor(eur(5))).toBe('0.05');
    expect(decimalFromMinor(eur(100_000_001))).toBe('1000000.01');
    expect(decimalFromMinor({ amount: 1500, currency: 'JPY' })).toBe('1500');
    expect(decimalFromMinor({ amount: 12345, currency: 'BHD' })).toBe('12.345');
    expect(decimalFromMinor(eur(-250))).toBe('-2.50');
  });

  it('parses decimals into minor units and refuses what does not fit the currency', () => {
    expect(minorFromDecimal('4.28', 'EUR')).toBe(428);
    expect(minorFromDecimal('4.2', 'EUR')).toBe(420);
    expect(minorFromDecimal('4', 'EUR')).toBe(400);
    expect(minorFromDecimal('4.280', 'EUR')).toBe(428);
    expect(minorFromDecimal('0.1', 'EUR')).toBe(10);
    expect(minorFromDecimal('4.285', 'EUR')).toBeUndefined();
    expect(minorFromDecimal('4,28', 'EUR')).toBeUndefined();
    expect(minorFromDecimal('1e3', 'EUR')).toBeUndefined();
    expect(minorFromDecimal('1500', 'JPY')).toBe(1500);
    expect(minorFromDecimal('1500.5', 'JPY')).toBeUndefined();
  });

  it('round-trips quantities in milli-units', () => {
    expect(decimalQuantity(12_500)).toBe('12.5');
    expect(decimalQuantity(2_000)).toBe('2');
    expect(decimalQuantity(250)).toBe('0.25');
    expect(milliFromDecimal('12.5')).toBe(12_500);
    expect(milliFromDecimal('0.250')).toBe(250);
    expect(milliFromDecimal('3')).toBe(3_000);
    expect(milliFromDecimal('1.2345')).toBeUndefined();
    expect(milliFromDecimal('-1')).toBeUndefined();
    expect(milliFromDecimal('1,5')).toBeUndefined();
  });
});

describe('units', () => {
  it('maps portal units to ISO / UN/ECE Rec. 20 codes per protocol', () => {
    expect(unitCode('pc', 'oci')).toBe('PCE');
    expect(unitCode('pc', 'cxml')).toBe('EA');
    expect(unitCode('box', 'oci')).toBe('BX');
    expect(unitCode('l', 'cxml')).toBe('LTR');
    expect(unitCode('pair', 'oci')).toBe('PR');
    expect(unitCode('cartridge', 'oci')).toBe('CQ');
    expect(unitCode('barrel', 'oci')).toBeUndefined();
  });
});

describe('OCI entry', () => {
  const entry = Object.fromEntries(new URLSearchParams(fixture('sap-srm-oci-entry.txt', { USERNAME: 'oci-4711', PASSWORD: 's3cret' }).trim()));

  it('reads the SAP SRM call, ignoring the catalog definition extras', () => {
    expect(parseOciEntry(entry)).toEqual({
      username: 'oci-4711',
      password: 's3cret',
      hookUrl: 'https://srm.mueller-bau.example/sap/bc/bsp/sapsrm/bbp_oci_catalog/catalog_return.htm?sap-client=100&OCI_VERSION=4.0',
      okCode: 'ADDI',
      target: '_top',
      caller: 'CTLG',
    });
  });

  it('accepts parameter names in any case and defaults ~OkCode/~TARGET/~CALLER', () => {
    const parsed = parseOciEntry({ username: 'u', password: 'p', hook_url: 'http://srm.local/return' });
    expect(parsed).toMatchObject({ okCode: 'ADDI', target: '_top', caller: 'CTLG' });
  });

  it('refuses a missing or dangerous HOOK_URL and bad frame targets', () => {
    const base = { USERNAME: 'u', PASSWORD: 'p' };
    expect(() => parseOciEntry(base)).toThrow(expect.objectContaining({ code: 'OCI_HOOK_URL_INVALID' }));
    expect(() => parseOciEntry({ ...base, HOOK_URL: 'javascript:alert(1)' })).toThrow(expect.objectContaining({ code: 'OCI_HOOK_URL_INVALID' }));
    expect(() => parseOciEntry({ ...base, HOOK_URL: '/relative' })).toThrow(expect.objectContaining({ code: 'OCI_HOOK_URL_INVALID' }));
    expect(() => parseOciEntry({ ...base, HOOK_URL: 'https://user:pw@srm.local/' })).toThrow(expect.objectContaining({ code: 'OCI_HOOK_URL_INVALID' }));
    expect(() => parseOciEntry({ ...base, HOOK_URL: 'https://srm.local/', '~TARGET': '"><script>' })).toThrow(
      expect.objectContaining({ code: 'OCI_TARGET_INVALID' }),
    );
    expect(() => parseOciEntry({ HOOK_URL: 'https://srm.local/' })).toThrow(expect.objectContaining({ code: 'OCI_CREDENTIALS_MISSING' }));
  });

  it('offers FUNCTION=DETAIL and says clearly that background search and validation are not offered', () => {
    const base = { USERNAME: 'u', PASSWORD: 'p', HOOK_URL: 'https://srm.local/' };
    expect(parseOciEntry({ ...base, FUNCTION: 'DETAIL', PRODUCTID: 'fas-001' })).toMatchObject({ function: 'DETAIL', productId: 'FAS-001' });
    expect(() => parseOciEntry({ ...base, FUNCTION: 'DETAIL' })).toThrow(expect.objectContaining({ code: 'OCI_PRODUCT_INVALID' }));
    expect(() => parseOciEntry({ ...base, FUNCTION: 'VALIDATE' })).toThrow(expect.objectContaining({ code: 'OCI_FUNCTION_NOT_SUPPORTED' }));
    expect(() => parseOciEntry({ ...base, FUNCTION: 'BACKGROUND_SEARCH' })).toThrow(expect.objectContaining({ code: 'OCI_FUNCTION_NOT_SUPPORTED' }));
    expect(() => parseOciEntry({ ...base, FUNCTION: 'DROP_TABLES' })).toThrow(expect.objectContaining({ code: 'OCI_FUNCTION_UNKNOWN' }));
  });
});

describe('OCI transfer fields', () => {
  const options = { okCode: 'ADDI', target: '_top', caller: 'CTLG' };

  it('numbers NEW_ITEM fields from 1 with the company price as decimal string', () => {
    const fields = ociTransferFields(
      [
        line(),
        line({
          sku: 'HAN-002',
          name: 'Combination pliers size 2',
          categoryId: 'hand-tools',
          unit: 'pc',
          quantity: 3000,
          unitNet: eur(890),
          lineNet: eur(2670),
          leadTimeDays: 2,
        }),
      ],
      { ...options, vendorNumber: '100234' },
    );
    const map = new Map(fields);
    expect(fields.slice(0, 3)).toEqual([
      ['~OkCode', 'ADDI'],
      ['~TARGET', '_top'],
      ['~CALLER', 'CTLG'],
    ]);
    expect(map.get('NEW_ITEM-DESCRIPTION[1]')).toBe('Wood screw M4');
    expect(map.get('NEW_ITEM-QUANTITY[1]')).toBe('12.5');
    expect(map.get('NEW_ITEM-UNIT[1]')).toBe('BX');
    expect(map.get('NEW_ITEM-PRICE[1]')).toBe('4.28');
    expect(map.get('NEW_ITEM-PRICEUNIT[1]')).toBe('1');
    expect(map.get('NEW_ITEM-CURRENCY[1]')).toBe('EUR');
    expect(map.get('NEW_ITEM-VENDORMAT[1]')).toBe('FAS-001');
    expect(map.get('NEW_ITEM-EXT_PRODUCT_ID[1]')).toBe('FAS-001');
    expect(map.get('NEW_ITEM-MATGROUP[1]')).toBe('31160000');
    expect(map.get('NEW_ITEM-VENDOR[1]')).toBe('100234');
    expect(map.has('NEW_ITEM-LEADTIME[1]')).toBe(false);
    expect(map.get('NEW_ITEM-UNIT[2]')).toBe('PCE');
    expect(map.get('NEW_ITEM-PRICE[2]')).toBe('8.90');
    expect(map.get('NEW_ITEM-QUANTITY[2]')).toBe('3');
    expect(map.get('NEW_ITEM-LEADTIME[2]')).toBe('2');
    expect(map.get('NEW_ITEM-MATGROUP[2]')).toBe('27110000');
    expect(map.get('NEW_ITEM-LONGTEXT_1:132[]')).toBe('Screws, bolts, nuts and anchors');
  });

  it('cuts the description at 40 characters and keeps the full name in the long text', () => {
    const name = 'Cordless drill 18V Pro kit 2x 5Ah with case and two batteries';
    const map = new Map(ociTransferFields([line({ name, description: 'Brushless motor, 60 Nm.' })], options));
    expect(map.get('NEW_ITEM-DESCRIPTION[1]')).toBe(name.slice(0, 40));
    expect(map.get('NEW_ITEM-LONGTEXT_1:132[]')).toBe(`${name}\nBrushless motor, 60 Nm.`);
    expect(ociLongText({ name: 'Short', description: '' })).toBe('');
  });

  it('leaves out MATGROUP for categories without UNSPSC and refuses unmapped units', () => {
    expect(new Map(ociTransferFields([line({ categoryId: 'workshop' })], options)).has('NEW_ITEM-MATGROUP[1]')).toBe(false);
    expect(() => ociTransferFields([line({ unit: 'barrel' })], options)).toThrow(expect.objectContaining({ code: 'UNIT_NOT_MAPPED' }));
  });

  it("hands over the buyer's own article number as CUST_MAT, and nothing when it has none", () => {
    const fields = new Map(ociTransferFields([line({ buyerNumber: 'MB-4711/08' }), line({ sku: 'B' })], options));
    expect(fields.get('NEW_ITEM-CUST_MAT[1]')).toBe('MB-4711/08');
    expect(fields.has('NEW_ITEM-CUST_MAT[2]')).toBe(false);
  });
});

describe('cXML', () => {
  const setupXml = fixture('ariba-punchout-setup-request.xml', { BUYER_ANID: 'AN01000012345', SHARED_SECRET: 'topsecret' });

  it('parses an Ariba PunchOutSetupRequest', () => {
    const parsed = parseCxml(setupXml);
    expect(parsed.kind).toBe('PunchOutSetupRequest');
    if (parsed.kind !== 'PunchOutSetupRequest') return;
    expect(parsed.operation).toBe('create');
    expect(parsed.buyerCookie).toBe('34234234ADFSDF234234');
    expect(parsed.browserFormPostUrl).toBe('https://s1.ariba.com/Buyer/punchout?client=mueller&session=88a7');
    expect(parsed.userEmail).toBe('j.schmidt@mueller-bau.example');
    expect(buyerCredential(parsed.header)).toEqual({ domain: 'NetworkID', identity: 'AN01000012345' });
    expect(senderSecret(parsed.header)).toBe('topsecret');
    expect(parsed.header.payloadId).toBe('1732406400123.4711.8850@ariba.com');
  });

  it('parses an OrderRequest with addresses and line prices in minor units', () => {
    const item = (values: Record<string, string>) => fixture('ariba-order-item.xml', values);
    const xml = fixture('ariba-order-request.xml', {
      BUYER_ANID: 'AN01000012345',
      SHARED_SECRET: 'topsecret',
      ORDER_ID: 'PO-4500012345',
      TOTAL: '62.20',
      ITEMS: [
        item({ QUANTITY: '12.5', LINE: '1', SKU: 'FAS-001', PRICE: '4.28', DESCRIPTION: 'Wood screw M4', UNIT: 'BX', UNSPSC: '31160000' }),
        item({ QUANTITY: '1', LINE: '2', SKU: 'HAN-002', PRICE: '8.70', DESCRIPTION: 'Pliers', UNIT: 'EA', UNSPSC: '27110000' }),
      ].join(''),
    });
    const parsed = parseCxml(xml) as OrderRequest;
    expect(parsed.kind).toBe('OrderRequest');
    expect(parsed.orderId).toBe('PO-4500012345');
    expect(parsed.total).toEqual(eur(6220));
    expect(parsed.shipTo).toEqual({
      name: 'Müller Bau GmbH, Lager Stuttgart',
      street: 'Industriestraße 12',
      city: 'Stuttgart',
      postalCode: '70565',
      country: 'DE',
    });
    expect(parsed.billTo?.postalCode).toBe('70173');
    expect(parsed.lines).toEqual([
      { lineNumber: 1, supplierPartId: 'FAS-001', quantity: 12_500, unitPrice: eur(428), unitOfMeasure: 'BX', description: 'Wood screw M4' },
      { lineNumber: 2, supplierPartId: 'HAN-002', quantity: 1000, unitPrice: eur(870), unitOfMeasure: 'EA', description: 'Pliers' },
    ]);
  });

  it('refuses entity declarations, broken XML, other roots and prices with too many decimals', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><cXML payloadID="x"><Header/></cXML>`;
    expect(() => parseCxml(bomb)).toThrow(expect.objectContaining({ code: 'CXML_MALFORMED' }));
    expect(() => parseCxml('<cXML><Header>')).toThrow(expect.objectContaining({ code: 'CXML_MALFORMED' }));
    expect(() => parseCxml('<Order/>')).toThrow(expect.objectContaining({ code: 'CXML_MALFORMED' }));
    const badPrice = fixture('ariba-order-request.xml', {
      BUYER_ANID: 'A',
      SHARED_SECRET: 's',
      ORDER_ID: 'PO-1',
      TOTAL: '1.00',
      ITEMS: fixture('ariba-order-item.xml', { QUANTITY: '1', LINE: '1', SKU: 'X', PRICE: '1.005', DESCRIPTION: 'x', UNIT: 'EA', UNSPSC: '1' }),
    });
    expect(() => parseCxml(badPrice)).toThrow(expect.objectContaining({ code: 'CXML_MALFORMED' }));
  });

  it('builds a PunchOutOrderMessage that parses back to the same cart (round trip)', () => {
    const lines = [
      line(),
      line({
        sku: 'WOR-001',
        name: 'Workbench <1200 mm> & drawers',
        categoryId: 'workshop',
        unit: 'pc',
        quantity: 1000,
        unitNet: eur(6400),
        lineNet: eur(6400),
      }),
    ];
    const xml = buildPunchOutOrderMessage({
      meta: { payloadId: '1.abc@portal.example', timestamp: '2026-11-23T22:00:00.000Z' },
      buyer: [{ domain: 'NetworkID', identity: 'AN01000012345' }],
      supplier: [{ domain: 'NetworkID', identity: 'AN01000099999' }],
      buyerCookie: '34234234ADFSDF234234',
      lines,
    });
    expect(xml).toContain('<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">');
    expect(xml).not.toContain('SharedSecret');
    expect(xml).not.toContain('BuyerPartID');
    const withOwnNumber = buildPunchOutOrderMessage({
      meta: { payloadId: 'p', timestamp: 't' },
      buyer: [],
      supplier: [],
      buyerCookie: 'c',
      lines: [line({ buyerNumber: 'MB-4711/08' })],
    });
    expect(withOwnNumber).toMatch(/<ItemID><SupplierPartID>[^<]+<\/SupplierPartID><BuyerPartID>MB-4711\/08<\/BuyerPartID><\/ItemID>/);
    const parsed = parseCxml(xml);
    expect(parsed.kind).toBe('PunchOutOrderMessage');
    if (parsed.kind !== 'PunchOutOrderMessage') return;
    expect(parsed.buyerCookie).toBe('34234234ADFSDF234234');
    expect(parsed.header.to).toEqual([{ domain: 'NetworkID', identity: 'AN01000012345' }]);
    expect(parsed.header.from).toEqual([{ domain: 'NetworkID', identity: 'AN01000099999' }]);
    expect(parsed.total).toEqual(eur(5350 + 6400));
    expect(parsed.items).toEqual([
      {
        supplierPartId: 'FAS-001',
        quantity: 12_500,
        unitPrice: eur(428),
        description: 'Screws, bolts, nuts and anchors',
        unitOfMeasure: 'BX',
        classification: { domain: 'UNSPSC', code: '31160000' },
      },
      {
        supplierPartId: 'WOR-001',
        quantity: 1000,
        unitPrice: eur(6400),
        description: 'Screws, bolts, nuts and anchors',
        unitOfMeasure: 'EA',
        classification: { domain: 'SupplierCategory', code: 'workshop' },
      },
    ]);
    expect(xml).toContain('Workbench &lt;1200 mm&gt; &amp; drawers');
  });

  it('refuses carts in several currencies', () => {
    expect(() =>
      buildPunchOutOrderMessage({
        meta: { payloadId: 'p', timestamp: 't' },
        buyer: [],
        supplier: [],
        buyerCookie: 'c',
        lines: [line(), line({ sku: 'B', unitNet: { amount: 1, currency: 'PLN' }, lineNet: { amount: 1, currency: 'PLN' } })],
      }),
    ).toThrow(expect.objectContaining({ code: 'MIXED_CURRENCIES' }));
  });

  it('builds responses with the status code and an escaped text', () => {
    const meta = { payloadId: '2.def@portal.example', timestamp: '2026-11-23T22:00:00.000Z' };
    expect(buildSetupResponse(meta, 'https://shop.example/punchout/start?code=a&b')).toContain('<URL>https://shop.example/punchout/start?code=a&amp;b</URL>');
    expect(buildResponse(meta, 409, 'Line 1: price <differs>')).toContain('<Status code="409" text="Conflict">Line 1: price &lt;differs&gt;</Status>');
  });
});

describe('OrderRequest checks', () => {
  const shop = new Map([
    ['FAS-001', { sku: 'FAS-001', unit: 'box', unitNet: eur(428), active: true }],
    ['OLD-001', { sku: 'OLD-001', unit: 'pc', unitNet: eur(100), active: false }],
  ]);
  const order = (overrides: Partial<OrderRequest['lines'][number]> = {}) => [
    { lineNumber: 1, supplierPartId: 'FAS-001', quantity: 2000, unitPrice: eur(428), unitOfMeasure: 'BX', description: '', ...overrides },
  ];

  it('accepts the agreed price and unit', () => {
    expect(checkOrderLines(order(), shop)).toEqual([]);
    expect(checkOrderLines(order({ supplierPartId: 'fas-001' }), shop)).toEqual([]);
  });

  it('names unknown and inactive parts, price and unit mismatches and unorderable quantities', () => {
    expect(checkOrderLines(order({ supplierPartId: 'NOPE' }), shop)[0]).toMatchObject({ code: 'UNKNOWN_PART', lineNumber: 1 });
    expect(checkOrderLines(order({ supplierPartId: 'OLD-001' }), shop)[0]).toMatchObject({ code: 'UNKNOWN_PART' });
    expect(checkOrderLines(order({ unitPrice: eur(427) }), shop)[0]).toMatchObject({ code: 'PRICE_MISMATCH', message: expect.stringContaining('4.27') });
    expect(checkOrderLines(order({ unitPrice: { amount: 428, currency: 'PLN' } }), shop)[0]).toMatchObject({ code: 'PRICE_MISMATCH' });
    expect(checkOrderLines(order({ unitOfMeasure: 'KGM' }), shop)[0]).toMatchObject({ code: 'UNIT_MISMATCH' });
    expect(checkOrderLines(order(), shop, new Map([['FAS-001', 'BELOW_MINIMUM']]))[0]).toMatchObject({ code: 'NOT_ORDERABLE' });
  });

  it('fingerprints the content so a reused orderID with other lines is told apart', () => {
    const base = { orderId: 'PO-1', total: eur(856), lines: order() };
    expect(orderFingerprint(base)).toBe(orderFingerprint({ ...base }));
    expect(orderFingerprint(base)).not.toBe(orderFingerprint({ ...base, lines: order({ quantity: 3000 }) }));
  });
});

describe('secrets', () => {
  it('stores scrypt hashes and verifies only the right secret', async () => {
    const hash = await hashSecret('correct horse');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain('correct horse');
    await expect(verifySecret('correct horse', hash)).resolves.toBe(true);
    await expect(verifySecret('correct hors', hash)).resolves.toBe(false);
    await expect(verifySecret('correct horse', undefined)).resolves.toBe(false);
    expect(await hashSecret('correct horse')).not.toBe(hash);
  });
});

describe('failed credential attempts (lockout with back-off)', () => {
  const { maxFailures, windowSeconds, maxLockSeconds } = credentialLockout;
  const now = 1_800_000_000;
  const failTimes = (count: number, from = now, step = 1) => {
    let counter: ReturnType<typeof afterFailure> | undefined;
    for (let index = 0; index < count; index += 1) counter = afterFailure(counter, from + index * step);
    return counter!;
  };

  it('counts failures in a window that starts with the first one', () => {
    expect(afterFailure(undefined, now)).toEqual({ failures: 1, expiresAt: now + windowSeconds });
    expect(afterFailure({ failures: 3, expiresAt: now + 100 }, now)).toEqual({ failures: 4, expiresAt: now + 100 });
    expect(failureWindowEnd(now)).toBe(now + 15 * 60);
  });

  it('an expired counter counts as none and starts a new window (TTL deletes lazily)', () => {
    const stale = { failures: maxFailures + 5, expiresAt: now };
    expect(liveCounter(stale, now)).toBeUndefined();
    expect(isCredentialLocked(stale, now)).toBe(false);
    expect(afterFailure(stale, now)).toEqual({ failures: 1, expiresAt: now + windowSeconds });
  });

  it('locks at the limit for one window from the failure that reached it, not before', () => {
    const below = failTimes(maxFailures - 1);
    expect(isCredentialLocked(below, now + 60)).toBe(false);
    expect(lockedUntil(maxFailures - 1, now)).toBeUndefined();
    const reached = afterFailure(below, now + 600);
    expect(reached.failures).toBe(maxFailures);
    expect(reached.expiresAt).toBe(now + 600 + windowSeconds);
    expect(isCredentialLocked(reached, now + 600 + windowSeconds - 1)).toBe(true);
    expect(isCredentialLocked(reached, now + 600 + windowSeconds)).toBe(false);
  });

  it('each further failure doubles the lock, up to a day, and never shortens it', () => {
    expect(lockedUntil(maxFailures, now)).toBe(now + windowSeconds);
    expect(lockedUntil(maxFailures + 1, now)).toBe(now + 2 * windowSeconds);
    expect(lockedUntil(maxFailures + 2, now)).toBe(now + 4 * windowSeconds);
    expect(lockedUntil(maxFailures + 50, now)).toBe(now + maxLockSeconds);
    expect(lockedUntil(Number.MAX_SAFE_INTEGER, now)).toBe(now + maxLockSeconds);
    const long = { failures: maxFailures + 6, expiresAt: now + maxLockSeconds };
    expect(afterFailure(long, now + 10).expiresAt).toBe(now + 10 + maxLockSeconds);
    expect(afterFailure({ failures: maxFailures, expiresAt: now + 5 * windowSeconds }, now).expiresAt).toBe(now + 5 * windowSeconds);
  });
});

describe('technical punchout account names', () => {
  it('live on the reserved non-deliverable domain, with a local part of at most 64 characters', () => {
    expect(technicalPunchoutEmail('mueller-bau', 'abcdef0123')).toBe('punchout-mueller-bau-abcdef0123@punchout.invalid');
    const long = technicalPunchoutEmail('A'.repeat(64));
    expect(long).toMatch(/^punchout-a{40}-[0-9a-f]{10}@punchout\.invalid$/);
    expect(long.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(technicalPunchoutEmail('x')).not.toBe(technicalPunchoutEmail('x'));
  });
});

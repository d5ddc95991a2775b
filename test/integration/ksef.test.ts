import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../functions/orders/repository.js';
import { dynamo } from '../../functions/shared/clients/dynamo.js';
import { s3 } from '../../functions/shared/clients/s3.js';
import { config } from '../../functions/shared/config.js';
import { invoiceKeys, issueInvoice } from '../../functions/invoices/service.js';
import { resendInvoiceFromConsole, resendOfflineInvoice } from '../../functions/invoices/ksef-resend.js';
import { api, signIn, useStackInProcess, users } from '../support/api.js';
import { newCompanyWithBuyers } from '../support/accounts.js';
import { startKsefTestServer, type KsefTestServer } from '../support/ksef-server.js';
import { validateAgainstXsd } from '../support/xsd.js';

/**
 * issueInvoice for a seller in Poland against the local stack's DynamoDB and S3 (in process) and the KSeF
 * contract test server: the invoice item gets the KSeF outcome, the FA(3) XML and the UPO land next to
 * the PDF, the PDF prints the number (or OFFLINE). A company id of its own (no other test reads it);
 * the shop settings are switched to a Polish seller for this file only and restored afterwards.
 */

const NIP = '5261040828';
const TOKEN = 'ksef-integration-token';
const company = `ksef-it-${randomUUID().slice(0, 8)}`;
const SHOP = { PK: 'CONFIG', SK: 'SHOP' };
const pln = (amount: number) => ({ amount, currency: 'PLN' });

let server: KsefTestServer;
let savedShop: Record<string, unknown> | undefined;

const order = (orderNumber: string, companyId = company): Order =>
  ({
    orderId: randomUUID(),
    orderNumber,
    companyId,
    placedBy: { sub: 'sub-1', email: 'buyer@nowak-instalacje.example', name: 'Buyer', role: 'buyer' },
    status: 'confirmed',
    createdAt: '2026-11-20T08:00:00.000Z',
    lines: [
      { sku: 'DRL-1001', name: 'Wiertarka', unit: 'pc', quantity: '2', unitNet: pln(10_000), lineNet: pln(20_000), vatRate: 2300 },
      { sku: 'BK-3003', name: 'Książka', unit: 'pc', quantity: '1', unitNet: pln(5_000), lineNet: pln(5_000), vatRate: 800 },
    ],
    net: pln(25_000),
    vat: pln(5_000),
    gross: pln(30_000),
    vatBreakdown: [
      { rate: 2300, net: pln(20_000), vat: pln(4_600) },
      { rate: 800, net: pln(5_000), vat: pln(400) },
    ],
    reverseCharge: { applies: false },
    orderDiscounts: [],
    agreementId: null,
    paymentMethod: 'on-account',
    delivery: { kind: 'pickup' },
    deliveryFee: pln(0),
  }) as unknown as Order;

const object = async (key: string) => {
  const response = await s3().send(new GetObjectCommand({ Bucket: config.bucketName('documents'), Key: key }));
  return Buffer.from(await response.Body!.transformToByteArray());
};
const pdfText = (pdf: Buffer): string => {
  const folder = mkdtempSync(join(tmpdir(), 'ksef-it-'));
  try {
    writeFileSync(join(folder, 'a.pdf'), pdf);
    return spawnSync('pdftotext', ['-raw', join(folder, 'a.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};
const item = async (invoiceNumber: string) =>
  (await dynamo().send(new GetCommand({ TableName: config.tableName(), Key: invoiceKeys.invoice(company, invoiceNumber), ConsistentRead: true }))).Item;

beforeAll(async () => {
  useStackInProcess();
  server = await startKsefTestServer({ token: TOKEN, nip: NIP, pendingPolls: 1 });
  Object.assign(process.env, { KSEF_BASE_URL: server.url, KSEF_TOKEN: TOKEN, KSEF_ENVIRONMENT: 'test' });
  savedShop = (await dynamo().send(new GetCommand({ TableName: config.tableName(), Key: SHOP, ConsistentRead: true }))).Item;
  await dynamo().send(
    new PutCommand({
      TableName: config.tableName(),
      Item: {
        ...(savedShop ?? SHOP),
        sellerCountry: 'PL',
        sellerVatId: `PL${NIP}`,
        name: 'Hurtownia Techniczna Kowalski Sp. z o.o.',
        sellerAddressLines: ['ul. Marszałkowska 10', '00-590 Warszawa', 'Polska'],
        sellerIban: 'PL61109010140000071219812874',
      },
    }),
  );
});

afterAll(async () => {
  if (savedShop) await dynamo().send(new PutCommand({ TableName: config.tableName(), Item: savedShop }));
  await server?.close();
});

describe('KSeF at invoice issue (seller in Poland)', () => {
  it('accepted: KSeF number on the invoice, FA(3) (valid) and UPO next to the PDF, the PDF shows the number', async () => {
    const invoiceNumber = `FV-KSEF-${randomUUID().slice(0, 6)}`;
    await issueInvoice(order(`ORD-KSEF-${invoiceNumber}`), { erpOrderId: 'erp-1', invoiceNumber, issuedAt: '2026-11-20T09:00:00.000Z', dueDate: '2026-12-04' });
    const stored = await item(invoiceNumber);
    expect(stored?.ksef).toMatchObject({
      status: 'accepted',
      fa3Key: `invoices/${company}/${invoiceNumber}.fa3.xml`,
      upoKey: `invoices/${company}/${invoiceNumber}.upo.xml`,
    });
    const ksefNumber = String(stored?.ksef?.ksefNumber);
    expect(ksefNumber).toMatch(/^5261040828-\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$/);
    const fa3 = (await object(`invoices/${company}/${invoiceNumber}.fa3.xml`)).toString('utf8');
    expect(validateAgainstXsd(fa3, 'test/fixtures/xsd/ksef-fa3/schemat_FA3_v1-0E.xsd').errors).toEqual([]);
    expect(fa3).toContain(`<P_2>${invoiceNumber}</P_2>`);
    // KSeF received exactly the stored bytes.
    expect([...server.invoices.values()].some((received) => received.xml === fa3)).toBe(true);
    expect((await object(`invoices/${company}/${invoiceNumber}.upo.xml`)).toString('utf8')).toContain(`<NumerKSeFDokumentu>${ksefNumber}</NumerKSeFDokumentu>`);
    const text = pdfText(await object(String(stored?.pdfKey)));
    expect(text).toContain(`KSeF number: ${ksefNumber}`);
    expect(text.replace(/ /g, '')).toContain(String(stored?.ksef?.verificationUrl));
    // The XRechnung download stays as it was.
    expect((await object(String(stored?.xmlKey))).toString('utf8')).toContain('CrossIndustryInvoice');
  });

  it('KSeF unavailable: the invoice is still issued, offline, the PDF says OFFLINE; sent again later it gets its number', async () => {
    server.available = false;
    try {
      const invoiceNumber = `FV-KSEF-${randomUUID().slice(0, 6)}`;
      await issueInvoice(order(`ORD-KSEF-${invoiceNumber}`), { erpOrderId: 'erp-2', invoiceNumber, issuedAt: '2026-11-20T09:00:00.000Z' });
      const stored = await item(invoiceNumber);
      expect(stored?.pdfKey).toBeDefined();
      expect(stored?.ksef).toMatchObject({ status: 'offline', reason: expect.stringContaining('503') });
      expect(stored?.ksef?.ksefNumber).toBeUndefined();
      expect((await object(`invoices/${company}/${invoiceNumber}.fa3.xml`)).toString('utf8')).toContain('<RodzajFaktury>VAT</RodzajFaktury>');
      expect(pdfText(await object(String(stored?.pdfKey)))).toContain('KSeF: OFFLINE');

      // KSeF is back: the offline document is sent again, unchanged, with offlineMode, and gets its number.
      server.available = true;
      const resent = await resendOfflineInvoice(company, invoiceNumber);
      expect(resent).toMatchObject({
        status: 'accepted',
        verificationUrl: stored?.ksef?.verificationUrl,
        upoKey: `invoices/${company}/${invoiceNumber}.upo.xml`,
      });
      const after = await item(invoiceNumber);
      expect(after?.ksef?.ksefNumber).toBe(resent?.ksefNumber);
      const fa3 = (await object(`invoices/${company}/${invoiceNumber}.fa3.xml`)).toString('utf8');
      const received = [...server.invoices.values()].find((entry) => entry.xml === fa3);
      expect(received?.offlineMode).toBe(true);
      expect((await object(`invoices/${company}/${invoiceNumber}.upo.xml`)).toString('utf8')).toContain('<TrybWysylki>Offline</TrybWysylki>');
      // Once accepted, nothing is sent again.
      const sends = server.calls.filter((call) => call.endsWith('/invoices') && call.startsWith('POST')).length;
      expect(await resendOfflineInvoice(company, invoiceNumber)).toMatchObject({ status: 'accepted', ksefNumber: resent?.ksefNumber });
      expect(server.calls.filter((call) => call.endsWith('/invoices') && call.startsWith('POST')).length).toBe(sends);
    } finally {
      server.available = true;
    }
  });
});

describe('KSeF outcome through the HTTP API (a real company of its own)', () => {
  let companyId: string;
  let admin: string;
  let backOffice: string;
  const invoiceNumberOf = () => `FV-2026-${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const read = async (invoiceNumber: string) =>
    (await dynamo().send(new GetCommand({ TableName: config.tableName(), Key: invoiceKeys.invoice(companyId, invoiceNumber), ConsistentRead: true }))).Item;

  beforeAll(async () => {
    ({ companyId, admin, backOffice } = await newCompanyWithBuyers(1));
  });

  it('the documents API shows the KSeF number of an accepted invoice and "offline" of an offline one', async () => {
    const accepted = invoiceNumberOf();
    await issueInvoice(order(`ORD-KSEF-${accepted}`, companyId), {
      erpOrderId: 'erp-doc-1',
      invoiceNumber: accepted,
      issuedAt: '2026-11-20T09:00:00.000Z',
      dueDate: '2026-12-04',
    });
    const stored = await read(accepted);
    expect(stored?.ksef?.status).toBe('accepted');
    const list = await api(`/companies/${companyId}/documents?kind=invoice`, { token: admin });
    expect(list.status).toBe(200);
    const listed = list.body.invoices.find((entry: { number: string }) => entry.number === accepted);
    expect(listed.ksef).toEqual({ status: 'accepted', ksefNumber: stored?.ksef?.ksefNumber, verificationUrl: stored?.ksef?.verificationUrl });
    const one = await api(`/companies/${companyId}/invoices/${accepted}`, { token: admin });
    expect(one.body.ksef).toEqual(listed.ksef);

    server.available = false;
    const offline = invoiceNumberOf();
    try {
      await issueInvoice(order(`ORD-KSEF-${offline}`, companyId), { erpOrderId: 'erp-doc-2', invoiceNumber: offline, issuedAt: '2026-11-20T09:00:00.000Z' });
    } finally {
      server.available = true;
    }
    const single = await api(`/companies/${companyId}/invoices/${offline}`, { token: admin });
    expect(single.body.ksef).toEqual({ status: 'offline', verificationUrl: (await read(offline))?.ksef?.verificationUrl });
  });

  it('POST /console/invoices/{n}/ksef: back office only, 404 unknown, 409 not offline, 503 while KSeF is unreachable; sent, the number is recorded', async () => {
    server.available = false;
    const invoiceNumber = invoiceNumberOf();
    try {
      await issueInvoice(order(`ORD-KSEF-${invoiceNumber}`, companyId), { erpOrderId: 'erp-resend-1', invoiceNumber, issuedAt: '2026-11-20T09:00:00.000Z' });
    } finally {
      server.available = true;
    }
    const before = await read(invoiceNumber);
    expect(before?.ksef?.status).toBe('offline');
    const path = `/console/invoices/${invoiceNumber}/ksef`;
    for (const token of [admin, await signIn(users.rep, 'console')]) {
      const refused = await api(path, { token, method: 'POST' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    const unknown = await api(`/console/invoices/FV-2026-000000000001/ksef`, { token: backOffice, method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    // The local gateway's Lambda has no KSeF connection configured: the invoice stays offline, unchanged.
    const unreachable = await api(path, { token: backOffice, method: 'POST' });
    expect(unreachable.status).toBe(503);
    expect(unreachable.body.error.code).toBe('KSEF_UNAVAILABLE');
    expect((await read(invoiceNumber))?.ksef).toEqual(before?.ksef);

    // The same service in process, with the KSeF test server: the number is recorded.
    const sent = await resendInvoiceFromConsole(invoiceNumber);
    expect(sent).toMatchObject({ invoiceNumber, companyId, ksef: { status: 'accepted', verificationUrl: before?.ksef?.verificationUrl } });
    const accepted = (await read(invoiceNumber))?.ksef;
    expect(accepted?.ksefNumber).toBe(sent.ksef.ksefNumber);

    const again = await api(path, { token: backOffice, method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('KSEF_NOT_OFFLINE');
    expect((await read(invoiceNumber))?.ksef).toEqual(accepted);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPolishSeller, issueToKsef, type KsefConnection } from '../../functions/invoices/ksef-documents.js';
import { ksefVerificationUrl } from '../../functions/invoices/ksef-fa3.js';
import { renderInvoicePdf, type InvoiceDocument } from '../../functions/invoices/pdf.js';
import { pln, polishInvoice, sellerNip } from '../support/ksef-fixtures.js';
import { startKsefTestServer, type KsefTestServer } from '../support/ksef-server.js';
import { validateAgainstXsd } from '../support/xsd.js';

/** Issuing a Polish seller's document to KSeF (ksef-documents.ts) against the contract test server, and the PDF marking. */

const NIP = sellerNip;
const TOKEN = 'ksef-token-for-5261040828';
const XSD = 'test/fixtures/xsd/ksef-fa3/schemat_FA3_v1-0E.xsd';
const model = (number: string) => polishInvoice(number, { buyerReference: 'PO-1', orderReference: 'ORD-2026-000017' });

let server: KsefTestServer;
let connection: KsefConnection;
const poll = { pollIntervalMs: 2 };

beforeAll(async () => {
  server = await startKsefTestServer({ token: TOKEN, nip: NIP });
  connection = { baseUrl: server.url, token: TOKEN, environment: 'test' };
});
afterAll(() => server.close());
beforeEach(() => {
  server.available = true;
});

/** Dark pixels of page 1 rendered by pdftoppm (gray, 72 dpi): a drawn QR code adds well over a thousand. */
function darkPixels(pdf: Uint8Array): number {
  const folder = mkdtempSync(join(tmpdir(), 'ksef-ppm-'));
  try {
    writeFileSync(join(folder, 'a.pdf'), pdf);
    const result = spawnSync('pdftoppm', ['-gray', '-r', '72', '-f', '1', '-l', '1', '-singlefile', join(folder, 'a.pdf'), join(folder, 'page')]);
    if (result.error || result.status !== 0) throw new Error(`pdftoppm failed: ${String(result.stderr)}`);
    const pgm = readFileSync(join(folder, 'page.pgm'));
    const header = /^P5\s+\d+\s+\d+\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))?.[0] ?? '';
    return pgm.subarray(header.length).filter((value) => value < 96).length;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function pdfText(pdf: Uint8Array): string {
  const folder = mkdtempSync(join(tmpdir(), 'ksef-pdf-'));
  try {
    writeFileSync(join(folder, 'a.pdf'), pdf);
    const result = spawnSync('pdftotext', ['-raw', join(folder, 'a.pdf'), '-'], { encoding: 'utf8' });
    if (result.error) throw result.error;
    return result.stdout.replace(/\s+/g, ' ');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('KSeF issue for a seller in Poland', () => {
  it('the seller setting: shop settings sellerCountry PL', () => {
    expect(isPolishSeller({ sellerCountry: 'PL' })).toBe(true);
    expect(isPolishSeller({ sellerCountry: 'pl ' })).toBe(true);
    expect(isPolishSeller({ sellerCountry: 'DE' })).toBe(false);
  });

  it('accepted: KSeF number and references recorded, FA(3) (valid) and UPO stored next to the PDF, KOD I of exactly the stored XML', async () => {
    const issued = await issueToKsef(
      { model: model('FV/2026/100001'), keyBase: 'invoices/c1/FV-100001', generatedAt: '2026-11-20T09:00:00.000Z' },
      connection,
      undefined,
      poll,
    );
    expect(issued.record).toMatchObject({ status: 'accepted', fa3Key: 'invoices/c1/FV-100001.fa3.xml', upoKey: 'invoices/c1/FV-100001.upo.xml' });
    expect(issued.record.ksefNumber).toMatch(/^5261040828-\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$/);
    const [fa3, upo] = issued.artefacts;
    expect(fa3?.key).toBe('invoices/c1/FV-100001.fa3.xml');
    expect(validateAgainstXsd(fa3?.body ?? '', XSD).errors).toEqual([]);
    expect(fa3?.body).toContain('<DataWytworzeniaFa>2026-11-20T09:00:00Z</DataWytworzeniaFa>');
    expect(upo?.body).toContain(`<NumerKSeFDokumentu>${issued.record.ksefNumber}</NumerKSeFDokumentu>`);
    expect(issued.marking).toEqual({
      number: issued.record.ksefNumber,
      verificationUrl: ksefVerificationUrl({ environment: 'test', sellerNip: NIP, issueDate: '2026-11-20', xml: fa3?.body ?? '' }),
    });
    expect(issued.marking?.verificationUrl).toMatch(/^https:\/\/qr-test\.ksef\.mf\.gov\.pl\/invoice\/5261040828\/20-11-2026\//);
  });

  it('a retried issue (same document, same issue time) gets the number KSeF assigned the first time, with the same KOD I', async () => {
    const input = { model: model('FV/2026/100002'), keyBase: 'invoices/c1/FV-100002', generatedAt: '2026-11-20T09:00:00Z' };
    const first = await issueToKsef(input, connection, undefined, poll);
    const again = await issueToKsef(input, connection, undefined, poll);
    expect(again.record.status).toBe('accepted');
    expect(again.record.ksefNumber).toBe(first.record.ksefNumber);
    expect(again.marking?.verificationUrl).toBe(first.marking?.verificationUrl);
  });

  it('KSeF down or not configured: offline with the KOD I link, FA(3) still stored', async () => {
    server.available = false;
    const down = await issueToKsef({ model: model('FV/2026/100003'), keyBase: 'invoices/c1/FV-100003' }, connection, undefined, poll);
    expect(down.record).toMatchObject({ status: 'offline', reason: expect.stringContaining('503') });
    expect(down.record.ksefNumber).toBeUndefined();
    expect(down.marking?.number).toBeUndefined();
    expect(down.artefacts.map((artefact) => artefact.key)).toEqual(['invoices/c1/FV-100003.fa3.xml']);
    const unconfigured = await issueToKsef({ model: model('FV/2026/100004'), keyBase: 'invoices/c1/FV-100004' }, undefined);
    expect(unconfigured.record).toMatchObject({ status: 'offline', reason: expect.stringContaining('not configured') });
    // Without a configured environment the link points at production.
    expect(unconfigured.marking?.verificationUrl).toMatch(/^https:\/\/qr\.ksef\.mf\.gov\.pl\/invoice\/5261040828\/20-11-2026\//);
  });

  it('a seller without a valid NIP: recorded as rejected, nothing sent, the document itself is not blocked', async () => {
    server.calls.length = 0;
    const issued = await issueToKsef(
      { model: { ...model('FV/2026/100005'), seller: { ...model('x').seller, vatId: 'PL1234567890' } }, keyBase: 'invoices/c1/FV-100005' },
      connection,
      undefined,
      poll,
    );
    expect(issued.record).toMatchObject({ status: 'rejected', code: 0, reason: expect.stringContaining('NIP') });
    expect(issued.artefacts).toEqual([]);
    expect(server.calls).toEqual([]);
  });

  it('the invoice PDF shows the KOD I QR code with the KSeF number (or OFFLINE) and the verification link', async () => {
    const document: InvoiceDocument = {
      invoiceNumber: 'FV/2026/100001',
      orderNumber: 'ORD-2026-000017',
      issueDate: '2026-11-20',
      seller: {
        name: 'Hurtownia Techniczna Kowalski Sp. z o.o.',
        addressLines: ['ul. Marszałkowska 10', '00-590 Warszawa', 'Polska'],
        vatId: `PL${NIP}`,
        iban: 'PL61109010140000071219812874',
      },
      buyer: { name: 'Nowak Instalacje Sp. z o.o.', addressLines: ['ul. Długa 5', '31-147 Kraków'], vatId: 'PL5260250274' },
      lines: [{ sku: 'A', name: 'Wiertarka', quantity: '2', unit: 'szt.', unitNet: pln(10_000), lineNet: pln(20_000), vatRate: 2300 }],
      net: pln(20_000),
      vat: pln(4_600),
      gross: pln(24_600),
      vatBreakdown: [{ rate: 2300, net: pln(20_000), vat: pln(4_600) }],
      paymentTerms: 'Przelew 14 dni',
    };
    const url = 'https://qr-test.ksef.mf.gov.pl/invoice/5261040828/20-11-2026/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE';
    const onlinePdf = await renderInvoicePdf({ ...document, ksef: { number: '5261040828-20261120-0100A0D6723E-C2', verificationUrl: url } });
    const plainPdf = await renderInvoicePdf(document);
    // The QR code of the link is drawn (pdftoppm renders the page: the content stream is sound).
    expect(darkPixels(onlinePdf) - darkPixels(plainPdf)).toBeGreaterThan(1500);
    const online = pdfText(onlinePdf);
    expect(online).toContain('KSeF number: 5261040828-20261120-0100A0D6723E-C2');
    expect(online).toContain('5261040828-20261120-0100A0D6723E-C2');
    expect(online.replace(/ /g, '')).toContain(url);
    const offline = pdfText(await renderInvoicePdf({ ...document, ksef: { verificationUrl: url } }));
    expect(offline).toContain('KSeF: OFFLINE');
    expect(pdfText(plainPdf)).not.toContain('KSeF');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EPC_MAX_BYTES, epcPayload } from '../../functions/invoices/epc-qr.js';
import { qrMatrix } from '../../functions/shared/pdf/qr.js';
import { creditorReference } from '../../functions/invoices/numbering.js';
import { renderInvoicePdf, type InvoiceDocument } from '../../functions/invoices/pdf.js';
import type { Money } from '../../functions/shared/money.js';

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
const transfer = {
  bic: 'SOLADEST600',
  name: 'Hartmann Technischer Großhandel GmbH',
  iban: 'DE02 6005 0101 0002 0343 04',
  amount: eur(119_000),
  reference: 'RF98INV2026000123',
};

/** ISO/IEC 18004 byte-mode capacity at error correction M, versions 1–13 (independent of the encoder). */
const BYTE_CAPACITY_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331];

describe('EPC QR payload (EPC069-12 version 002)', () => {
  it('is exactly BCD/002/1/SCT/BIC/name/IBAN/amount/purpose/RF reference, LF-separated, nothing after the reference', () => {
    expect(epcPayload(transfer)).toBe(
      ['BCD', '002', '1', 'SCT', 'SOLADEST600', 'Hartmann Technischer Großhandel GmbH', 'DE02600501010002034304', 'EUR1190.00', '', 'RF98INV2026000123'].join(
        '\n',
      ),
    );
    expect(epcPayload({ ...transfer, bic: undefined, amount: eur(5) })).toBe(
      'BCD\n002\n1\nSCT\n\nHartmann Technischer Großhandel GmbH\nDE02600501010002034304\nEUR0.05\n\nRF98INV2026000123',
    );
  });

  it('only for EUR amounts from 0.01 to 999999999.99, a valid IBAN and a name; names cut at 70 characters', () => {
    expect(epcPayload({ ...transfer, amount: { amount: 119_000, currency: 'PLN' } })).toBeUndefined();
    expect(epcPayload({ ...transfer, amount: eur(0) })).toBeUndefined();
    expect(epcPayload({ ...transfer, amount: eur(100_000_000_000) })).toBeUndefined();
    expect(epcPayload({ ...transfer, amount: eur(99_999_999_999) })).toContain('\nEUR999999999.99\n');
    expect(epcPayload({ ...transfer, iban: 'not an iban' })).toBeUndefined();
    expect(epcPayload({ ...transfer, name: ' ' })).toBeUndefined();
    const long = epcPayload({ ...transfer, name: `${'Ä'.repeat(80)}\nX` }) ?? '';
    expect(long.split('\n')[5]).toBe('Ä'.repeat(70));
    expect(Buffer.byteLength(long, 'utf8')).toBeLessThanOrEqual(EPC_MAX_BYTES);
  });
});

describe('QR matrix', () => {
  it('a known payload: version 7 (116 UTF-8 bytes at level M), 45 × 45 modules, finder patterns in three corners', () => {
    const payload = epcPayload(transfer) as string;
    expect(Buffer.byteLength(payload, 'utf8')).toBe(116);
    const matrix = qrMatrix(payload);
    expect([matrix.version, matrix.size, matrix.dark.length, matrix.dark[0]?.length]).toEqual([7, 45, 45, 45]);
    const finder = (top: number, left: number) =>
      Array.from({ length: 7 }, (_, row) => Array.from({ length: 7 }, (_, column) => (matrix.dark[top + row]?.[left + column] ? '#' : '.')).join(''));
    const expected = ['#######', '#.....#', '#.###.#', '#.###.#', '#.###.#', '#.....#', '#######'];
    expect(finder(0, 0)).toEqual(expected);
    expect(finder(0, 38)).toEqual(expected);
    expect(finder(38, 0)).toEqual(expected);
    // Timing pattern between the finders (row 6): alternating.
    expect(Array.from({ length: 29 }, (_, index) => matrix.dark[6]?.[8 + index])).toEqual(Array.from({ length: 29 }, (_, index) => index % 2 === 0));
  });

  it('picks the smallest version whose byte capacity at level M holds the payload', () => {
    for (const bytes of [14, 15, 62, 63, 106, 107, 200, 331]) {
      const expected = BYTE_CAPACITY_M.findIndex((capacity) => capacity >= bytes) + 1;
      const matrix = qrMatrix('x'.repeat(bytes));
      expect([bytes, matrix.version, matrix.size]).toEqual([bytes, expected, 17 + 4 * expected]);
    }
  });
});

describe('invoice PDF: RF reference and EPC QR code', () => {
  const invoice = (patch: Partial<InvoiceDocument> = {}): InvoiceDocument => ({
    invoiceNumber: 'INV-2026-000123',
    orderNumber: 'ORD-2026-000456',
    issueDate: '2026-11-19',
    dueDate: '2026-12-19',
    seller: {
      name: 'Hartmann Technischer Großhandel GmbH',
      addressLines: ['Königstraße 1', '70173 Stuttgart', 'Germany'],
      vatId: 'DE811907980',
      iban: 'DE02600501010002034304',
      bic: 'SOLADEST600',
    },
    buyer: { name: 'Mueller Bau GmbH', addressLines: ['Industriestr. 5', '70565 Stuttgart', 'Germany'] },
    lines: [{ sku: 'SKU-1', name: 'Hex bolt M8', quantity: '100', unit: 'pcs', unitNet: eur(1000), lineNet: eur(100_000), vatRate: 1900 }],
    net: eur(100_000),
    vat: eur(19_000),
    gross: eur(119_000),
    vatBreakdown: [{ rate: 1900, net: eur(100_000), vat: eur(19_000) }],
    paymentTerms: 'Payable within 30 days.',
    creditorReference: creditorReference('INV-2026-000123'),
    ...patch,
  });

  const dir = mkdtempSync(join(tmpdir(), 'epc-qr-'));
  const render = async (name: string, document: InvoiceDocument) => {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, await renderInvoicePdf(document));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    // pdftoppm renders the page (fails on a broken content stream); count dark pixels of the gray image.
    execFileSync('pdftoppm', ['-gray', '-r', '72', '-f', '1', '-l', '1', '-singlefile', file, join(dir, name)]);
    const pgm = readFileSync(join(dir, `${name}.pgm`));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
    const pixels = pgm.subarray((header?.[0] ?? '').length);
    return { text, dark: pixels.filter((value) => value < 96).length, width: Number(header?.[1]), height: Number(header?.[2]) };
  };

  it('prints the RF reference and draws the QR code; pdftoppm renders the page', async () => {
    const withQr = await render('with', invoice());
    const without = await render('without', invoice({ amountDue: eur(0) }));
    expect([withQr.width, withQr.height]).toEqual([596, 842]);
    expect(withQr.text).toContain('Payment reference');
    expect(withQr.text).toContain('RF98 INV2 0260 0012 3');
    expect(withQr.text).toMatch(/Scan to pay €1,190\.00 \(GiroCode \/ EPC QR\)/);
    expect(without.text).toContain('RF98 INV2 0260 0012 3');
    expect(without.text).not.toContain('Scan to pay');
    // About half of 45 × 45 modules at ~1.7 pt each are dark: well over 1500 pixels more than without.
    expect(withQr.dark - without.dark).toBeGreaterThan(1500);
    const pln = await render(
      'pln',
      invoice({ net: { amount: 100_000, currency: 'PLN' }, vat: { amount: 19_000, currency: 'PLN' }, gross: { amount: 119_000, currency: 'PLN' } }),
    );
    expect(pln.text).not.toContain('Scan to pay');
  });
});

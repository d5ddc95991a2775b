import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thrownCode } from '../support/errors.js';
import { decimalToMinor, parseCamt053 } from '../../functions/invoices/camt053.js';
import { extractReferences, matchByReference, matchByUniqueAmount, referenceTexts, type OpenInvoice } from '../../functions/invoices/bank-matching.js';

// biome-ignore lint/suspicious/noExportsInTest: other test files reuse these fixtures
export function fillTemplate(file: string, values: Record<string, string>): string {
  const xml = readFileSync(new URL(`../fixtures/camt053/${file}`, import.meta.url), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for {{${name}}}`);
    return value;
  });
  return xml;
}

const v02 = () =>
  fillTemplate('statement-001.02.xml', {
    STATEMENT_ID: 'STMT-2026-11-19',
    AMOUNT_EXACT: '1190.00',
    INVOICE_EXACT: 'INV-2026-000123',
    AMOUNT_PARTIAL: '500.5',
    INVOICE_SPACED: 'inv 2026 000 124',
    AMOUNT_UNIQUE: '77.35',
    AMOUNT_AMBIGUOUS: '42.00',
    AMOUNT_ORDER: '10.00',
    ORDER_REFERENCE: 'ORD-2026-000125',
  });

describe('camt.053 parsing', () => {
  it('reads a 001.02 statement: amounts in cents, direction, status, references, debtor', () => {
    const statement = parseCamt053(v02());
    expect(statement).toMatchObject({ version: '001.02', statementId: 'STMT-2026-11-19', accountIban: 'DE02600501010002034304' });
    expect(statement.transactions).toHaveLength(8);
    const [exact, partial, unique, , debit, order, , pending] = statement.transactions;
    expect(exact?.key).toMatch(/^DE02600501010002034304\/STMT-2026-11-19\/218\/1\.1\/[A-Za-z0-9_-]{16}$/);
    expect(exact?.legacyKey).toBe('STMT-2026-11-19/2026111905410001/1');
    expect(exact).toMatchObject({
      direction: 'credit',
      status: 'BOOK',
      amount: 119_000,
      currency: 'EUR',
      bookingDate: '2026-11-19',
      debtorName: 'Mueller Bau GmbH',
      debtorIban: 'DE89370400440532013000',
      remittance: ['INV-2026-000123 Mueller Bau Kd 10042'],
    });
    expect(exact?.endToEndId).toBeUndefined();
    expect(partial).toMatchObject({ amount: 50_050, structuredReferences: ['inv 2026 000 124'], endToEndId: 'MB-ZAHLLAUF-1119-02' });
    expect(unique?.debtorIban).toBe('DE89370400440532013000');
    expect(debit).toMatchObject({ direction: 'debit', amount: 1240 });
    expect(order?.endToEndId).toBe('ORD-2026-000125');
    expect(pending?.status).toBe('PDNG');
  });

  it('reads a 001.08 batch booking as separate transactions with stable keys', () => {
    const xml = fillTemplate('statement-001.08.xml', {
      STATEMENT_ID: 'STMT-2026-11-20',
      AMOUNT_BATCH: '700.00',
      AMOUNT_REST: '500.00',
      INVOICE_SPACED: 'INV 2026 000124',
      AMOUNT_SECOND: '200.00',
      INVOICE_SECOND: 'INV-2026-000126',
    });
    const statement = parseCamt053(xml);
    expect(statement.version).toBe('001.08');
    expect(
      statement.transactions.map((transaction) => [
        transaction.legacyKey,
        transaction.amount,
        transaction.debtorName,
        transaction.bookingDate,
        transaction.status,
      ]),
    ).toEqual([
      ['STMT-2026-11-20/2026112007730001/1', 50_000, 'Mueller Bau GmbH', '2026-11-20', 'BOOK'],
      ['STMT-2026-11-20/2026112007730001/2', 20_000, 'Mueller Bau GmbH', '2026-11-20', 'BOOK'],
    ]);
    expect(new Set(statement.transactions.map((transaction) => transaction.key)).size).toBe(2);
    expect(parseCamt053(xml).transactions.map((transaction) => transaction.key)).toEqual(statement.transactions.map((transaction) => transaction.key));
  });

  it('refuses other formats and broken files', () => {
    expect(thrownCode(() => parseCamt053(v02().replace('xsd:camt.053.001.02', 'xsd:camt.052.001.02')))).toBe('UNSUPPORTED_STATEMENT');
    expect(thrownCode(() => parseCamt053(v02().replace('xsd:camt.053.001.02', 'xsd:camt.053.001.14')))).toBe('UNSUPPORTED_STATEMENT');
    expect(thrownCode(() => parseCamt053(v02().replace('xsd:camt.053.001.02', 'xsd:camt.053.001.01')))).toBe('UNSUPPORTED_STATEMENT');
    // The namespace of another element is not the document's.
    expect(
      thrownCode(() =>
        parseCamt053(
          v02().replace(
            '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"',
            '<Document xmlns:camt="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"',
          ),
        ),
      ),
    ).toBe('UNSUPPORTED_STATEMENT');
    expect(thrownCode(() => parseCamt053('<Document'))).toBe('INVALID_STATEMENT');
    expect(thrownCode(() => parseCamt053(''))).toBe('INVALID_STATEMENT');
    expect(thrownCode(() => parseCamt053(v02().replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>')))).toBe(
      'INVALID_STATEMENT',
    );
    expect(thrownCode(() => parseCamt053(v02().replace('<Amt Ccy="EUR">12.40</Amt>', '<Amt Ccy="EUR">12.405</Amt>')))).toBe('INVALID_STATEMENT');
    expect(decimalToMinor('12.4', 'EUR')).toBe(1240);
    expect(decimalToMinor('1500', 'JPY')).toBe(1500);
  });
});

describe('matching rules', () => {
  it('finds invoice and order numbers with any spacing, separators and case', () => {
    expect(extractReferences(['inv 2026 000 124', 'Rg. INV-2026-000123, ORD/2026/000125', 'INV2026000127', 'inv-2026-000128 4711'])).toEqual({
      invoiceNumbers: ['INV-2026-000124', 'INV-2026-000123', 'INV-2026-000127', 'INV-2026-000128'],
      orderNumbers: ['ORD-2026-000125'],
    });
    expect(extractReferences(['Kundennr 2026 000123', 'INVOICE 12'])).toEqual({ invoiceNumbers: [], orderNumbers: [] });
    // A number wrapped over two 35-character remittance lines.
    expect(
      extractReferences(referenceTexts({ remittance: ['Zahlung Rechnung INV-2026-', '000129 danke'], structuredReferences: [] })).invoiceNumbers,
    ).toContain('INV-2026-000129');
  });

  const invoice = (invoiceNumber: string, open: number, extra: Partial<OpenInvoice> = {}): OpenInvoice => ({
    companyId: 'mueller-bau',
    invoiceNumber,
    currency: 'EUR',
    open,
    status: 'open',
    ...extra,
  });
  const eur = (amount: number) => ({ amount, currency: 'EUR' });

  it('reference: applies full and partial amounts, never more than open', () => {
    expect(matchByReference(eur(1000), [invoice('INV-1', 1000)])).toMatchObject({ kind: 'match', invoiceNumber: 'INV-1', rule: 'reference' });
    expect(matchByReference(eur(400), [invoice('INV-1', 1000)])).toMatchObject({ kind: 'match', invoiceNumber: 'INV-1' });
    expect(matchByReference(eur(1001), [invoice('INV-1', 1000)])).toEqual({ kind: 'unmatched', reason: 'EXCEEDS_OPEN_AMOUNT' });
    expect(matchByReference(eur(1000), [invoice('INV-1', 0, { status: 'paid' })])).toEqual({ kind: 'unmatched', reason: 'INVOICE_SETTLED' });
    expect(matchByReference({ amount: 1000, currency: 'PLN' }, [invoice('INV-1', 1000)])).toEqual({ kind: 'unmatched', reason: 'CURRENCY_MISMATCH' });
    expect(matchByReference(eur(1000), [])).toBeUndefined();
  });

  it('reference to several invoices: only an exact amount decides', () => {
    expect(matchByReference(eur(500), [invoice('INV-1', 500), invoice('INV-2', 800)])).toMatchObject({ kind: 'match', invoiceNumber: 'INV-1' });
    expect(matchByReference(eur(300), [invoice('INV-1', 500), invoice('INV-2', 800)])).toEqual({ kind: 'unmatched', reason: 'AMBIGUOUS_REFERENCE' });
    // The same invoice found twice (invoice and order number) is one candidate.
    expect(matchByReference(eur(300), [invoice('INV-1', 500), invoice('INV-1', 500)])).toMatchObject({ kind: 'match', invoiceNumber: 'INV-1' });
  });

  it('no reference: exactly one open invoice of the debtor with exactly that amount', () => {
    expect(matchByUniqueAmount(eur(7735), [invoice('INV-1', 7735), invoice('INV-2', 9000)])).toMatchObject({
      kind: 'match',
      invoiceNumber: 'INV-1',
      rule: 'unique-amount',
    });
    expect(matchByUniqueAmount(eur(4200), [invoice('INV-1', 4200), invoice('INV-2', 4200)])).toEqual({ kind: 'unmatched', reason: 'NO_UNIQUE_AMOUNT' });
    expect(matchByUniqueAmount(eur(4000), [invoice('INV-1', 4200)])).toEqual({ kind: 'unmatched', reason: 'NO_UNIQUE_AMOUNT' });
  });
});

// ---------------------------------------------------------------------------------------------
// Files written by other banks (issue #13 item 6) and RF references (item 7)

import { inflateRawSync } from 'node:zlib';
import { parseMt940, parseDetails } from '../../functions/invoices/mt940.js';
import { readStatementFile } from '../../functions/invoices/statement-file.js';
import { readZip } from '../../functions/invoices/zip.js';
import { creditorReference, formatCreditorReference, parseCreditorReference } from '../../functions/invoices/numbering.js';
import { extractCreditorReferences, invoiceNumberOfCreditorReference } from '../../functions/invoices/bank-matching.js';
import { zipOf } from '../support/zip.js';

const fixture = (file: string) => readFileSync(new URL(`../fixtures/camt053/${file}`, import.meta.url));

const nonref = (overrides: Record<string, string> = {}) =>
  fillTemplate('sparkasse-001.02-nonref.xml', {
    STATEMENT_ID: '2026-11-24-STMT-00231',
    AMOUNT_FIRST: '1190.00',
    AMOUNT_SECOND: '1190.00',
    DEBTOR_FIRST: 'Mueller Bau GmbH',
    DEBTOR_SECOND: 'Mueller Bau GmbH',
    IBAN_FIRST: 'DE89370400440532013000',
    IBAN_SECOND: 'DE89370400440532013000',
    REMITTANCE_FIRST: 'Rechnung INV-2026-000140',
    REMITTANCE_SECOND: 'Rechnung INV-2026-000141',
    ...overrides,
  });

const mt940 = (overrides: Record<string, string> = {}) =>
  fillTemplate('mt940-two-transactions.sta', {
    OPENING_DATE: '261122',
    VALUE_DATE: '261123',
    ENTRY_DATE: '1123',
    AMOUNT_FIRST: '1190,00',
    REMITTANCE_FIRST_A: 'Rechnung INV-2026-',
    REMITTANCE_FIRST_B: '000150 danke',
    IBAN_FIRST: 'DE89370400440532013000',
    DEBTOR_FIRST: 'Mueller Bau GmbH',
    AMOUNT_SECOND: '240,10',
    E2E_SECOND: 'EB-2026-11-0007',
    REMITTANCE_SECOND: 'RF98 INV2 0260 0012 3',
    IBAN_SECOND: 'DE75512108001245126199',
    DEBTOR_SECOND: 'Elektro Brandt e.K.',
    // 52310,44 + 1190,00 + 240,10 - 38,90
    CLOSING: '53701,64',
    ...overrides,
  });

describe('camt: namespaces, versions, several statements, notifications', () => {
  it('reads a 001.02 file whose first namespace declaration is xmlns:xsi', () => {
    const xml = nonref();
    expect(xml.indexOf('xmlns:xsi')).toBeLessThan(xml.indexOf('xmlns="'));
    const statement = parseCamt053(xml);
    expect(statement).toMatchObject({ format: 'camt.053', version: '001.02', statementId: '2026-11-24-STMT-00231', accountIban: 'DE12600501010008765432' });
    expect(statement.transactions.map((transaction) => [transaction.direction, transaction.amount, transaction.bankReference, transaction.endToEndId])).toEqual(
      [
        ['credit', 119_000, undefined, undefined],
        ['credit', 119_000, undefined, undefined],
        ['debit', 3890, undefined, undefined],
      ],
    );
  });

  it('NONREF on every entry: two different credits of the same amount get different keys, stable on re-read', () => {
    const first = parseCamt053(nonref()).transactions;
    const again = parseCamt053(nonref()).transactions;
    expect(new Set(first.map((transaction) => transaction.key)).size).toBe(3);
    expect(again.map((transaction) => transaction.key)).toEqual(first.map((transaction) => transaction.key));
    // Only the first NONREF entry had the old key (the old importer booked it): the second is new money.
    expect(first.map((transaction) => transaction.legacyKey)).toEqual(['2026-11-24-STMT-00231/NONREF/1', undefined, undefined]);
    // Even two identical transfers (same payer, amount, text) stay two.
    const twins = parseCamt053(nonref({ REMITTANCE_SECOND: 'Rechnung INV-2026-000140' })).transactions;
    expect(twins[0]?.key).not.toBe(twins[1]?.key);
    // The content is part of the key: another amount at the same position is another transaction.
    expect(parseCamt053(nonref({ AMOUNT_SECOND: '1190.01' })).transactions[1]?.key).not.toBe(first[1]?.key);
  });

  it('reads camt.053.001.13 with prefixed elements and two statements of two accounts', () => {
    const statement = parseCamt053(fixture('statement-001.13-two-stmt.xml').toString('utf8'));
    expect(statement).toMatchObject({ format: 'camt.053', version: '001.13', statementId: '2026-11-24-EUR-01' });
    expect(statement.statements.map((part) => [part.statementId, part.accountIban, part.sequenceNumber, part.transactions.length])).toEqual([
      ['2026-11-24-EUR-01', 'DE02600501010002034304', '232', 1],
      ['2026-11-24-EUR-02', 'DE27100777770209299700', '88', 1],
    ]);
    const [rf, plain] = statement.transactions;
    expect(rf).toMatchObject({
      amount: 178_500,
      debtorName: 'Schäfer Haustechnik KG',
      debtorIban: 'DE75512108001245126199',
      bookingDate: '2026-11-24',
      endToEndId: 'E2E-88123',
      structuredReferences: ['RF98 INV2 0260 0012 3'],
    });
    expect(plain).toMatchObject({ amount: 24_010, remittance: ['Rechnung INV-2026-000131 Kd.-Nr. 20417'] });
    expect(plain?.endToEndId).toBeUndefined();
    // Same bank reference in two statements of two accounts: two keys.
    expect(rf?.key).not.toBe(plain?.key);
  });

  it('reads every version 001.02 … 001.13 by its namespace, 001.08 layout', () => {
    const base = fixture('statement-001.08.xml')
      .toString('utf8')
      .replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
        name === 'STATEMENT_ID'
          ? 'S'
          : name.startsWith('AMOUNT')
            ? name === 'AMOUNT_BATCH'
              ? '700.00'
              : name === 'AMOUNT_REST'
                ? '500.00'
                : '200.00'
            : 'INV-2026-000124',
      );
    for (const minor of ['02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13']) {
      expect(parseCamt053(base.replace('xsd:camt.053.001.08', `xsd:camt.053.001.${minor}`))).toMatchObject({ version: `001.${minor}`, format: 'camt.053' });
    }
  });

  it('reads a camt.054 credit/debit notification', () => {
    const notification = parseCamt053(fixture('notification-camt.054.001.08.xml').toString('utf8'));
    expect(notification).toMatchObject({ format: 'camt.054', version: '001.08', statementId: 'NTF-2026-11-24-00042-1', accountIban: 'DE02600501010002034304' });
    expect(notification.transactions.map((transaction) => [transaction.direction, transaction.amount, transaction.endToEndId, transaction.debtorIban])).toEqual(
      [
        ['credit', 59_500, 'NOWAK-2026-11-0042', 'PL61109010140000071219812874'],
        ['debit', 12_000, undefined, undefined],
      ],
    );
    // A camt.053 body under a camt.054 namespace is refused, not read as empty.
    expect(thrownCode(() => parseCamt053(v02().replace('xsd:camt.053.001.02', 'xsd:camt.054.001.02')))).toBe('INVALID_STATEMENT');
  });
});

describe('ZIP deliveries', () => {
  it('reads an archive made by Info-ZIP (deflate): every member, every statement', () => {
    const files = readStatementFile(fixture('delivery-2026-11-25.zip'));
    expect(
      files.map((file) => [file.member, file.statement.format, file.statement.version, file.statement.statements.length, file.statement.transactions.length]),
    ).toEqual([
      ['camt053_20261124_DE12600501010008765432.xml', 'camt.053', '001.02', 1, 3],
      ['camt053_20261125_multi.xml', 'camt.053', '001.13', 2, 2],
    ]);
    expect(files[0]?.statement.transactions.map((transaction) => transaction.remittance)).toEqual([
      ['Rechnung INV-2026-000140'],
      ['Rechnung INV-2026-000141'],
      [],
    ]);
  });

  it('reads stored and deflated members, skips directories and __MACOSX', () => {
    const zip = zipOf([
      { name: 'camt/', data: '', stored: true },
      { name: 'camt/a.xml', data: nonref(), stored: true },
      { name: '__MACOSX/camt/._a.xml', data: Buffer.from([0, 5, 22, 7, 0, 2]) },
      { name: 'camt/b.sta', data: mt940() },
    ]);
    expect(readStatementFile(zip).map((file) => [file.member, file.statement.format])).toEqual([
      ['camt/a.xml', 'camt.053'],
      ['camt/b.sta', 'mt940'],
    ]);
  });

  it('refuses zip bombs, lying sizes, damaged data, non-statement members and nested archives with 400', () => {
    const zeros = Buffer.alloc(60_000_000);
    // Declares 1 kB, inflates to 60 MB: stopped at the cap.
    expect(thrownCode(() => readZip(zipOf([{ name: 'bomb.xml', data: zeros, declaredSize: 1000 }])))).toBe('ARCHIVE_TOO_LARGE');
    // Declares its real size: refused before inflating.
    expect(thrownCode(() => readZip(zipOf([{ name: 'bomb.xml', data: zeros }])))).toBe('ARCHIVE_TOO_LARGE');
    // Many members within the per-member cap, too much together.
    const four = Buffer.alloc(4_000_000, 0x20);
    expect(thrownCode(() => readZip(zipOf([1, 2, 3].map((n) => ({ name: `${n}.xml`, data: four })))))).toBe('ARCHIVE_TOO_LARGE');
    expect(thrownCode(() => readZip(zipOf(Array.from({ length: 51 }, (_, n) => ({ name: `${n}.xml`, data: 'x' })))))).toBe('ARCHIVE_TOO_LARGE');
    const good = zipOf([{ name: 'a.xml', data: nonref() }]);
    const damaged = Buffer.from(good);
    damaged[60] = (damaged[60] ?? 0) ^ 0xff;
    expect(['INVALID_ARCHIVE', 'ARCHIVE_TOO_LARGE']).toContain(thrownCode(() => readZip(damaged)));
    expect(thrownCode(() => readZip(good.subarray(0, good.length - 10)))).toBe('INVALID_ARCHIVE');
    expect(
      thrownCode(() =>
        readStatementFile(
          zipOf([
            { name: 'a.xml', data: nonref() },
            { name: 'invoice.pdf', data: '%PDF-1.7 …' },
          ]),
        ),
      ),
    ).toBe('UNSUPPORTED_ARCHIVE_MEMBER');
    expect(thrownCode(() => readStatementFile(zipOf([{ name: 'inner.zip', data: good }])))).toBe('UNSUPPORTED_ARCHIVE_MEMBER');
    expect(thrownCode(() => readStatementFile(zipOf([{ name: 'empty/', data: '', stored: true }])))).toBe('INVALID_ARCHIVE');
    expect(inflateRawSync).toBeTypeOf('function');
  });
});

describe('MT940', () => {
  it('reads two customer credits and a charge, German :86: fields, the same transaction shape', () => {
    const statement = parseMt940(mt940());
    expect(statement).toMatchObject({ format: 'mt940', version: 'MT940', statementId: 'STARTUMSE/00231/001/2026-11-22', accountIban: '60050101/0008765432' });
    const [first, second, charge] = statement.transactions;
    expect(first).toMatchObject({
      direction: 'credit',
      status: 'BOOK',
      amount: 119_000,
      currency: 'EUR',
      valueDate: '2026-11-23',
      bookingDate: '2026-11-23',
      debtorName: 'Mueller Bau GmbH',
      debtorIban: 'DE89370400440532013000',
      bankReference: '2611230000123',
    });
    expect(first?.endToEndId).toBeUndefined();
    expect(extractReferences(referenceTexts(first!)).invoiceNumbers).toEqual(['INV-2026-000150']);
    expect(second).toMatchObject({ amount: 24_010, endToEndId: 'EB-2026-11-0007', debtorName: 'Elektro Brandt e.K.', debtorIban: 'DE75512108001245126199' });
    expect(second?.remittance).toContain('RF98 INV2 0260 0012 3');
    expect(charge).toMatchObject({ direction: 'debit', amount: 3890 });
    expect(new Set(statement.transactions.map((transaction) => transaction.key)).size).toBe(3);
    expect(parseMt940(mt940()).transactions.map((transaction) => transaction.key)).toEqual(statement.transactions.map((transaction) => transaction.key));
  });

  it('is detected from the content (also ISO-8859-1, in SWIFT blocks, several statements)', () => {
    const latin1 = Buffer.from(mt940({ DEBTOR_SECOND: 'Bäckerei Müßig' }), 'latin1');
    const [file] = readStatementFile(latin1);
    expect(file?.statement.transactions[1]?.debtorName).toBe('Bäckerei Müßig');
    const blocks = `{1:F01SOLADEST600A0000000000}{2:O9400000261123SOLADEST600A00000000002611230000N}{4:\r\n${mt940().replace(/-\r\n$/, '-}')}`;
    expect(parseMt940(blocks).transactions).toHaveLength(3);
    const two = parseMt940(
      `${mt940()}${mt940({ OPENING_DATE: '261123', VALUE_DATE: '261124', ENTRY_DATE: '1124', CLOSING: '53701,64' }).replace('52310,44', '52310,44')}`,
    );
    expect(two.statements).toHaveLength(2);
    expect(new Set(two.transactions.map((transaction) => transaction.key)).size).toBe(6);
  });

  it('refuses incomplete or broken files', () => {
    expect(thrownCode(() => parseMt940(mt940({ CLOSING: '53701,65' })))).toBe('INVALID_STATEMENT');
    expect(thrownCode(() => parseMt940(mt940().replace(/:62F:.*\r\n/, '')))).toBe('INVALID_STATEMENT');
    expect(thrownCode(() => parseMt940(mt940({ VALUE_DATE: '261332' })))).toBe('INVALID_STATEMENT');
    expect(thrownCode(() => readStatementFile(Buffer.from('Buchungstag;Valuta;Betrag\n23.11.2026;23.11.2026;1190,00\n')))).toBe('UNSUPPORTED_STATEMENT');
  });

  it('reads the German structured :86: subfields', () => {
    expect(
      parseDetails('166?00GUTSCHR. UEBERWEISUNG?109310?20EREF+E2E-1?21SVWZ+INV-2026-0001?2223 danke?31DE89370400440532013000?32Mueller Bau?33 GmbH'),
    ).toEqual({
      bookingText: 'GUTSCHR. UEBERWEISUNG',
      remittance: ['EREF+E2E-1', 'SVWZ+INV-2026-0001', '23 danke', 'INV-2026-000123 danke'],
      endToEndId: 'E2E-1',
      debtorIban: 'DE89370400440532013000',
      debtorName: 'Mueller Bau GmbH',
    });
    expect(parseDetails('Invoice INV-2026-000123')).toEqual({ remittance: ['Invoice INV-2026-000123'] });
  });
});

describe('RF creditor references (ISO 11649)', () => {
  it('computes and checks the mod-97 check digits', () => {
    // The standard's own example.
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(creditorReference('INV-2026-000123')).toBe('RF98INV2026000123');
    expect(formatCreditorReference('RF98INV2026000123')).toBe('RF98 INV2 0260 0012 3');
    expect(parseCreditorReference('rf98 inv2 0260 0012 3')).toBe('RF98INV2026000123');
    expect(parseCreditorReference('RF97INV2026000123')).toBeUndefined();
    expect(creditorReference('INV-2026-12345678901234')).toHaveLength(25);
    expect(() => creditorReference('INV-2026-123456789012345')).toThrow(RangeError);
  });

  it('finds RF references with any spacing and case, only with valid check digits', () => {
    expect(extractCreditorReferences(['Zahlung rf98 inv2 0260 0012 3 danke'])).toContain('RF98INV2026000123');
    expect(extractCreditorReferences(['RF98INV2026000123'])).toEqual(['RF98INV2026000123']);
    expect(extractCreditorReferences(['RF97 INV2 0260 0012 3', 'PERF98INV2026000123'])).toEqual([]);
    expect(invoiceNumberOfCreditorReference('RF98INV2026000123')).toBe('INV-2026-000123');
    expect(invoiceNumberOfCreditorReference('RF18539007547034')).toBeUndefined();
  });

  it('an RF reference outranks an invoice number in the text', () => {
    const invoice = { companyId: 'c', invoiceNumber: 'INV-2026-000123', currency: 'EUR', open: 1000, status: 'open' as const };
    expect(matchByReference({ amount: 1000, currency: 'EUR' }, [invoice], 'creditor-reference')).toMatchObject({ kind: 'match', rule: 'creditor-reference' });
  });
});

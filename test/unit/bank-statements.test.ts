import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thrownCode } from '../support/errors.js';
import { decimalToMinor, parseCamt053 } from '../../functions/invoices/camt053.js';
import { extractReferences, matchByReference, matchByUniqueAmount, referenceTexts, type OpenInvoice } from '../../functions/invoices/bank-matching.js';

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
    expect(exact).toMatchObject({
      key: 'STMT-2026-11-19/2026111905410001/1',
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
    expect(statement.transactions.map((transaction) => [transaction.key, transaction.amount, transaction.debtorName, transaction.bookingDate, transaction.status])).toEqual([
      ['STMT-2026-11-20/2026112007730001/1', 50_000, 'Mueller Bau GmbH', '2026-11-20', 'BOOK'],
      ['STMT-2026-11-20/2026112007730001/2', 20_000, 'Mueller Bau GmbH', '2026-11-20', 'BOOK'],
    ]);
    expect(parseCamt053(xml).transactions.map((transaction) => transaction.key)).toEqual(statement.transactions.map((transaction) => transaction.key));
  });

  it('refuses other formats and broken files', () => {
    expect(thrownCode(() => parseCamt053(v02().replace('xsd:camt.053.001.02', 'xsd:camt.052.001.02')))).toBe('UNSUPPORTED_STATEMENT');
    expect(thrownCode(() => parseCamt053('<Document'))).toBe('INVALID_STATEMENT');
    expect(thrownCode(() => parseCamt053(''))).toBe('INVALID_STATEMENT');
    expect(thrownCode(() => parseCamt053(v02().replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>')))).toBe('INVALID_STATEMENT');
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
    expect(extractReferences(referenceTexts({ remittance: ['Zahlung Rechnung INV-2026-', '000129 danke'], structuredReferences: [] })).invoiceNumbers).toContain('INV-2026-000129');
  });

  const invoice = (invoiceNumber: string, open: number, extra: Partial<OpenInvoice> = {}): OpenInvoice => ({ companyId: 'mueller-bau', invoiceNumber, currency: 'EUR', open, status: 'open', ...extra });
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
    expect(matchByUniqueAmount(eur(7735), [invoice('INV-1', 7735), invoice('INV-2', 9000)])).toMatchObject({ kind: 'match', invoiceNumber: 'INV-1', rule: 'unique-amount' });
    expect(matchByUniqueAmount(eur(4200), [invoice('INV-1', 4200), invoice('INV-2', 4200)])).toEqual({ kind: 'unmatched', reason: 'NO_UNIQUE_AMOUNT' });
    expect(matchByUniqueAmount(eur(4000), [invoice('INV-1', 4200)])).toEqual({ kind: 'unmatched', reason: 'NO_UNIQUE_AMOUNT' });
  });
});

import { formatDocumentNumber } from '../shared/sequence.js';
import { parseCreditorReference, parseInvoiceNumber } from './numbering.js';
import type { BankTransaction } from './camt053.js';

/**
 * Pure matching rules for bank statement transactions against open invoices (no AWS):
 * 0. An ISO 11649 RF creditor reference (printed on every invoice, in the EPC QR code) with valid
 *    check digits, anywhere in the remittance, the structured creditor reference or the end-to-end id,
 *    any spacing and case: the invoice it was made from, with the same amount rules as 1.
 * 1. A reference — invoice number or order number, found in the unstructured remittance lines, the
 *    structured creditor reference or the end-to-end id, with any spacing, separators and case — that
 *    leads to exactly one open invoice whose open amount is at least the transaction amount: apply
 *    (partial payments allowed).
 * 2. No usable reference: the debtor's IBAN belongs to a company with exactly one open invoice whose
 *    open amount equals the transaction amount: apply.
 * 3. Everything else stays unmatched for a person (overpayments, ambiguous or unknown references).
 */

export interface References {
  readonly invoiceNumbers: readonly string[];
  readonly orderNumbers: readonly string[];
}

// "INV-2026-000123", "inv 2026 000123", "INV2026000123", "INV-2026-000 123", "RE: Inv/2026/000123".
const referencePattern = /(INV|ORD)[\s\-_/.:#]*(\d{4})[\s\-_/.:#]*(\d{6,16}(?!\d)|(?:\d ?){5}\d(?!\d))/gi;

export function extractReferences(texts: readonly string[]): References {
  const invoiceNumbers = new Set<string>();
  const orderNumbers = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(referencePattern)) {
      const prefix = (match[1] ?? '').toUpperCase();
      const year = Number(match[2]);
      const sequence = Number((match[3] ?? '').replace(/\s+/g, ''));
      if (!Number.isSafeInteger(sequence) || sequence < 1 || year < 2000) continue;
      const number = formatDocumentNumber(prefix, year, sequence);
      (prefix === 'INV' ? invoiceNumbers : orderNumbers).add(number);
    }
  }
  return { invoiceNumbers: [...invoiceNumbers], orderNumbers: [...orderNumbers] };
}

/**
 * Every valid RF reference in the texts (`RF98 INV2 0260 0012 3`, `rf98inv2026000123`). After `RF`
 * and the check digits the reference may run into following words when spaces are ignored, so each
 * length whose check digits hold is a candidate; only a candidate that names an invoice matters.
 */
export function extractCreditorReferences(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(/(?<![A-Za-z0-9])RF\s?\d\s?\d(?:\s?[A-Za-z0-9]){1,21}/gi)) {
      const compact = match[0].replace(/\s+/g, '').toUpperCase();
      for (let length = compact.length; length >= 5; length--) {
        const candidate = parseCreditorReference(compact.slice(0, length));
        if (candidate) found.add(candidate);
      }
    }
  }
  return [...found];
}

/** The invoice number an RF reference was made from (`RF98INV2026000123` → `INV-2026-000123`), if it is one. */
export function invoiceNumberOfCreditorReference(reference: string): string | undefined {
  const match = /^RF\d{2}([A-Z]{2,5})(\d{4})(\d{6,16})$/.exec(reference);
  if (!match) return undefined;
  const number = `${match[1]}-${match[2]}-${match[3]}`;
  return parseInvoiceNumber(number) ? number : undefined;
}

export const referenceTexts = (transaction: Pick<BankTransaction, 'remittance' | 'structuredReferences' | 'endToEndId'>): string[] => [
  ...transaction.remittance,
  // Banks wrap long remittance at 35 characters: a number may be split across two lines.
  transaction.remittance.join(''),
  ...transaction.structuredReferences,
  ...(transaction.endToEndId ? [transaction.endToEndId] : []),
];

export interface OpenInvoice {
  readonly companyId: string;
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly open: number;
  readonly status: 'open' | 'paid';
}

export type MatchDecision =
  | { readonly kind: 'match'; readonly companyId: string; readonly invoiceNumber: string; readonly rule: MatchRule }
  | { readonly kind: 'unmatched'; readonly reason: UnmatchedReason };

export type MatchRule = 'creditor-reference' | 'reference' | 'unique-amount';

export type UnmatchedReason =
  | 'NO_REFERENCE'
  | 'UNKNOWN_REFERENCE'
  | 'AMBIGUOUS_REFERENCE'
  | 'INVOICE_SETTLED'
  | 'EXCEEDS_OPEN_AMOUNT'
  | 'CURRENCY_MISMATCH'
  | 'NO_UNIQUE_AMOUNT';

const unmatched = (reason: UnmatchedReason): MatchDecision => ({ kind: 'unmatched', reason });

/** Rule 1: `referenced` are the invoices the transaction's references lead to (deduplicated by the caller or here). */
export function matchByReference(
  amount: { amount: number; currency: string },
  referenced: readonly OpenInvoice[],
  rule: 'reference' | 'creditor-reference' = 'reference',
): MatchDecision | undefined {
  const unique = [...new Map(referenced.map((invoice) => [`${invoice.companyId}/${invoice.invoiceNumber}`, invoice])).values()];
  if (unique.length === 0) return undefined;
  const open = unique.filter((invoice) => invoice.status === 'open' && invoice.open > 0);
  if (open.length === 0) return unmatched('INVOICE_SETTLED');
  const sameCurrency = open.filter((invoice) => invoice.currency === amount.currency);
  if (sameCurrency.length === 0) return unmatched('CURRENCY_MISMATCH');
  const fitting = sameCurrency.filter((invoice) => amount.amount <= invoice.open);
  if (fitting.length === 0) return unmatched('EXCEEDS_OPEN_AMOUNT');
  // Several invoices named: only an exact amount singles one out.
  const chosen = fitting.length === 1 ? fitting : fitting.filter((invoice) => invoice.open === amount.amount);
  if (chosen.length !== 1) return unmatched('AMBIGUOUS_REFERENCE');
  const [invoice] = chosen as [OpenInvoice];
  return { kind: 'match', companyId: invoice.companyId, invoiceNumber: invoice.invoiceNumber, rule };
}

/** Rule 2: the open invoices of the company the debtor IBAN belongs to. */
export function matchByUniqueAmount(amount: { amount: number; currency: string }, openOfDebtor: readonly OpenInvoice[]): MatchDecision {
  const exact = openOfDebtor.filter((invoice) => invoice.status === 'open' && invoice.currency === amount.currency && invoice.open === amount.amount);
  if (exact.length !== 1) return unmatched('NO_UNIQUE_AMOUNT');
  const [invoice] = exact as [OpenInvoice];
  return { kind: 'match', companyId: invoice.companyId, invoiceNumber: invoice.invoiceNumber, rule: 'unique-amount' };
}

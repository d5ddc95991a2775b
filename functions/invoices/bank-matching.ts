import { formatDocumentNumber } from './numbering.js';
import type { BankTransaction } from './camt053.js';

/**
 * Pure matching rules for bank statement transactions against open invoices (no AWS):
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
  | { readonly kind: 'match'; readonly companyId: string; readonly invoiceNumber: string; readonly rule: 'reference' | 'unique-amount' }
  | { readonly kind: 'unmatched'; readonly reason: UnmatchedReason };

export type UnmatchedReason = 'NO_REFERENCE' | 'UNKNOWN_REFERENCE' | 'AMBIGUOUS_REFERENCE' | 'INVOICE_SETTLED' | 'EXCEEDS_OPEN_AMOUNT' | 'CURRENCY_MISMATCH' | 'NO_UNIQUE_AMOUNT';

const unmatched = (reason: UnmatchedReason): MatchDecision => ({ kind: 'unmatched', reason });

/** Rule 1: `referenced` are the invoices the transaction's references lead to (deduplicated by the caller or here). */
export function matchByReference(amount: { amount: number; currency: string }, referenced: readonly OpenInvoice[]): MatchDecision | undefined {
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
  return { kind: 'match', companyId: invoice.companyId, invoiceNumber: invoice.invoiceNumber, rule: 'reference' };
}

/** Rule 2: the open invoices of the company the debtor IBAN belongs to. */
export function matchByUniqueAmount(amount: { amount: number; currency: string }, openOfDebtor: readonly OpenInvoice[]): MatchDecision {
  const exact = openOfDebtor.filter((invoice) => invoice.status === 'open' && invoice.currency === amount.currency && invoice.open === amount.amount);
  if (exact.length !== 1) return unmatched('NO_UNIQUE_AMOUNT');
  const [invoice] = exact as [OpenInvoice];
  return { kind: 'match', companyId: invoice.companyId, invoiceNumber: invoice.invoiceNumber, rule: 'unique-amount' };
}

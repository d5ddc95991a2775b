import { formatDocumentNumber, parseDocumentNumber, type DocumentNumber, type NumberSeries } from '../shared/sequence.js';

/**
 * Order, invoice and credit-note numbers (`ORD-2026-000123`, `INV-…`, `CN-…`); the format and the
 * counters are the shared kernel's (functions/shared/sequence.ts).
 */

export { SEQUENCE_DIGITS, formatDocumentNumber, parseDocumentNumber, type DocumentNumber } from '../shared/sequence.js';

export const ORDER_PREFIX = 'ORD';
export const INVOICE_PREFIX = 'INV';
export const CREDIT_NOTE_PREFIX = 'CN';

export const ORDER_SERIES: NumberSeries = { counter: 'ORDER', prefix: ORDER_PREFIX };
export const CREDIT_NOTE_SERIES: NumberSeries = { counter: 'CREDITNOTE', prefix: CREDIT_NOTE_PREFIX };

export const formatOrderNumber = (year: number, sequence: number): string => formatDocumentNumber(ORDER_PREFIX, year, sequence);
export const formatInvoiceNumber = (year: number, sequence: number): string => formatDocumentNumber(INVOICE_PREFIX, year, sequence);
export const formatCreditNoteNumber = (year: number, sequence: number): string => formatDocumentNumber(CREDIT_NOTE_PREFIX, year, sequence);

export const parseOrderNumber = (text: string): DocumentNumber | undefined => parseDocumentNumber(text, ORDER_PREFIX);
export const parseInvoiceNumber = (text: string): DocumentNumber | undefined => parseDocumentNumber(text, INVOICE_PREFIX);
export const isOrderNumber = (text: string): boolean => parseOrderNumber(text) !== undefined;
export const isInvoiceNumber = (text: string): boolean => parseInvoiceNumber(text) !== undefined;
export const parseCreditNoteNumber = (text: string): DocumentNumber | undefined => parseDocumentNumber(text, CREDIT_NOTE_PREFIX);

/** The year a document dated `isoDate` (YYYY-MM-DD…) is numbered in. */
export function numberingYear(isoDate: string): number {
  const match = /^(\d{4})-\d{2}-\d{2}/.exec(isoDate);
  if (!match) throw new RangeError(`Not an ISO date: ${isoDate}`);
  return Number(match[1]);
}

// ---------------------------------------------------------------------------------------------
// ISO 11649 structured creditor reference ("RF reference")

const alphanumericValue = (text: string): string => [...text].map((char) => (/[0-9]/.test(char) ? char : String(char.charCodeAt(0) - 55))).join('');
/** ISO 7064 mod 97-10 of a digit string of any length. */
const mod97 = (digits: string): number => [...digits].reduce((rest, digit) => (rest * 10 + Number(digit)) % 97, 0);

/**
 * `RF` + two check digits (ISO 7064 mod 97-10) + the reference's alphanumerics (1–21 of them):
 * `INV-2026-000123` → `RF18INV2026000123`. Throws for a reference with no or more than 21 alphanumerics.
 */
export function creditorReference(reference: string): string {
  const body = reference.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (body.length === 0 || body.length > 21) throw new RangeError(`An RF reference holds 1-21 alphanumerics, got ${body.length}`);
  const check = 98 - mod97(alphanumericValue(`${body}RF00`));
  return `RF${String(check).padStart(2, '0')}${body}`;
}

/** Normalises and checks an RF reference as typed or printed (spaces, lower case): the canonical form, or undefined. */
export function parseCreditorReference(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/\s+/g, '');
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(compact)) return undefined;
  return mod97(alphanumericValue(`${compact.slice(4)}${compact.slice(0, 4)}`)) === 1 ? compact : undefined;
}

/** Printed in groups of four, as ISO 11649 recommends: `RF18 INV2 0260 0012 3`. */
export const formatCreditorReference = (reference: string): string => reference.replace(/(.{4})(?=.)/g, '$1 ');

/** The RF reference of a document number (`INV-2026-000123` → `RF98INV2026000123`); undefined if it has more than 21 alphanumerics. */
export function creditorReferenceOf(documentNumber: string): string | undefined {
  try {
    return creditorReference(documentNumber);
  } catch {
    return undefined;
  }
}

import { formatMinorUnits, type Money } from '../shared/money.js';

/**
 * EPC QR code ("GiroCode", EPC069-12 Quick Response Code guidelines, version 002): the SEPA credit
 * transfer a banking app fills in when the payer scans the invoice. Pure; the PDF draws the matrix
 * as vector rectangles (pdf.ts).
 *
 * Payload, one element per line (LF), nothing after the last used element:
 *   BCD · 002 · 1 (UTF-8) · SCT · BIC (optional in 002) · beneficiary name (≤ 70) · IBAN ·
 *   EUR amount (EUR12.34, 0.01–999999999.99) · purpose code (empty) · RF creditor reference
 * The structured reference excludes unstructured remittance (that line stays absent). At most 331
 * bytes, error correction level M (both per the guidelines).
 */

export interface EpcTransfer {
  readonly bic?: string;
  readonly name: string;
  readonly iban: string;
  readonly amount: Money;
  /** ISO 11649 RF creditor reference (compact form). */
  readonly reference: string;
}

export const EPC_MAX_BYTES = 331;

/** The payload text, or undefined when no EPC QR code can be given (not EUR, nothing to pay, no IBAN). */
export function epcPayload(transfer: EpcTransfer): string | undefined {
  const { amount } = transfer;
  if (amount.currency !== 'EUR' || !Number.isSafeInteger(amount.amount) || amount.amount < 1 || amount.amount > 99_999_999_999) return undefined;
  const iban = transfer.iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return undefined;
  const bic = (transfer.bic ?? '').replace(/\s+/g, '').toUpperCase();
  // Names longer than 70 characters are cut; line breaks inside would shift every later element.
  const name = [...transfer.name.replace(/[\r\n]+/g, ' ').trim()].slice(0, 70).join('');
  if (name === '') return undefined;
  const payload = [
    'BCD',
    '002',
    '1',
    'SCT',
    /^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(bic) ? bic : '',
    name,
    iban,
    `EUR${formatMinorUnits(amount.amount, 'EUR')}`,
    '',
    transfer.reference,
  ].join('\n');
  return Buffer.byteLength(payload, 'utf8') <= EPC_MAX_BYTES ? payload : undefined;
}

/**
 * The quick-quote textarea: one line per product, "SKU quantity", "SKU;quantity", "SKU,quantity" or
 * tab-separated (pasted from a spreadsheet). Quantities may use a decimal point or comma ("0,25");
 * repeated SKUs are added up, with string/integer arithmetic in thousandths (no floating point).
 */

import { formatDecimal, parseDecimal } from '../format.js';
import { translate } from '../i18n/translate.js';

export const MAX_QUOTE_LINES = 500;

export interface QuoteInputLine {
  sku: string;
  /** Decimal string with "." ("0.25"), as the API expects it. */
  quantity: string;
}

export interface QuoteInputResult {
  lines: QuoteInputLine[];
  /** Readable problems with the line number ("Line 3: …"); empty when the input can be sent. */
  errors: string[];
}

const SKU_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const QUANTITY_PATTERN = /^(\d{1,9})(?:[.,](\d{1,3}))?$/;

/**
 * "1,5" → 1500 thousandths, read in the UI locale ("1.500" is fifteen hundred in German, "0.25" and
 * "0,25" a quarter everywhere); undefined when not a quantity with at most three decimals.
 */
export const parseThousandths = (text: string): number | undefined => {
  const decimal = parseDecimal(text);
  const match = decimal === undefined ? null : QUANTITY_PATTERN.exec(decimal);
  if (!match) return undefined;
  return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
};

/** 1500 → "1.5", 250 → "0.25", 3000 → "3". */
export const formatThousandths = (value: number): string => {
  const whole = Math.floor(value / 1000);
  const fraction = String(value % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
};

/** Splits one input line into SKU and quantity text. */
const splitLine = (line: string): [string, string | undefined] => {
  let parts: string[];
  if (line.includes(';')) parts = line.split(';');
  else if (line.includes('\t')) parts = line.split('\t');
  else if (/\s/.test(line)) parts = line.split(/\s+/);
  // "SKU,qty" (CSV); "SKU,0,25" keeps the decimal comma of the quantity.
  else if (line.includes(',')) {
    const index = line.indexOf(',');
    parts = [line.slice(0, index), line.slice(index + 1)];
  } else parts = [line];
  const cells = parts
    .map((part) =>
      part
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim(),
    )
    .filter((part) => part !== '');
  if (cells.length > 2) return [cells[0]!, cells.slice(1).join(' ')];
  return [cells[0] ?? '', cells[1]];
};

const looksLikeHeader = (sku: string, quantity: string | undefined): boolean =>
  /^(sku|article|item|artikel|product)/i.test(sku) && (quantity === undefined || /^[a-z]/i.test(quantity));

export const parseQuoteInput = (text: string): QuoteInputResult => {
  const errors: string[] = [];
  const totals = new Map<string, number>();
  const rawLines = text.split(/\r?\n/);
  const firstLine = rawLines.findIndex((candidate) => candidate.trim() !== '' && !candidate.trim().startsWith('#'));
  rawLines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const number = index + 1;
    const [sku, quantityText] = splitLine(line);
    if (index === firstLine && looksLikeHeader(sku, quantityText)) return;
    if (!SKU_PATTERN.test(sku)) {
      errors.push(translate('quotes.input.notSku', { line: number, sku }));
      return;
    }
    if (quantityText === undefined) {
      errors.push(translate('quotes.input.noQuantity', { line: number, sku }));
      return;
    }
    const quantity = parseThousandths(quantityText);
    if (quantity === undefined) {
      errors.push(translate('quotes.input.notQuantity', { line: number, quantity: quantityText, example: formatDecimal('0.25') }));
      return;
    }
    totals.set(sku, (totals.get(sku) ?? 0) + quantity);
  });
  if (totals.size > MAX_QUOTE_LINES) errors.push(translate('quotes.input.tooMany', { max: MAX_QUOTE_LINES, count: totals.size }));
  const lines = [...totals].map(([sku, quantity]) => ({ sku, quantity: formatThousandths(quantity) }));
  if (lines.length === 0 && errors.length === 0) errors.push(translate('quotes.input.empty'));
  return { lines, errors };
};

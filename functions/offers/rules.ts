import { formatDocumentNumber, type NumberSeries } from '../shared/sequence.js';
import { applyBasisPoints } from '../shared/decimal.js';
import { timesMilli } from '../shared/quantity.js';
import { AppError, badRequest, conflict } from '../shared/errors.js';
import type { Money } from '../shared/money.js';

/**
 * Pure rules of sales-rep quotes (seed 002 "Moduł ofertowania"). No AWS imports.
 *
 * Decisions:
 * - A quote's unit prices are net, in integer minor units of the quote currency. A rep may set a
 *   unit price per line that is never negative (0 is allowed: a free sample) and never above the
 *   company's list price for that line and quantity (`listUnitNet`, the pricing engine's unit price
 *   under the quote's agreement): a quote only ever improves the customer's terms, so "better than
 *   the price list" (seed) is enforced, and a mistyped extra digit cannot overcharge a customer.
 * - The quoted unit prices are final: no further catalog discounts are applied on acceptance.
 *   line net = round_half_up(unit × quantity); VAT per rate group on the summed net (as the engine).
 * - Versions are immutable; editing writes version n+1. Only the latest version, once sent and
 *   while `validUntil` (inclusive, UTC date) has not passed, can be accepted; a quote is accepted once.
 */

export const QUOTE_PREFIX = 'QUO';
export const QUOTE_SERIES: NumberSeries = { counter: 'QUOTE', prefix: QUOTE_PREFIX };
export const formatQuoteNumber = (year: number, sequence: number): string => formatDocumentNumber(QUOTE_PREFIX, year, sequence);

export const MAX_QUOTE_LINES = 200;
export const MAX_VALIDITY_DAYS = 366;

export type OfferStatus = 'requested' | 'draft' | 'sent' | 'accepted';

export interface QuoteLineInput {
  readonly sku: string;
  readonly name: string;
  readonly unit: string;
  /** Thousandths of a sales unit. */
  readonly quantity: number;
  readonly listUnitNet: Money;
  readonly vatRate: number;
  /** The rep's price; undefined = the list price. */
  readonly unitNet?: number;
}

export interface QuoteLine {
  readonly sku: string;
  readonly name: string;
  readonly unit: string;
  readonly quantity: number;
  readonly listUnitNet: Money;
  readonly unitNet: Money;
  readonly lineNet: Money;
  readonly vatRate: number;
}

export interface QuoteTotals {
  readonly lines: readonly QuoteLine[];
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
  readonly vatBreakdown: readonly { rate: number; net: Money; vat: Money }[];
}

export type PriceProblemCode = 'NEGATIVE_PRICE' | 'PRICE_NOT_INTEGER' | 'PRICE_ABOVE_LIST' | 'CURRENCY_MISMATCH';

/** Problems of one rep price against the list price (none: the price is acceptable). */
export function priceProblem(unitNet: number, listUnitNet: Money, currency: string): PriceProblemCode | undefined {
  if (listUnitNet.currency !== currency) return 'CURRENCY_MISMATCH';
  if (!Number.isSafeInteger(unitNet)) return 'PRICE_NOT_INTEGER';
  if (unitNet < 0) return 'NEGATIVE_PRICE';
  if (unitNet > listUnitNet.amount) return 'PRICE_ABOVE_LIST';
  return undefined;
}

/** Lines at the quoted prices with VAT per rate; throws 400 INVALID_QUOTE_PRICE listing every bad line. */
export function priceQuote(inputs: readonly QuoteLineInput[], currency: string): QuoteTotals {
  if (inputs.length === 0) throw badRequest('QUOTE_EMPTY', 'A quote needs at least one line');
  if (inputs.length > MAX_QUOTE_LINES) throw badRequest('QUOTE_TOO_LARGE', `A quote holds at most ${MAX_QUOTE_LINES} lines`);
  const seen = new Set<string>();
  const problems: { sku: string; code: string }[] = [];
  for (const input of inputs) {
    if (seen.has(input.sku)) problems.push({ sku: input.sku, code: 'DUPLICATE_LINE' });
    seen.add(input.sku);
    if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0) problems.push({ sku: input.sku, code: 'NOT_POSITIVE' });
    const problem = priceProblem(input.unitNet ?? input.listUnitNet.amount, input.listUnitNet, currency);
    if (problem) problems.push({ sku: input.sku, code: problem });
  }
  if (problems.length) throw badRequest('INVALID_QUOTE_PRICE', 'Some quote lines have invalid quantities or prices', problems);
  const lines = inputs.map((input): QuoteLine => {
    const unit = input.unitNet ?? input.listUnitNet.amount;
    return {
      sku: input.sku,
      name: input.name,
      unit: input.unit,
      quantity: input.quantity,
      listUnitNet: input.listUnitNet,
      unitNet: { amount: unit, currency },
      lineNet: { amount: timesMilli(unit, input.quantity), currency },
      vatRate: input.vatRate,
    };
  });
  const groups = new Map<number, number>();
  for (const line of lines) groups.set(line.vatRate, (groups.get(line.vatRate) ?? 0) + line.lineNet.amount);
  const vatBreakdown = [...groups.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([rate, net]) => ({ rate, net: { amount: net, currency }, vat: { amount: applyBasisPoints(net, rate), currency } }));
  const net = vatBreakdown.reduce((sum, group) => sum + group.net.amount, 0);
  const vat = vatBreakdown.reduce((sum, group) => sum + group.vat.amount, 0);
  return { lines, net: { amount: net, currency }, vat: { amount: vat, currency }, gross: { amount: net + vat, currency }, vatBreakdown };
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 24 * 3600 * 1000;

/** `validUntil` must be a real date from today (UTC) up to MAX_VALIDITY_DAYS ahead. */
export function validUntilProblem(validUntil: string, today: string): string | undefined {
  if (
    !isoDate.test(validUntil) ||
    Number.isNaN(Date.parse(`${validUntil}T00:00:00Z`)) ||
    new Date(`${validUntil}T00:00:00Z`).toISOString().slice(0, 10) !== validUntil
  )
    return 'NOT_A_DATE';
  if (validUntil < today) return 'IN_THE_PAST';
  if (Date.parse(`${validUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`) > MAX_VALIDITY_DAYS * dayMs) return 'TOO_FAR';
  return undefined;
}

export const isExpired = (validUntil: string, today: string): boolean => validUntil < today;

export interface OfferState {
  readonly status: OfferStatus;
  readonly latestVersion: number;
  readonly sentVersion?: number;
  readonly acceptedVersion?: number;
}

/** Editing (a new version) is allowed until the quote is accepted. */
export function assertEditable(offer: OfferState): number {
  if (offer.status === 'accepted') throw conflict('QUOTE_ALREADY_ACCEPTED', 'An accepted quote cannot be changed; copy it instead');
  return offer.latestVersion + 1;
}

export const ACCEPTANCE_PROBLEM_CODES = ['QUOTE_ALREADY_ACCEPTED', 'QUOTE_SUPERSEDED', 'QUOTE_NOT_SENT', 'QUOTE_EXPIRED'] as const;
export type AcceptanceProblemCode = (typeof ACCEPTANCE_PROBLEM_CODES)[number];

/** A 409 saying why a version cannot be accepted; its code is typed, the version view reports it as data. */
export class AcceptanceProblem extends AppError {
  declare readonly code: AcceptanceProblemCode;
  constructor(code: AcceptanceProblemCode, message: string) {
    super(409, code, message);
  }
}

/** Why `version` cannot be accepted now (undefined: it can). Order of checks = order of the codes' priority. */
export function acceptanceProblem(offer: OfferState, version: { version: number; validUntil: string }, today: string): AcceptanceProblem | undefined {
  if (offer.status === 'accepted')
    return new AcceptanceProblem('QUOTE_ALREADY_ACCEPTED', `Version ${offer.acceptedVersion ?? '?'} of this quote was already accepted`);
  if (version.version !== offer.latestVersion)
    return new AcceptanceProblem('QUOTE_SUPERSEDED', `Version ${version.version} was replaced by version ${offer.latestVersion}`);
  if (offer.status !== 'sent' || offer.sentVersion !== version.version)
    return new AcceptanceProblem('QUOTE_NOT_SENT', 'This version has not been sent to you yet');
  if (isExpired(version.validUntil, today)) return new AcceptanceProblem('QUOTE_EXPIRED', `The quote was valid until ${version.validUntil}`);
  return undefined;
}

/** Versions a customer may read: the ones sent so far. Staff read every version. */
export const visibleToCustomer = (offer: OfferState, version: number): boolean => offer.sentVersion !== undefined && version <= offer.sentVersion;

/** A customer sees a quote once a version was sent, and their own company's requests. */
export const listedForCustomer = (offer: OfferState): boolean => offer.status === 'requested' || offer.sentVersion !== undefined;

/** A cart line as far as a cart takeover is concerned: SKU and thousandths of a sales unit. */
export interface TakenLine {
  readonly sku: string;
  readonly quantity: number;
}

/**
 * The buyer's cart after a quote made from it was accepted: exactly the taken-over quantities leave
 * the cart, SKU by SKU (what the buyer added since stays; a line taken over in full goes). Lines the
 * rep added to the quote were never in the cart and change nothing. `undefined`: the cart holds none
 * of the taken lines any more (nothing to write).
 */
export function cartAfterAcceptance<L extends TakenLine>(cart: readonly L[], taken: readonly TakenLine[]): L[] | undefined {
  const left = new Map<string, number>();
  for (const line of taken) if (line.quantity > 0) left.set(line.sku, (left.get(line.sku) ?? 0) + line.quantity);
  let changed = false;
  const lines: L[] = [];
  for (const line of cart) {
    const take = Math.min(left.get(line.sku) ?? 0, line.quantity);
    if (take <= 0) {
      lines.push(line);
      continue;
    }
    changed = true;
    left.set(line.sku, (left.get(line.sku) ?? 0) - take);
    if (line.quantity - take > 0) lines.push({ ...line, quantity: line.quantity - take });
  }
  return changed ? lines : undefined;
}

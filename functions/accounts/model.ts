/**
 * Types of the accounts context that other contexts use. Pricing depends on accounts (a company's
 * pricing profile, its agreements), never the other way round, so the agreement type lives here.
 */

/** Rates in basis points (19 % = 1900), as in functions/pricing/model.ts. */
type BasisPoints = number;

/**
 * A contract type a company holds (seed 003): 100 % prepayment, payment terms of N days, a currency
 * agreement … The buyer picks the active one; it changes every price (functions/pricing/engine.ts).
 */
export interface Agreement {
  readonly id: string;
  readonly name: string;
  readonly kind: 'prepayment' | 'payment-terms' | 'currency';
  readonly paymentTermDays?: number;
  /** Surcharge (positive) or rebate (negative) on the resolved unit price, in basis points. */
  readonly adjustment?: BasisPoints;
  /** Own price list of the agreement (takes precedence over company/group lists). */
  readonly priceListId?: string;
  /**
   * The currency the company buys in under this agreement (any kind; one of the shop's currencies):
   * prices, cart, order, credit line, prepaid balance and invoices are in it. Absent: the shop's default.
   * Only prices kept in this currency are used (price lists per currency) — a product without one is
   * not orderable (NO_PRICE), unless this is a currency agreement with an explicit `exchangeRate`.
   */
  readonly currency?: string;
  /** Currency agreement only: list prices converted with this explicit rate (target minor units per 1 000 000 source minor units). */
  readonly exchangeRate?: number;
}

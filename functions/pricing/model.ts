import type { Money } from '../shared/money.js';
import type { VatIdEvidence } from '../shared/vies.js';
import type { Agreement } from '../accounts/model.js';

/**
 * Types of the pricing engine (functions/pricing/engine.ts). Pure data: the engine does no I/O;
 * the pricing repository loads all of this with one batched DynamoDB read per request.
 *
 * Quantities are integers in thousandths of the sales unit ("milli-units"): 0.25 kg = 250.
 * Money is integer minor units (cents). Rates are basis points (19 % = 1900).
 */
export type Milli = number;
export type BasisPoints = number;

export interface QuantityRules {
  /** Smallest quantity a line may have ("logistic minimum", seed 002), in milli-units. Default 1000. */
  readonly minimum?: Milli;
  /** Precision of fractional sales (0.25 kg → 250); quantities must be a multiple. Default 1000 (whole units). */
  readonly step?: Milli;
  /** Order quantity must be a multiple of this (e.g. 6 pieces → 6000). */
  readonly multiple?: Milli;
  /** Carton / bulk pack size in milli-units; full packs get `packDiscount`. */
  readonly packSize?: Milli;
  readonly packDiscount?: BasisPoints;
}

/** From `minQuantity` on, the unit price is `unitPrice` (absolute) — tiered quantity prices. */
export interface PriceTier {
  readonly minQuantity: Milli;
  readonly unitPrice: Money;
}

export interface ProductPricing {
  readonly sku: string;
  readonly categoryId: string;
  /** Net list price per sales unit. */
  readonly listPrice: Money;
  readonly tiers?: readonly PriceTier[];
  /** VAT rate per destination country (ISO 3166-1 alpha-2); `default` when the country is missing. */
  readonly vatRates: Readonly<Record<string, BasisPoints>> & { readonly default: BasisPoints };
  readonly quantityRules?: QuantityRules;
}

/** Customer-specific prices: a company list overrides a group list, which overrides the list price. */
export interface PriceList {
  readonly id: string;
  readonly scope:
    | { readonly kind: 'customer-group'; readonly customerGroup: string }
    | { readonly kind: 'company'; readonly companyId: string }
    /** A list that only applies through `Agreement.priceListId`. */
    | { readonly kind: 'agreement'; readonly agreementId: string };
  readonly currency: string;
  /** Inclusive ISO dates (YYYY-MM-DD); absent = open-ended. */
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly prices: Readonly<Record<string, { readonly unitPrice: Money; readonly tiers?: readonly PriceTier[] }>>;
}

// The contract types a company holds are kept by accounts (functions/accounts/model.ts); pricing applies them.
export type { Agreement };

/** Rule language of discounts (seed 004 "Rule Builder"), JSON so the console can edit it. */
export type Rule =
  | { readonly all: readonly Rule[] }
  | { readonly any: readonly Rule[] }
  | { readonly not: Rule }
  | { readonly customerGroupIn: readonly string[] }
  | { readonly newCustomer: boolean }
  | { readonly deliveryCountryIn: readonly string[] }
  | { readonly orderNetAtLeast: Money }
  | { readonly skuIn: readonly string[] }
  | { readonly categoryIn: readonly string[] }
  | { readonly dateBetween: readonly [string, string] };

export interface Discount {
  readonly id: string;
  readonly name: string;
  readonly rule: Rule;
  /** `percent` applies to matching lines (line rules: skuIn/categoryIn), `fixed` to the order net. */
  readonly effect: { readonly kind: 'percent'; readonly rate: BasisPoints } | { readonly kind: 'fixed'; readonly amount: Money };
  readonly active: boolean;
}

/** A qualified VIES answer: the evidence of a buyer's VAT ID kept on the company and copied onto reverse-charge orders. */
export type { VatIdEvidence } from '../shared/vies.js';

export type VatIdConfirmation =
  | { readonly confirmed: true; readonly evidence: VatIdEvidence }
  | { readonly confirmed: false; readonly code: string; readonly message: string };

export interface Customer {
  readonly companyId?: string;
  readonly customerGroup?: string;
  readonly isNewCustomer: boolean;
  /** Valid EU VAT ID of the buyer, if any (already checked by accounts). */
  readonly vatId?: string;
  /**
   * Whether VIES confirmed `vatId` (accounts' vatConfirmation). Reverse charge needs `confirmed: true`;
   * without it (or when it is missing) domestic VAT is charged and the reason is explained.
   */
  readonly vatConfirmation?: VatIdConfirmation;
  readonly displayMode: 'net' | 'gross';
}

export interface PricingContext {
  readonly customer: Customer;
  /** ISO country where goods are delivered (VAT destination). */
  readonly deliveryCountry: string;
  /** The seller's country (reverse charge only applies across borders). */
  readonly sellerCountry: string;
  readonly agreement?: Agreement;
  /** ISO date (YYYY-MM-DD) prices are valid on. */
  readonly date: string;
  readonly currency: string;
}

export interface CartLineInput {
  readonly sku: string;
  readonly quantity: Milli;
}

/** `NO_PRICE` (added with the engine): the product has no price the cart currency can use (no list in that currency, no currency agreement converting from it). */
export type LineProblemCode = 'UNKNOWN_PRODUCT' | 'BELOW_MINIMUM' | 'NOT_A_STEP' | 'NOT_A_MULTIPLE' | 'NOT_POSITIVE' | 'NO_PRICE';

/**
 * The figures of a line's problems, for clients that word them themselves: `minimum` (BELOW_MINIMUM),
 * `step` (NOT_A_STEP), `multiple` (NOT_A_MULTIPLE) as decimal quantities ("0.5"), `currency` (NO_PRICE).
 */
export interface LineProblemDetails {
  readonly minimum?: string;
  readonly step?: string;
  readonly multiple?: string;
  readonly currency?: string;
}

export interface PricedLine {
  readonly sku: string;
  readonly quantity: Milli;
  /** Net unit price after list/agreement/tier/pack, before discounts. */
  readonly unitNet: Money;
  readonly baseNet: Money;
  readonly discounts: readonly { readonly discountId: string; readonly name: string; readonly amount: Money }[];
  readonly lineNet: Money;
  readonly vatRate: BasisPoints;
  readonly explanation: readonly string[];
  readonly problems: readonly LineProblemCode[];
  /** The limits the problems refer to; empty without problems. */
  readonly problemDetails: LineProblemDetails;
}

export interface PricedCart {
  readonly currency: string;
  readonly lines: readonly PricedLine[];
  readonly orderDiscounts: readonly { readonly discountId: string; readonly name: string; readonly amount: Money }[];
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
  readonly vatBreakdown: readonly { readonly rate: BasisPoints; readonly net: Money; readonly vat: Money }[];
  readonly reverseCharge: {
    readonly applies: boolean;
    readonly explanation?: string;
    /** The VIES answer reverse charge rests on (copied onto the order as `vatEvidence`). */
    readonly evidence?: VatIdEvidence;
    /** Why a cross-border EU sale is not under reverse charge (VAT ID not confirmed by VIES). */
    readonly reason?: { readonly code: string; readonly message: string };
  };
  readonly problems: readonly { readonly code: string; readonly sku?: string }[];
}

/** Which price list: a company's own, a customer group's or an agreement's. */
export type PriceListScope =
  | { kind: 'company'; companyId: string }
  | { kind: 'customer-group'; customerGroup: string }
  | { kind: 'agreement'; agreementId: string };

/** A product's pricing master data as the seed and the catalog import write it. */
export interface ProductPricingData {
  readonly sku: string;
  readonly categoryId: string;
  readonly listPrice: Money;
  readonly vatRates: Readonly<Record<string, BasisPoints>> & { readonly default: BasisPoints };
  readonly tiers?: readonly PriceTier[];
  readonly quantityRules?: QuantityRules;
}

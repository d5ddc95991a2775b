import { formatMoney } from '../shared/money.js';
import { AppError } from '../shared/errors.js';
import type { Money } from '../shared/money.js';
import type { DeliveryKind } from './delivery.js';

/**
 * Payment-method rules of the checkout (seed 000 points 6–10, seed 002 trade credit and dropshipping).
 * Pure: no I/O, no clock. Every method is always listed; methods the buyer cannot use are returned
 * `allowed: false` with a reason code and an English sentence the SPA shows next to the greyed-out
 * method (seed 000 point 6: "greyed out with an explanation").
 */

export const PAYMENT_METHODS = ['on-account', 'prepaid-balance', 'bank-prepayment', 'card', 'cash-on-delivery'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  'on-account': 'Payment on account',
  'prepaid-balance': 'Prepaid balance',
  'bank-prepayment': 'Bank prepayment',
  card: 'Card payment',
  'cash-on-delivery': 'Cash on delivery',
};

export const PAYMENT_REASON_CODES = [
  'NOT_REGULAR_CUSTOMER',
  'NOT_WITH_DELIVERY',
  'EXCLUDED_BY_PRODUCT',
  'BELOW_MINIMUM',
  'ABOVE_MAXIMUM',
  'CREDIT_EXCEEDED',
  'INSUFFICIENT_BALANCE',
  'NO_PROVIDER',
] as const;
/** Listed in the order they are checked: an option carries the first reason that applies. */
export type PaymentReasonCode = (typeof PAYMENT_REASON_CODES)[number];

export const isPaymentMethod = (value: unknown): value is PaymentMethod => typeof value === 'string' && (PAYMENT_METHODS as readonly string[]).includes(value);

/** Rule of one payment method. Bounds are per currency; a currency without an entry is not bounded. */
export interface PaymentMethodRule {
  /** Customer groups that may use the method; absent = every group (seed 002: payment methods per group). */
  readonly customerGroups?: readonly string[];
  /** New customers may not use it (seed 000 point 6: invoice only for regular customers). */
  readonly regularCustomersOnly?: boolean;
  /** Inclusive lower bound of the order gross ("card from 100 EUR"). */
  readonly minimumGross?: readonly Money[];
  /** Inclusive upper bound of the order gross ("cash on delivery up to 250 EUR"). */
  readonly maximumGross?: readonly Money[];
  /** Delivery kinds the method cannot be combined with (seed 000 point 7, seed 002 dropshipping). */
  readonly notWithDelivery?: readonly DeliveryKind[];
}

export interface PaymentConfig {
  readonly methods: Readonly<Record<PaymentMethod, PaymentMethodRule>>;
}

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
const pln = (amount: number): Money => ({ amount, currency: 'PLN' });

/** The shop's default rules. Override per deployment by passing `config` (spread this to change one method). */
export const DEFAULT_PAYMENT_CONFIG: PaymentConfig = {
  methods: {
    'on-account': { customerGroups: ['wholesale', 'key-account'], regularCustomersOnly: true, notWithDelivery: ['dropshipping'] },
    'prepaid-balance': {},
    'bank-prepayment': {},
    // Bounds per currency the shop sells in (set, not converted).
    card: { minimumGross: [eur(10_000), pln(43_000)], notWithDelivery: ['dropshipping'] },
    'cash-on-delivery': { maximumGross: [eur(25_000), pln(107_500)], notWithDelivery: ['pickup', 'dropshipping'] },
  },
};

export interface PaymentRulesInput {
  readonly customerGroup?: string;
  readonly isNewCustomer: boolean;
  readonly orderGross: Money;
  readonly lines: readonly { readonly sku: string; readonly excludedPaymentMethods?: readonly string[] }[];
  /** The chosen delivery kind; absent while the buyer has not chosen one (delivery rules are then not applied). */
  readonly delivery?: DeliveryKind;
  /** Trade credit still available (limit − used). Absent = no credit line granted. */
  readonly credit?: { readonly available: Money };
  /** Prepaid balance (seed 000 point 10). Absent = no prepaid account. */
  readonly prepaid?: { readonly balance: Money };
  readonly config?: PaymentConfig;
}

export interface PaymentOption {
  readonly method: PaymentMethod;
  readonly label: string;
  readonly allowed: boolean;
  readonly reasonCode?: PaymentReasonCode;
  /** English sentence for integrators, present exactly when `allowed` is false. */
  readonly reason?: string;
  /** The figures of the reason, for a sentence in another language (the SPA renders code + params). */
  readonly reasonParams?: PaymentReasonParams;
}

/**
 * What a reason names: the delivery kind (NOT_WITH_DELIVERY), the products (EXCLUDED_BY_PRODUCT), the
 * bound (BELOW_MINIMUM / ABOVE_MAXIMUM), the credit or balance left, or the currency an account is kept
 * in when it differs from the order's (CREDIT_EXCEEDED / INSUFFICIENT_BALANCE without either: none at all).
 */
export interface PaymentReasonParams {
  readonly delivery?: DeliveryKind;
  readonly skus?: readonly string[];
  readonly minimum?: Money;
  readonly maximum?: Money;
  readonly available?: Money;
  readonly balance?: Money;
  readonly keptIn?: string;
  readonly orderCurrency?: string;
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** "1 234.00 EUR": the engine's formatting with the integer digits grouped by a space. */
export function formatAmount(value: Money): string {
  const text = formatMoney(value.amount, value.currency);
  return text.replace(/\d+/, (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' '));
}

const DELIVERY_NAMES: Readonly<Record<DeliveryKind, string>> = {
  pickup: 'pickup',
  'own-transport': 'delivery by our own transport',
  carrier: 'carrier delivery',
  dropshipping: 'dropshipping orders',
};

function listSkus(skus: readonly string[]): string {
  const shown = skus.slice(0, 3).join(', ');
  return skus.length > 3 ? `${shown} and ${skus.length - 3} more` : shown;
}

const boundFor = (bounds: readonly Money[] | undefined, currency: string): Money | undefined => bounds?.find((bound) => bound.currency === currency);

// ---------------------------------------------------------------------------------------------
// Evaluation

type Verdict = { readonly code: PaymentReasonCode; readonly reason: string; readonly params?: PaymentReasonParams } | undefined;

function verdict(method: PaymentMethod, rule: PaymentMethodRule, input: PaymentRulesInput, excludingSkus: readonly string[]): Verdict {
  const label = PAYMENT_METHOD_LABELS[method];
  const gross = input.orderGross;

  const groupOk = !rule.customerGroups || (input.customerGroup !== undefined && rule.customerGroups.includes(input.customerGroup));
  if (!groupOk || (rule.regularCustomersOnly && input.isNewCustomer)) {
    return { code: 'NOT_REGULAR_CUSTOMER', reason: `${label} is available to regular customers only.` };
  }

  if (input.delivery && rule.notWithDelivery?.includes(input.delivery)) {
    const reason =
      input.delivery === 'dropshipping'
        ? 'Dropshipping orders can be paid by bank prepayment or prepaid balance only.'
        : `${label} is not available for ${DELIVERY_NAMES[input.delivery]}.`;
    return { code: 'NOT_WITH_DELIVERY', reason, params: { delivery: input.delivery } };
  }

  if (excludingSkus.length > 0) {
    const subject = excludingSkus.length === 1 ? `product ${excludingSkus[0]}` : `products ${listSkus(excludingSkus)}`;
    return { code: 'EXCLUDED_BY_PRODUCT', reason: `${label} is not available for this order because of ${subject}.`, params: { skus: excludingSkus } };
  }

  const minimum = boundFor(rule.minimumGross, gross.currency);
  if (minimum && gross.amount < minimum.amount) {
    return { code: 'BELOW_MINIMUM', reason: `${label} is available from an order value of ${formatAmount(minimum)} gross.`, params: { minimum } };
  }
  const maximum = boundFor(rule.maximumGross, gross.currency);
  if (maximum && gross.amount > maximum.amount) {
    return { code: 'ABOVE_MAXIMUM', reason: `${label} is available for orders up to ${formatAmount(maximum)} gross.`, params: { maximum } };
  }

  if (method === 'on-account') {
    const available = input.credit?.available;
    if (!available) return { code: 'CREDIT_EXCEEDED', reason: 'No trade credit has been granted to your company.' };
    if (available.currency !== gross.currency) {
      return {
        code: 'CREDIT_EXCEEDED',
        reason: `Your trade credit is kept in ${available.currency} and cannot cover an order in ${gross.currency}.`,
        params: { keptIn: available.currency, orderCurrency: gross.currency },
      };
    }
    if (gross.amount > available.amount) {
      const left = available.amount < 0 ? { ...available, amount: 0 } : available;
      return { code: 'CREDIT_EXCEEDED', reason: `Exceeds your available credit of ${formatAmount(left)}.`, params: { available: left } };
    }
  }

  if (method === 'prepaid-balance') {
    const balance = input.prepaid?.balance;
    if (!balance) return { code: 'INSUFFICIENT_BALANCE', reason: 'You have no prepaid balance.' };
    if (balance.currency !== gross.currency) {
      return {
        code: 'INSUFFICIENT_BALANCE',
        reason: `Your prepaid balance is kept in ${balance.currency} and cannot pay an order in ${gross.currency}.`,
        params: { keptIn: balance.currency, orderCurrency: gross.currency },
      };
    }
    if (gross.amount > balance.amount) {
      return { code: 'INSUFFICIENT_BALANCE', reason: `Your prepaid balance of ${formatAmount(balance)} does not cover the order.`, params: { balance } };
    }
  }
  return undefined;
}

/**
 * Every payment method, in `PAYMENT_METHODS` order, each allowed or not with the first reason that
 * applies (checked in `PAYMENT_REASON_CODES` order).
 */
export function evaluatePaymentMethods(input: PaymentRulesInput): PaymentOption[] {
  const config = input.config ?? DEFAULT_PAYMENT_CONFIG;
  return PAYMENT_METHODS.map((method) => {
    const excludingSkus = [...new Set(input.lines.filter((line) => line.excludedPaymentMethods?.includes(method)).map((line) => line.sku))];
    const result = verdict(method, config.methods[method] ?? {}, input, excludingSkus);
    const label = PAYMENT_METHOD_LABELS[method];
    if (!result) return { method, label, allowed: true };
    return { method, label, allowed: false, reasonCode: result.code, reason: result.reason, ...(result.params ? { reasonParams: result.params } : {}) };
  });
}

/** The buyer chose a method that is not allowed (or does not exist). `code` is the reason code. */
export class PaymentNotAllowedError extends AppError {
  constructor(
    readonly method: string,
    readonly reasonCode: PaymentReasonCode | 'UNKNOWN_PAYMENT_METHOD',
    message: string,
  ) {
    super(409, reasonCode, message, { method, reasonCode });
    this.name = 'PaymentNotAllowedError';
  }
}

/** Returns the chosen option when it is allowed; throws `PaymentNotAllowedError` otherwise. */
export function assertPaymentAllowed(options: readonly PaymentOption[], method: string): PaymentOption & { readonly allowed: true } {
  const option = options.find((candidate) => candidate.method === method);
  if (!option) throw new PaymentNotAllowedError(method, 'UNKNOWN_PAYMENT_METHOD', `Unknown payment method: ${method}`);
  if (!option.allowed) {
    throw new PaymentNotAllowedError(method, option.reasonCode ?? 'NOT_REGULAR_CUSTOMER', option.reason ?? `${option.label} is not available.`);
  }
  return option as PaymentOption & { readonly allowed: true };
}

// ---------------------------------------------------------------------------------------------
// Trade credit arithmetic (seed 002 "Kredyt kupiecki": a maximum and a current usage per company)

export interface CreditAccount {
  readonly limit: Money;
  readonly used: Money;
}

export type CreditErrorCode = 'CURRENCY_MISMATCH' | 'INVALID_AMOUNT' | 'CREDIT_EXCEEDED' | 'RELEASE_EXCEEDS_USED' | 'LIMIT_BELOW_USED';

export class CreditError extends AppError {
  constructor(
    readonly creditCode: CreditErrorCode,
    message: string,
    details?: unknown,
  ) {
    super(creditCode === 'INVALID_AMOUNT' ? 400 : 409, creditCode, message, details);
    this.name = 'CreditError';
  }
}

export type CreditResult =
  | { readonly ok: true; readonly account: CreditAccount; readonly available: Money }
  | { readonly ok: false; readonly error: CreditError };

/** limit − used, never below zero (a limit lowered in the ERP below the usage shows as 0 available). */
export function availableCredit(account: CreditAccount): Money {
  return { amount: Math.max(0, account.limit.amount - account.used.amount), currency: account.limit.currency };
}

const fail = (code: CreditErrorCode, message: string, details?: unknown): CreditResult => ({ ok: false, error: new CreditError(code, message, details) });
const done = (account: CreditAccount): CreditResult => ({ ok: true, account, available: availableCredit(account) });

function checkAmount(account: CreditAccount, amount: Money, allowZero: boolean): CreditResult | undefined {
  if (account.limit.currency !== account.used.currency || amount.currency !== account.limit.currency) {
    return fail('CURRENCY_MISMATCH', `Credit is kept in ${account.limit.currency}, got ${amount.currency}`, {
      expected: account.limit.currency,
      got: amount.currency,
    });
  }
  if (!Number.isSafeInteger(amount.amount) || amount.amount < 0 || (!allowZero && amount.amount === 0)) {
    return fail('INVALID_AMOUNT', `Amount must be a ${allowZero ? 'non-negative' : 'positive'} integer of minor units, got ${amount.amount}`);
  }
  return undefined;
}

/** Books `amount` of an order placed on account against the credit line. */
export function reserveCredit(account: CreditAccount, amount: Money): CreditResult {
  const problem = checkAmount(account, amount, false);
  if (problem) return problem;
  const available = availableCredit(account);
  if (amount.amount > available.amount) {
    return fail('CREDIT_EXCEEDED', `Exceeds your available credit of ${formatAmount(available)}.`, { available, requested: amount });
  }
  return done({ limit: account.limit, used: { amount: account.used.amount + amount.amount, currency: account.used.currency } });
}

/** Gives credit back (invoice paid, order cancelled). Cannot release more than is used. */
export function releaseCredit(account: CreditAccount, amount: Money): CreditResult {
  const problem = checkAmount(account, amount, false);
  if (problem) return problem;
  if (amount.amount > account.used.amount) {
    return fail('RELEASE_EXCEEDS_USED', `Cannot release ${formatAmount(amount)}: only ${formatAmount(account.used)} is used.`, {
      used: account.used,
      requested: amount,
    });
  }
  return done({ limit: account.limit, used: { amount: account.used.amount - amount.amount, currency: account.used.currency } });
}

/** Sets a new limit; it may not fall below what is already used (available would turn negative). */
export function changeLimit(account: CreditAccount, limit: Money): CreditResult {
  const problem = checkAmount(account, limit, true);
  if (problem) return problem;
  if (limit.amount < account.used.amount) {
    return fail('LIMIT_BELOW_USED', `The limit cannot be set below the credit already used (${formatAmount(account.used)}).`, { used: account.used, limit });
  }
  return done({ limit, used: account.used });
}

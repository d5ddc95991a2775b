import { ibanProblem, normalizeIban } from '../accounts/identifiers.js';
import { AppError } from '../shared/errors.js';
import type { Money } from '../shared/money.js';
import type { Milli } from '../pricing/model.js';
import { formatAmount } from './rules.js';

/**
 * Delivery options of the checkout (seed 003: pickup, the seller's own transport, carrier services
 * with branch lists per city, dropshipping; conditions shown next to every option; seed 002:
 * dropshipping to the end customer with cash on delivery credited to the buyer's account).
 * Pure: carriers are plugged in as adapters over static data, no I/O, no clock.
 */

export const DELIVERY_KINDS = ['pickup', 'own-transport', 'carrier', 'dropshipping'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export interface PostalAddress {
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

/** The end customer of a dropshipping order. */
export interface DeliveryAddress extends PostalAddress {
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
}

/** Cash on delivery collected from the end customer and credited to the buyer's IBAN (seed 002). */
export interface CashOnDelivery {
  readonly amount: Money;
  readonly iban?: string;
}

/** What the buyer chose. The delivery address of own transport is the cart's delivery address. */
export type DeliveryChoice =
  | { readonly kind: 'pickup'; readonly warehouseId: string }
  | { readonly kind: 'own-transport' }
  | { readonly kind: 'carrier'; readonly carrierId: string; readonly city: string; readonly branchId: string }
  | { readonly kind: 'dropshipping'; readonly endCustomer: DeliveryAddress; readonly cashOnDelivery?: CashOnDelivery };

export interface OpeningHours {
  /** e.g. "Mon-Fri", "Sat". */
  readonly days: string;
  /** e.g. "08:00-18:00". */
  readonly hours: string;
}

export interface Warehouse {
  readonly id: string;
  readonly name: string;
  readonly address: PostalAddress;
  readonly openingHours: readonly OpeningHours[];
}

/** A carrier's parcel shop / depot where the buyer collects the shipment. */
export interface Branch {
  readonly id: string;
  readonly name: string;
  readonly address: PostalAddress;
  readonly openingHours: readonly OpeningHours[];
}

/** What a carrier quotes on. */
export interface Shipment {
  readonly orderNet: Money;
  /** Total weight; 0 when the catalog has no weights. */
  readonly weightGrams: number;
  readonly lines: readonly { readonly sku: string; readonly quantity: Milli; readonly weightGrams?: number }[];
}

/** A carrier service plugged into the checkout (data comes with the adapter; no I/O). */
export interface CarrierAdapter {
  readonly id: string;
  readonly name: string;
  /** Conditions text shown next to the option. */
  readonly conditions: string;
  /** Cities with branches, for the city picker. */
  cities(): readonly string[];
  /** Branches in a city (case- and diacritics-insensitive: "Lodz" finds "Łódź"); [] for unknown cities. */
  branches(city: string): readonly Branch[];
  /** Fee in the order currency, or undefined when the carrier cannot ship this (country, currency, weight). */
  quote(shipment: Shipment, country: string): Money | undefined;
}

export interface DeliveryConfig {
  /** Countries the seller's own trucks drive to. */
  readonly ownTransportCountries: readonly string[];
  /** Minimum order net for own transport, per currency (no entry = no minimum). */
  readonly ownTransportMinimumNet: readonly Money[];
  readonly dropshippingEnabled: boolean;
  /** Flat dropshipping fee per currency (courier to the end customer, no logistic minimum); no entry = not offered in that currency. */
  readonly dropshippingFee: readonly Money[];
}

export const DEFAULT_DELIVERY_CONFIG: DeliveryConfig = {
  ownTransportCountries: ['DE', 'AT', 'PL'],
  // Per currency the shop sells in (set, not converted: README "Currencies").
  ownTransportMinimumNet: [
    { amount: 15_000, currency: 'EUR' },
    { amount: 65_000, currency: 'PLN' },
  ],
  dropshippingEnabled: true,
  dropshippingFee: [
    { amount: 1_290, currency: 'EUR' },
    { amount: 5_490, currency: 'PLN' },
  ],
};

export interface DeliveryInput {
  readonly orderNet: Money;
  /** Country of the cart's delivery address (own transport, carrier quotes). */
  readonly deliveryCountry: string;
  readonly weightGrams?: number;
  readonly lines?: Shipment['lines'];
  readonly warehouses: readonly Warehouse[];
  readonly carriers: readonly CarrierAdapter[];
  readonly config?: DeliveryConfig;
}

export type DeliveryUnavailableCode =
  | 'NO_WAREHOUSE'
  | 'COUNTRY_NOT_SERVED'
  | 'BELOW_MINIMUM'
  | 'CARRIER_CANNOT_SHIP'
  | 'NOT_ENABLED'
  | 'CURRENCY_NOT_SUPPORTED';

export interface DeliveryTextParams {
  /** Own transport: the countries it serves. */
  readonly countries?: readonly string[];
  /** Own transport: the order value (net) it starts from. */
  readonly minimum?: Money;
  /** Dropshipping: its fee. */
  readonly fee?: Money;
  /** The delivery country a carrier cannot ship to. */
  readonly country?: string;
  /** The order currency an option is not offered in. */
  readonly currency?: string;
}

export interface DeliveryOption {
  readonly kind: DeliveryKind;
  /** Set for `carrier` options (one option per adapter). */
  readonly carrierId?: string;
  readonly name: string;
  readonly available: boolean;
  /** Fee in the order currency; 0 when free or unavailable. */
  readonly fee: Money;
  readonly conditions: string;
  readonly reasonCode?: DeliveryUnavailableCode;
  /** English sentence for integrators, present exactly when `available` is false. */
  readonly reason?: string;
  /** The figures named in conditions and reason, for texts in other languages (the SPA renders kind / code + params). */
  readonly params?: DeliveryTextParams;
  /** Pickup: the warehouses to choose from. */
  readonly warehouses?: readonly Warehouse[];
}

// ---------------------------------------------------------------------------------------------
// Options

const zero = (currency: string): Money => ({ amount: 0, currency });
const forCurrency = (values: readonly Money[], currency: string): Money | undefined => values.find((value) => value.currency === currency);
const upper = (value: string): string => value.trim().toUpperCase();

function shipmentOf(input: DeliveryInput): Shipment {
  const lines = input.lines ?? [];
  const fromLines = lines.reduce((sum, line) => sum + (line.weightGrams ?? 0), 0);
  return { orderNet: input.orderNet, weightGrams: input.weightGrams ?? fromLines, lines };
}

function unavailable(option: Omit<DeliveryOption, 'available' | 'fee'>, currency: string, reasonCode: DeliveryUnavailableCode, reason: string): DeliveryOption {
  return { ...option, available: false, fee: zero(currency), reasonCode, reason };
}

function pickupOption(input: DeliveryInput): DeliveryOption {
  const currency = input.orderNet.currency;
  const base = {
    kind: 'pickup' as const,
    name: 'Pickup at our warehouse',
    conditions:
      'Collect the goods yourself at the warehouse you choose, during its opening hours, once we notify you that the order is ready. No delivery fee.',
    warehouses: input.warehouses,
  };
  if (input.warehouses.length === 0) return unavailable(base, currency, 'NO_WAREHOUSE', 'No warehouse is open for pickup.');
  return { ...base, available: true, fee: zero(currency) };
}

function ownTransportOption(input: DeliveryInput, config: DeliveryConfig): DeliveryOption {
  const currency = input.orderNet.currency;
  const minimum = forCurrency(config.ownTransportMinimumNet, currency);
  const countries = config.ownTransportCountries.join(', ');
  const base = {
    kind: 'own-transport' as const,
    name: 'Delivery by our own transport',
    conditions: `Delivered by our own trucks to ${countries}${minimum ? ` from an order value of ${formatAmount(minimum)} net` : ''}, free of charge. Unloading at the kerb; we agree the delivery day with you.`,
    params: { countries: config.ownTransportCountries, ...(minimum ? { minimum } : {}) },
  };
  if (!config.ownTransportCountries.includes(upper(input.deliveryCountry))) {
    return unavailable(base, currency, 'COUNTRY_NOT_SERVED', `Our own transport delivers to ${countries} only.`);
  }
  if (minimum && input.orderNet.amount < minimum.amount) {
    return unavailable(base, currency, 'BELOW_MINIMUM', `Our own transport is available from an order value of ${formatAmount(minimum)} net.`);
  }
  return { ...base, available: true, fee: zero(currency) };
}

function carrierOption(input: DeliveryInput, carrier: CarrierAdapter, shipment: Shipment): DeliveryOption {
  const currency = input.orderNet.currency;
  const base = { kind: 'carrier' as const, carrierId: carrier.id, name: carrier.name, conditions: carrier.conditions };
  const fee = carrier.quote(shipment, upper(input.deliveryCountry));
  if (!fee || fee.currency !== currency || !Number.isSafeInteger(fee.amount) || fee.amount < 0) {
    return unavailable(
      { ...base, params: { country: upper(input.deliveryCountry) } },
      currency,
      'CARRIER_CANNOT_SHIP',
      `${carrier.name} cannot ship this order to ${upper(input.deliveryCountry)}.`,
    );
  }
  return { ...base, available: true, fee };
}

function dropshippingOption(input: DeliveryInput, config: DeliveryConfig): DeliveryOption {
  const currency = input.orderNet.currency;
  const fee = forCurrency(config.dropshippingFee, currency);
  const base = {
    kind: 'dropshipping' as const,
    name: 'Dropshipping to your customer',
    conditions: `Shipped by courier in a neutral parcel directly to your end customer's address${fee ? ` for ${formatAmount(fee)}` : ''}, without a logistic minimum. Pay by bank prepayment or prepaid balance only. Cash on delivery can be collected from your customer and credited to your IBAN.`,
    params: fee ? { fee } : { currency },
  };
  if (!config.dropshippingEnabled) return unavailable(base, currency, 'NOT_ENABLED', 'Dropshipping is not enabled for your account.');
  if (!fee) return unavailable(base, currency, 'CURRENCY_NOT_SUPPORTED', `Dropshipping is not offered for orders in ${currency}.`);
  return { ...base, available: true, fee };
}

/** Every delivery option: pickup, own transport, one per carrier, dropshipping — each with fee, conditions and, when unavailable, the reason. */
export function deliveryOptions(input: DeliveryInput): DeliveryOption[] {
  const config = input.config ?? DEFAULT_DELIVERY_CONFIG;
  const shipment = shipmentOf(input);
  return [
    pickupOption(input),
    ownTransportOption(input, config),
    ...input.carriers.map((carrier) => carrierOption(input, carrier, shipment)),
    dropshippingOption(input, config),
  ];
}

// ---------------------------------------------------------------------------------------------
// Validation of the buyer's choice

export type DeliveryErrorCode =
  | 'INVALID_CHOICE'
  | 'UNKNOWN_WAREHOUSE'
  | 'UNKNOWN_CARRIER'
  | 'UNKNOWN_BRANCH'
  | 'BRANCH_OUTSIDE_DELIVERY_COUNTRY'
  | 'ADDRESS_REQUIRED'
  | 'INVALID_ADDRESS'
  | 'IBAN_REQUIRED_FOR_COD'
  | 'INVALID_IBAN'
  | 'INVALID_COD_AMOUNT'
  | 'DELIVERY_NOT_AVAILABLE';

export class DeliveryError extends AppError {
  constructor(
    readonly deliveryCode: DeliveryErrorCode,
    message: string,
    details?: unknown,
  ) {
    super(400, deliveryCode, message, details);
    this.name = 'DeliveryError';
  }
}

export interface ValidatedDelivery {
  /** The choice with trimmed strings, upper-case country codes and a compact IBAN. */
  readonly choice: DeliveryChoice;
  readonly option: DeliveryOption;
  readonly fee: Money;
  readonly warehouse?: Warehouse;
  readonly branch?: Branch;
}

export type DeliveryValidation = { readonly ok: true; readonly value: ValidatedDelivery } | { readonly ok: false; readonly error: DeliveryError };

const reject = (code: DeliveryErrorCode, message: string, details?: unknown): DeliveryValidation => ({
  ok: false,
  error: new DeliveryError(code, message, details),
});
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Folds case and diacritics, for matching city names typed by the buyer ("lodz" = "Łódź"). */
export function foldCityName(city: string): string {
  return city
    .trim()
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ');
}

function normalizeAddress(raw: unknown): { address?: DeliveryAddress; missing: string[]; invalid: string[] } {
  const source = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const fields = {
    name: text(source.name),
    street: text(source.street),
    postalCode: text(source.postalCode),
    city: text(source.city),
    country: upper(text(source.country)),
  };
  const missing = Object.entries(fields)
    .filter(([, value]) => value === '')
    .map(([key]) => key);
  const invalid: string[] = [];
  if (fields.country !== '' && !/^[A-Z]{2}$/.test(fields.country)) invalid.push('country');
  for (const [key, value] of Object.entries(fields)) if (value.length > 200) invalid.push(key);
  if (missing.length > 0 || invalid.length > 0) return { missing, invalid };
  const phone = text(source.phone);
  const email = text(source.email);
  return { address: { ...fields, ...(phone ? { phone } : {}), ...(email ? { email } : {}) }, missing, invalid };
}

function availableOrReject(option: DeliveryOption | undefined, value: Omit<ValidatedDelivery, 'option' | 'fee'>): DeliveryValidation {
  if (!option) return reject('DELIVERY_NOT_AVAILABLE', 'This delivery option is not offered.');
  if (!option.available) {
    return reject('DELIVERY_NOT_AVAILABLE', option.reason ?? `${option.name} is not available.`, { reasonCode: option.reasonCode });
  }
  return { ok: true, value: { ...value, option, fee: option.fee } };
}

/**
 * Checks the buyer's delivery choice against the options for this cart and returns it normalized
 * with its fee, or a `DeliveryError` (never throws). Accepts untrusted JSON shaped like `DeliveryChoice`.
 */
export function validateDeliveryChoice(choice: DeliveryChoice, input: DeliveryInput): DeliveryValidation {
  const raw = (typeof choice === 'object' && choice !== null ? choice : {}) as Record<string, unknown>;
  const options = deliveryOptions(input);

  switch (raw.kind) {
    case 'pickup': {
      const warehouseId = text(raw.warehouseId);
      const warehouse = input.warehouses.find((candidate) => candidate.id === warehouseId);
      if (!warehouse) return reject('UNKNOWN_WAREHOUSE', `Unknown pickup warehouse: ${warehouseId || '(none)'}`, { warehouseId });
      return availableOrReject(
        options.find((option) => option.kind === 'pickup'),
        { choice: { kind: 'pickup', warehouseId }, warehouse },
      );
    }
    case 'own-transport':
      return availableOrReject(
        options.find((option) => option.kind === 'own-transport'),
        { choice: { kind: 'own-transport' } },
      );
    case 'carrier': {
      const carrierId = text(raw.carrierId);
      const carrier = input.carriers.find((candidate) => candidate.id === carrierId);
      if (!carrier) return reject('UNKNOWN_CARRIER', `Unknown carrier: ${carrierId || '(none)'}`, { carrierId });
      const city = text(raw.city);
      const branchId = text(raw.branchId);
      const branch = city ? carrier.branches(city).find((candidate) => candidate.id === branchId) : undefined;
      if (!branch)
        return reject('UNKNOWN_BRANCH', `${carrier.name} has no branch ${branchId || '(none)'} in ${city || '(no city)'}.`, { carrierId, city, branchId });
      if (upper(branch.address.country) !== upper(input.deliveryCountry)) {
        return reject(
          'BRANCH_OUTSIDE_DELIVERY_COUNTRY',
          `The branch is in ${branch.address.country}, the delivery address in ${upper(input.deliveryCountry)}.`,
          {
            branchCountry: branch.address.country,
            deliveryCountry: upper(input.deliveryCountry),
          },
        );
      }
      return availableOrReject(
        options.find((option) => option.kind === 'carrier' && option.carrierId === carrierId),
        { choice: { kind: 'carrier', carrierId, city: branch.address.city, branchId }, branch },
      );
    }
    case 'dropshipping': {
      if (raw.endCustomer === undefined || raw.endCustomer === null) {
        return reject('ADDRESS_REQUIRED', "Dropshipping needs the end customer's delivery address.", {
          missing: ['name', 'street', 'postalCode', 'city', 'country'],
        });
      }
      const { address, missing, invalid } = normalizeAddress(raw.endCustomer);
      if (missing.length > 0) return reject('ADDRESS_REQUIRED', `The end customer's address is incomplete: ${missing.join(', ')} missing.`, { missing });
      if (!address) return reject('INVALID_ADDRESS', `The end customer's address is invalid: ${invalid.join(', ')}.`, { invalid });

      let cashOnDelivery: CashOnDelivery | undefined;
      if (raw.cashOnDelivery !== undefined && raw.cashOnDelivery !== null) {
        const cod = raw.cashOnDelivery as Record<string, unknown>;
        const amount = cod.amount as Partial<Money> | undefined;
        if (
          !amount ||
          typeof amount.amount !== 'number' ||
          !Number.isSafeInteger(amount.amount) ||
          amount.amount <= 0 ||
          amount.currency !== input.orderNet.currency
        ) {
          return reject('INVALID_COD_AMOUNT', `The cash-on-delivery amount must be a positive amount in ${input.orderNet.currency}.`);
        }
        const ibanText = text(cod.iban);
        if (ibanText === '') return reject('IBAN_REQUIRED_FOR_COD', 'Cash on delivery needs the IBAN the collected amount is credited to.');
        const problem = ibanProblem(ibanText);
        if (problem) return reject('INVALID_IBAN', `The IBAN for cash on delivery is invalid (${problem.toLowerCase()}).`, { problem });
        cashOnDelivery = { amount: { amount: amount.amount, currency: amount.currency }, iban: normalizeIban(ibanText) };
      }
      return availableOrReject(
        options.find((option) => option.kind === 'dropshipping'),
        { choice: { kind: 'dropshipping', endCustomer: address, ...(cashOnDelivery ? { cashOnDelivery } : {}) } },
      );
    }
    default:
      return reject('INVALID_CHOICE', `Unknown delivery kind: ${typeof raw.kind === 'string' ? raw.kind : typeof raw.kind}`, { kinds: DELIVERY_KINDS });
  }
}

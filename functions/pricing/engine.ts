import { addExact, allocateLargestRemainder, applyBasisPoints, BASIS_POINTS, formatPercent, formatScaledForDisplay, mulDivHalfUp } from '../shared/decimal.js';
import { acceptedCurrencies } from '../shared/currencies.js';
import { AppError } from '../shared/errors.js';
import { formatMoney, type Money } from '../shared/money.js';
import { formatQuantity, timesMilli } from '../shared/quantity.js';
import { quantityProblems as sharedQuantityProblems } from '../shared/quantity-rules.js';
import type {
  Agreement,
  BasisPoints,
  CartLineInput,
  Discount,
  LineProblemCode,
  LineProblemDetails,
  Milli,
  PriceList,
  PriceTier,
  PricedCart,
  PricedLine,
  PricingContext,
  ProductPricing,
  QuantityRules,
} from './model.js';
import { compileRule, isIsoDate, type CompiledRule, type RuleFacts } from './rules-language.js';

/**
 * The pricing engine. PURE: no I/O, no clock (the date is in the context), no randomness — the same
 * input always gives the same output. Integer arithmetic only (functions/shared/decimal.ts).
 * docs/pricing.md describes the resolution order, the rounding rule and the rule language.
 */

export { compileRule, evaluateRule, parseRule, RuleError, RULE_LIMITS, type CompiledRule, type RuleFacts } from './rules-language.js';

/** EU member states (ISO 3166-1 alpha-2). VAT IDs of Greece start with EL, its ISO code is GR. */
export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
]);

export const REVERSE_CHARGE_NOTE = 'Reverse charge: VAT to be accounted for by the recipient (Art. 196 Council Directive 2006/112/EC).';

/** Catalog display price of one product for a pricing context (`priceProduct`). */
export interface ProductPrice {
  /** Net price per sales unit at `quantity` (list/agreement/tier, adjustment, currency; no pack or cart discounts). */
  readonly unitNet: Money;
  /** `unitNet` plus VAT of the delivery country (0 under reverse charge), rounded half-up. */
  readonly unitGross: Money;
  readonly vatRate: BasisPoints;
  /** Quantity tiers of the winning price source, resolved for the same context, ascending. */
  readonly tiers: readonly { readonly minQuantity: Milli; readonly unitNet: Money }[];
  readonly explanation: readonly string[];
  /** `NO_PRICE` when the product has no price the context's currency can use. */
  readonly problems: readonly LineProblemCode[];
}

/**
 * The currency a company buys in: the one its agreement fixes, else the shop's default. It must be one
 * the shop sells in (shop settings `currencies`): otherwise 409 CURRENCY_NOT_ACCEPTED — never priced
 * in another currency instead (no silent conversion, README "Currencies").
 */
export function pricingCurrency(
  agreement: Pick<Agreement, 'currency'> | undefined,
  shop: { readonly currency: string; readonly currencies?: readonly string[] },
): string {
  const currency = agreement?.currency ?? shop.currency;
  const accepted = acceptedCurrencies(shop);
  if (!accepted.includes(currency)) {
    throw new AppError(409, 'CURRENCY_NOT_ACCEPTED', `Prices are kept in ${currency}, which this shop does not sell in (${accepted.join(', ')})`, {
      currency,
      accepted,
    });
  }
  return currency;
}

// ---------------------------------------------------------------------------------------------
// Explanations (plain ASCII digits, "12.40 EUR"; minus sign U+2212)

const formatSignedPercent = (bps: BasisPoints): string => (bps < 0 ? formatPercent(bps) : `+${formatPercent(bps)}`);

// ---------------------------------------------------------------------------------------------
// Context preparation (once per cart)

type SourceKind = 'agreement' | 'company' | 'group';
interface Source {
  readonly kind: SourceKind;
  readonly list: PriceList;
}

interface Prepared {
  readonly currency: string;
  readonly date: string;
  readonly deliveryCountry: string;
  /** Whose VAT rates apply: the delivery country, or the seller's when reverse charge was refused (VAT ID not confirmed). */
  readonly vatCountry: string;
  readonly sources: readonly Source[];
  readonly agreement: Agreement | undefined;
  readonly adjustment: BasisPoints;
  readonly exchangeRate: number | undefined;
  readonly reverseCharge: PricedCart['reverseCharge'];
}

const currencyPattern = /^[A-Z]{3}$/;

const validOn = (list: PriceList, date: string): boolean =>
  (list.validFrom === undefined || list.validFrom <= date) && (list.validTo === undefined || date <= list.validTo);

/** Newest first (later `validFrom` wins; open start counts as oldest), then input order. */
const byRecency = (lists: PriceList[]): PriceList[] =>
  lists
    .map((list, index) => ({ list, index }))
    .sort((a, b) => ((b.list.validFrom ?? '') < (a.list.validFrom ?? '') ? -1 : (b.list.validFrom ?? '') > (a.list.validFrom ?? '') ? 1 : a.index - b.index))
    .map(({ list }) => list);

/** Normalized VAT ID (no spaces, dots or dashes; capitals). */
const normalizeVatId = (vatId: string): string => vatId.replace(/[\s.\-]/g, '').toUpperCase();

/** EU reverse charge (seed 000 point 11) — see docs/pricing.md. */
export function reverseChargeFor(context: Pick<PricingContext, 'customer' | 'deliveryCountry' | 'sellerCountry'>): PricedCart['reverseCharge'] {
  const vatId = context.customer.vatId ? normalizeVatId(context.customer.vatId) : '';
  if (vatId.length < 3) return { applies: false };
  const prefix = vatId.slice(0, 2);
  const buyerCountry = prefix === 'EL' ? 'GR' : prefix;
  const seller = context.sellerCountry.toUpperCase();
  const delivery = context.deliveryCountry.toUpperCase();
  const crossBorder =
    EU_COUNTRIES.has(buyerCountry) && EU_COUNTRIES.has(seller) && buyerCountry !== seller && EU_COUNTRIES.has(delivery) && delivery !== seller;
  if (!crossBorder) return { applies: false };
  // No valid VIES answer for exactly this VAT ID, no reverse charge (issue 13 item 5).
  const confirmation = context.customer.vatConfirmation;
  if (!confirmation?.confirmed || normalizeVatId(confirmation.evidence.vatId) !== vatId) {
    const reason =
      confirmation && !confirmation.confirmed
        ? { code: confirmation.code, message: confirmation.message }
        : { code: 'VAT_ID_NOT_CONFIRMED', message: `VAT ID ${vatId} has not been confirmed by VIES yet; domestic VAT is charged.` };
    return { applies: false, reason };
  }
  const { evidence } = confirmation;
  const checked = `VAT ID checked via VIES on ${evidence.requestDate.slice(0, 10)}${evidence.consultationNumber ? `, consultation number ${evidence.consultationNumber}` : ''}.`;
  return { applies: true, explanation: `${REVERSE_CHARGE_NOTE} Buyer VAT ID: ${vatId}. ${checked}`, evidence };
}

function prepare(priceLists: readonly PriceList[], context: PricingContext): Prepared {
  if (!currencyPattern.test(context.currency)) throw new RangeError(`Not an ISO 4217 currency code: ${context.currency}`);
  if (!isIsoDate(context.date)) throw new RangeError(`Pricing date must be YYYY-MM-DD, got ${context.date}`);
  const { customer, agreement, date } = context;
  const sources: Source[] = [];
  if (agreement?.priceListId !== undefined) {
    const own = priceLists.find((list) => list.id === agreement.priceListId);
    if (own && validOn(own, date)) sources.push({ kind: 'agreement', list: own });
  }
  const company = customer.companyId;
  if (company !== undefined) {
    const lists = priceLists.filter((list) => list.scope.kind === 'company' && list.scope.companyId === company && validOn(list, date));
    for (const list of byRecency(lists)) sources.push({ kind: 'company', list });
  }
  const group = customer.customerGroup;
  if (group !== undefined) {
    const lists = priceLists.filter((list) => list.scope.kind === 'customer-group' && list.scope.customerGroup === group && validOn(list, date));
    for (const list of byRecency(lists)) sources.push({ kind: 'group', list });
  }
  const rate = agreement?.exchangeRate;
  const converts = agreement?.kind === 'currency' && agreement.currency === context.currency && rate !== undefined && Number.isSafeInteger(rate) && rate > 0;
  const adjustment = agreement?.adjustment;
  const reverseCharge = reverseChargeFor(context);
  return {
    currency: context.currency,
    date,
    deliveryCountry: context.deliveryCountry.toUpperCase(),
    // A cross-border EU B2B supply without a confirmed VAT ID is taxed where the seller is (domestic VAT).
    vatCountry: reverseCharge.reason ? context.sellerCountry.toUpperCase() : context.deliveryCountry.toUpperCase(),
    sources,
    agreement,
    adjustment: adjustment !== undefined && Number.isSafeInteger(adjustment) ? adjustment : 0,
    exchangeRate: converts ? rate : undefined,
    reverseCharge,
  };
}

// ---------------------------------------------------------------------------------------------
// Unit price resolution

const SOURCE_LABEL: Record<SourceKind, string> = { agreement: 'Agreement price list', company: 'Company price list', group: 'Customer group price list' };

interface Resolved {
  /** Unit price in the cart currency, after tier, agreement adjustment and currency conversion. */
  readonly unit: number;
  /** Winning source's tiers (in the source currency) and how to bring a source amount to the cart currency. */
  readonly tiers: readonly PriceTier[];
  readonly sourceCurrency: string;
}

/** A price in `currency` is usable when it is the cart currency, or the currency agreement converts from it. */
const usable = (currency: string, product: ProductPricing, prep: Prepared): boolean =>
  currency === prep.currency || (prep.exchangeRate !== undefined && currency === product.listPrice.currency);

/** Agreement adjustment, then currency conversion; each step rounds the unit price half-up to a cent. */
function finishUnit(amount: number, currency: string, prep: Prepared, explanation: string[] | undefined): number {
  let unit = Math.max(0, amount);
  if (prep.adjustment !== 0 && prep.agreement) {
    unit = prep.adjustment <= -BASIS_POINTS ? 0 : applyBasisPoints(unit, BASIS_POINTS + prep.adjustment);
    explanation?.push(`Agreement '${prep.agreement.name}': ${formatSignedPercent(prep.adjustment)} = ${formatMoney(unit, currency)}`);
  }
  if (currency !== prep.currency && prep.exchangeRate !== undefined && prep.agreement) {
    unit = mulDivHalfUp(unit, prep.exchangeRate, 1_000_000);
    explanation?.push(
      `Currency agreement '${prep.agreement.name}': × ${formatScaledForDisplay(prep.exchangeRate, 6, true)} = ${formatMoney(unit, prep.currency)}`,
    );
  }
  return unit;
}

function resolveUnit(product: ProductPricing, quantity: number, prep: Prepared, explanation: string[] | undefined): Resolved | undefined {
  let base: Money | undefined;
  let tiers: readonly PriceTier[] = [];
  for (const source of prep.sources) {
    const prices = source.list.prices;
    if (!Object.hasOwn(prices, product.sku)) continue;
    const entry = prices[product.sku];
    if (!entry || !usable(entry.unitPrice.currency, product, prep)) continue;
    base = entry.unitPrice;
    tiers = entry.tiers ?? [];
    explanation?.push(`${SOURCE_LABEL[source.kind]} ${source.list.id}: ${formatMoney(base.amount, base.currency)}`);
    break;
  }
  if (!base) {
    if (!usable(product.listPrice.currency, product, prep)) return undefined;
    base = product.listPrice;
    tiers = product.tiers ?? [];
    explanation?.push(`List price: ${formatMoney(base.amount, base.currency)}`);
  }
  const currency = base.currency;
  let amount = base.amount;
  let best: PriceTier | undefined;
  for (const tier of tiers) {
    if (tier.unitPrice.currency === currency && tier.minQuantity <= quantity && (!best || tier.minQuantity > best.minQuantity)) best = tier;
  }
  if (best) {
    amount = best.unitPrice.amount;
    explanation?.push(`Tier from ${formatQuantity(best.minQuantity)}: ${formatMoney(amount, currency)}`);
  }
  return { unit: finishUnit(amount, currency, prep, explanation), tiers, sourceCurrency: currency };
}

function vatRateOf(product: ProductPricing, prep: Prepared): BasisPoints {
  if (prep.reverseCharge.applies) return 0;
  const rates = product.vatRates;
  const rate = Object.hasOwn(rates, prep.vatCountry) ? rates[prep.vatCountry] : undefined;
  return rate ?? rates.default;
}

const vatNote = (rate: BasisPoints, prep: Prepared): string =>
  prep.reverseCharge.applies ? 'VAT 0 % (reverse charge)' : `VAT ${formatPercent(rate)} (${prep.vatCountry})`;

// ---------------------------------------------------------------------------------------------
// Quantity rules (seed 002: logistic minimum, fractional sales, multiples)

/** The rule the SPA checks quantity fields with as well (functions/shared/quantity-rules.ts). */
export const quantityProblems = (quantity: number, rules: QuantityRules | undefined): LineProblemCode[] => sharedQuantityProblems(quantity, rules);

function problemNote(code: LineProblemCode, rules: QuantityRules | undefined, currency: string): string {
  switch (code) {
    case 'NOT_POSITIVE':
      return 'Quantity must be greater than zero';
    case 'UNKNOWN_PRODUCT':
      return 'Unknown product';
    case 'BELOW_MINIMUM':
      return `Below the minimum quantity of ${formatQuantity(rules?.minimum ?? 1000)}`;
    case 'NOT_A_STEP':
      return `Quantity must be in steps of ${formatQuantity(rules?.step ?? 1000)}`;
    case 'NOT_A_MULTIPLE':
      return `Quantity must be a multiple of ${formatQuantity(rules?.multiple ?? 1000)}`;
    case 'NO_PRICE':
      return `No price in ${currency}`;
  }
}

/** The figures `problemNote` words, as data: the limits as decimal quantities ("0.5"), the currency without a price. */
export function problemDetailsOf(problems: readonly LineProblemCode[], rules: QuantityRules | undefined, currency: string): LineProblemDetails {
  const details: { -readonly [K in keyof LineProblemDetails]: LineProblemDetails[K] } = {};
  for (const code of problems) {
    if (code === 'BELOW_MINIMUM') details.minimum = formatQuantity(rules?.minimum ?? 1000);
    if (code === 'NOT_A_STEP') details.step = formatQuantity(rules?.step ?? 1000);
    if (code === 'NOT_A_MULTIPLE') details.multiple = formatQuantity(rules?.multiple ?? 1000);
    if (code === 'NO_PRICE') details.currency = currency;
  }
  return details;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Catalog display price of `product` for `context` at `quantity` (milli-units, default one unit).
 * Pack discounts and cart discounts are not part of it (they depend on the cart); the pack offer is
 * mentioned in the explanation.
 */
export function priceProduct(product: ProductPricing, priceLists: readonly PriceList[], context: PricingContext, quantity: Milli = 1000): ProductPrice {
  const prep = prepare(priceLists, context);
  const currency = prep.currency;
  const explanation: string[] = [];
  const vatRate = vatRateOf(product, prep);
  const resolved = resolveUnit(product, quantity, prep, explanation);
  if (!resolved) {
    const zero = { amount: 0, currency };
    return { unitNet: zero, unitGross: zero, vatRate, tiers: [], explanation: [problemNote('NO_PRICE', undefined, currency)], problems: ['NO_PRICE'] };
  }
  const tiers = resolved.tiers
    .filter((tier) => tier.unitPrice.currency === resolved.sourceCurrency)
    .slice()
    .sort((a, b) => a.minQuantity - b.minQuantity)
    .map((tier) => ({
      minQuantity: tier.minQuantity,
      unitNet: { amount: finishUnit(tier.unitPrice.amount, resolved.sourceCurrency, prep, undefined), currency },
    }));
  const gross = addExact(resolved.unit, applyBasisPoints(resolved.unit, vatRate));
  const rules = product.quantityRules;
  if (rules?.packSize && rules.packDiscount && rules.packSize > 0 && rules.packDiscount > 0) {
    explanation.push(`Carton of ${formatQuantity(rules.packSize)}: ${formatPercent(-Math.min(rules.packDiscount, BASIS_POINTS))} on full cartons`);
  }
  explanation.push(vatNote(vatRate, prep));
  if (prep.reverseCharge.applies && prep.reverseCharge.explanation) explanation.push(prep.reverseCharge.explanation);
  if (!prep.reverseCharge.applies && prep.reverseCharge.reason) explanation.push(`No reverse charge: ${prep.reverseCharge.reason.message}`);
  if (context.customer.displayMode === 'gross') explanation.push(`Gross: ${formatMoney(gross, currency)}`);
  return { unitNet: { amount: resolved.unit, currency }, unitGross: { amount: gross, currency }, vatRate, tiers, explanation, problems: [] };
}

interface LineWork {
  readonly sku: string;
  readonly quantity: Milli;
  readonly categoryId: string;
  unitNet: number;
  baseNet: number;
  lineNet: number;
  readonly vatRate: BasisPoints;
  readonly discounts: { discountId: string; name: string; amount: Money }[];
  readonly explanation: string[];
  readonly problems: LineProblemCode[];
  readonly problemDetails: LineProblemDetails;
}

interface PreparedDiscount {
  readonly discount: Discount;
  readonly test: CompiledRule;
  /** Percent discounts: the rate capped at 100 % and the explanation prefix, computed once per cart. */
  readonly rate: BasisPoints;
  readonly label: string;
}

/**
 * Prices a cart: unit prices per line (agreement list → company list → customer-group list → list
 * price; tier; agreement adjustment; currency conversion), pack discounts, percent discounts per
 * matching line, fixed discounts on the order (spread over VAT groups by largest remainder), VAT per
 * rate group. Lines with quantity problems are returned with zero amounts and listed in `problems`.
 */
export function priceCart(
  lines: readonly CartLineInput[],
  products: ReadonlyMap<string, ProductPricing>,
  priceLists: readonly PriceList[],
  discounts: readonly Discount[],
  context: PricingContext,
): PricedCart {
  const prep = prepare(priceLists, context);
  const currency = prep.currency;

  // 1. Lines: unit price, quantity checks, base net (line rounding, pack discount included).
  const work: LineWork[] = lines.map((input) => priceLineBase(input, products.get(input.sku), prep));
  const valid = work.filter((line) => line.problems.length === 0);

  // 2. Facts for the rules (order net = valid lines' base net, before any discount).
  let orderNet = 0;
  for (const line of valid) orderNet = addExact(orderNet, line.baseNet);
  const orderFacts: RuleFacts = {
    ...(context.customer.customerGroup !== undefined ? { customerGroup: context.customer.customerGroup } : {}),
    isNewCustomer: context.customer.isNewCustomer,
    deliveryCountry: prep.deliveryCountry,
    orderNet: { amount: orderNet, currency },
    date: prep.date,
    cartLines: valid.map((line) => ({ sku: line.sku, categoryId: line.categoryId })),
  };
  const percent: PreparedDiscount[] = [];
  const fixedOff: PreparedDiscount[] = [];
  for (const discount of discounts) {
    if (!discount.active) continue;
    const effect = discount.effect;
    if (effect.kind === 'percent' && Number.isSafeInteger(effect.rate) && effect.rate > 0) {
      const rate = Math.min(effect.rate, BASIS_POINTS);
      percent.push({ discount, test: compileRule(discount.rule), rate, label: `Discount '${discount.name}': ${formatPercent(-rate)} = ` });
    }
    if (effect.kind === 'fixed' && Number.isSafeInteger(effect.amount.amount) && effect.amount.amount > 0 && effect.amount.currency === currency) {
      fixedOff.push({ discount, test: compileRule(discount.rule), rate: 0, label: '' });
    }
  }

  // 3. Percent discounts, per matching line, each on the line's base net, rounded per line, capped.
  const facts: { -readonly [K in keyof RuleFacts]: RuleFacts[K] } = { ...orderFacts };
  for (const line of valid) {
    facts.line = { sku: line.sku, categoryId: line.categoryId };
    let remaining = line.baseNet;
    for (const { discount, test, rate, label } of percent) {
      if (remaining <= 0) break;
      if (!test(facts)) continue;
      const amount = Math.min(applyBasisPoints(line.baseNet, rate), remaining);
      if (amount <= 0) continue;
      remaining -= amount;
      line.discounts.push({ discountId: discount.id, name: discount.name, amount: { amount, currency } });
      line.explanation.push(label + formatMoney(-amount, currency));
    }
    line.lineNet = remaining;
    line.explanation.push(vatNote(line.vatRate, prep));
    if (!prep.reverseCharge.applies && prep.reverseCharge.reason) line.explanation.push(`No reverse charge: ${prep.reverseCharge.reason.message}`);
  }

  // 4. VAT groups (by rate) of the valid lines' net.
  const groupIndex = new Map<number, number>();
  const groupRates: number[] = [];
  const groupNets: number[] = [];
  for (const line of valid) {
    let index = groupIndex.get(line.vatRate);
    if (index === undefined) {
      index = groupRates.length;
      groupIndex.set(line.vatRate, index);
      groupRates.push(line.vatRate);
      groupNets.push(0);
    }
    groupNets[index] = addExact(groupNets[index] ?? 0, line.lineNet);
  }

  // 5. Fixed discounts on the order net, capped, spread over the VAT groups (largest remainder).
  const orderDiscounts: { discountId: string; name: string; amount: Money }[] = [];
  for (const { discount, test } of fixedOff) {
    if (!test(orderFacts)) continue;
    const available = groupNets.reduce((sum, net) => sum + net, 0);
    const amount = Math.min((discount.effect as { amount: Money }).amount.amount, available);
    if (amount <= 0) continue;
    const shares = allocateLargestRemainder(amount, groupNets);
    shares.forEach((share, index) => {
      groupNets[index] = (groupNets[index] ?? 0) - share;
    });
    orderDiscounts.push({ discountId: discount.id, name: discount.name, amount: { amount, currency } });
  }

  // 6. VAT per rate group on the group's summed net (total rounding, half-up).
  const vatBreakdown = groupRates
    .map((rate, index) => {
      const net = groupNets[index] ?? 0;
      return { rate, net: { amount: net, currency }, vat: { amount: applyBasisPoints(net, rate), currency } };
    })
    .sort((a, b) => b.rate - a.rate);
  const net = vatBreakdown.reduce((sum, group) => addExact(sum, group.net.amount), 0);
  const vat = vatBreakdown.reduce((sum, group) => addExact(sum, group.vat.amount), 0);

  const pricedLines: PricedLine[] = work.map((line) => ({
    sku: line.sku,
    quantity: line.quantity,
    unitNet: { amount: line.unitNet, currency },
    baseNet: { amount: line.baseNet, currency },
    discounts: line.discounts,
    lineNet: { amount: line.lineNet, currency },
    vatRate: line.vatRate,
    explanation: line.explanation,
    problems: line.problems,
    problemDetails: line.problemDetails,
  }));
  const problems: { code: string; sku?: string }[] = [];
  for (const line of work) for (const code of line.problems) problems.push({ code, sku: line.sku });

  return {
    currency,
    lines: pricedLines,
    orderDiscounts,
    net: { amount: net, currency },
    vat: { amount: vat, currency },
    gross: { amount: addExact(net, vat), currency },
    vatBreakdown,
    reverseCharge: prep.reverseCharge,
    problems,
  };
}

function priceLineBase(input: CartLineInput, product: ProductPricing | undefined, prep: Prepared): LineWork {
  const { sku, quantity } = input;
  const currency = prep.currency;
  const explanation: string[] = [];
  if (!product) {
    const problems: LineProblemCode[] = ['UNKNOWN_PRODUCT'];
    if (!(quantity > 0)) problems.push('NOT_POSITIVE');
    for (const code of problems) explanation.push(problemNote(code, undefined, currency));
    return { sku, quantity, categoryId: '', unitNet: 0, baseNet: 0, lineNet: 0, vatRate: 0, discounts: [], explanation, problems, problemDetails: {} };
  }
  const rules = product.quantityRules;
  const problems = quantityProblems(quantity, rules);
  const vatRate = vatRateOf(product, prep);
  const resolved = resolveUnit(product, problems.length === 0 ? quantity : 0, prep, explanation);
  if (!resolved) problems.push('NO_PRICE');
  const line: LineWork = {
    sku,
    quantity,
    categoryId: product.categoryId,
    unitNet: resolved?.unit ?? 0,
    baseNet: 0,
    lineNet: 0,
    vatRate,
    discounts: [],
    explanation,
    problems,
    problemDetails: problemDetailsOf(problems, rules, currency),
  };
  if (problems.length > 0) {
    for (const code of problems) explanation.push(problemNote(code, rules, currency));
    return line;
  }
  const unit = line.unitNet;
  const full = timesMilli(unit, quantity);
  explanation.push(`${formatQuantity(quantity)} × ${formatMoney(unit, currency)} = ${formatMoney(full, currency)}`);
  let base = full;
  const packSize = Number.isSafeInteger(rules?.packSize) ? (rules?.packSize ?? 0) : 0;
  const packRate = Number.isSafeInteger(rules?.packDiscount) ? Math.min(rules?.packDiscount ?? 0, BASIS_POINTS) : 0;
  const packs = packSize > 0 ? Math.floor(quantity / packSize) : 0;
  if (packs > 0 && packRate > 0) {
    const packed = packs * packSize;
    // One rounding for the whole line: unit × (quantity × 10 000 − packed × rate) / 10 000 000.
    base = mulDivHalfUp(unit, BigInt(quantity) * 10_000n - BigInt(packed) * BigInt(packRate), 10_000_000);
    explanation.push(
      `Carton of ${formatQuantity(packSize)}: ${formatPercent(-packRate)} on ${formatQuantity(packed)} of ${formatQuantity(quantity)} = ${formatMoney(base - full, currency)}`,
    );
    line.unitNet = mulDivHalfUp(base, 1000, quantity);
  }
  line.baseNet = base;
  line.lineNet = base;
  return line;
}

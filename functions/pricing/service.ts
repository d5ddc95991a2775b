import type { Identity } from '../shared/auth.js';
import { badRequest } from '../shared/errors.js';
import { memoised } from '../shared/invocation.js';
import { formatMilli, parseMilli, formatQuantity } from '../shared/quantity.js';
import { DEFAULT_MINIMUM, DEFAULT_STEP } from '../shared/quantity-rules.js';
import { getShopSettings, pricingProfile, type PricingProfile } from '../accounts/service.js';
import type { ShopSettings } from '../accounts/rules.js';
import { priceCart, priceProduct, parseRule, pricingCurrency, reverseChargeFor } from './engine.js';
import { applyBasisPoints } from '../shared/decimal.js';
import type { Agreement, CartLineInput, Discount, PricingContext, ProductPricing } from './model.js';
import * as repository from './repository.js';

/** Pricing items other contexts write (demo seed, catalog import): their shapes and keys stay pricing's. */
export { findPriceList, priceListEntryItem, productPricingItem } from './repository.js';

/** Parses "12", "0.25" or "1,5" into thousandths of a unit without floating point. */
export function parseQuantity(input: string | number): number {
  const milli = parseMilli(String(input), { separator: 'either' });
  if (milli === undefined) throw badRequest('INVALID_QUANTITY', `"${String(input)}" is not a quantity with at most three decimals`);
  return milli;
}

export interface PricingRequest {
  readonly agreementId?: string;
  readonly deliveryCountry?: string;
}

interface ResolvedContext {
  readonly context: PricingContext;
  readonly scopes: repository.PriceListScope[];
  readonly profile?: PricingProfile;
}

/** The caller's pricing situation: company profile, chosen agreement, display mode, destination. */
/** Shop settings and the caller's company profile, when the caller already loaded them. */
export interface PricingSituation {
  readonly settings: ShopSettings;
  readonly profile: PricingProfile | undefined;
}

export async function loadSituation(companyId: string | undefined): Promise<PricingSituation> {
  const [settings, profile] = await Promise.all([getShopSettings(), companyId ? pricingProfile(companyId) : Promise.resolve(undefined)]);
  return { settings, profile };
}

async function resolveContext(caller: Identity, request: PricingRequest, situation?: PricingSituation): Promise<ResolvedContext> {
  const { settings, profile } = situation ?? (await loadSituation(caller.companyId));
  const agreements = profile?.agreements ?? [];
  let agreement: Agreement | undefined;
  if (request.agreementId) {
    agreement = agreements.find((candidate) => candidate.id === request.agreementId);
    if (!agreement) throw badRequest('UNKNOWN_AGREEMENT', 'Your company has no such agreement');
  } else {
    agreement = agreements.find((candidate) => candidate.id === profile?.defaultAgreementId);
  }
  const scopes: repository.PriceListScope[] = [];
  if (agreement?.priceListId) scopes.push({ kind: 'agreement', agreementId: agreement.id });
  if (caller.companyId) scopes.push({ kind: 'company', companyId: caller.companyId });
  if (profile?.customerGroup) scopes.push({ kind: 'customer-group', customerGroup: profile.customerGroup });
  const context: PricingContext = {
    customer: {
      ...(caller.companyId ? { companyId: caller.companyId } : {}),
      ...(profile?.customerGroup ? { customerGroup: profile.customerGroup } : {}),
      isNewCustomer: profile?.isNewCustomer ?? false,
      ...(profile?.vatId ? { vatId: profile.vatId } : {}),
      ...(profile?.vatId ? { vatConfirmation: profile.vatConfirmation } : {}),
      displayMode: profile && settings.grossPriceGroups.includes(profile.customerGroup) ? 'gross' : 'net',
    },
    deliveryCountry: request.deliveryCountry ?? profile?.country ?? settings.sellerCountry,
    sellerCountry: settings.sellerCountry,
    ...(agreement ? { agreement } : {}),
    date: new Date().toISOString().slice(0, 10),
    currency: pricingCurrency(agreement, settings),
  };
  return { context, scopes, ...(profile ? { profile } : {}) };
}

export interface DisplayPrice {
  readonly price: { amount: number; currency: string };
  readonly priceDisplay: 'net' | 'gross';
  readonly vatRate: number;
  readonly tiers: readonly { minQuantity: string; unitPrice: { amount: number; currency: string } }[];
  readonly explanation: readonly string[];
  /** Which quantities may be ordered, as decimal quantities ("0.5"); defaults filled in (functions/shared/quantity-rules.ts). */
  readonly quantityRules: QuantityRulesView;
}

export interface QuantityRulesView {
  readonly minimum: string;
  readonly step: string;
  readonly multiple?: string;
  readonly packSize?: string;
  /** Basis points off full packs. */
  readonly packDiscount?: number;
}

/** A product's quantity rules for clients: what the engine applies, the defaults written out. */
export function presentQuantityRules(rules: ProductPricing['quantityRules']): QuantityRulesView {
  const positive = (value: number | undefined): value is number => value !== undefined && Number.isSafeInteger(value) && value > 0;
  return {
    minimum: formatMilli(rules?.minimum ?? DEFAULT_MINIMUM),
    step: formatMilli(positive(rules?.step) ? rules.step : rules?.step === undefined ? DEFAULT_STEP : 1),
    ...(positive(rules?.multiple) ? { multiple: formatMilli(rules.multiple) } : {}),
    ...(positive(rules?.packSize) ? { packSize: formatMilli(rules.packSize) } : {}),
    ...(positive(rules?.packSize) && positive(rules?.packDiscount) ? { packDiscount: rules.packDiscount } : {}),
  };
}

/** Catalog prices for the caller (one batched read for all SKUs of the page). */
export async function displayPrices(
  caller: Identity,
  skus: readonly string[],
  request: PricingRequest = {},
  situation?: PricingSituation,
  /** Net prices whatever the display mode (catalog exports such as BMEcat carry net prices plus VAT). */
  options: { readonly net?: boolean } = {},
): Promise<Map<string, DisplayPrice>> {
  const { context, scopes } = await resolveContext(caller, request, situation);
  const data = await repository.loadPricingData(skus, scopes);
  // Under reverse charge no VAT is charged: show net prices even to groups that normally see gross.
  const gross = !options.net && context.customer.displayMode === 'gross' && !reverseChargeFor(context).applies;
  const result = new Map<string, DisplayPrice>();
  for (const sku of skus) {
    const product = data.products.get(sku);
    if (!product) continue;
    const priced = priceProduct(product, data.priceLists, context);
    if (priced.problems.length) continue;
    const shown = (net: { amount: number; currency: string }) =>
      gross ? { amount: applyBasisPoints(net.amount, 10_000 + priced.vatRate), currency: net.currency } : net;
    result.set(sku, {
      price: gross ? priced.unitGross : priced.unitNet,
      priceDisplay: gross ? 'gross' : 'net',
      vatRate: priced.vatRate,
      tiers: priced.tiers.map((tier) => ({ minQuantity: formatQuantity(tier.minQuantity), unitPrice: shown(tier.unitNet) })),
      explanation: priced.explanation,
      quantityRules: presentQuantityRules(product.quantityRules),
    });
  }
  return result;
}

/** Prices a cart (quick quote, checkout re-pricing): lines, discounts, VAT, reverse charge. */
export async function quote(caller: Identity, lines: readonly { sku: string; quantity: string | number }[], request: PricingRequest = {}) {
  const inputs: CartLineInput[] = lines.map((line) => ({ sku: line.sku, quantity: parseQuantity(line.quantity) }));
  const { context, scopes } = await resolveContext(caller, request);
  const [data, discounts] = await Promise.all([
    repository.loadPricingData(
      inputs.map((line) => line.sku),
      scopes,
    ),
    // Once per API request: adding to the cart and checkout quote more than once (issue 18).
    memoised('discounts', repository.listDiscounts),
  ]);
  const cart = priceCart(
    inputs,
    data.products,
    data.priceLists,
    discounts.filter((discount) => discount.active),
    context,
  );
  return {
    agreementId: context.agreement?.id ?? null,
    displayMode: context.customer.displayMode,
    ...cart,
    lines: cart.lines.map((line) => ({ ...line, quantity: formatQuantity(line.quantity) })),
  };
}

export async function listAgreements(caller: Identity) {
  const profile = caller.companyId ? await pricingProfile(caller.companyId) : undefined;
  return { agreements: profile?.agreements ?? [], defaultAgreementId: profile?.defaultAgreementId ?? null };
}

export const listDiscounts = repository.listDiscounts;

export async function saveDiscount(discount: Omit<Discount, 'rule'> & { rule: unknown }): Promise<Discount> {
  const stored: Discount = { ...discount, rule: parseRule(discount.rule) };
  await repository.saveDiscount(stored);
  return stored;
}

export const deleteDiscount = repository.deleteDiscount;

/** The shop's discount set, for routes that price and prefetch it (quote, cart, checkout). */
export const discountsRead = () => repository.pricingKeys.discountSet();

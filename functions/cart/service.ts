import { createHash } from 'node:crypto';
import { backorderAllowed, backorderSplit } from '../catalog/backorder.js';
import { companyUser } from '../accounts/service.js';
import { evaluateOrder, type PlannedOrder } from '../approvals/service.js';
import { buyerNumbersOf, findProducts, resolveArticleNumbers } from '../catalog/service.js';
import { assertPaymentAllowed } from '../checkout/rules.js';
import type { Order, OrderLine } from '../orders/model.js';
import {
  allocateOrderNumber,
  idempotencyPut,
  newOrderId,
  placeUnderCompanyRules,
  pricedOrderFields,
  readIdempotency,
  replayPlacement,
} from '../orders/service.js';
import { checkoutCarriers, orderTerms } from '../checkout/order-terms.js';
import { formatQuantity } from '../shared/quantity.js';
import { displayPrices, parseQuantity, quote, type PricingRequest } from '../pricing/service.js';
import type { Identity } from '../shared/auth.js';
import { config } from '../shared/config.js';
import { AppError, badRequest, conflict, forbidden } from '../shared/errors.js';
import type { CheckoutRequest, PlaceOrderRequest } from './contract.js';
import * as repository from './repository.js';
import type { CartLine, CartScope } from './repository.js';

const maxCartLines = 200;

/**
 * The caller, and which of their carts the request works on: `cartScope` selects a punchout
 * session's own cart (the cart handler sets it only after functions/punchout checked the session).
 */
/** A cart and the transaction item that replaces its lines, offered to quotes that take a cart over (they never import the repository). */
export { readCart, replaceLinesItem } from './repository.js';

export type CartCaller = Identity & { readonly cartScope?: CartScope };
export type { CartScope };

function requireCompany(caller: Identity): string {
  if (!caller.companyId) throw forbidden('Carts belong to company users');
  return caller.companyId;
}

async function activeCart(caller: CartCaller) {
  const companyId = requireCompany(caller);
  return { companyId, cart: await repository.readCart(companyId, caller.sub, caller.cartScope) };
}

/** Merges quantities per SKU (thousandths, integer arithmetic). */
function mergeLines(existing: readonly CartLine[], additions: readonly { sku: string; quantity: number }[], prices: AddedPrices): CartLine[] {
  const merged = new Map(existing.map((line) => [line.sku, { ...line }]));
  const now = new Date().toISOString();
  for (const addition of additions) {
    const current = merged.get(addition.sku);
    if (current) merged.set(addition.sku, { ...current, quantity: current.quantity + addition.quantity });
    else
      merged.set(addition.sku, {
        sku: addition.sku,
        quantity: addition.quantity,
        addedUnitNet: prices.unitNets.get(addition.sku) ?? null,
        addedAgreementId: prices.agreementId,
        addedAt: now,
      });
  }
  const lines = [...merged.values()].filter((line) => line.quantity > 0);
  if (lines.length > maxCartLines) throw badRequest('CART_TOO_LARGE', `A cart holds at most ${maxCartLines} lines`);
  return lines;
}

interface AddedPrices {
  readonly unitNets: Map<string, { amount: number; currency: string }>;
  readonly agreementId: string | null;
  /** The currency the company buys in and the SKUs without a price in it (NO_PRICE: not orderable). */
  readonly currency: string;
  readonly unpriced: readonly string[];
}

/** Net unit prices at the added quantities under the default agreement: the "was" of later notices. */
async function pricesAtAdding(caller: Identity, lines: readonly { sku: string; quantity: number }[]): Promise<AddedPrices> {
  const priced = await quote(
    caller,
    lines.map((line) => ({ sku: line.sku, quantity: formatQuantity(line.quantity) })),
  );
  return {
    unitNets: new Map(priced.lines.filter((line) => !line.problems.length).map((line) => [line.sku, line.unitNet])),
    agreementId: priced.agreementId,
    currency: priced.currency,
    unpriced: priced.lines.filter((line) => line.problems.includes('NO_PRICE')).map((line) => line.sku),
  };
}

/** The cart re-priced now, with what changed since each line was added and suggestions (seeds 003, 004). */
export async function viewCart(caller: CartCaller, pricing: PricingRequest = {}) {
  const { cart } = await activeCart(caller);
  return viewOf(caller, cart, pricing);
}

/** What a view of cart lines reads: their prices, products and own numbers (items by key, so one batch when asked for together). */
const readsOfView = (caller: CartCaller, lines: readonly { sku: string; quantity: number }[], pricing: PricingRequest) =>
  Promise.all([
    quote(
      caller,
      lines.map((line) => ({ sku: line.sku, quantity: formatQuantity(line.quantity) })),
      pricing,
    ),
    findProducts(lines.map((line) => line.sku)),
    caller.companyId
      ? buyerNumbersOf(
          caller.companyId,
          lines.map((line) => line.sku),
        )
      : new Map<string, string>(),
  ]);

/**
 * The view of a cart already read (checkout reads it once: a second read may find it emptied by a
 * parallel order). Placing an order needs no suggestions.
 */
async function viewOf(
  caller: CartCaller,
  cart: repository.Cart | undefined,
  pricing: PricingRequest,
  options: { suggestions: boolean } = { suggestions: true },
) {
  const lines = cart?.lines ?? [];
  if (!lines.length) return { lines: [], version: cart?.version ?? 0, quote: null, changes: [], suggestions: [] };
  const [priced, products, buyerNumbers] = await readsOfView(caller, lines, pricing);
  const changes = priced.lines.flatMap((pricedLine) => {
    const line = lines.find((candidate) => candidate.sku === pricedLine.sku);
    // Only like with like: same agreement and currency as when the line was added.
    if (!line?.addedUnitNet || (line.addedAgreementId ?? null) !== priced.agreementId) return [];
    if (line.addedUnitNet.currency !== pricedLine.unitNet.currency || line.addedUnitNet.amount === pricedLine.unitNet.amount) return [];
    return [{ sku: line.sku, was: line.addedUnitNet, now: pricedLine.unitNet }];
  });
  const availableOf = (sku: string) => {
    const product = products.get(sku);
    return product ? Object.values(product.stock).reduce((sum, value) => sum + value, 0) : 0;
  };
  // Products that allow back-orders are no shortage: what is there ships now, the rest when expected.
  const stock = lines.flatMap((line) =>
    availableOf(line.sku) * 1000 < line.quantity && !backorderAllowed(products.get(line.sku))
      ? [{ sku: line.sku, available: String(availableOf(line.sku)) }]
      : [],
  );
  const inCart = new Set(lines.map((line) => line.sku));
  const suggestionSkus = options.suggestions
    ? [...new Set([...products.values()].flatMap((product) => product.related))].filter((sku) => !inCart.has(sku)).slice(0, 4)
    : [];
  const [suggestionProducts, suggestionPrices] = await Promise.all([findProducts(suggestionSkus), displayPrices(caller, suggestionSkus, pricing)]);
  return {
    lines: lines.map((line) => {
      const product = products.get(line.sku);
      const buyerNumber = buyerNumbers.get(line.sku);
      const split = backorderSplit(line.quantity, Math.round(availableOf(line.sku) * 1000), product);
      return {
        sku: line.sku,
        name: product?.name ?? line.sku,
        unit: product?.unit ?? '',
        quantity: formatQuantity(line.quantity),
        addedAt: line.addedAt,
        ...(buyerNumber ? { buyerNumber } : {}),
        ...(split ? { backorder: { now: formatQuantity(split.now), later: formatQuantity(split.later), expectedAt: split.expectedAt } } : {}),
      };
    }),
    version: cart?.version ?? 0,
    quote: priced,
    changes,
    stockShortages: stock,
    suggestions: suggestionSkus.flatMap((sku) => {
      const product = suggestionProducts.get(sku);
      return product ? [{ sku, name: product.name, unit: product.unit, price: suggestionPrices.get(sku)?.price ?? null }] : [];
    }),
  };
}

export async function addToCart(caller: CartCaller, additions: readonly { sku: string; quantity: string | number }[]) {
  const { companyId, cart } = await activeCart(caller);
  const parsed = additions.map((line) => ({ sku: line.sku, quantity: parseQuantity(line.quantity) }));
  // Everything the checks below and the view of the written cart read, in one batch (issue 18).
  readsOfView(caller, [...(cart?.lines ?? []), ...parsed], {}).catch(() => undefined);
  const known = await findProducts(parsed.map((line) => line.sku));
  const unknown = parsed.filter((line) => !known.has(line.sku) || !known.get(line.sku)!.active).map((line) => line.sku);
  if (unknown.length) throw badRequest('UNKNOWN_PRODUCT', `Unknown products: ${unknown.join(', ')}`, { skus: unknown });
  const added = await pricesAtAdding(caller, parsed);
  // No price in the company's currency: not orderable (never priced in another currency instead).
  if (added.unpriced.length) {
    throw new AppError(409, 'NO_PRICE_IN_CURRENCY', `No price in ${added.currency} for: ${added.unpriced.join(', ')}`, {
      currency: added.currency,
      skus: added.unpriced,
    });
  }
  const lines = mergeLines(cart?.lines ?? [], parsed, added);
  // The view of the cart just written (no second read of it).
  return viewOf(caller, await repository.writeCart(companyId, caller, lines, cart?.version ?? 0, caller.cartScope), {});
}

export async function setQuantity(caller: CartCaller, sku: string, quantity: string | number) {
  const { companyId, cart } = await activeCart(caller);
  const milli = parseQuantity(quantity);
  const lines = (cart?.lines ?? []).map((line) => (line.sku === sku ? { ...line, quantity: milli } : line)).filter((line) => line.quantity > 0);
  return viewOf(caller, await repository.writeCart(companyId, caller, lines, cart?.version ?? 0, caller.cartScope), {});
}

/** Quick order (seed 002/003): one "SKU quantity" per line (or an EAN, MPN, own article number), also "SKU;qty" / "SKU,qty" from spreadsheets. */
export function parseQuickOrder(text: string): { lines: { sku: string; quantity: string }[]; invalid: { line: number; text: string }[] } {
  const lines: { sku: string; quantity: string }[] = [];
  const invalid: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const row = raw.trim();
    if (!row || row.startsWith('#')) return;
    const match = /^([A-Za-z0-9._/-]{1,64})(?:\s*[;,\t ]\s*(\d+(?:[.,]\d{1,3})?))?$/.exec(row);
    if (!match) invalid.push({ line: index + 1, text: row });
    else lines.push({ sku: match[1]!.toUpperCase(), quantity: (match[2] ?? '1').replace(',', '.') });
  });
  return { lines, invalid };
}

export async function quickOrder(caller: CartCaller, text: string) {
  const parsed = parseQuickOrder(text);
  const { invalid } = parsed;
  const bySku = await findProducts(parsed.lines.map((line) => line.sku));
  // Not a SKU: maybe an EAN, a manufacturer's or the company's own article number (scanned or pasted).
  const numbers = await resolveArticleNumbers(
    caller,
    parsed.lines.filter((line) => !bySku.get(line.sku)?.active).map((line) => line.sku),
  );
  const lines = parsed.lines.map((line) => (numbers.has(line.sku) ? { ...line, sku: numbers.get(line.sku)! } : line));
  const known = numbers.size ? new Map([...bySku, ...(await findProducts([...numbers.values()]))]) : bySku;
  const unknown = lines.filter((line) => !known.get(line.sku)?.active).map((line) => line.sku);
  const accepted = lines.filter((line) => known.get(line.sku)?.active);
  const cart = accepted.length ? await addToCart(caller, accepted) : await viewCart(caller);
  return { cart, added: accepted.length, unknownSkus: unknown, invalidLines: invalid };
}

export async function clearCart(caller: CartCaller) {
  const { companyId, cart } = await activeCart(caller);
  await repository.writeCart(companyId, caller, [], cart?.version ?? 0, caller.cartScope);
  return viewCart(caller);
}

export async function saveCart(caller: CartCaller, name: string) {
  const { companyId, cart } = await activeCart(caller);
  if (!cart?.lines.length) throw badRequest('CART_EMPTY', 'There is nothing to save');
  const saved = await repository.saveCartAs(companyId, { ...cart, ownerName: caller.name }, name);
  return { cartId: saved.cartId, name: saved.name, lines: saved.lines.length };
}

export async function listSavedCarts(caller: Identity) {
  const companyId = requireCompany(caller);
  const carts = await repository.listCarts(companyId, `CART#${caller.sub}#saved#`);
  return carts.flatMap((cart) =>
    cart.cartId !== undefined && cart.name !== undefined ? [{ cartId: cart.cartId, name: cart.name, lines: cart.lines.length, updatedAt: cart.updatedAt }] : [],
  );
}

export async function restoreSavedCart(caller: CartCaller, cartId: string) {
  const { companyId, cart } = await activeCart(caller);
  const saved = await repository.readSaved(companyId, caller.sub, cartId);
  if (!saved) throw new AppError(404, 'NOT_FOUND', 'Saved cart not found');
  const lines = mergeLines(cart?.lines ?? [], saved.lines, await pricesAtAdding(caller, saved.lines));
  await repository.writeCart(companyId, caller, lines, cart?.version ?? 0, caller.cartScope);
  return viewCart(caller);
}

export async function deleteSavedCart(caller: Identity, cartId: string) {
  if (!(await repository.deleteSaved(requireCompany(caller), caller.sub, cartId))) throw new AppError(404, 'NOT_FOUND', 'Saved cart not found');
  return { deleted: cartId };
}

/** Every employee's active cart, for the company admin and the company's sales rep (seed 002). */
export async function companyCarts(companyId: string) {
  const carts = await repository.listCarts(companyId, 'CART#');
  return carts
    .filter((cart) => !cart.cartId && !cart.punchoutSessionId && cart.lines.length)
    .map((cart) => ({
      ownerSub: cart.ownerSub,
      ownerName: cart.ownerName,
      updatedAt: cart.updatedAt,
      lines: cart.lines.map((line) => ({ sku: line.sku, quantity: formatQuantity(line.quantity) })),
    }));
}

// ---- checkout --------------------------------------------------------------------------------

async function checkoutSituation(caller: CartCaller, request: CheckoutRequest, placing = false) {
  const { companyId, cart } = await activeCart(caller);
  // A parallel "place order" of the same buyer emptied it: the cart changed under this request (never a 500).
  if (placing && cart && !cart.lines.length && cart.orderedAs) {
    throw new AppError(409, 'CART_CHANGED', `Your cart was just ordered as ${cart.orderedAs.orderNumber}; review it and try again`, cart.orderedAs);
  }
  if (!cart?.lines.length) throw badRequest('CART_EMPTY', 'Your cart is empty');
  // The cart exactly as read once: its version guards the order's transaction (pattern 24).
  const view = await viewOf(caller, cart, request, { suggestions: !placing });
  const priced = view.quote!;
  // Delivery options and payment rules shared with orders entered on behalf of a customer.
  const terms = await orderTerms(companyId, priced, request);
  return {
    companyId,
    cart,
    view,
    priced,
    deliveryOptions: terms.deliveryOptions,
    delivery: terms.delivery,
    fee: terms.fee,
    payable: terms.payable,
    payment: terms.payment,
  };
}

const carriers = checkoutCarriers;

/** A carrier's cities, or its branches in one city (the buyer picks a pick-up branch, seed 003). */
export function carrierBranches(carrierId: string, city?: string) {
  const carrier = carriers.find((candidate) => candidate.id === carrierId);
  if (!carrier) throw new AppError(404, 'NOT_FOUND', 'Carrier not found');
  return city ? { carrierId, city, branches: carrier.branches(city) } : { carrierId, cities: carrier.cities() };
}

/** The order as approval rules and budgets see it (functions/approvals). */
async function plannedOrder(
  caller: CartCaller,
  situation: Awaited<ReturnType<typeof checkoutSituation>>,
  request: CheckoutRequest,
  at: Date,
): Promise<PlannedOrder> {
  const [user, products] = await Promise.all([companyUser(situation.companyId, caller.sub), findProducts(situation.priced.lines.map((line) => line.sku))]);
  return {
    companyId: situation.companyId,
    buyer: { sub: caller.sub, role: caller.role, orderLimit: user?.orderLimit ?? null },
    net: situation.priced.net,
    deliveryFee: situation.fee,
    payable: situation.payable,
    lines: situation.priced.lines.map((line) => ({ sku: line.sku, ...(products.get(line.sku) ? { categoryId: products.get(line.sku)!.categoryId } : {}) })),
    ...(request.delivery ? { deliveryKind: request.delivery.kind } : {}),
    ...(request.costCentre ? { costCentre: request.costCentre } : {}),
    at,
  };
}

export async function previewCheckout(caller: CartCaller, request: CheckoutRequest) {
  const situation = await checkoutSituation(caller, request);
  const evaluation = await evaluateOrder(await plannedOrder(caller, situation, request, new Date()));
  return {
    cart: situation.view,
    deliveryOptions: situation.deliveryOptions,
    deliveryFee: situation.fee,
    payable: situation.payable,
    paymentOptions: situation.payment,
    costCentres: evaluation.costCentres,
    approval: evaluation.approval,
    budgets: evaluation.budgets,
  };
}

const requestHash = (request: PlaceOrderRequest) => createHash('sha256').update(JSON.stringify(request)).digest('hex');

/**
 * Places the cart as an order: re-priced, payment and delivery checked, then one transaction writes
 * the order, the idempotency key, the emptied cart and the budget charges. When a company approval
 * rule matches the order waits for its approvers; otherwise the placement saga starts. The same idempotency key returns the
 * same order.
 */
export async function placeOrder(caller: CartCaller, idempotencyKey: string, request: PlaceOrderRequest) {
  const companyId = requireCompany(caller);
  const hash = requestHash(request);
  const previous = await readIdempotency(companyId, idempotencyKey);
  if (previous) return replay(companyId, previous, hash);

  const situation = await checkoutSituation(caller, request, true);
  const { priced, cart } = situation;
  if (priced.problems.length) throw badRequest('CART_HAS_PROBLEMS', 'Some lines cannot be ordered as they are', priced.problems);
  if (situation.view.stockShortages?.length) throw new AppError(409, 'OUT_OF_STOCK', 'Some lines exceed the available stock', situation.view.stockShortages);
  const delivery = situation.delivery;
  if (!delivery) throw badRequest('DELIVERY_REQUIRED', 'Choose a delivery option');
  assertPaymentAllowed(situation.payment, request.paymentMethod);

  const user = await companyUser(companyId, caller.sub);
  const now = new Date();
  const table = config.tableName();
  const outcome = await placeUnderCompanyRules({
    planned: await plannedOrder(caller, situation, request, now),
    order: async (gated) => ({
      orderId: newOrderId(now),
      orderNumber: await allocateOrderNumber(now),
      companyId,
      placedBy: { sub: caller.sub, email: caller.email, name: user?.name ?? caller.name, role: caller.role },
      createdAt: now.toISOString(),
      ...withBackorders(await pricedOrderFields(priced, companyId), situation.view.lines),
      paymentMethod: request.paymentMethod,
      delivery: delivery.choice as unknown as Order['delivery'],
      deliveryFee: situation.fee,
      ...(request.poNumber ? { poNumber: request.poNumber } : {}),
      ...(request.costCentre ? { costCentre: request.costCentre } : {}),
      ...gated,
    }),
    also: (order) => [
      idempotencyPut(companyId, idempotencyKey, order.orderId, hash, now),
      {
        Put: {
          TableName: table,
          Item: {
            ...repository.cartKey(companyId, caller.sub, caller.cartScope),
            type: 'cart',
            companyId,
            ownerSub: caller.sub,
            ownerName: caller.name,
            lines: [],
            orderedAs: { orderId: order.orderId, orderNumber: order.orderNumber },
            updatedAt: now.toISOString(),
            version: cart.version + 1,
            ...repository.scopeAttributes(caller.cartScope),
          },
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': cart.version },
        },
      },
    ],
    refused: async () => {
      const again = await readIdempotency(companyId, idempotencyKey);
      return again ? replay(companyId, again, hash) : undefined;
    },
    otherwise: () => conflict('CART_CHANGED', 'The cart changed while the order was being placed; review it and try again'),
    reserveStock: true,
  });
  if ('replayed' in outcome) return outcome.replayed;
  const order = outcome.placed;
  return {
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    status: order.status,
    ...(outcome.warnings.length ? { budgetWarnings: outcome.warnings } : {}),
  };
}

const replay = replayPlacement;

/** Order lines with the back-order split the cart showed (the saga's stock reservation settles it). */
function withBackorders<F extends { lines: readonly OrderLine[] }>(
  fields: F,
  view: readonly { sku: string; backorder?: { later: string; expectedAt: string } }[],
): F {
  const bySku = new Map(view.map((line) => [line.sku, line.backorder]));
  return {
    ...fields,
    lines: fields.lines.map((line) => {
      const split = bySku.get(line.sku);
      return split ? { ...line, backordered: split.later, expectedAt: split.expectedAt } : line;
    }),
  };
}

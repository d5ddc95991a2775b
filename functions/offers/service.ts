import { createHash, randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { authorizedAccount, listCompaniesFor } from '../accounts/companies.js';
import { companyUser, companyUsers, getShopSettings, pricingProfile, recipientsByLanguage } from '../accounts/service.js';
import { companyCarts, readCart, replaceLinesItem } from '../cart/service.js';
import { findProducts } from '../catalog/service.js';
import { validateDeliveryChoice, type DeliveryChoice } from '../checkout/delivery.js';
import { checkoutCarriers, checkoutWarehouses, pricingIdentityFor } from '../checkout/order-terms.js';
import { isPaymentMethod } from '../checkout/rules.js';
import type { Order } from '../orders/model.js';
import { allocateOrderNumber, idempotencyPut, newOrderId, placeUnderCompanyRules, readIdempotency, replayPlacement } from '../orders/service.js';
import { formatQuantity } from '../shared/quantity.js';
import { parseQuantity, quote, type PricingRequest } from '../pricing/service.js';
import type { Identity } from '../shared/auth.js';
import { s3 } from '../shared/clients/s3.js';
import { config } from '../shared/config.js';
import { badRequest, conflict, forbidden, notFound } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { formatDate, formatMoney } from '../shared/format.js';
import { sendMail } from '../shared/mail.js';
import { translator } from '../shared/messages/index.js';
import { money } from '../shared/money.js';
import { nextDocumentNumber } from '../shared/sequence.js';
import { renderQuotePdf } from './pdf.js';
import { languageOf } from '../shared/locale.js';
import type { QuoteContentRequest, QuoteLineRequest, QuoteTermsRequest, StaffQuoteFilter } from './contract.js';
import * as repository from './repository.js';
import type { Offer, OfferVersion } from './repository.js';
import {
  QUOTE_SERIES,
  acceptanceProblem,
  assertEditable,
  cartAfterAcceptance,
  listedForCustomer,
  priceQuote,
  validUntilProblem,
  visibleToCustomer,
} from './rules.js';
import { readableTerms } from './terms.js';

/** Terms a version is built from: a request's, or those of the version a copy is made of (same delivery choices). */
type VersionTerms = Omit<QuoteTermsRequest, 'delivery'> & { readonly delivery: DeliveryChoice };

const isStaff = (caller: Identity) => caller.role === 'sales-rep' || caller.role === 'back-office';
const today = () => new Date().toISOString().slice(0, 10);
const actor = (caller: Identity) => ({ sub: caller.sub, name: caller.name, role: caller.role });
export const quotePdfKey = (companyId: string, quoteNumber: string, version: number) => `quotes/${companyId}/${quoteNumber}-v${version}.pdf`;

const asCompany = pricingIdentityFor;

/** Builds an immutable version: list prices from the pricing service, rep prices checked by the rules, delivery validated. */
async function buildVersion(
  caller: Identity,
  companyId: string,
  lines: readonly QuoteLineRequest[],
  request: { agreementId?: string; terms: VersionTerms },
  meta: { offerId: string; version: number; source: OfferVersion['source'] },
): Promise<OfferVersion> {
  const problem = validUntilProblem(request.terms.validUntil, today());
  if (problem) throw badRequest('INVALID_VALID_UNTIL', `validUntil is not acceptable (${problem})`);
  if (!isPaymentMethod(request.terms.paymentMethod)) throw badRequest('UNKNOWN_PAYMENT_METHOD', `Unknown payment method: ${request.terms.paymentMethod}`);
  const pricingRequest: PricingRequest = request.agreementId ? { agreementId: request.agreementId } : {};
  const parsed = lines.map((line) => ({ ...line, milli: parseQuantity(line.quantity) }));
  const [priced, products, profile, warehouses] = await Promise.all([
    quote(
      asCompany(caller, companyId),
      parsed.map((line) => ({ sku: line.sku, quantity: line.milli })).map((line) => ({ sku: line.sku, quantity: formatQuantity(line.quantity) })),
      pricingRequest,
    ),
    findProducts(parsed.map((line) => line.sku)),
    pricingProfile(companyId),
    checkoutWarehouses(),
  ]);
  if (priced.problems.length) throw badRequest('QUOTE_LINE_PROBLEMS', 'Some lines cannot be quoted as they are', priced.problems);
  const totals = priceQuote(
    parsed.map((line, index) => {
      const pricedLine = priced.lines[index]!;
      const product = products.get(line.sku);
      return {
        sku: line.sku,
        name: product?.name ?? line.sku,
        unit: product?.unit ?? '',
        quantity: line.milli,
        listUnitNet: pricedLine.unitNet,
        vatRate: pricedLine.vatRate,
        ...(line.unitNet !== undefined ? { unitNet: line.unitNet } : {}),
      };
    }),
    priced.currency,
  );
  const deliveryInput = {
    orderNet: totals.net,
    deliveryCountry: profile?.country ?? 'DE',
    warehouses,
    carriers: checkoutCarriers,
  };
  const delivery = validateDeliveryChoice(request.terms.delivery, deliveryInput);
  if (!delivery.ok) throw delivery.error;
  return {
    offerId: meta.offerId,
    companyId,
    version: meta.version,
    createdAt: new Date().toISOString(),
    createdBy: actor(caller),
    agreementId: priced.agreementId,
    currency: priced.currency,
    ...totals,
    reverseCharge: priced.reverseCharge,
    terms: {
      delivery: delivery.value.choice,
      deliveryFee: delivery.value.fee,
      paymentMethod: request.terms.paymentMethod,
      validUntil: request.terms.validUntil,
      ...(request.terms.note ? { note: request.terms.note } : {}),
    },
    source: meta.source,
  };
}

/** Lines of a takeover: the employee's cart, with the rep's prices (and extra lines) from `lines`. */
async function takeOverCart(companyId: string, ownerSub: string, overrides: readonly QuoteLineRequest[] = []) {
  const cart = (await companyCarts(companyId)).find((candidate) => candidate.ownerSub === ownerSub);
  if (!cart) throw notFound('Active cart of this employee');
  const bySku = new Map(overrides.map((line) => [line.sku, line]));
  const lines: QuoteLineRequest[] = cart.lines.map((line) => ({
    sku: line.sku,
    quantity: bySku.get(line.sku)?.quantity ?? line.quantity,
    ...(bySku.get(line.sku)?.unitNet !== undefined ? { unitNet: bySku.get(line.sku)!.unitNet! } : {}),
  }));
  for (const extra of overrides) if (!cart.lines.some((line) => line.sku === extra.sku)) lines.push(extra);
  // The cart lines as taken over: exactly these quantities leave the cart when the quote is accepted.
  const taken = cart.lines.map((line) => ({ sku: line.sku, quantity: parseQuantity(line.quantity) }));
  return { lines, source: { kind: 'cart' as const, ownerSub, ownerName: cart.ownerName, lines: taken } };
}

const newQuoteNumber = (now: Date) => nextDocumentNumber(QUOTE_SERIES, now.getUTCFullYear());

function present(offer: Offer, caller: Identity) {
  const { pdfKeys: _pdf, ...visible } = offer;
  if (isStaff(caller)) return visible;
  const { request, ...rest } = visible;
  return { ...rest, ...(request ? { request: { note: request.note, requestedBy: request.requestedBy.name, lines: request.lines } } : {}) };
}

function presentSource(source: OfferVersion['source']) {
  if (source.kind !== 'cart') return source;
  const { lines, ...cart } = source;
  return { ...cart, ...(lines ? { lines: lines.map((line) => ({ sku: line.sku, quantity: formatQuantity(line.quantity) })) } : {}) };
}

const presentVersion = (version: OfferVersion) => ({
  ...version,
  lines: version.lines.map((line) => ({ ...line, quantity: formatQuantity(line.quantity) })),
  source: presentSource(version.source),
});

async function staffOffer(caller: Identity, companyId: string, offerId: string) {
  if (!isStaff(caller)) throw forbidden();
  await authorizedAccount(caller, companyId, 'view');
  const offer = await repository.findOffer(companyId, offerId);
  if (!offer) throw notFound('Quote');
  return offer;
}

/** Company users see the quotes sent to their company (and its requests); staff via authorizedAccount. */
async function readableOffer(caller: Identity, companyId: string, offerId: string) {
  await authorizedAccount(caller, companyId, 'view');
  const offer = await repository.findOffer(companyId, offerId);
  if (!offer || (!isStaff(caller) && !listedForCustomer(offer))) throw notFound('Quote');
  return offer;
}

export async function createOffer(caller: Identity, companyId: string, request: QuoteContentRequest) {
  if (!isStaff(caller)) throw forbidden();
  await authorizedAccount(caller, companyId, 'view');
  const taken = request.fromCartOf
    ? await takeOverCart(companyId, request.fromCartOf, request.lines)
    : { lines: request.lines ?? [], source: { kind: 'scratch' as const } };
  const now = new Date();
  const offerId = randomUUID();
  const version = await buildVersion(caller, companyId, taken.lines, request, { offerId, version: 1, source: taken.source });
  const offer: Offer = {
    offerId,
    quoteNumber: await newQuoteNumber(now),
    companyId,
    status: 'draft',
    latestVersion: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    createdBy: actor(caller),
  };
  await repository.createOffer(offer, version);
  return { ...present(offer, caller), version: presentVersion(version) };
}

/** Editing = version n+1 (the old versions stay readable); also turns a request into a quote. */
export async function reviseOffer(caller: Identity, companyId: string, offerId: string, request: QuoteContentRequest) {
  const offer = await staffOffer(caller, companyId, offerId);
  const next = assertEditable(offer);
  const taken = request.fromCartOf
    ? await takeOverCart(companyId, request.fromCartOf, request.lines)
    : {
        lines: request.lines ?? offer.request?.lines ?? [],
        source: offer.status === 'requested' ? { kind: 'request' as const } : { kind: 'scratch' as const },
      };
  const version = await buildVersion(caller, companyId, taken.lines, request, { offerId, version: next, source: taken.source });
  const now = new Date().toISOString();
  await repository.addVersion(offer, version, now);
  return { ...present({ ...offer, status: 'draft', latestVersion: next, updatedAt: now }, caller), version: presentVersion(version) };
}

/** A copy for another company: a new quote (version 1) at the rep's prices, re-checked against that company's list. */
export async function copyOffer(caller: Identity, companyId: string, offerId: string, targetCompanyId: string, validUntil?: string) {
  const offer = await staffOffer(caller, companyId, offerId);
  const source = await repository.findVersion(companyId, offerId, offer.latestVersion);
  if (!source) throw notFound('Quote version');
  return createCopy(caller, targetCompanyId, source, validUntil);
}

async function createCopy(caller: Identity, targetCompanyId: string, source: OfferVersion, validUntil?: string) {
  await authorizedAccount(caller, targetCompanyId, 'view');
  const now = new Date();
  const offerId = randomUUID();
  const { deliveryFee: _fee, ...terms } = source.terms;
  const version = await buildVersion(
    caller,
    targetCompanyId,
    source.lines.map((line) => ({ sku: line.sku, quantity: formatQuantity(line.quantity), unitNet: line.unitNet.amount })),
    { terms: { ...terms, validUntil: validUntil ?? source.terms.validUntil } },
    { offerId, version: 1, source: { kind: 'copy', fromCompanyId: source.companyId, fromOfferId: source.offerId, fromVersion: source.version } },
  );
  const offer: Offer = {
    offerId,
    quoteNumber: await newQuoteNumber(now),
    companyId: targetCompanyId,
    status: 'draft',
    latestVersion: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    createdBy: actor(caller),
  };
  await repository.createOffer(offer, version);
  return { ...present(offer, caller), version: presentVersion(version) };
}

/**
 * Who gets the quote e-mail: the company's enabled admins and the employee whose cart the version
 * was made from (or who asked for the quote), each once.
 */
async function quoteRecipients(companyId: string, offer: Offer, version: OfferVersion) {
  const users = (await companyUsers(companyId)).filter((user) => user.enabled);
  const asker = version.source.kind === 'cart' ? version.source.ownerSub : offer.request?.requestedBy.sub;
  return users.filter((user) => user.role === 'company-admin' || user.sub === asker);
}

/** "Send": PDF of the latest version into the documents bucket, e-mail to the company admins and the cart's owner with the portal link. */
export async function sendOffer(caller: Identity, companyId: string, offerId: string) {
  const offer = await staffOffer(caller, companyId, offerId);
  if (offer.status === 'accepted') throw conflict('QUOTE_ALREADY_ACCEPTED', 'The quote was accepted already');
  if (offer.latestVersion < 1) throw conflict('QUOTE_NOT_PREPARED', 'Prepare a version before sending');
  const version = await repository.findVersion(companyId, offerId, offer.latestVersion);
  if (!version) throw notFound('Quote version');
  const [settings, account, recipients, warehouses] = await Promise.all([
    getShopSettings(),
    authorizedAccount(caller, companyId, 'view'),
    quoteRecipients(companyId, offer, version),
    checkoutWarehouses(),
  ]);
  const places = { warehouses, carriers: checkoutCarriers };
  const billing = account.billingAddress as { street: string; postalCode: string; city: string; country: string } | undefined;
  const pdf = await renderQuotePdf(
    offer.quoteNumber,
    version,
    { name: settings.name, addressLines: settings.sellerAddressLines, vatId: settings.sellerVatId, iban: settings.sellerIban },
    { name: account.name, addressLines: billing ? [billing.street, `${billing.postalCode} ${billing.city}`, billing.country] : [], vatId: account.vatId ?? '' },
    languageOf(account),
    places,
  );
  const pdfKey = quotePdfKey(companyId, offer.quoteNumber, version.version);
  await s3().send(new PutObjectCommand({ Bucket: config.bucketName('documents'), Key: pdfKey, Body: pdf, ContentType: 'application/pdf' }));
  if (!(await repository.markSent(offer, version.version, pdfKey, new Date().toISOString())))
    throw conflict('QUOTE_CHANGED', 'The quote was changed or accepted meanwhile; reload it');
  const link = `${process.env.WEB_URL ?? ''}/quotes/${companyId}/${offerId}`;
  let mailed = 0;
  if (recipients.length) {
    try {
      // One mail per language of the recipients (their own choice, else the company's).
      for (const { language, to } of await recipientsByLanguage(companyId, recipients)) {
        const t = translator(language);
        const readable = readableTerms(t, version.terms, places);
        const ids = { quote: offer.quoteNumber, version: version.version };
        await sendMail({
          to,
          subject: t('mail.quote.subject', { ...ids, shop: settings.name }),
          text: [
            t('mail.quote.text', {
              ...ids,
              name: caller.name,
              amount: formatMoney(version.gross, language),
              date: formatDate(version.terms.validUntil, language),
            }),
            t('mail.quote.terms', readable),
            t('mail.quote.contact', { rep: version.createdBy.name }),
            t('mail.quote.open', { url: link }),
          ].join('\n'),
        });
      }
      mailed = recipients.length;
    } catch (error) {
      logger.error('Quote e-mail failed', { error: error as Error, offerId });
    }
  }
  return { offerId, quoteNumber: offer.quoteNumber, sentVersion: version.version, status: 'sent' as const, mailedTo: mailed };
}

export async function pdfLink(caller: Identity, companyId: string, offerId: string, versionNumber?: number) {
  const offer = await readableOffer(caller, companyId, offerId);
  const version = versionNumber ?? offer.sentVersion;
  const key = version !== undefined ? offer.pdfKeys?.[String(version)] : undefined;
  if (version === undefined || !key || (!isStaff(caller) && !visibleToCustomer(offer, version))) throw notFound('Quote PDF');
  const expiresInSeconds = 300;
  const url = await getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: config.bucketName('documents'),
      Key: key,
      ResponseContentDisposition: `inline; filename="${offer.quoteNumber}-v${version}.pdf"`,
    }),
    { expiresIn: expiresInSeconds },
  );
  return { quoteNumber: offer.quoteNumber, version, url, expiresInSeconds };
}

export async function listOffers(caller: Identity, companyId: string) {
  await authorizedAccount(caller, companyId, 'view');
  const offers = await repository.listCompanyOffers(companyId);
  return { offers: offers.filter((offer) => isStaff(caller) || listedForCustomer(offer)).map((offer) => present(offer, caller)) };
}

/** The console list: back-office all quotes, a rep those of their assigned companies; `status` filters (e.g. requested). */
export async function listStaffOffers(caller: Identity, status?: StaffQuoteFilter) {
  let offers: Offer[];
  if (caller.role === 'back-office') offers = await repository.listAllOffers(200);
  else {
    const companies = await listCompaniesFor(caller, 100);
    offers = (await Promise.all(companies.items.map((company) => repository.listCompanyOffers(company.id)))).flat();
    offers.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }
  return { offers: offers.filter((offer) => !status || offer.status === status).map((offer) => present(offer, caller)) };
}

export async function getOffer(caller: Identity, companyId: string, offerId: string) {
  const offer = await readableOffer(caller, companyId, offerId);
  const shown = isStaff(caller) ? offer.latestVersion : offer.sentVersion;
  const version = shown ? await repository.findVersion(companyId, offerId, shown) : undefined;
  const versions = Array.from({ length: shown ?? 0 }, (_, index) => index + 1);
  return {
    ...present(offer, caller),
    versions,
    version: version ? presentVersion(version) : null,
    acceptable: version ? !acceptanceProblem(offer, { version: version.version, validUntil: version.terms.validUntil }, today()) : false,
  };
}

export async function getVersion(caller: Identity, companyId: string, offerId: string, versionNumber: number) {
  const offer = await readableOffer(caller, companyId, offerId);
  if (!isStaff(caller) && !visibleToCustomer(offer, versionNumber)) throw notFound('Quote version');
  const version = await repository.findVersion(companyId, offerId, versionNumber);
  if (!version) throw notFound('Quote version');
  const problem = acceptanceProblem(offer, { version: version.version, validUntil: version.terms.validUntil }, today());
  return {
    ...presentVersion(version),
    quoteNumber: offer.quoteNumber,
    latest: version.version === offer.latestVersion,
    acceptable: !problem,
    ...(problem ? { notAcceptableBecause: problem.code } : {}),
  };
}

/** A buyer asks for a quote on their current cart; reps of the company see it (status requested). */
export async function requestQuote(caller: Identity, note: string) {
  const companyId = caller.companyId;
  if (!companyId) throw forbidden();
  await authorizedAccount(caller, companyId, 'view');
  const cart = (await companyCarts(companyId)).find((candidate) => candidate.ownerSub === caller.sub);
  if (!cart?.lines.length) throw badRequest('CART_EMPTY', 'Your cart is empty');
  const now = new Date();
  const offer: Offer = {
    offerId: randomUUID(),
    quoteNumber: await newQuoteNumber(now),
    companyId,
    status: 'requested',
    latestVersion: 0,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    createdBy: actor(caller),
    request: { note, requestedBy: { sub: caller.sub, name: caller.name, email: caller.email }, lines: cart.lines },
  };
  await repository.createOffer(offer);
  return present(offer, caller);
}

const requestHash = (offerId: string, version: number) => createHash('sha256').update(`${offerId}#${version}`).digest('hex');

/**
 * The customer accepts the latest sent, unexpired version: one transaction writes the order with
 * exactly the quoted lines and prices, the idempotency key, the accepted quote (conditional) and the
 * budget charges. The company's approval rules and budgets apply as at checkout (shared
 * `placeUnderCompanyRules`): a matching rule leaves the order awaiting approval, a 'block' budget
 * refuses it (the quote stays acceptable); otherwise the placement saga starts. The same key replays; a second acceptance is 409 QUOTE_ALREADY_ACCEPTED.
 */
export async function acceptOffer(caller: Identity, companyId: string, offerId: string, versionNumber: number, idempotencyKey: string) {
  if (isStaff(caller) || caller.companyId !== companyId) throw forbidden('Only the company accepts its quotes');
  const hash = requestHash(offerId, versionNumber);
  const previous = await readIdempotency(companyId, idempotencyKey);
  if (previous) return replay(companyId, previous, hash);
  const offer = await readableOffer(caller, companyId, offerId);
  const version = await repository.findVersion(companyId, offerId, versionNumber);
  if (!version || !visibleToCustomer(offer, versionNumber)) throw notFound('Quote version');
  const problem = acceptanceProblem(offer, { version: version.version, validUntil: version.terms.validUntil }, today());
  if (problem) throw problem;

  const now = new Date();
  const [user, products] = await Promise.all([companyUser(companyId, caller.sub), findProducts(version.lines.map((line) => line.sku))]);
  const deliveryFee = money(version.terms.deliveryFee.amount, version.terms.deliveryFee.currency);
  // A quote made from an employee's cart takes exactly the taken-over lines out of that cart, in the
  // order's own transaction (conditional on the cart's version; a cart changed meanwhile is read again).
  const taken = takenCart(version);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await placeAcceptance(caller, offer, version, { idempotencyKey, hash, now, user, products, deliveryFee, taken });
    } catch (error) {
      if (!(error instanceof CartMoved)) throw error;
      if (attempt >= 3) throw conflict('CART_CHANGED', "The employee's cart kept changing while the quote was being accepted; try again");
    }
  }
}

/** The cart and lines a version took over (older versions without the recorded cart lines: the quoted lines). */
function takenCart(version: OfferVersion): { ownerSub: string; lines: readonly { sku: string; quantity: number }[] } | undefined {
  if (version.source.kind !== 'cart') return undefined;
  return { ownerSub: version.source.ownerSub, lines: version.source.lines ?? version.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })) };
}

/** The taken-over cart changed between reading it and the acceptance's transaction: read it again and retry. */
class CartMoved extends Error {}

async function placeAcceptance(
  caller: Identity,
  offer: Offer,
  version: OfferVersion,
  context: {
    idempotencyKey: string;
    hash: string;
    now: Date;
    user: Awaited<ReturnType<typeof companyUser>>;
    products: Awaited<ReturnType<typeof findProducts>>;
    deliveryFee: ReturnType<typeof money>;
    taken: ReturnType<typeof takenCart>;
  },
) {
  const { idempotencyKey, hash, now, user, products, deliveryFee, taken } = context;
  const { companyId, offerId } = offer;
  const cart = taken ? await readCart(companyId, taken.ownerSub) : undefined;
  const remaining = cart && taken ? cartAfterAcceptance(cart.lines, taken.lines) : undefined;
  const cartItem = cart && remaining ? [replaceLinesItem(companyId, cart, remaining, now.toISOString())] : [];
  const outcome = await placeUnderCompanyRules({
    planned: {
      companyId,
      buyer: { sub: caller.sub, role: caller.role, orderLimit: user?.orderLimit ?? null },
      net: version.net,
      deliveryFee,
      payable: money(version.gross.amount + deliveryFee.amount, version.gross.currency),
      lines: version.lines.map((line) => ({ sku: line.sku, ...(products.get(line.sku) ? { categoryId: products.get(line.sku)!.categoryId } : {}) })),
      deliveryKind: version.terms.delivery.kind,
      at: now,
    },
    order: async (gated): Promise<QuoteOrder> => ({
      orderId: newOrderId(now),
      orderNumber: await allocateOrderNumber(now),
      companyId,
      placedBy: { sub: caller.sub, email: caller.email, name: user?.name ?? caller.name, role: caller.role },
      createdAt: now.toISOString(),
      lines: version.lines.map((line) => ({
        sku: line.sku,
        name: line.name,
        unit: line.unit,
        quantity: formatQuantity(line.quantity),
        unitNet: line.unitNet,
        lineNet: line.lineNet,
        vatRate: line.vatRate,
      })),
      net: version.net,
      vat: version.vat,
      gross: version.gross,
      vatBreakdown: version.vatBreakdown,
      reverseCharge: version.reverseCharge,
      // The VIES answer the quote's reverse charge rests on travels with the order (as in checkout, order-terms.ts).
      ...(version.reverseCharge.applies && version.reverseCharge.evidence ? { vatEvidence: version.reverseCharge.evidence } : {}),
      orderDiscounts: [],
      agreementId: version.agreementId,
      paymentMethod: version.terms.paymentMethod,
      delivery: version.terms.delivery,
      deliveryFee,
      quote: { offerId, quoteNumber: offer.quoteNumber, version: version.version },
      ...gated,
    }),
    also: (order) => {
      const acceptance = {
        orderId: order.orderId,
        orderNumber: order.orderNumber,
        acceptedBy: { sub: caller.sub, name: caller.name },
        acceptedAt: now.toISOString(),
      };
      return [
        idempotencyPut(companyId, idempotencyKey, order.orderId, hash, now),
        repository.acceptanceUpdate(offer, version.version, acceptance),
        ...cartItem,
      ];
    },
    refused: async () => {
      const again = await readIdempotency(companyId, idempotencyKey);
      if (again) return replay(companyId, again, hash);
      const current = await repository.findOffer(companyId, offerId);
      const reason = current ? acceptanceProblem(current, { version: version.version, validUntil: version.terms.validUntil }, today()) : undefined;
      if (reason) throw reason;
      if (cart && cartItem.length && (await readCart(companyId, cart.ownerSub))?.version !== cart.version) throw new CartMoved();
      return undefined;
    },
    otherwise: () => conflict('QUOTE_CHANGED', 'The quote changed meanwhile; reload it'),
  });
  if ('replayed' in outcome) return outcome.replayed;
  const order = outcome.placed;
  return {
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    status: order.status,
    quoteNumber: offer.quoteNumber,
    version: version.version,
    ...(outcome.warnings.length ? { budgetWarnings: outcome.warnings } : {}),
  };
}

type QuoteOrder = Order & { quote: { offerId: string; quoteNumber: string; version: number } };

const replay = replayPlacement;

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { findTechnicalPunchoutUser, prepareTechnicalPunchoutUser, removeTechnicalPunchoutUser } from '../accounts/service.js';
import { addToCart, viewCart, type CartCaller, type CartScope } from '../cart/service.js';
import { buyerNumbersOf, findProducts } from '../catalog/service.js';
import { DeliveryError } from '../checkout/delivery.js';
import { orderTerms, type OrderTerms } from '../checkout/order-terms.js';
import type { Order } from '../orders/model.js';
import {
  allocateOrderNumber,
  findOrder,
  idempotencyPut,
  newOrderId,
  persistOrder,
  pricedOrderFields,
  readIdempotency,
  startWorkflow,
} from '../orders/service.js';
import { formatQuantity, timesMilli } from '../shared/quantity.js';
import { parseQuantity, quote } from '../pricing/service.js';
import type { Identity } from '../shared/auth.js';
import { AppError, badRequest, conflict, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { PunchoutConfigRequest } from './contract.js';
import * as repository from './repository.js';
import type { PunchoutConfig, PunchoutSession } from './repository.js';
import {
  buildPunchOutOrderMessage,
  buildResponse,
  buildSetupResponse,
  buyerCredential,
  checkOrderLines,
  failureWindowEnd,
  isCredentialLocked,
  lockedUntil,
  ociTransferFields,
  orderFingerprint,
  parseCxml,
  parseOciEntry,
  payloadId,
  PunchoutRuleError,
  senderSecret,
  type OrderRequest,
  type SetupRequest,
  type TransferLine,
} from './rules.js';
import { hashSecret, newSecret, verifySecret } from './secrets.js';
import { signInTechnicalUser } from './sign-in.js';

const sessionSeconds = 3600;
const startCodeSeconds = 300;
const credentialsRejected = () => unauthenticated('PUNCHOUT_AUTH_FAILED', 'The punchout credentials were not accepted');

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The SPA's address: start pages and redirects point there (set by the stack, see docs/punchout.md). */
function webUrl(): string {
  const value = process.env.WEB_URL;
  if (!value) throw new Error('Missing environment variable WEB_URL');
  return value.replace(/\/+$/, '');
}

function asAppError(error: PunchoutRuleError, status = 400): AppError {
  return new AppError(status, error.code, error.message, error.details);
}

// ---- configuration (company admin) ------------------------------------------------------------

function requireOwnCompany(caller: Identity, companyId: string): void {
  // Foreign and unknown companies look the same (403), as everywhere in accounts.
  if (caller.companyId !== companyId) throw forbidden();
}

function configView(config: PunchoutConfig | undefined) {
  return config ? configuredView(config) : { configured: false as const, entryPaths: entryPaths() };
}

function configuredView(config: PunchoutConfig) {
  return {
    configured: true as const,
    /** The technical buyer account sessions act as (null: a set-up from before technical accounts; save it again). */
    technicalAccount: config.technicalUserSub && config.technicalUsername ? { sub: config.technicalUserSub, username: config.technicalUsername } : null,
    oci: config.oci,
    cxml: config.cxml,
    vendorNumber: config.vendorNumber ?? null,
    updatedAt: config.updatedAt,
    entryPaths: entryPaths(),
  };
}

/** Where procurement systems are pointed to (relative to the API base URL). */
const entryPaths = () => ({ oci: '/punchout/oci', cxml: '/punchout/cxml' });

export async function getConfig(caller: Identity, companyId: string) {
  requireOwnCompany(caller, companyId);
  return configView(await repository.readConfig(companyId));
}

/**
 * Saves the punchout setup of a company. Secrets are generated here and returned only in this
 * answer; the table keeps scrypt hashes. The first save (or the first after a set-up that still
 * named a person) creates the technical buyer account the sessions act as — nobody picks a person.
 */
export async function configure(caller: Identity, companyId: string, request: PunchoutConfigRequest) {
  requireOwnCompany(caller, companyId);
  if (!request.oci && !request.cxml) throw badRequest('PUNCHOUT_NOTHING_ENABLED', 'Switch on OCI, cXML or both (or switch punchout off)');

  const current = await repository.readConfig(companyId);
  const existing = current?.technicalUserSub ? await findTechnicalPunchoutUser(companyId, current.technicalUserSub) : undefined;
  const rotate = new Set(request.rotate ?? []);
  const secrets: { ociPassword?: string; cxmlSharedSecret?: string } = {};
  const credentials: repository.ConfigChange['credentials'][number][] = [];
  const obsolete: { PK: string; SK: string }[] = [];

  let oci: PunchoutConfig['oci'] = null;
  if (request.oci) {
    oci = current?.oci ?? { username: `oci-${randomBytes(6).toString('hex')}` };
    if (!current?.oci || rotate.has('oci')) {
      secrets.ociPassword = newSecret();
      credentials.push({
        key: repository.punchoutKeys.ociCredential(oci.username),
        record: { companyId, protocol: 'oci', secretHash: await hashSecret(secrets.ociPassword) },
      });
    }
  } else if (current?.oci) {
    obsolete.push(repository.punchoutKeys.ociCredential(current.oci.username));
  }

  let cxml: PunchoutConfig['cxml'] = null;
  if (request.cxml) {
    cxml = { domain: request.cxml.domain.trim(), identity: request.cxml.identity.trim() };
    const sameIdentity =
      current?.cxml && current.cxml.domain.toLowerCase() === cxml.domain.toLowerCase() && current.cxml.identity.toLowerCase() === cxml.identity.toLowerCase();
    if (current?.cxml && !sameIdentity) obsolete.push(repository.punchoutKeys.cxmlCredential(current.cxml.domain, current.cxml.identity));
    if (!sameIdentity || rotate.has('cxml')) {
      secrets.cxmlSharedSecret = newSecret();
      credentials.push({
        key: repository.punchoutKeys.cxmlCredential(cxml.domain, cxml.identity),
        record: { companyId, protocol: 'cxml', secretHash: await hashSecret(secrets.cxmlSharedSecret) },
      });
    }
  } else if (current?.cxml) {
    obsolete.push(repository.punchoutKeys.cxmlCredential(current.cxml.domain, current.cxml.identity));
  }

  const vendorNumber = request.vendorNumber === undefined ? current?.vendorNumber : (request.vendorNumber ?? undefined);
  // Created in Cognito now, written in the same transaction as the set-up, removed again if that fails.
  const created = existing ? undefined : await prepareTechnicalPunchoutUser(caller, companyId);
  const account = existing ?? created!.user;
  const config: PunchoutConfig = {
    companyId,
    technicalUserSub: account.sub,
    technicalUsername: account.email,
    oci,
    cxml,
    ...(vendorNumber ? { vendorNumber } : {}),
    updatedAt: new Date().toISOString(),
    updatedBy: caller.sub,
  };
  try {
    await repository.saveConfig({ config, credentials, obsolete, previousUpdatedAt: current?.updatedAt, also: created?.items ?? [] });
  } catch (error) {
    await created?.discard();
    throw error;
  }
  if (created) logger.info('Punchout technical account created', { companyId, sub: account.sub });
  return { ...configuredView(config), secrets };
}

/** Switches punchout off: set-up, credentials and the technical account go in one transaction (its Cognito user right after). */
export async function removeConfig(caller: Identity, companyId: string) {
  requireOwnCompany(caller, companyId);
  const current = await repository.readConfig(companyId);
  if (!current) throw notFound('Punchout configuration');
  const account = current.technicalUserSub ? await removeTechnicalPunchoutUser(caller, companyId, current.technicalUserSub) : undefined;
  await repository.deleteConfig(current, account?.items ?? []);
  await account?.afterCommit();
  return { removed: true as const };
}

// ---- entry: credentials → session → start code --------------------------------------------------

/** The identity a punchout session acts as: the set-up's technical account — never a person's. */
async function punchoutIdentity(config: PunchoutConfig): Promise<Identity | undefined> {
  if (!config.technicalUserSub) return undefined;
  const user = await findTechnicalPunchoutUser(config.companyId, config.technicalUserSub);
  if (!user?.enabled) return undefined;
  return { sub: user.sub, email: user.email, name: user.name, role: 'buyer', companyId: config.companyId };
}

interface Authenticated {
  readonly config: PunchoutConfig;
  readonly identity: Identity;
}

/**
 * Same answer, same work for unknown names, wrong secrets, locked credentials and switched-off
 * setups: nothing leaks. Failures count per credential (known or not, by hash, TTL-bounded);
 * at the limit even the right secret is refused until the lock ends (rules.ts credentialLockout).
 */
async function authenticate(
  credential: { PK: string },
  record: repository.CredentialRecord | undefined,
  secret: string,
  protocol: 'oci' | 'cxml',
): Promise<Authenticated> {
  const credentialHash = sha256(credential.PK);
  const now = epochSeconds(new Date());
  const counter = await repository.readAttempts(credentialHash);
  const valid = await verifySecret(secret, record?.protocol === protocol ? record.secretHash : undefined);
  if (!valid || !record) {
    const after = await repository.countFailure(credentialHash, now, failureWindowEnd(now));
    const until = lockedUntil(after.failures, now);
    if (until !== undefined && until > after.expiresAt) await repository.extendLock(credentialHash, until);
    if (until !== undefined) logger.warn('Punchout credential locked after failed attempts', { protocol, failures: after.failures, credentialHash });
    throw credentialsRejected();
  }
  if (isCredentialLocked(counter, now)) {
    logger.warn('Punchout credential refused while locked', { protocol, companyId: record.companyId });
    throw credentialsRejected();
  }
  if (counter) await repository.clearAttempts(credentialHash);
  const config = await repository.readConfig(record.companyId);
  const identity = config ? await punchoutIdentity(config) : undefined;
  if (!config || !identity) throw credentialsRejected();
  return { config, identity };
}

async function openSession(
  auth: Authenticated,
  session: Omit<PunchoutSession, 'sessionId' | 'companyId' | 'userSub' | 'createdAt' | 'expiresAt'>,
  cartItems: readonly { sku: string; quantity: number }[] = [],
) {
  const now = new Date();
  const sessionId = randomUUID();
  const code = randomBytes(32).toString('base64url');
  const expiresAt = epochSeconds(now) + sessionSeconds;
  // Each session has its own cart, starting from what the procurement system hands over (empty for "create").
  if (cartItems.length) {
    const known = await findProducts(cartItems.map((item) => item.sku));
    const orderable = cartItems.filter((item) => known.get(item.sku)?.active);
    const owner: CartCaller = { ...auth.identity, cartScope: { punchoutSessionId: sessionId, expiresAt } };
    if (orderable.length)
      await addToCart(
        owner,
        orderable.map((item) => ({ sku: item.sku, quantity: formatQuantity(item.quantity) })),
      );
  }
  await repository.createSession(
    { ...session, sessionId, companyId: auth.config.companyId, userSub: auth.identity.sub, createdAt: now.toISOString(), expiresAt },
    sha256(code),
    epochSeconds(now) + startCodeSeconds,
  );
  logger.info('Punchout session opened', { companyId: auth.config.companyId, sessionId, protocol: session.protocol });
  return { sessionId, startUrl: `${webUrl()}/punchout/start?code=${code}` };
}

export type OciEntryResult =
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'error'; readonly status: number; readonly code: string; readonly message: string };

/** OCI entry (GET query or POST form): credentials checked, session opened, browser sent to the start page. */
export async function ociEntry(params: Readonly<Record<string, string>>): Promise<OciEntryResult> {
  let entry;
  try {
    entry = parseOciEntry(params);
  } catch (error) {
    if (error instanceof PunchoutRuleError) return { kind: 'error', status: 400, code: error.code, message: error.message };
    throw error;
  }
  let auth: Authenticated;
  try {
    auth = await authenticate(repository.punchoutKeys.ociCredential(entry.username), await repository.readOciCredential(entry.username), entry.password, 'oci');
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 401) return { kind: 'error', status: 401, code: error.code, message: error.message };
    throw error;
  }
  const { startUrl } = await openSession(auth, {
    protocol: 'oci',
    returnUrl: entry.hookUrl,
    oci: { okCode: entry.okCode, target: entry.target, caller: entry.caller },
    ...(entry.productId ? { productSku: entry.productId } : {}),
  });
  return { kind: 'redirect', location: startUrl };
}

// ---- cXML endpoint ----------------------------------------------------------------------------

export interface CxmlReply {
  readonly status: number;
  readonly xml: string;
}

function replyMeta() {
  const now = new Date();
  return { payloadId: payloadId(now.getTime(), randomBytes(8).toString('hex'), new URL(webUrl()).hostname), timestamp: now.toISOString() };
}

const cxmlReply = (status: number, message: string): CxmlReply => ({ status, xml: buildResponse(replyMeta(), status, message) });

/** One URL for PunchOutSetupRequest and OrderRequest, as Ariba and Coupa can be configured. Always answers cXML. */
export async function handleCxml(xml: string): Promise<CxmlReply> {
  let document;
  try {
    document = parseCxml(xml);
  } catch (error) {
    if (error instanceof PunchoutRuleError) return cxmlReply(400, error.message);
    throw error;
  }
  if (document.kind === 'PunchOutOrderMessage') return cxmlReply(400, 'PunchOutOrderMessage is sent by suppliers, not accepted by them');
  const credential = buyerCredential(document.header);
  const secret = senderSecret(document.header);
  let auth: Authenticated;
  try {
    if (!credential || !secret) throw credentialsRejected();
    auth = await authenticate(
      repository.punchoutKeys.cxmlCredential(credential.domain, credential.identity),
      await repository.readCxmlCredential(credential.domain, credential.identity),
      secret,
      'cxml',
    );
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 401) return cxmlReply(401, 'Authentication failed');
    throw error;
  }
  try {
    return document.kind === 'PunchOutSetupRequest' ? await setup(auth, document) : await orderRequest(auth, document);
  } catch (error) {
    if (error instanceof AppError && error.statusCode < 500) return cxmlReply(error.statusCode === 404 ? 400 : error.statusCode, error.message);
    throw error;
  }
}

async function setup(auth: Authenticated, request: SetupRequest): Promise<CxmlReply> {
  const supplier = request.header.to.map(({ domain, identity }) => ({ domain, identity }));
  const buyer = request.header.from.map(({ domain, identity }) => ({ domain, identity }));
  const { startUrl } = await openSession(
    auth,
    { protocol: 'cxml', returnUrl: request.browserFormPostUrl, cxml: { buyerCookie: request.buyerCookie, buyer, supplier, operation: request.operation } },
    request.operation === 'create' ? [] : request.items.map((item) => ({ sku: item.supplierPartId.toUpperCase(), quantity: item.quantity })),
  );
  return { status: 200, xml: buildSetupResponse(replyMeta(), startUrl) };
}

/**
 * A purchase order from the procurement system. Every line must be an orderable product at exactly
 * the company's current price; the order then goes through the same placement as a checkout
 * (numbering, one transaction with the idempotency record, the placement saga). The cXML orderID is
 * the idempotency key and the buyer's PO number.
 */
async function orderRequest(auth: Authenticated, request: OrderRequest): Promise<CxmlReply> {
  const { identity } = auth;
  const companyId = auth.config.companyId;
  if (request.type !== 'new') return cxmlReply(406, `Order ${request.type} requests are not processed automatically; please contact us`);
  const idempotencyKey = `cxml-order:${request.orderId}`;
  const fingerprint = sha256(orderFingerprint(request));
  const previous = await readIdempotency(companyId, idempotencyKey);
  if (previous) return replayOrder(companyId, previous, fingerprint);

  const skus = [...new Set(request.lines.map((line) => line.supplierPartId.toUpperCase()))];
  if (skus.length !== request.lines.length) return cxmlReply(400, 'Each SupplierPartID may appear on one line only');
  const products = await findProducts(skus);
  const orderable = request.lines.filter((line) => products.get(line.supplierPartId.toUpperCase())?.active);
  const priced = orderable.length
    ? await quote(
        identity,
        orderable.map((line) => ({ sku: line.supplierPartId.toUpperCase(), quantity: formatQuantity(line.quantity) })),
      )
    : undefined;
  const shop = new Map(
    skus.map((sku) => {
      const product = products.get(sku);
      const line = priced?.lines.find((candidate) => candidate.sku === sku);
      return [sku, product && line ? { sku, unit: product.unit, unitNet: line.unitNet, active: product.active } : undefined] as const;
    }),
  );
  const lineProblems = new Map((priced?.lines ?? []).filter((line) => line.problems.length).map((line) => [line.sku, line.problems.join(', ')]));
  const problems = checkOrderLines(request.lines, shop, lineProblems);
  if (problems.length) {
    const status = problems.some((problem) => problem.code === 'UNKNOWN_PART' || problem.code === 'UNIT_MISMATCH') ? 400 : 409;
    return cxmlReply(status, problems.map((problem) => problem.message).join('; '));
  }
  if (!priced) return cxmlReply(400, 'The order has no orderable lines');
  if (request.total.currency !== priced.currency)
    return cxmlReply(409, `The order total is in ${request.total.currency}, the agreed prices are in ${priced.currency}`);

  let terms: OrderTerms;
  try {
    terms = await orderTerms(companyId, priced, {
      delivery: { kind: 'own-transport' },
      ...(request.shipTo?.country ? { deliveryCountry: request.shipTo.country } : {}),
    });
  } catch (error) {
    if (error instanceof DeliveryError) return cxmlReply(406, error.message);
    throw error;
  }
  const { payment } = terms;
  // On account when the company's terms allow it, otherwise against bank prepayment.
  const method = ['on-account', 'bank-prepayment'].find((candidate) => payment.some((option) => option.method === candidate && option.allowed));
  if (!method) return cxmlReply(406, 'No payment method is available for this order');

  const now = new Date();
  const orderId = newOrderId(now);
  const order: Order = {
    orderId,
    orderNumber: await allocateOrderNumber(now),
    companyId,
    placedBy: { sub: identity.sub, email: identity.email, name: identity.name, role: identity.role },
    status: 'placing',
    createdAt: now.toISOString(),
    ...(await pricedOrderFields(priced, companyId, products)),
    paymentMethod: method,
    delivery: { kind: 'own-transport', ...(request.shipTo ? { address: request.shipTo } : {}), source: 'cxml' },
    deliveryFee: terms.fee,
    poNumber: request.orderId.slice(0, 64),
  };
  const placed = await persistOrder(order, [idempotencyPut(companyId, idempotencyKey, orderId, fingerprint, now)]);
  if (!placed) {
    const again = await readIdempotency(companyId, idempotencyKey);
    if (again) return replayOrder(companyId, again, fingerprint);
    throw conflict('ORDER_NOT_SAVED', 'The order could not be saved; retry');
  }
  await startWorkflow(order);
  logger.info('Punchout order accepted', { companyId, orderId, poNumber: request.orderId });
  return cxmlReply(200, `Order ${order.orderNumber} accepted`);
}

async function replayOrder(companyId: string, record: { orderId: string; requestHash: string }, fingerprint: string): Promise<CxmlReply> {
  if (record.requestHash !== fingerprint) return cxmlReply(409, 'This orderID was already used for a different order');
  const order = await findOrder(companyId, record.orderId);
  if (!order) return cxmlReply(409, 'The order is still being created; retry shortly');
  if (order.status === 'placing') await startWorkflow(order);
  return cxmlReply(200, `Order ${order.orderNumber} accepted`);
}

// ---- SPA: start code exchange and cart transfer --------------------------------------------------

/** Trades the one-time start code for tokens of the punchout user and the session's facts. */
export async function exchangeStartCode(code: string) {
  const rejected = () =>
    unauthenticated('PUNCHOUT_START_INVALID', 'This punchout link is invalid or was already used; start again from your procurement system');
  const pointer = await repository.consumeStartCode(sha256(code));
  const now = new Date();
  if (!pointer || pointer.expiresAt < epochSeconds(now)) throw rejected();
  const session = await repository.readSession(pointer.companyId, pointer.sessionId);
  const config = await repository.readConfig(pointer.companyId);
  if (!session || !config || session.expiresAt < epochSeconds(now) || config.technicalUserSub !== session.userSub) throw rejected();
  const identity = await punchoutIdentity(config);
  if (!identity) throw rejected();
  const tokens = await signInTechnicalUser(config.companyId, identity.sub);
  return {
    tokens,
    session: {
      sessionId: session.sessionId,
      protocol: session.protocol,
      returnHost: new URL(session.returnUrl).host,
      expiresAt: new Date(session.expiresAt * 1000).toISOString(),
      ...(session.productSku ? { productSku: session.productSku } : {}),
    },
  };
}

async function activeSession(caller: Identity, sessionId: string): Promise<PunchoutSession> {
  if (!caller.companyId) throw forbidden('Punchout belongs to company users');
  // The key holds the caller's own company: another company's session is simply not found.
  const session = await repository.readSession(caller.companyId, sessionId);
  if (!session || session.userSub !== caller.sub) throw notFound('Punchout session');
  if (session.expiresAt < epochSeconds(new Date()))
    throw new AppError(410, 'PUNCHOUT_SESSION_EXPIRED', 'The punchout session has expired; start again from your procurement system');
  return session;
}

/**
 * The cart scope of a punchout session, for the cart context (header `X-Punchout-Session`): only the
 * session's own user in its company, while it runs (404 / 410 otherwise, as for the session itself).
 */
export async function punchoutCartScope(caller: Identity, sessionId: string): Promise<CartScope> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId))
    throw badRequest('INVALID_PUNCHOUT_SESSION', 'The X-Punchout-Session header is not a session id');
  const session = await activeSession(caller, sessionId);
  return { punchoutSessionId: session.sessionId, expiresAt: session.expiresAt };
}

export async function describeSession(caller: Identity, sessionId: string) {
  const session = await activeSession(caller, sessionId);
  return {
    sessionId,
    protocol: session.protocol,
    returnHost: new URL(session.returnUrl).host,
    expiresAt: new Date(session.expiresAt * 1000).toISOString(),
    transferredAt: session.transferredAt ?? null,
  };
}

/**
 * The cart as the form the browser posts to the procurement system: OCI NEW_ITEM-* fields to
 * HOOK_URL, or a PunchOutOrderMessage in `cxml-urlencoded` to the BrowserFormPost URL. Prices are
 * the company's, computed now by the pricing engine.
 */
export async function transferForm(caller: Identity, sessionId: string) {
  const session = await activeSession(caller, sessionId);
  const cart = await viewCart({ ...caller, cartScope: { punchoutSessionId: session.sessionId, expiresAt: session.expiresAt } });
  if (!cart.lines.length || !cart.quote) throw badRequest('CART_EMPTY', 'Your cart is empty');
  if (cart.quote.problems.length) throw badRequest('CART_HAS_PROBLEMS', 'Some lines cannot be ordered as they are', cart.quote.problems);
  const skus = cart.lines.map((line) => line.sku);
  const [products, buyerNumbers] = await Promise.all([findProducts(skus), buyerNumbersOf(session.companyId, skus)]);
  const lines: TransferLine[] = cart.quote.lines.map((line) => {
    const product = products.get(line.sku);
    const quantity = parseQuantity(line.quantity);
    const buyerNumber = buyerNumbers.get(line.sku);
    return {
      ...(buyerNumber ? { buyerNumber } : {}),
      sku: line.sku,
      name: product?.name ?? line.sku,
      description: product?.description ?? '',
      categoryId: product?.categoryId ?? '',
      unit: product?.unit ?? '',
      quantity,
      unitNet: line.unitNet,
      lineNet: { amount: timesMilli(line.unitNet.amount, quantity), currency: line.unitNet.currency },
    };
  });
  const config = await repository.readConfig(session.companyId);
  let fields: [string, string][];
  try {
    if (session.protocol === 'oci') {
      fields = ociTransferFields(lines, {
        okCode: session.oci?.okCode ?? 'ADDI',
        target: session.oci?.target ?? '_top',
        caller: session.oci?.caller ?? 'CTLG',
        ...(config?.vendorNumber ? { vendorNumber: config.vendorNumber } : {}),
      });
    } else {
      const xml = buildPunchOutOrderMessage({
        meta: replyMeta(),
        buyer: session.cxml?.buyer ?? [],
        supplier: session.cxml?.supplier ?? [],
        buyerCookie: session.cxml?.buyerCookie ?? '',
        lines,
      });
      fields = [['cxml-urlencoded', xml]];
    }
  } catch (error) {
    if (error instanceof PunchoutRuleError) throw asAppError(error, 409);
    throw error;
  }
  await repository.markTransferred(session.companyId, sessionId, new Date().toISOString());
  return { action: session.returnUrl, method: 'POST' as const, target: session.protocol === 'oci' ? (session.oci?.target ?? '_top') : '_top', fields };
}

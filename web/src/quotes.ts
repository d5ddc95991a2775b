/** Sales-rep quotes ("offers", functions/offers): types, API calls and shared helpers for shop and console. */
import { ApiError, errorTexts, type ApiClient } from './api.js';
import { parseMinorUnits } from './moneyInput.js';
import type { DeliveryChoice, Money } from './types.js';

export type OfferStatus = 'requested' | 'draft' | 'sent' | 'accepted';

export interface OfferLine {
  sku: string;
  name: string;
  unit: string;
  quantity: string;
  listUnitNet: Money;
  unitNet: Money;
  lineNet: Money;
  vatRate: number;
}

export interface OfferTerms {
  delivery: DeliveryChoice;
  deliveryFee: Money;
  paymentMethod: string;
  validUntil: string;
  note?: string;
}

export interface OfferVersion {
  offerId: string;
  companyId: string;
  version: number;
  createdAt: string;
  createdBy: { sub: string; name: string; role: string };
  agreementId: string | null;
  currency: string;
  lines: OfferLine[];
  net: Money;
  vat: Money;
  gross: Money;
  vatBreakdown: { rate: number; net: Money; vat: Money }[];
  reverseCharge: { applies: boolean; explanation?: string };
  terms: OfferTerms;
  source: { kind: string; [key: string]: unknown };
  /** Only from GET …/versions/<n>. */
  latest?: boolean;
  acceptable?: boolean;
  notAcceptableBecause?: string;
}

export interface Offer {
  offerId: string;
  quoteNumber: string;
  companyId: string;
  status: OfferStatus;
  latestVersion: number;
  sentVersion?: number;
  acceptedVersion?: number;
  createdAt: string;
  updatedAt: string;
  createdBy: { sub: string; name: string; role: string };
  request?: { note: string; requestedBy: unknown; lines: { sku: string; quantity: string }[] };
  acceptance?: { orderId: string; orderNumber: string; acceptedBy: { sub: string; name: string }; acceptedAt: string };
}

export interface OfferDetail extends Offer {
  versions: number[];
  version: OfferVersion | null;
  acceptable: boolean;
}

export interface QuoteLineInput {
  sku: string;
  quantity: string;
  unitNet?: number;
}

export interface QuoteContent {
  /** With `fromCartOf`: extra lines and price overrides by SKU (may be empty). */
  lines?: QuoteLineInput[];
  /** Cart takeover: the `ownerSub` of one of the company's active carts. */
  fromCartOf?: string;
  terms: { delivery: DeliveryChoice; paymentMethod: string; validUntil: string; note?: string };
}

/** An employee's active cart (`GET /companies/<id>/carts`): the source of a cart takeover. */
export interface CompanyCart {
  ownerSub: string;
  ownerName: string;
  updatedAt: string;
  lines: { sku: string; quantity: string }[];
}

const enc = encodeURIComponent;
const base = (companyId: string, offerId?: string) => `/companies/${enc(companyId)}/offers${offerId ? `/${enc(offerId)}` : ''}`;

export const quotesApi = (api: ApiClient) => ({
  listCompany: async (companyId: string, signal?: AbortSignal): Promise<Offer[]> =>
    (await api.request<{ offers: Offer[] }>(base(companyId), { auth: 'required', signal })).offers,
  listStaff: async (status: OfferStatus | undefined, signal?: AbortSignal): Promise<Offer[]> =>
    (await api.request<{ offers: Offer[] }>(`/offers${status ? `?status=${status}` : ''}`, { auth: 'required', signal })).offers,
  get: (companyId: string, offerId: string, signal?: AbortSignal): Promise<OfferDetail> =>
    api.request(base(companyId, offerId), { auth: 'required', signal }),
  getVersion: (companyId: string, offerId: string, version: number, signal?: AbortSignal): Promise<OfferVersion> =>
    api.request(`${base(companyId, offerId)}/versions/${version}`, { auth: 'required', signal }),
  pdf: (companyId: string, offerId: string, version?: number): Promise<{ url: string; version: number; expiresInSeconds: number }> =>
    api.request(`${base(companyId, offerId)}/pdf${version ? `?version=${version}` : ''}`, { auth: 'required' }),
  accept: (companyId: string, offerId: string, version: number, idempotencyKey: string): Promise<{ orderId: string; orderNumber: string }> =>
    api.request(`${base(companyId, offerId)}/acceptance`, { method: 'POST', body: { version }, auth: 'required', headers: { 'Idempotency-Key': idempotencyKey } }),
  request: (note: string): Promise<Offer> => api.request('/quote-requests', { method: 'POST', body: { note }, auth: 'required' }),
  create: (companyId: string, content: QuoteContent): Promise<Offer & { version: OfferVersion }> =>
    api.request(base(companyId), { method: 'POST', body: content, auth: 'required' }),
  revise: (companyId: string, offerId: string, content: QuoteContent): Promise<Offer & { version: OfferVersion }> =>
    api.request(base(companyId, offerId), { method: 'PUT', body: content, auth: 'required' }),
  send: (companyId: string, offerId: string): Promise<{ sentVersion: number; mailedTo: number }> =>
    api.request(`${base(companyId, offerId)}/send`, { method: 'POST', auth: 'required' }),
  carts: async (companyId: string, signal?: AbortSignal): Promise<CompanyCart[]> =>
    (await api.request<{ carts: CompanyCart[] }>(`/companies/${enc(companyId)}/carts`, { auth: 'required', signal })).carts,
  copy: (companyId: string, offerId: string, targetCompanyId: string, validUntil?: string): Promise<Offer> =>
    api.request(`${base(companyId, offerId)}/copies`, { method: 'POST', body: { targetCompanyId, ...(validUntil ? { validUntil } : {}) }, auth: 'required' }),
});

Object.assign(errorTexts, {
  QUOTE_EXPIRED: 'This quote has expired. Please ask your sales representative for a new version.',
  QUOTE_SUPERSEDED: 'There is a newer version of this quote. Please review the latest version before accepting.',
  QUOTE_ALREADY_ACCEPTED: 'This quote has already been accepted.',
  QUOTE_NOT_SENT: 'This version of the quote has not been sent to you yet.',
  QUOTE_CHANGED: 'The quote was changed meanwhile. Please reload it.',
  QUOTE_LINE_PROBLEMS: 'Some lines cannot be quoted as they are (unknown SKU, minimum or step quantity).',
  INVALID_QUOTE_PRICE: 'Some quoted prices are invalid: negative or above the list price.',
  INVALID_VALID_UNTIL: 'The validity date is not acceptable (in the past or too far ahead).',
  QUOTE_EMPTY: 'A quote needs at least one line.',
  QUOTE_NOT_PREPARED: 'Prepare a version before sending.',
});

/** Whether an error of an acceptance may be retried with the same idempotency key. */
export const isRetryable = (error: unknown): boolean =>
  error instanceof ApiError && (error.status === 0 || error.status >= 500 || error.code === 'ORDER_IN_PROGRESS');

/** Why a version cannot be accepted, in words (codes of `notAcceptableBecause` / the acceptance answer). */
export const notAcceptableTexts: Record<string, string> = {
  QUOTE_EXPIRED: 'Expired',
  QUOTE_SUPERSEDED: 'Superseded by a newer version',
  QUOTE_ALREADY_ACCEPTED: 'Already accepted',
  QUOTE_NOT_SENT: 'Not sent yet',
};

export const statusLabels: Record<OfferStatus, string> = { requested: 'Requested', draft: 'Draft', sent: 'Sent', accepted: 'Accepted' };

/**
 * Lines typed as "SKU qty [unit price EUR]" (spaces, tabs, ";" or ","-free separators); the price is
 * converted to integer cents with string arithmetic. Returns the lines or the first unreadable line.
 */
export const parseQuoteLines = (text: string, currency = 'EUR'): { lines: QuoteLineInput[] } | { error: string } => {
  const lines: QuoteLineInput[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const row = raw.trim();
    if (!row) continue;
    const parts = row.split(/[\s;]+/);
    const [sku, quantity, price] = parts;
    if (!sku || !quantity || parts.length > 3 || !/^\d+(?:[.,]\d{1,3})?$/.test(quantity)) return { error: `Line ${index + 1}: expected "SKU quantity [unit price]"` };
    const line: QuoteLineInput = { sku, quantity: quantity.replace(',', '.') };
    if (price !== undefined) {
      const cents = parseMinorUnits(price, currency);
      if (cents === undefined) return { error: `Line ${index + 1}: "${price}" is not a price such as 19.99` };
      line.unitNet = cents;
    }
    lines.push(line);
  }
  if (!lines.length) return { error: 'Enter at least one line.' };
  return { lines };
};

export const formatQuantity = (quantity: string, unit: string) => `${quantity}${unit ? ` ${unit}` : ''}`;

/** Sales-rep quotes ("offers", functions/offers): types, API calls and shared helpers for shop and console. */
import type { ApiRequestBody, ApiResponse } from '../../functions/contract.js';
import { ApiError, type ApiClient } from './api.js';
import { formatDecimal } from './format.js';
import { translate } from './i18n/translate.js';
import { parseMinorUnits } from './moneyInput.js';

/** A quote's header. */
export type Offer = ApiResponse<'POST /quote-requests'>;
export type OfferStatus = Offer['status'];
/** A quote with its latest version (company users: the latest sent one) and whether it can be accepted. */
export type OfferDetail = ApiResponse<'GET /companies/{companyId}/offers/{offerId}'>;
/** One version of a quote as GET …/versions/<n> answers it: also whether it is the latest and can be accepted now. */
export type OfferVersionDetail = ApiResponse<'GET /companies/{companyId}/offers/{offerId}/versions/{version}'>;
/** One immutable version of a quote; `latest`, `acceptable` and `notAcceptableBecause` only from GET …/versions/<n>. */
export type OfferVersion = NonNullable<OfferDetail['version']> & Partial<Pick<OfferVersionDetail, 'latest' | 'acceptable' | 'notAcceptableBecause'>>;
export type OfferLine = OfferVersion['lines'][number];
export type OfferTerms = OfferVersion['terms'];
/** What a quote version is made of (create and revise). */
export type QuoteContent = ApiRequestBody<'POST /companies/{companyId}/offers'>;
export type QuoteLineInput = NonNullable<QuoteContent['lines']>[number];
/** An employee's active cart (`GET /companies/<id>/carts`): the source of a cart takeover. */
export type CompanyCart = ApiResponse<'GET /companies/{companyId}/carts'>['carts'][number];

export const quotesApi = (api: ApiClient) => ({
  listCompany: async (companyId: string, signal?: AbortSignal): Promise<Offer[]> =>
    (await api.call('GET /companies/{companyId}/offers', { params: { companyId } }, { auth: 'required', signal })).offers,
  listStaff: async (status: OfferStatus | undefined, signal?: AbortSignal): Promise<Offer[]> =>
    (await api.call('GET /offers', { query: { status } }, { auth: 'required', signal })).offers,
  get: (companyId: string, offerId: string, signal?: AbortSignal) =>
    api.call('GET /companies/{companyId}/offers/{offerId}', { params: { companyId, offerId } }, { auth: 'required', signal }),
  getVersion: (companyId: string, offerId: string, version: number, signal?: AbortSignal) =>
    api.call(
      'GET /companies/{companyId}/offers/{offerId}/versions/{version}',
      { params: { companyId, offerId, version: String(version) } },
      { auth: 'required', signal },
    ),
  pdf: (companyId: string, offerId: string, version?: number) =>
    api.call(
      'GET /companies/{companyId}/offers/{offerId}/pdf',
      { params: { companyId, offerId }, query: { version: version || undefined } },
      { auth: 'required' },
    ),
  accept: (companyId: string, offerId: string, version: number, idempotencyKey: string) =>
    api.call(
      'POST /companies/{companyId}/offers/{offerId}/acceptance',
      { params: { companyId, offerId }, body: { version } },
      { auth: 'required', headers: { 'Idempotency-Key': idempotencyKey } },
    ),
  request: (note: string) => api.call('POST /quote-requests', { body: { note } }, { auth: 'required' }),
  create: (companyId: string, content: QuoteContent) =>
    api.call('POST /companies/{companyId}/offers', { params: { companyId }, body: content }, { auth: 'required' }),
  revise: (companyId: string, offerId: string, content: QuoteContent) =>
    api.call('PUT /companies/{companyId}/offers/{offerId}', { params: { companyId, offerId }, body: content }, { auth: 'required' }),
  send: (companyId: string, offerId: string) =>
    api.call('POST /companies/{companyId}/offers/{offerId}/send', { params: { companyId, offerId } }, { auth: 'required' }),
  carts: async (companyId: string, signal?: AbortSignal): Promise<CompanyCart[]> =>
    (await api.call('GET /companies/{companyId}/carts', { params: { companyId } }, { auth: 'required', signal })).carts,
  copy: (companyId: string, offerId: string, targetCompanyId: string, validUntil?: string) =>
    api.call(
      'POST /companies/{companyId}/offers/{offerId}/copies',
      { params: { companyId, offerId }, body: { targetCompanyId, ...(validUntil ? { validUntil } : {}) } },
      { auth: 'required' },
    ),
});

/** Whether an error of an acceptance may be retried with the same idempotency key. */
export const isRetryable = (error: unknown): boolean =>
  error instanceof ApiError && (error.status === 0 || error.status >= 500 || error.code === 'ORDER_IN_PROGRESS');

/** Why a version cannot be accepted, in words (codes of `notAcceptableBecause` / the acceptance answer). */
export const notAcceptableTexts: Record<string, string> = {
  get QUOTE_EXPIRED() {
    return translate('quotes.notAcceptable.expired');
  },
  get QUOTE_SUPERSEDED() {
    return translate('quotes.notAcceptable.superseded');
  },
  get QUOTE_ALREADY_ACCEPTED() {
    return translate('quotes.notAcceptable.alreadyAccepted');
  },
  get QUOTE_NOT_SENT() {
    return translate('quotes.notAcceptable.notSent');
  },
};

/** Quote status labels in the UI language (read when shown). */
export const statusLabels: Record<OfferStatus, string> = {
  get requested() {
    return translate('quotes.status.requested');
  },
  get draft() {
    return translate('quotes.status.draft');
  },
  get sent() {
    return translate('quotes.status.sent');
  },
  get accepted() {
    return translate('quotes.status.accepted');
  },
};

/** A typed-in quote line: the quantity as the decimal string it was written as. */
export type ParsedQuoteLine = QuoteLineInput & { quantity: string };

/**
 * Lines typed as "SKU qty [unit price EUR]" (spaces, tabs, ";" or ","-free separators); the price is
 * converted to integer cents with string arithmetic. Returns the lines or the first unreadable line.
 */
export const parseQuoteLines = (text: string, currency = 'EUR'): { lines: ParsedQuoteLine[] } | { error: string } => {
  const lines: ParsedQuoteLine[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const row = raw.trim();
    if (!row) continue;
    const parts = row.split(/[\s;]+/);
    const [sku, quantity, price] = parts;
    if (!sku || !quantity || parts.length > 3 || !/^\d+(?:[.,]\d{1,3})?$/.test(quantity))
      return { error: translate('quotes.lines.expected', { line: index + 1 }) };
    const line: ParsedQuoteLine = { sku, quantity: quantity.replace(',', '.') };
    if (price !== undefined) {
      const cents = parseMinorUnits(price, currency);
      if (cents === undefined) return { error: translate('quotes.lines.badPrice', { line: index + 1, price, example: formatDecimal('19.99') }) };
      line.unitNet = cents;
    }
    lines.push(line);
  }
  if (!lines.length) return { error: translate('quotes.lines.empty') };
  return { lines };
};

/** A line's quantity in the UI locale ("0,25 kg"), with its unit. */
export const formatQuantity = (quantity: string, unit: string) => `${formatDecimal(quantity)}${unit ? ` ${unit}` : ''}`;

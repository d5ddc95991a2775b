/** Orders entered by staff on behalf of a customer (functions/orders/on-behalf.ts): types and API calls. */
import { errorTexts, type ApiClient } from './api.js';
import type { DeliveryChoice, DeliveryOption, Money, OrderStatus, PaymentOption, Quote } from './types.js';

export interface OnBehalfLine {
  sku: string;
  /** Decimal string of sales units ("2", "0.25"). */
  quantity: string;
}

export interface OnBehalfPreview {
  /** Priced with the customer's prices (price lists, agreement, discounts, VAT). */
  quote: Quote;
  stockShortages: { sku: string; available: string }[];
  deliveryOptions: DeliveryOption[];
  deliveryFee: Money;
  payable: Money;
  paymentOptions: PaymentOption[];
}

export interface OnBehalfOrderRequest {
  lines: OnBehalfLine[];
  delivery: DeliveryChoice;
  paymentMethod: string;
  poNumber?: string;
  costCentre?: string;
  note?: string;
  preliminary: boolean;
}

const base = (companyId: string) => `/console/companies/${encodeURIComponent(companyId)}/orders`;

export const onBehalfApi = (api: ApiClient) => ({
  preview: (companyId: string, body: { lines: OnBehalfLine[]; delivery?: DeliveryChoice }, signal?: AbortSignal): Promise<OnBehalfPreview> =>
    api.request(`${base(companyId)}/preview`, { method: 'POST', body, auth: 'required', signal }),
  place: (companyId: string, body: OnBehalfOrderRequest, idempotencyKey: string): Promise<{ orderId: string; orderNumber: string; status: OrderStatus }> =>
    api.request(base(companyId), { method: 'POST', body, auth: 'required', headers: { 'Idempotency-Key': idempotencyKey } }),
});

Object.assign(errorTexts, {
  ORDER_LINE_PROBLEMS: 'Some lines cannot be ordered as they are (unknown or inactive product, minimum, step or pack quantity, no price).',
  ORDER_EMPTY: 'Add at least one product.',
  ORDER_TOO_LARGE: 'An order holds at most 200 lines.',
});

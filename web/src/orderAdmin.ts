/** Order administration and shipments (functions/orders/admin*.ts, shipments.ts): types and API calls for console and shop. */
import type { ApiRequestBody, ApiRequestQuery, ApiResponse } from '../../functions/contract.js';
import type { ApiClient } from './api.js';
import type { MessageKey } from './i18n/messages/index.js';
import { translate } from './i18n/translate.js';
import type { Order } from './types.js';

/**
 * A label map (`labels[code]`, `Object.keys(labels)` in the given order) whose texts are read from the
 * message catalogs when shown, so they follow the UI language.
 */
export const translatedLabels = <const Code extends string>(codes: readonly Code[], keyOf: (code: Code) => MessageKey): Readonly<Record<Code, string>> =>
  Object.defineProperties({}, Object.fromEntries(codes.map((code) => [code, { enumerable: true, get: () => translate(keyOf(code)) }]))) as Record<Code, string>;

export type Shipment = ApiResponse<'POST /console/orders/{companyId}/{orderId}/shipments'>;
export type ShipmentStatus = Shipment['status'];

/** The staff view of an order: adjustments with reasons, version, what is left to ship, internal notes and audit trail. */
export type AdminOrderDetail = ApiResponse<'GET /console/orders/{companyId}/{orderId}'>;
/** An order as staff see it (the shop's statuses plus staff-only ones, goodwill adjustments, edit version). */
export type AdminOrder = AdminOrderDetail['order'];
/** Statuses an order can have in the console (the shop's OrderStatus plus staff-only ones). */
export type AdminOrderStatus = AdminOrder['status'];
export type Adjustment = NonNullable<AdminOrder['adjustments']>[number];
export type AuditRow = AdminOrderDetail['audit'][number];
export type Actor = AuditRow['actor'];
export type InternalNote = AdminOrderDetail['notes'][number];
export type AdminOrderSummary = ApiResponse<'GET /console/orders'>['orders'][number];
export type OrderSearch = {
  [K in keyof ApiRequestQuery<'GET /console/orders'>]?: K extends 'status' ? AdminOrderStatus : K extends 'minTotal' | 'maxTotal' | 'limit' ? number : string;
};
export type ShipmentDraft = ApiRequestBody<'POST /console/orders/{companyId}/{orderId}/shipments'>;

const adminStatuses = [
  'preliminary',
  'awaiting-approval',
  'rejected',
  'cancelled',
  'placing',
  'placed',
  'confirmed',
  'failed',
] as const satisfies readonly AdminOrderStatus[];

export const adminStatusLabels: Readonly<Record<AdminOrderStatus, string>> = translatedLabels(
  adminStatuses,
  (status) => `orders.adminStatus.${status}` as const,
);

const shipmentStatuses = ['prepared', 'shipped', 'delivered'] as const satisfies readonly ShipmentStatus[];

export const shipmentStatusLabels: Readonly<Record<ShipmentStatus, string>> = translatedLabels(
  shipmentStatuses,
  (status) => `orders.shipmentStatus.${status}` as const,
);

/** A customer order as the API returns it, with its shipments. */
export type OrderWithShipments = Order;

export const orderAdminApi = (api: ApiClient) => ({
  search: (search: OrderSearch, signal?: AbortSignal) => api.call('GET /console/orders', { query: search }, { auth: 'required', signal }),
  get: (companyId: string, orderId: string, signal?: AbortSignal) =>
    api.call('GET /console/orders/{companyId}/{orderId}', { params: { companyId, orderId } }, { auth: 'required', signal }),
  edit: (companyId: string, orderId: string, body: ApiRequestBody<'PATCH /console/orders/{companyId}/{orderId}'>) =>
    api.call('PATCH /console/orders/{companyId}/{orderId}', { params: { companyId, orderId }, body }, { auth: 'required' }),
  addNote: (companyId: string, orderId: string, text: string) =>
    api.call('POST /console/orders/{companyId}/{orderId}/notes', { params: { companyId, orderId }, body: { text } }, { auth: 'required' }),
  addAdjustment: (companyId: string, orderId: string, body: ApiRequestBody<'POST /console/orders/{companyId}/{orderId}/adjustments'>) =>
    api.call('POST /console/orders/{companyId}/{orderId}/adjustments', { params: { companyId, orderId }, body }, { auth: 'required' }),
  addItems: (companyId: string, orderId: string, body: ApiRequestBody<'POST /console/orders/{companyId}/{orderId}/items'>) =>
    api.call('POST /console/orders/{companyId}/{orderId}/items', { params: { companyId, orderId }, body }, { auth: 'required' }),
  createShipment: (companyId: string, orderId: string, body: ShipmentDraft) =>
    api.call('POST /console/orders/{companyId}/{orderId}/shipments', { params: { companyId, orderId }, body }, { auth: 'required' }),
  updateShipment: (
    companyId: string,
    orderId: string,
    shipmentId: string,
    body: ApiRequestBody<'PATCH /console/orders/{companyId}/{orderId}/shipments/{shipmentId}'>,
  ) =>
    api.call('PATCH /console/orders/{companyId}/{orderId}/shipments/{shipmentId}', { params: { companyId, orderId, shipmentId }, body }, { auth: 'required' }),
  /** Shop and console: a 5-minute link to a shipment's delivery note. */
  deliveryNote: (companyId: string, orderId: string, shipmentId: string) =>
    api.call(
      'GET /companies/{companyId}/orders/{orderId}/shipments/{shipmentId}/delivery-note',
      { params: { companyId, orderId, shipmentId } },
      { auth: 'required' },
    ),
});

/** "SKU quantity" per line (quantity with "." or ","), for the add-items and edit-lines forms. */
export function parseLines(text: string): { lines: { sku: string; quantity: string }[] } | { error: string } {
  const lines: { sku: string; quantity: string }[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const match = /^(\S+)\s+(\d{1,9}(?:[.,]\d{1,3})?)$/.exec(trimmed);
    if (!match) return { error: translate('orders.parseLines.format', { line: index + 1 }) };
    lines.push({ sku: match[1]!, quantity: match[2]!.replace(',', '.') });
  }
  if (lines.length === 0) return { error: translate('orders.parseLines.empty') };
  return { lines };
}

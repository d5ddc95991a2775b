/** Order administration and shipments (functions/orders/admin*.ts, shipments.ts): types and API calls for console and shop. */
import type { ApiClient } from './api.js';
import type { Money, Order } from './types.js';

export type ShipmentStatus = 'prepared' | 'shipped' | 'delivered';

export interface Shipment {
  shipmentId: string;
  shipmentNumber: string;
  lines: { sku: string; quantity: string }[];
  carrier: string;
  trackingNumber?: string;
  trackingUrl?: string;
  status: ShipmentStatus;
  createdAt: string;
  shippedAt?: string;
  deliveredAt?: string;
  deliveryNoteKey?: string;
}

/** Statuses an order can have in the console (the shop's OrderStatus plus staff-only ones). */
export type AdminOrderStatus = 'preliminary' | 'awaiting-approval' | 'rejected' | 'cancelled' | 'placing' | 'placed' | 'confirmed' | 'failed';

export const adminStatusLabels: Record<AdminOrderStatus, string> = {
  preliminary: 'Preliminary',
  'awaiting-approval': 'Awaiting approval',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  placing: 'Being placed',
  placed: 'Placed',
  confirmed: 'Confirmed',
  failed: 'Failed',
};

export const shipmentStatusLabels: Record<ShipmentStatus, string> = { prepared: 'Prepared', shipped: 'Shipped', delivered: 'Delivered' };

/** A customer order as the API returns it, with its shipments. */
export type OrderWithShipments = Order & { shipments?: Shipment[] };

export interface Adjustment {
  adjustmentId: string;
  amount: Money;
  reason: string;
  at: string;
  by: { sub: string; name: string; role: string };
  /** Set when the order was invoiced: the credit note that carried the goodwill to the invoice. */
  creditNoteNumber?: string;
}

export type AdminOrder = Omit<OrderWithShipments, 'status'> & { status: AdminOrderStatus; version: number; adjustments?: Adjustment[] };

export interface Actor {
  sub: string;
  name: string;
  role: string;
}

export interface AuditRow {
  at: string;
  actor: Actor;
  action: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface InternalNote {
  noteId: string;
  at: string;
  author: Actor;
  text: string;
}

export interface AdminOrderDetail {
  order: AdminOrder;
  remaining: Record<string, string>;
  company: { companyId: string; name: string; deliveryAddresses: { id: string; street: string; postalCode: string; city: string; country: string; name?: string }[] };
  notes: InternalNote[];
  audit: AuditRow[];
}

export interface AdminOrderSummary {
  orderId: string;
  orderNumber: string;
  companyId: string;
  status: AdminOrderStatus;
  createdAt: string;
  placedBy: { name: string; email: string };
  gross: Money;
  deliveryFee: Money;
  paymentMethod: string;
  lineCount: number;
  shipmentCount: number;
}

export interface OrderSearch {
  companyId?: string;
  status?: AdminOrderStatus;
  from?: string;
  to?: string;
  minTotal?: number;
  maxTotal?: number;
  limit?: number;
  cursor?: string;
}

export interface ShipmentDraft {
  lines: { sku: string; quantity: string }[];
  carrier: string;
  trackingNumber?: string;
  trackingUrl?: string;
}

const enc = encodeURIComponent;
const orderPath = (companyId: string, orderId: string) => `/console/orders/${enc(companyId)}/${enc(orderId)}`;

export const orderAdminApi = (api: ApiClient) => ({
  search: (search: OrderSearch, signal?: AbortSignal): Promise<{ orders: AdminOrderSummary[]; nextCursor?: string }> => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(search)) if (value !== undefined && value !== '') params.set(key, String(value));
    return api.request(`/console/orders?${params.toString()}`, { auth: 'required', signal });
  },
  get: (companyId: string, orderId: string, signal?: AbortSignal): Promise<AdminOrderDetail> => api.request(orderPath(companyId, orderId), { auth: 'required', signal }),
  edit: (companyId: string, orderId: string, body: { expectedVersion: number; lines?: { sku: string; quantity: string }[]; deliveryAddressId?: string; status?: 'placing' | 'cancelled' }): Promise<{ order: AdminOrder }> =>
    api.request(orderPath(companyId, orderId), { method: 'PATCH', body, auth: 'required' }),
  addNote: (companyId: string, orderId: string, text: string): Promise<InternalNote> => api.request(`${orderPath(companyId, orderId)}/notes`, { method: 'POST', body: { text }, auth: 'required' }),
  addAdjustment: (companyId: string, orderId: string, body: { amount: Money; reason: string; expectedVersion: number }): Promise<{ order: AdminOrder }> =>
    api.request(`${orderPath(companyId, orderId)}/adjustments`, { method: 'POST', body, auth: 'required' }),
  addItems: (companyId: string, orderId: string, body: { lines: { sku: string; quantity: string }[]; expectedVersion: number }): Promise<{ order: AdminOrder }> =>
    api.request(`${orderPath(companyId, orderId)}/items`, { method: 'POST', body, auth: 'required' }),
  createShipment: (companyId: string, orderId: string, body: ShipmentDraft): Promise<Shipment> =>
    api.request(`${orderPath(companyId, orderId)}/shipments`, { method: 'POST', body, auth: 'required' }),
  updateShipment: (companyId: string, orderId: string, shipmentId: string, body: { status: 'shipped' | 'delivered'; carrier?: string; trackingNumber?: string; trackingUrl?: string }): Promise<Shipment> =>
    api.request(`${orderPath(companyId, orderId)}/shipments/${enc(shipmentId)}`, { method: 'PATCH', body, auth: 'required' }),
  /** Shop and console: a 5-minute link to a shipment's delivery note. */
  deliveryNote: (companyId: string, orderId: string, shipmentId: string): Promise<{ shipmentNumber: string; url: string; expiresInSeconds: number }> =>
    api.request(`/companies/${enc(companyId)}/orders/${enc(orderId)}/shipments/${enc(shipmentId)}/delivery-note`, { auth: 'required' }),
});

/** "SKU quantity" per line (quantity with "." or ","), for the add-items and edit-lines forms. */
export function parseLines(text: string): { lines: { sku: string; quantity: string }[] } | { error: string } {
  const lines: { sku: string; quantity: string }[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const match = /^(\S+)\s+(\d{1,9}(?:[.,]\d{1,3})?)$/.exec(trimmed);
    if (!match) return { error: `Line ${index + 1}: write "SKU quantity", e.g. "ABC-1 10".` };
    lines.push({ sku: match[1]!, quantity: match[2]!.replace(',', '.') });
  }
  if (lines.length === 0) return { error: 'Add at least one line.' };
  return { lines };
}

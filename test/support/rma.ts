import { expect } from 'vitest';
import { api } from './api.js';
import { fillCart, placeOrder, settledOrder } from './orders.js';

/** A tiny but real PNG (1×1 pixel). */
export const samplePng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/**
 * A confirmed order (on account, pickup, with its ERP invoice) and one shipment of `shipped` lines
 * created by back-office through the order administration API (tracking number → status shipped).
 */
export async function shippedOrder(
  buyer: string,
  backOffice: string,
  companyId: string,
  lines: { sku: string; quantity: string }[],
  shipped: { sku: string; quantity: string }[],
) {
  await fillCart(buyer, lines);
  const placed = await placeOrder(buyer, { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account' });
  expect(placed.status, JSON.stringify(placed.body)).toBe(202);
  const order = await settledOrder(buyer, companyId, placed.body.orderId, 60_000);
  expect(order.status).toBe('confirmed');
  const shipment = await api(`/console/orders/${companyId}/${order.orderId}/shipments`, {
    token: backOffice,
    method: 'POST',
    body: { lines: shipped, carrier: 'DHL', trackingNumber: `TRK-${Date.now()}` },
  });
  expect(shipment.status, JSON.stringify(shipment.body)).toBe(201);
  return order as {
    orderId: string;
    orderNumber: string;
    invoiceNumber: string;
    placedBy: { email: string };
    lines: { sku: string; quantity: string; unitNet: { amount: number; currency: string }; vatRate: number }[];
  };
}

/** Asks for a presigned photo upload and PUTs the bytes; returns the upload id. */
export async function uploadPhoto(
  path: string,
  token: string | undefined,
  extra: Record<string, unknown> = {},
  content: Buffer = samplePng,
  contentType = 'image/png',
) {
  const requested = await api(path, {
    ...(token ? { token } : {}),
    method: 'POST',
    body: { ...extra, fileName: 'broken box.png', contentType, size: content.length },
  });
  expect(requested.status, JSON.stringify(requested.body)).toBe(201);
  const put = await fetch(requested.body.uploadUrl, { method: 'PUT', headers: requested.body.headers, body: new Uint8Array(content) });
  expect(put.status).toBe(200);
  return requested.body.uploadId as string;
}

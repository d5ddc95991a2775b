import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { api } from './api.js';

export async function fillCart(token: string, lines: { sku: string; quantity: string | number }[]) {
  await api('/cart', { token, method: 'DELETE' });
  const added = await api('/cart/lines', { token, method: 'POST', body: { lines } });
  expect(added.status).toBe(200);
  return added.body;
}

export async function placeOrder(token: string, body: Record<string, unknown>, idempotencyKey: string = randomUUID()) {
  return api('/checkout/orders', { token, method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } });
}

/** Polls the order until the saga has finished with it. */
export async function settledOrder(token: string, companyId: string, orderId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api(`/companies/${companyId}/orders/${orderId}`, { token });
    if (body.status === 'confirmed' || body.status === 'failed' || body.status === 'rejected') return body;
    if (Date.now() > deadline) throw new Error(`Order ${orderId} still ${body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export const totalOf = (order: { gross: { amount: number }; deliveryFee: { amount: number } }) => order.gross.amount + order.deliveryFee.amount;

/** A product of `category` with at least `minimum` units in stock (in `warehouseId` when given; seed stock varies by SKU). */
export async function stockedSku(token: string, category: string, minimum: number, exclude: readonly string[] = [], warehouseId?: string): Promise<string> {
  const { body } = await api(`/catalog/products?category=${category}&limit=100`, { token });
  const found = body.products.find(
    (product: { sku: string; availability: { quantity: number; warehouses: { id: string; quantity: number }[] } }) =>
      !exclude.includes(product.sku) &&
      (warehouseId ? (product.availability.warehouses.find((warehouse) => warehouse.id === warehouseId)?.quantity ?? 0) : product.availability.quantity) >=
        minimum,
  );
  if (!found) throw new Error(`No product in ${category} with ${minimum} in stock${warehouseId ? ` in ${warehouseId}` : ''}`);
  return found.sku;
}

import { isAssignedToRep } from '../accounts/service.js';
import type { Identity } from '../shared/auth.js';
import { AppError, conflict, forbidden, notFound } from '../shared/errors.js';
import { publish, publishIntegrationEvent } from '../shared/events.js';
import { logger } from '../shared/logger.js';
import { WriteConflict, auditPut, orderUpdate, transactOrThrow, type Actor } from './admin-repository.js';
import { changedFields } from './admin-rules.js';
import type { TransactItem } from './placement.js';
import * as repository from './repository.js';
import type { Order, OrderStatus } from './repository.js';

/**
 * What every staff action on an order shares: access (back-office: every company; a sales rep:
 * assigned companies only, others look like they do not exist), the versioned write with its audit
 * row, and the `order.changed` message that re-sends the order to the ERP.
 */

export const isStaff = (caller: Identity) => caller.role === 'back-office' || caller.role === 'sales-rep';
export const actorOf = (caller: Identity): Actor => ({ sub: caller.sub, name: caller.name, role: caller.role });

/** 404 for a rep's unassigned company, so foreign order ids reveal nothing. */
export async function assertStaffCompany(caller: Identity, companyId: string, what = 'Order'): Promise<void> {
  if (!isStaff(caller)) throw forbidden();
  if (caller.role === 'sales-rep' && !(await isAssignedToRep(companyId, caller.sub))) throw notFound(what);
}

export async function staffOrder(caller: Identity, companyId: string, orderId: string): Promise<Order> {
  await assertStaffCompany(caller, companyId);
  const order = await repository.findOrder(companyId, orderId);
  if (!order) throw notFound('Order');
  return order;
}

export const versionOf = (order: Pick<Order, 'version'>) => order.version ?? 0;

/** 409 ORDER_CHANGED when the client edited a version that is no longer current. */
export function assertVersion(order: Order, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== versionOf(order)) {
    throw new AppError(409, 'ORDER_CHANGED', `The order was changed meanwhile (version ${versionOf(order)}, you edited ${expectedVersion}); reload it`, {
      version: versionOf(order),
    });
  }
}

const AUDITED_FIELDS = ['status', 'lines', 'delivery', 'net', 'vat', 'gross', 'vatBreakdown', 'orderDiscounts', 'adjustments', 'shipments'] as const;

export interface OrderChange {
  readonly caller: Identity;
  readonly before: Order;
  readonly after: Order;
  /** `shipment.created`, `adjustment.added`, … */
  readonly action: string;
  readonly allowed: readonly OrderStatus[];
  readonly fields: readonly (keyof Order)[];
  /** Further items of the same transaction (balance changes); their failures map via `onConflict`. */
  readonly also?: readonly TransactItem[];
  readonly onConflict?: (failedIndex: number) => AppError | undefined;
}

/**
 * Writes the change, its audit row and `also` in one transaction (the order's version guards
 * against lost updates), then publishes `order.changed`. Returns the stored order.
 */
export async function commitChange(change: OrderChange): Promise<Order & { version: number }> {
  const at = new Date().toISOString();
  const expected = versionOf(change.before);
  const after = { ...change.after, version: expected + 1, updatedAt: at };
  const diff = changedFields(change.before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, AUDITED_FIELDS);
  try {
    await transactOrThrow([
      orderUpdate(after, expected, change.allowed, change.fields),
      auditPut(after, { at, actor: actorOf(change.caller), action: change.action, ...diff }),
      ...(change.also ?? []),
    ]);
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    const mapped = error.failedIndex >= 2 ? change.onConflict?.(error.failedIndex - 2) : undefined;
    throw mapped ?? conflict('ORDER_CHANGED', 'The order was changed meanwhile; reload it and try again');
  }
  await publishOrderChanged(after, change.action, change.caller);
  if (after.status !== change.before.status)
    await publishIntegrationEvent('order.status-changed', {
      companyId: after.companyId,
      orderId: after.orderId,
      orderNumber: after.orderNumber,
      status: after.status,
    });
  return after;
}

/** Re-sends the order to the ERP. The change is committed already; a lost message is logged, not undone. */
export async function publishOrderChanged(order: Order, change: string, caller: Identity): Promise<void> {
  const { adjustments, version: _version, ...snapshot } = order;
  try {
    await publish('erpOutbound', 'order.changed', {
      orderId: order.orderId,
      orderNumber: order.orderNumber,
      companyId: order.companyId,
      change,
      changedBy: actorOf(caller),
      order: { ...snapshot, adjustments: (adjustments ?? []).map(({ adjustmentId, amount, reason }) => ({ adjustmentId, amount, reason })) },
    });
  } catch (error) {
    logger.error('Could not publish order.changed', { error: error as Error, orderId: order.orderId });
  }
}

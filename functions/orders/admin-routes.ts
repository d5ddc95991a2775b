import { z } from 'zod';
import { dateOrInstant } from '../shared/dates.js';
import { roles } from '../../lib/definitions/index.js';
import { forRoles, reply } from '../shared/http.js';
import { money } from '../shared/money.js';
import * as admin from './admin.js';
import * as shipments from './shipments.js';

/** HTTP endpoints of order administration and shipments (served by the orders Lambda, handler.ts). */

const staff = ['back-office', 'sales-rep'] as const;
const companyId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const orderId = z.string().regex(/^[a-z0-9-]{1,40}$/);
const orderPath = z.object({ companyId, orderId });
const shipmentPath = z.object({ companyId, orderId, shipmentId: z.uuid() });
const quantity = z.string().trim().regex(/^\d{1,9}(\.\d{1,3})?$/, 'A decimal quantity with at most three decimals');
const lines = z.array(z.object({ sku: z.string().trim().min(1).max(64), quantity }).strict()).min(1).max(200);
const text = (max: number) => z.string().trim().min(1).max(max);
const trackingUrl = z.url({ protocol: /^https?$/ }).max(500);
const expectedVersion = z.number().int().nonnegative();
const statuses = ['preliminary', 'awaiting-approval', 'rejected', 'cancelled', 'placing', 'placed', 'confirmed', 'failed'] as const;
const instant = dateOrInstant().optional();
const minor = z.coerce.number().int().nonnegative().max(100_000_000_000).optional();

export const adminEndpoints = {
  'GET /companies/{companyId}/orders/{orderId}/shipments/{shipmentId}/delivery-note': forRoles(roles, {
    params: shipmentPath,
    handle: ({ caller, params }) => shipments.deliveryNoteLink(caller, params.companyId, params.orderId, params.shipmentId),
  }),

  'GET /console/orders': forRoles(staff, {
    query: z
      .object({
        companyId: companyId.optional(),
        status: z.enum(statuses).optional(),
        from: instant,
        to: instant,
        minTotal: minor,
        maxTotal: minor,
        limit: z.coerce.number().int().min(1).max(100).default(25),
        cursor: z.string().max(2048).optional(),
      })
      .strict(),
    handle: ({ caller, query }) => {
      const from = query.from && query.from.length === 10 ? `${query.from}T00:00:00.000Z` : query.from && new Date(query.from).toISOString();
      const to = query.to && query.to.length === 10 ? `${query.to}T23:59:59.999Z` : query.to && new Date(query.to).toISOString();
      return admin.searchStaffOrders(caller, { ...query, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    },
  }),

  'GET /console/orders/{companyId}/{orderId}': forRoles(staff, {
    params: orderPath,
    handle: ({ caller, params }) => admin.staffOrderDetail(caller, params.companyId, params.orderId),
  }),

  'PATCH /console/orders/{companyId}/{orderId}': forRoles(staff, {
    params: orderPath,
    body: z
      .object({ expectedVersion, lines: lines.optional(), deliveryAddressId: z.string().trim().min(1).max(64).optional(), status: z.enum(['placing', 'cancelled']).optional() })
      .strict(),
    handle: ({ caller, params, body }) => admin.editOrder(caller, params.companyId, params.orderId, body),
  }),

  'POST /console/orders/{companyId}/{orderId}/notes': forRoles(staff, {
    params: orderPath,
    body: z.object({ text: text(2000) }).strict(),
    handle: async ({ caller, params, body }) => reply(201, await admin.addNote(caller, params.companyId, params.orderId, body.text)),
  }),

  'POST /console/orders/{companyId}/{orderId}/adjustments': forRoles(staff, {
    params: orderPath,
    body: z
      .object({
        amount: z.object({ amount: z.number().int().positive().max(100_000_000_000), currency: z.string().regex(/^[A-Z]{3}$/) }).strict(),
        reason: text(500),
        expectedVersion: expectedVersion.optional(),
        /** Client-chosen idempotency key: a retry with the same id returns the adjustment (and credit note) granted first. */
        adjustmentId: z.string().uuid().optional(),
      })
      .strict(),
    handle: async ({ caller, params, body }) =>
      reply(201, await admin.addAdjustment(caller, params.companyId, params.orderId, { ...body, amount: money(body.amount.amount, body.amount.currency) })),
  }),

  'POST /console/orders/{companyId}/{orderId}/items': forRoles(staff, {
    params: orderPath,
    body: z.object({ lines, expectedVersion: expectedVersion.optional() }).strict(),
    handle: async ({ caller, params, body }) => reply(201, await admin.addItems(caller, params.companyId, params.orderId, body)),
  }),

  'POST /console/orders/{companyId}/{orderId}/shipments': forRoles(staff, {
    params: orderPath,
    body: z
      .object({ lines, carrier: text(60), trackingNumber: text(60).optional(), trackingUrl: trackingUrl.optional() })
      .strict(),
    handle: async ({ caller, params, body }) => reply(201, await shipments.createShipment(caller, params.companyId, params.orderId, body)),
  }),

  'PATCH /console/orders/{companyId}/{orderId}/shipments/{shipmentId}': forRoles(staff, {
    params: shipmentPath,
    body: z
      .object({ status: z.enum(['shipped', 'delivered']), carrier: text(60).optional(), trackingNumber: text(60).optional(), trackingUrl: trackingUrl.optional() })
      .strict(),
    handle: ({ caller, params, body }) => shipments.updateShipment(caller, params.companyId, params.orderId, params.shipmentId, body),
  }),
};

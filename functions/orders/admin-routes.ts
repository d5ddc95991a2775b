import { roles } from '../../lib/definitions/index.js';
import { forRoles, reply } from '../shared/http.js';
import * as admin from './admin.js';
import type { OrdersEndpoints } from './contract.js';
import * as shipments from './shipments.js';

/** HTTP endpoints of order administration and shipments (served by the orders Lambda, handler.ts). */

const staff = ['back-office', 'sales-rep'] as const;

/** A calendar date means the whole day (UTC); an instant is normalised to ISO 8601. */
const dayStart = (value?: string) => (value && value.length === 10 ? `${value}T00:00:00.000Z` : value && new Date(value).toISOString());
const dayEnd = (value?: string) => (value && value.length === 10 ? `${value}T23:59:59.999Z` : value && new Date(value).toISOString());

export const adminEndpoints = {
  'GET /companies/{companyId}/orders/{orderId}/shipments/{shipmentId}/delivery-note': forRoles(roles, ({ caller, params }) =>
    shipments.deliveryNoteLink(caller, params.companyId, params.orderId, params.shipmentId),
  ),

  'GET /console/orders': forRoles(staff, ({ caller, query }) => {
    const from = dayStart(query.from);
    const to = dayEnd(query.to);
    return admin.searchStaffOrders(caller, { ...query, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }),

  'GET /console/orders/{companyId}/{orderId}': forRoles(staff, ({ caller, params }) => admin.staffOrderDetail(caller, params.companyId, params.orderId)),

  'PATCH /console/orders/{companyId}/{orderId}': forRoles(staff, ({ caller, params, body }) => admin.editOrder(caller, params.companyId, params.orderId, body)),

  'POST /console/orders/{companyId}/{orderId}/notes': forRoles(staff, async ({ caller, params, body }) =>
    reply(201, await admin.addNote(caller, params.companyId, params.orderId, body.text)),
  ),

  'POST /console/orders/{companyId}/{orderId}/adjustments': forRoles(staff, async ({ caller, params, body }) =>
    reply(201, await admin.addAdjustment(caller, params.companyId, params.orderId, body)),
  ),

  'POST /console/orders/{companyId}/{orderId}/items': forRoles(staff, async ({ caller, params, body }) =>
    reply(201, await admin.addItems(caller, params.companyId, params.orderId, body)),
  ),

  'POST /console/orders/{companyId}/{orderId}/shipments': forRoles(staff, async ({ caller, params, body }) =>
    reply(201, await shipments.createShipment(caller, params.companyId, params.orderId, body)),
  ),

  'PATCH /console/orders/{companyId}/{orderId}/shipments/{shipmentId}': forRoles(staff, ({ caller, params, body }) =>
    shipments.updateShipment(caller, params.companyId, params.orderId, params.shipmentId, body),
  ),
} satisfies Partial<OrdersEndpoints>;

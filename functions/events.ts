/**
 * Every message the portal sends or receives on its queues, with its payload schema: the source of the
 * AsyncAPI document (GET /asyncapi.json). Producers and consumers parse/build these payloads with the
 * same schemas.
 */
import * as z from 'zod';
import { defineEvents } from './shared/event-contract.js';
import { erpReply, masterDataChangedEvent, orderChangedEvent, orderPlacedMessage } from './erp/messages.js';
import { ORDER_READY_EVENT } from './groupbuy/rules.js';
import { CATALOG_CHANGED_EVENT, catalogChangedPayload } from './catalog/events.js';
import { MEDIA_THUMBNAIL_EVENT, thumbnailRequestPayload } from './catalog/media/events.js';

const replyOf = (type: string) => erpReply.options.find((option) => option.shape.type.value === type)!;

export const eventCatalog = defineEvents({
  orderPlaced: {
    queue: 'erpOutbound',
    type: 'order.placed',
    action: 'send',
    envelope: false,
    summary: 'A placed order for the ERP; the ERP answers with order.accepted or order.rejected carrying the same taskToken',
    payload: orderPlacedMessage,
  },
  orderChanged: {
    queue: 'erpOutbound',
    type: 'order.changed',
    action: 'send',
    envelope: true,
    summary: 'Back office changed an order after placement',
    payload: orderChangedEvent,
  },
  masterDataChanged: {
    queue: 'erpOutbound',
    type: 'customer.masterdata.changed',
    action: 'send',
    envelope: true,
    summary: "A customer company's master data changed (addresses, VAT ID, bank accounts, status …)",
    payload: masterDataChangedEvent,
  },
  orderAccepted: {
    queue: 'erpInbound',
    type: 'order.accepted',
    action: 'receive',
    envelope: false,
    summary: 'The ERP accepted an order and issued its invoice',
    payload: replyOf('order.accepted'),
  },
  orderRejected: {
    queue: 'erpInbound',
    type: 'order.rejected',
    action: 'receive',
    envelope: false,
    summary: 'The ERP rejected an order (payment is released)',
    payload: replyOf('order.rejected'),
  },
  creditLimit: {
    queue: 'erpInbound',
    type: 'credit.limit',
    action: 'receive',
    envelope: false,
    summary: "The ERP sets a company's credit limit",
    payload: replyOf('credit.limit'),
  },
  groupBuyOrderReady: {
    queue: 'domainEvents',
    type: ORDER_READY_EVENT,
    action: 'send',
    envelope: true,
    summary: 'A closed group-buying pool produced a participant order at the reached price; the portal places it',
    payload: z.object({ order: z.looseObject({ orderId: z.string(), companyId: z.string(), status: z.literal('placing') }) }),
  },
  catalogImportRequested: {
    queue: 'catalogImports',
    type: 'catalog.import.requested',
    action: 'send',
    envelope: true,
    summary: 'Back office started a CSV catalog import; the import worker runs it',
    payload: z.object({ importId: z.uuid() }),
  },
  catalogExportRequested: {
    queue: 'catalogExports',
    type: 'catalog.export.requested',
    action: 'send',
    envelope: true,
    summary: 'A company admin asked for a BMEcat export of its catalog; the export worker writes it',
    payload: z.object({ companyId: z.string(), exportId: z.uuid() }),
  },
  catalogChanged: {
    queue: 'catalogChanges',
    type: CATALOG_CHANGED_EVENT,
    action: 'send',
    envelope: true,
    summary: 'Products were created or changed (import, seed); the catalog indexer rebuilds the search index',
    payload: catalogChangedPayload,
  },
  mediaThumbnailRequested: {
    queue: 'mediaThumbnails',
    type: MEDIA_THUMBNAIL_EVENT,
    action: 'send',
    envelope: true,
    summary: 'Back office confirmed a product image; the thumbnailer renders its 320 px thumbnail',
    payload: thumbnailRequestPayload,
  },
});

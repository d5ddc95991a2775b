import { randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { z } from 'zod';
import { authorizedAccount } from '../accounts/companies.js';
import { findAccount, getShopSettings, mailLanguage } from '../accounts/service.js';
import type { InvoiceParty, InvoiceSeller } from '../invoices/pdf.js';
import { renderDeliveryNotePdf } from './delivery-note.js';
import type { Identity } from '../shared/auth.js';
import { s3 } from '../shared/clients/s3.js';
import { config } from '../shared/config.js';
import { AppError, badRequest, conflict, notFound } from '../shared/errors.js';
import { publishIntegrationEvent } from '../shared/events.js';
import { languageOf, type Language } from '../shared/locale.js';
import { logger } from '../shared/logger.js';
import { formatQuantity } from '../shared/format.js';
import { sendMail } from '../shared/mail.js';
import { translator } from '../shared/messages/index.js';
import type { shipmentBodySchema, shipmentUpdateBodySchema } from './contract.js';
import * as repository from './repository.js';
import type { Order, Shipment, ShipmentStatus } from './repository.js';
import {
  MAX_SHIPMENTS_PER_ORDER,
  SHIPPABLE_STATUSES,
  advanceShipment,
  fromMilli,
  initialShipmentStatus,
  shipmentLineProblems,
  shipmentNumber,
  shipmentTransitionAllowed,
  toMilli,
} from './shipment-rules.js';
import { commitChange, staffOrder } from './staff.js';

/**
 * Partial deliveries (seed 004): back-office splits an order into shipments with carrier and
 * tracking. Creating a shipment is a versioned write on the order item: two staff members shipping
 * the last units at once cannot both succeed — the loser re-reads, and is refused if the remaining
 * quantity no longer covers the request. Every status change e-mails the buyer who placed the order.
 */

export const deliveryNoteKey = (companyId: string, number: string) => `delivery-notes/${companyId}/${number}.pdf`;

export type ShipmentRequest = z.output<typeof shipmentBodySchema>;
export type ShipmentUpdate = z.output<typeof shipmentUpdateBodySchema>;

const ATTEMPTS = 8;
const isVersionConflict = (error: unknown) => error instanceof AppError && error.code === 'ORDER_CHANGED';

async function documentParties(order: Order): Promise<{ seller: InvoiceSeller; buyer: InvoiceParty; language: Language }> {
  const [settings, account] = await Promise.all([getShopSettings(), findAccount(order.companyId)]);
  const billing = account?.billingAddress;
  return {
    language: languageOf(account),
    seller: { name: settings.name, addressLines: settings.sellerAddressLines, vatId: settings.sellerVatId, iban: settings.sellerIban },
    buyer: {
      name: account?.name ?? order.companyId,
      addressLines: billing ? [billing.street, `${billing.postalCode} ${billing.city}`, billing.country] : [],
      ...(account?.vatId ? { vatId: account.vatId } : {}),
    },
  };
}

async function storeDeliveryNote(
  order: Order,
  shipment: Shipment,
  parties: { seller: InvoiceSeller; buyer: InvoiceParty; language: Language },
): Promise<string> {
  const key = deliveryNoteKey(order.companyId, shipment.shipmentNumber);
  const pdf = await renderDeliveryNotePdf(order, shipment, parties.seller, parties.buyer, parties.language);
  await s3().send(new PutObjectCommand({ Bucket: config.bucketName('documents'), Key: key, Body: pdf, ContentType: 'application/pdf' }));
  return key;
}

async function mailBuyer(order: Order, shipment: Shipment): Promise<void> {
  try {
    // In the buyer's language with a readable status ("Versandt", "Wysłana"): functions/shared/messages.
    const language = await mailLanguage(order.companyId, order.placedBy.sub);
    const t = translator(language);
    const ids = { shipment: shipment.shipmentNumber, order: order.orderNumber };
    const status: ShipmentStatus = shipment.status;
    await sendMail({
      to: [order.placedBy.email],
      subject: t('mail.shipment.subject', { ...ids, status: t(`status.shipment.${status}`) }),
      text: [
        t('mail.greeting', { name: order.placedBy.name }),
        '',
        t(`mail.shipment.${status}`, ids),
        t('mail.shipment.carrier', { carrier: shipment.carrier }),
        ...(shipment.trackingNumber ? [t('mail.shipment.tracking', { number: shipment.trackingNumber })] : []),
        ...(shipment.trackingUrl ? [t('mail.shipment.trackIt', { url: shipment.trackingUrl })] : []),
        '',
        ...shipment.lines.map(
          (line) =>
            `  ${formatQuantity(line.quantity, language)} × ${order.lines.find((candidate) => candidate.sku === line.sku)?.name ?? line.sku} (${line.sku})`,
        ),
        '',
        process.env.WEB_URL ? t('mail.shipment.detailsAt', { url: `${process.env.WEB_URL}/orders/${order.orderId}` }) : t('mail.shipment.details'),
      ].join('\n'),
    });
  } catch (error) {
    // The shipment is recorded; a lost notification must not undo it.
    logger.error('Could not send the shipment e-mail', { error: error as Error, orderId: order.orderId, shipmentId: shipment.shipmentId });
  }
}

function assertShippable(order: Order): void {
  if (!SHIPPABLE_STATUSES.includes(order.status)) throw conflict('ORDER_NOT_SHIPPABLE', `Only placed or confirmed orders ship (this one is ${order.status})`);
}

/** Writes the order's new shipment list (versioned, audited) and tells the buyer about `shipment`. */
async function saveShipment(caller: Identity, order: Order, shipments: Shipment[], action: string, shipment: Shipment): Promise<Shipment> {
  const saved = await commitChange({ caller, before: order, after: { ...order, shipments }, action, allowed: SHIPPABLE_STATUSES, fields: ['shipments'] });
  await mailBuyer(saved, shipment);
  return shipment;
}

export async function createShipment(caller: Identity, companyId: string, orderId: string, request: ShipmentRequest): Promise<Shipment> {
  let parties: { seller: InvoiceSeller; buyer: InvoiceParty; language: Language } | undefined;
  for (let attempt = 1; ; attempt++) {
    const order = await staffOrder(caller, companyId, orderId);
    assertShippable(order);
    const problems = shipmentLineProblems(order, request.lines);
    if (problems.some((problem) => problem.code === 'EXCEEDS_REMAINING'))
      throw new AppError(409, 'SHIPMENT_EXCEEDS_REMAINING', 'A shipment cannot exceed the quantity left to ship', problems);
    if (problems.length) throw badRequest('INVALID_SHIPMENT_LINES', 'Some shipment lines are invalid', problems);
    const existing = order.shipments ?? [];
    if (existing.length >= MAX_SHIPMENTS_PER_ORDER) throw conflict('TOO_MANY_SHIPMENTS', `An order has at most ${MAX_SHIPMENTS_PER_ORDER} shipments`);

    const now = new Date().toISOString();
    const status = initialShipmentStatus(request.trackingNumber);
    const draft: Shipment = {
      shipmentId: randomUUID(),
      shipmentNumber: shipmentNumber(order.orderNumber, existing.length + 1),
      lines: request.lines.map((line) => ({ sku: line.sku, quantity: fromMilli(toMilli(line.quantity)) })),
      carrier: request.carrier,
      ...(request.trackingNumber ? { trackingNumber: request.trackingNumber } : {}),
      ...(request.trackingUrl ? { trackingUrl: request.trackingUrl } : {}),
      status,
      createdAt: now,
      ...(status === 'shipped' ? { shippedAt: now } : {}),
    };
    parties ??= await documentParties(order);
    // The note is stored before the write: a lost race leaves a note under a number the next shipment reuses.
    const shipment: Shipment = { ...draft, deliveryNoteKey: await storeDeliveryNote(order, draft, parties) };
    try {
      const saved = await saveShipment(caller, order, [...existing, shipment], 'shipment.created', shipment);
      await publishIntegrationEvent('shipment.created', { companyId: order.companyId, orderId: order.orderId, orderNumber: order.orderNumber, shipment });
      return saved;
    } catch (error) {
      if (!isVersionConflict(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

export async function updateShipment(caller: Identity, companyId: string, orderId: string, shipmentId: string, update: ShipmentUpdate): Promise<Shipment> {
  for (let attempt = 1; ; attempt++) {
    const order = await staffOrder(caller, companyId, orderId);
    const shipments = order.shipments ?? [];
    const current = shipments.find((candidate) => candidate.shipmentId === shipmentId);
    if (!current) throw notFound('Shipment');
    assertShippable(order);
    if (!shipmentTransitionAllowed(current.status, update.status)) {
      throw conflict('INVALID_SHIPMENT_TRANSITION', `A ${current.status} shipment cannot become ${update.status}`);
    }
    const { status, ...details } = update;
    let shipment = advanceShipment(current, status, new Date().toISOString(), details);
    if (details.carrier !== undefined || details.trackingNumber !== undefined)
      shipment = { ...shipment, deliveryNoteKey: await storeDeliveryNote(order, shipment, await documentParties(order)) };
    try {
      return await saveShipment(
        caller,
        order,
        shipments.map((candidate) => (candidate.shipmentId === shipmentId ? shipment : candidate)),
        `shipment.${status}`,
        shipment,
      );
    } catch (error) {
      if (!isVersionConflict(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** A 5-minute link to a shipment's delivery note, for the owning company (and its staff). */
export async function deliveryNoteLink(caller: Identity, companyId: string, orderId: string, shipmentId: string) {
  await authorizedAccount(caller, companyId, 'view');
  const order = await repository.findOrder(companyId, orderId);
  const shipment = order?.shipments?.find((candidate) => candidate.shipmentId === shipmentId);
  if (!shipment?.deliveryNoteKey) throw notFound('Delivery note');
  const expiresInSeconds = 300;
  const url = await getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: config.bucketName('documents'),
      Key: shipment.deliveryNoteKey,
      ResponseContentDisposition: `inline; filename="${shipment.shipmentNumber}.pdf"`,
    }),
    { expiresIn: expiresInSeconds },
  );
  return { shipmentNumber: shipment.shipmentNumber, url, expiresInSeconds };
}

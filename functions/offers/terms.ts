import { isPaymentMethod } from '../checkout/rules.js';
import type { DeliveryChoice } from '../checkout/delivery.js';
import type { Translate } from '../shared/messages/index.js';

/** What the readable terms need to name places: the warehouses (pickup) and carriers by id. */
export interface TermsPlaces {
  readonly warehouses: readonly { readonly id: string; readonly name: string; readonly address?: { readonly city?: string } }[];
  readonly carriers: readonly { readonly id: string; readonly name: string }[];
}

/**
 * A quote's payment and delivery terms as the customer reads them in PDFs and e-mails, in the
 * recipient's language ("Vorkasse per Überweisung", "Abholung in Stuttgart"), never the internal
 * codes (`bank-prepayment`, `own-transport`). An unknown warehouse or carrier is named by nothing
 * worse than the generic kind ("Abholung").
 */
export function readableTerms(
  t: Translate,
  terms: { readonly paymentMethod: string; readonly delivery: DeliveryChoice },
  places: TermsPlaces,
): { payment: string; delivery: string } {
  const method = terms.paymentMethod;
  const payment = isPaymentMethod(method) ? t(`payment.${method}`) : method;
  return { payment, delivery: readableDelivery(t, terms.delivery, places) };
}

function readableDelivery(t: Translate, delivery: DeliveryChoice, places: TermsPlaces): string {
  switch (delivery.kind) {
    case 'pickup': {
      const warehouse = places.warehouses.find((candidate) => candidate.id === delivery.warehouseId);
      const place = warehouse?.address?.city || warehouse?.name;
      return place ? t('quote.delivery.pickup', { place }) : t('delivery.pickup');
    }
    case 'own-transport':
      return t('quote.delivery.own-transport');
    case 'carrier': {
      const carrier = places.carriers.find((candidate) => candidate.id === delivery.carrierId);
      return carrier ? t('quote.delivery.carrier', { carrier: carrier.name, city: delivery.city }) : t('delivery.carrier');
    }
    case 'dropshipping':
      return t('quote.delivery.dropshipping', { customer: delivery.endCustomer.name, city: delivery.endCustomer.city });
    default:
      return t('delivery.pickup');
  }
}

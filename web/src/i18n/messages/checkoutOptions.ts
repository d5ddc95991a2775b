import { defineMessages } from '../define.js';

/**
 * Delivery and payment options as the API describes them (kind / method, reason code and params):
 * German and Polish sentences; English shows the API's own English text where it sends one.
 */
export const checkoutOptionsMessages = defineMessages(
  {
    'checkoutOptions.name.pickup': 'Pickup at our warehouse',
    'checkoutOptions.name.own-transport': 'Delivery by our own transport',
    'checkoutOptions.name.dropshipping': 'Dropshipping to your customer',
    'checkoutOptions.kind.pickup': 'pickup',
    'checkoutOptions.kind.own-transport': 'delivery by our own transport',
    'checkoutOptions.kind.carrier': 'carrier delivery',
    'checkoutOptions.kind.dropshipping': 'dropshipping orders',
    'checkoutOptions.conditions.pickup':
      'Collect the goods yourself at the warehouse you choose, during its opening hours, once we notify you that the order is ready. No delivery fee.',
    'checkoutOptions.conditions.ownTransport':
      'Delivered by our own trucks to {countries}, free of charge. Unloading at the kerb; we agree the delivery day with you.',
    'checkoutOptions.conditions.ownTransportMinimum':
      'Delivered by our own trucks to {countries} from an order value of {minimum} net, free of charge. Unloading at the kerb; we agree the delivery day with you.',
    'checkoutOptions.conditions.dropshipping':
      "Shipped by courier in a neutral parcel directly to your end customer's address for {fee}, without a logistic minimum. Pay by bank prepayment or prepaid balance only. Cash on delivery can be collected from your customer and credited to your IBAN.",
    'checkoutOptions.conditions.dropshippingNoFee':
      "Shipped by courier in a neutral parcel directly to your end customer's address, without a logistic minimum. Pay by bank prepayment or prepaid balance only.",
    'checkoutOptions.deliveryReason.NO_WAREHOUSE': 'No warehouse is open for pickup.',
    'checkoutOptions.deliveryReason.COUNTRY_NOT_SERVED': 'Our own transport delivers to {countries} only.',
    'checkoutOptions.deliveryReason.BELOW_MINIMUM': 'Our own transport is available from an order value of {minimum} net.',
    'checkoutOptions.deliveryReason.CARRIER_CANNOT_SHIP': '{carrier} cannot ship this order to {country}.',
    'checkoutOptions.deliveryReason.NOT_ENABLED': 'Dropshipping is not enabled for your account.',
    'checkoutOptions.deliveryReason.CURRENCY_NOT_SUPPORTED': 'Dropshipping is not offered for orders in {currency}.',
    'checkoutOptions.deliveryReason.other': 'Not available for this order.',
    'checkoutOptions.method.on-account': 'On account',
    'checkoutOptions.method.prepaid-balance': 'Prepaid balance',
    'checkoutOptions.method.bank-prepayment': 'Bank prepayment',
    'checkoutOptions.method.card': 'Card payment',
    'checkoutOptions.method.cash-on-delivery': 'Cash on delivery',
    'checkoutOptions.reason.NOT_REGULAR_CUSTOMER': '{method} is available to regular customers only.',
    'checkoutOptions.reason.NOT_WITH_DELIVERY': '{method} is not available for {delivery}.',
    'checkoutOptions.reason.NOT_WITH_DROPSHIPPING': 'Dropshipping orders can be paid by bank prepayment or prepaid balance only.',
    'checkoutOptions.reason.EXCLUDED_BY_PRODUCT':
      '{method} is not available for this order because of {count, plural, one {product {skus}} other {products {skus}}}.',
    'checkoutOptions.reason.BELOW_MINIMUM': '{method} is available from an order value of {minimum} gross.',
    'checkoutOptions.reason.ABOVE_MAXIMUM': '{method} is available for orders up to {maximum} gross.',
    'checkoutOptions.reason.CREDIT_NONE': 'No trade credit has been granted to your company.',
    'checkoutOptions.reason.CREDIT_CURRENCY': 'Your trade credit is kept in {keptIn} and cannot cover an order in {orderCurrency}.',
    'checkoutOptions.reason.CREDIT_EXCEEDED': 'Exceeds your available credit of {available}.',
    'checkoutOptions.reason.BALANCE_NONE': 'You have no prepaid balance.',
    'checkoutOptions.reason.BALANCE_CURRENCY': 'Your prepaid balance is kept in {keptIn} and cannot pay an order in {orderCurrency}.',
    'checkoutOptions.reason.INSUFFICIENT_BALANCE': 'Your prepaid balance of {balance} does not cover the order.',
    'checkoutOptions.reason.NO_PROVIDER': 'Card payment needs a payment provider, and none is connected to this shop yet.',
    'checkoutOptions.reason.other': 'Not available for this order.',
  },
  {
    de: {
      'checkoutOptions.name.pickup': 'Abholung in unserem Lager',
      'checkoutOptions.name.own-transport': 'Lieferung mit eigenem Fuhrpark',
      'checkoutOptions.name.dropshipping': 'Streckengeschäft an Ihren Kunden',
      'checkoutOptions.kind.pickup': 'Abholung',
      'checkoutOptions.kind.own-transport': 'Lieferung mit eigenem Fuhrpark',
      'checkoutOptions.kind.carrier': 'Versand per Spedition',
      'checkoutOptions.kind.dropshipping': 'Streckengeschäfte',
      'checkoutOptions.conditions.pickup':
        'Sie holen die Ware während der Öffnungszeiten im gewählten Lager ab, sobald wir Ihnen die Bereitstellung melden. Keine Versandkosten.',
      'checkoutOptions.conditions.ownTransport':
        'Lieferung mit unseren eigenen Lkw nach {countries}, frei Haus. Abladen an der Bordsteinkante; den Liefertag stimmen wir mit Ihnen ab.',
      'checkoutOptions.conditions.ownTransportMinimum':
        'Lieferung mit unseren eigenen Lkw nach {countries} ab einem Warenwert von {minimum} netto, frei Haus. Abladen an der Bordsteinkante; den Liefertag stimmen wir mit Ihnen ab.',
      'checkoutOptions.conditions.dropshipping':
        'Versand per Paketdienst in neutraler Verpackung direkt an die Adresse Ihres Endkunden für {fee}, ohne Mindestmenge. Zahlung nur per Vorkasse oder Guthaben. Eine Nachnahme kann bei Ihrem Kunden eingezogen und Ihrem IBAN gutgeschrieben werden.',
      'checkoutOptions.conditions.dropshippingNoFee':
        'Versand per Paketdienst in neutraler Verpackung direkt an die Adresse Ihres Endkunden, ohne Mindestmenge. Zahlung nur per Vorkasse oder Guthaben.',
      'checkoutOptions.deliveryReason.NO_WAREHOUSE': 'Kein Lager ist für die Abholung geöffnet.',
      'checkoutOptions.deliveryReason.COUNTRY_NOT_SERVED': 'Unser eigener Fuhrpark liefert nur nach {countries}.',
      'checkoutOptions.deliveryReason.BELOW_MINIMUM': 'Unser eigener Fuhrpark liefert ab einem Warenwert von {minimum} netto.',
      'checkoutOptions.deliveryReason.CARRIER_CANNOT_SHIP': '{carrier} kann diese Bestellung nicht nach {country} versenden.',
      'checkoutOptions.deliveryReason.NOT_ENABLED': 'Streckengeschäfte sind für Ihr Kundenkonto nicht freigeschaltet.',
      'checkoutOptions.deliveryReason.CURRENCY_NOT_SUPPORTED': 'Streckengeschäfte werden für Bestellungen in {currency} nicht angeboten.',
      'checkoutOptions.deliveryReason.other': 'Für diese Bestellung nicht verfügbar.',
      'checkoutOptions.method.on-account': 'Auf Rechnung',
      'checkoutOptions.method.prepaid-balance': 'Guthaben',
      'checkoutOptions.method.bank-prepayment': 'Vorkasse per Überweisung',
      'checkoutOptions.method.card': 'Kartenzahlung',
      'checkoutOptions.method.cash-on-delivery': 'Nachnahme',
      'checkoutOptions.reason.NOT_REGULAR_CUSTOMER': '{method} ist nur für Stammkunden verfügbar.',
      'checkoutOptions.reason.NOT_WITH_DELIVERY': '{method} ist bei {delivery} nicht möglich.',
      'checkoutOptions.reason.NOT_WITH_DROPSHIPPING': 'Streckengeschäfte können nur per Vorkasse oder Guthaben bezahlt werden.',
      'checkoutOptions.reason.EXCLUDED_BY_PRODUCT':
        '{method} ist für diese Bestellung nicht möglich wegen {count, plural, one {des Artikels {skus}} other {der Artikel {skus}}}.',
      'checkoutOptions.reason.BELOW_MINIMUM': '{method} ist ab einem Bestellwert von {minimum} brutto möglich.',
      'checkoutOptions.reason.ABOVE_MAXIMUM': '{method} ist für Bestellungen bis {maximum} brutto möglich.',
      'checkoutOptions.reason.CREDIT_NONE': 'Ihrer Firma ist kein Lieferantenkredit eingeräumt.',
      'checkoutOptions.reason.CREDIT_CURRENCY': 'Ihr Kredit wird in {keptIn} geführt und kann keine Bestellung in {orderCurrency} decken.',
      'checkoutOptions.reason.CREDIT_EXCEEDED': 'Übersteigt Ihren verfügbaren Kredit von {available}.',
      'checkoutOptions.reason.BALANCE_NONE': 'Sie haben kein Guthaben.',
      'checkoutOptions.reason.BALANCE_CURRENCY': 'Ihr Guthaben wird in {keptIn} geführt und kann keine Bestellung in {orderCurrency} bezahlen.',
      'checkoutOptions.reason.INSUFFICIENT_BALANCE': 'Ihr Guthaben von {balance} deckt die Bestellung nicht.',
      'checkoutOptions.reason.NO_PROVIDER': 'Kartenzahlung braucht einen Zahlungsdienstleister; dieser Shop ist noch mit keinem verbunden.',
      'checkoutOptions.reason.other': 'Für diese Bestellung nicht verfügbar.',
    },
    pl: {
      'checkoutOptions.name.pickup': 'Odbiór osobisty w naszym magazynie',
      'checkoutOptions.name.own-transport': 'Dostawa naszym transportem',
      'checkoutOptions.name.dropshipping': 'Dropshipping do Twojego klienta',
      'checkoutOptions.kind.pickup': 'odbioru osobistego',
      'checkoutOptions.kind.own-transport': 'dostawy naszym transportem',
      'checkoutOptions.kind.carrier': 'dostawy kurierskiej',
      'checkoutOptions.kind.dropshipping': 'zamówień w dropshippingu',
      'checkoutOptions.conditions.pickup':
        'Odbierasz towar samodzielnie w wybranym magazynie, w godzinach jego otwarcia, gdy powiadomimy Cię o gotowości zamówienia. Bez kosztów dostawy.',
      'checkoutOptions.conditions.ownTransport':
        'Dostawa naszymi samochodami do: {countries}, bezpłatnie. Rozładunek przy krawężniku; termin dostawy uzgadniamy z Tobą.',
      'checkoutOptions.conditions.ownTransportMinimum':
        'Dostawa naszymi samochodami do: {countries} od wartości zamówienia {minimum} netto, bezpłatnie. Rozładunek przy krawężniku; termin dostawy uzgadniamy z Tobą.',
      'checkoutOptions.conditions.dropshipping':
        'Wysyłka kurierem w neutralnej paczce bezpośrednio na adres Twojego klienta za {fee}, bez minimum logistycznego. Płatność tylko przedpłatą lub z salda. Pobranie może zostać pobrane od klienta i przelane na Twój IBAN.',
      'checkoutOptions.conditions.dropshippingNoFee':
        'Wysyłka kurierem w neutralnej paczce bezpośrednio na adres Twojego klienta, bez minimum logistycznego. Płatność tylko przedpłatą lub z salda.',
      'checkoutOptions.deliveryReason.NO_WAREHOUSE': 'Żaden magazyn nie jest otwarty do odbioru.',
      'checkoutOptions.deliveryReason.COUNTRY_NOT_SERVED': 'Nasz transport dostarcza tylko do: {countries}.',
      'checkoutOptions.deliveryReason.BELOW_MINIMUM': 'Nasz transport jest dostępny od wartości zamówienia {minimum} netto.',
      'checkoutOptions.deliveryReason.CARRIER_CANNOT_SHIP': '{carrier} nie może wysłać tego zamówienia do {country}.',
      'checkoutOptions.deliveryReason.NOT_ENABLED': 'Dropshipping nie jest włączony dla Twojego konta.',
      'checkoutOptions.deliveryReason.CURRENCY_NOT_SUPPORTED': 'Dropshipping nie jest oferowany dla zamówień w {currency}.',
      'checkoutOptions.deliveryReason.other': 'Niedostępne dla tego zamówienia.',
      'checkoutOptions.method.on-account': 'Na fakturę (kredyt kupiecki)',
      'checkoutOptions.method.prepaid-balance': 'Saldo przedpłaty',
      'checkoutOptions.method.bank-prepayment': 'Przedpłata przelewem',
      'checkoutOptions.method.card': 'Płatność kartą',
      'checkoutOptions.method.cash-on-delivery': 'Za pobraniem',
      'checkoutOptions.reason.NOT_REGULAR_CUSTOMER': '{method} jest dostępna tylko dla stałych klientów.',
      'checkoutOptions.reason.NOT_WITH_DELIVERY': '{method} nie jest dostępna w przypadku {delivery}.',
      'checkoutOptions.reason.NOT_WITH_DROPSHIPPING': 'Zamówienia w dropshippingu można opłacić tylko przedpłatą lub z salda.',
      'checkoutOptions.reason.EXCLUDED_BY_PRODUCT':
        '{method} nie jest dostępna dla tego zamówienia z powodu {count, plural, one {produktu {skus}} few {produktów {skus}} many {produktów {skus}} other {produktów {skus}}}.',
      'checkoutOptions.reason.BELOW_MINIMUM': '{method} jest dostępna od wartości zamówienia {minimum} brutto.',
      'checkoutOptions.reason.ABOVE_MAXIMUM': '{method} jest dostępna dla zamówień do {maximum} brutto.',
      'checkoutOptions.reason.CREDIT_NONE': 'Twojej firmie nie przyznano kredytu kupieckiego.',
      'checkoutOptions.reason.CREDIT_CURRENCY': 'Twój kredyt jest prowadzony w {keptIn} i nie może pokryć zamówienia w {orderCurrency}.',
      'checkoutOptions.reason.CREDIT_EXCEEDED': 'Przekracza dostępny kredyt w wysokości {available}.',
      'checkoutOptions.reason.BALANCE_NONE': 'Nie masz salda przedpłaty.',
      'checkoutOptions.reason.BALANCE_CURRENCY': 'Twoje saldo jest prowadzone w {keptIn} i nie może opłacić zamówienia w {orderCurrency}.',
      'checkoutOptions.reason.INSUFFICIENT_BALANCE': 'Twoje saldo w wysokości {balance} nie pokrywa zamówienia.',
      'checkoutOptions.reason.NO_PROVIDER': 'Płatność kartą wymaga operatora płatności, a ten sklep nie ma jeszcze żadnego.',
      'checkoutOptions.reason.other': 'Niedostępne dla tego zamówienia.',
    },
  },
);

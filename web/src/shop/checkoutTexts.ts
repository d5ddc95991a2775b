/**
 * Delivery and payment options in the UI language: the API describes each by kind / method, a reason
 * code and its params (plus English sentences for integrators). English shows the API's sentences as
 * they are; German and Polish are rendered here from the codes, never translated from the English.
 */
import { uiLanguage } from '../i18n/languages.js';
import { hasMessage, translate } from '../i18n/translate.js';
import type { MessageKey, MessageValues } from '../i18n/messages/index.js';
import { formatMoney } from '../money.js';

interface MoneyValue {
  readonly amount: number;
  readonly currency: string;
}

interface DeliveryTexts {
  readonly kind: string;
  readonly name: string;
  readonly conditions: string;
  readonly reasonCode?: string | undefined;
  readonly reason?: string | undefined;
  readonly params?:
    | {
        readonly countries?: readonly string[] | undefined;
        readonly minimum?: MoneyValue | undefined;
        readonly fee?: MoneyValue | undefined;
        readonly country?: string | undefined;
        readonly currency?: string | undefined;
      }
    | undefined;
}

interface PaymentTexts {
  readonly method: string;
  readonly label: string;
  readonly reasonCode?: string | undefined;
  readonly reason?: string | undefined;
  readonly reasonParams?:
    | {
        readonly delivery?: string | undefined;
        readonly skus?: readonly string[] | undefined;
        readonly minimum?: MoneyValue | undefined;
        readonly maximum?: MoneyValue | undefined;
        readonly available?: MoneyValue | undefined;
        readonly balance?: MoneyValue | undefined;
        readonly keptIn?: string | undefined;
        readonly orderCurrency?: string | undefined;
      }
    | undefined;
}

const money = (value: MoneyValue | undefined): string => (value ? formatMoney(value.amount, value.currency) : '');
const english = () => uiLanguage() === 'en';

/** The message for `key` when the catalog has it, else `fallback` (a code this SPA does not know yet). */
const message = (key: string, values: MessageValues, fallback: string): string => (hasMessage(key) ? translate(key as MessageKey, values) : fallback);

export const deliveryName = (option: DeliveryTexts): string =>
  option.kind === 'carrier' ? option.name : message(`checkoutOptions.name.${option.kind}`, {}, option.name);

/** Carrier conditions are the carrier's own text (shop data); the portal's own options are rendered from their params. */
export function deliveryConditions(option: DeliveryTexts): string {
  if (english() || option.kind === 'carrier') return option.conditions;
  const params = option.params ?? {};
  const countries = (params.countries ?? []).join(', ');
  if (option.kind === 'pickup') return translate('checkoutOptions.conditions.pickup');
  if (option.kind === 'own-transport')
    return params.minimum
      ? translate('checkoutOptions.conditions.ownTransportMinimum', { countries, minimum: money(params.minimum) })
      : translate('checkoutOptions.conditions.ownTransport', { countries });
  if (option.kind === 'dropshipping')
    return params.fee
      ? translate('checkoutOptions.conditions.dropshipping', { fee: money(params.fee) })
      : translate('checkoutOptions.conditions.dropshippingNoFee');
  return option.conditions;
}

export function deliveryReason(option: DeliveryTexts): string | undefined {
  if (!option.reasonCode && !option.reason) return undefined;
  if (english() && option.reason) return option.reason;
  const params = option.params ?? {};
  const values = {
    countries: (params.countries ?? []).join(', '),
    minimum: money(params.minimum),
    carrier: option.name,
    country: params.country ?? '',
    currency: params.currency ?? '',
  };
  return message(`checkoutOptions.deliveryReason.${option.reasonCode ?? ''}`, values, option.reason ?? translate('checkoutOptions.deliveryReason.other'));
}

export const paymentLabel = (option: PaymentTexts): string => message(`checkoutOptions.method.${option.method}`, {}, option.label);

export function paymentReason(option: PaymentTexts): string {
  if (english() && option.reason) return option.reason;
  const params = option.reasonParams ?? {};
  const method = paymentLabel(option);
  const fallback = option.reason ?? translate('checkoutOptions.reason.other');
  switch (option.reasonCode) {
    case 'NOT_WITH_DELIVERY': {
      if (params.delivery === 'dropshipping') return translate('checkoutOptions.reason.NOT_WITH_DROPSHIPPING');
      const delivery = message(`checkoutOptions.kind.${params.delivery ?? ''}`, {}, '');
      return delivery ? translate('checkoutOptions.reason.NOT_WITH_DELIVERY', { method, delivery }) : fallback;
    }
    case 'EXCLUDED_BY_PRODUCT': {
      const skus = params.skus ?? [];
      const shown = skus.slice(0, 3).join(', ') + (skus.length > 3 ? ` +${skus.length - 3}` : '');
      return translate('checkoutOptions.reason.EXCLUDED_BY_PRODUCT', { method, count: skus.length, skus: shown });
    }
    case 'BELOW_MINIMUM':
      return params.minimum ? translate('checkoutOptions.reason.BELOW_MINIMUM', { method, minimum: money(params.minimum) }) : fallback;
    case 'ABOVE_MAXIMUM':
      return params.maximum ? translate('checkoutOptions.reason.ABOVE_MAXIMUM', { method, maximum: money(params.maximum) }) : fallback;
    case 'CREDIT_EXCEEDED':
      if (params.keptIn) return translate('checkoutOptions.reason.CREDIT_CURRENCY', { keptIn: params.keptIn, orderCurrency: params.orderCurrency ?? '' });
      return params.available
        ? translate('checkoutOptions.reason.CREDIT_EXCEEDED', { available: money(params.available) })
        : translate('checkoutOptions.reason.CREDIT_NONE');
    case 'INSUFFICIENT_BALANCE':
      if (params.keptIn) return translate('checkoutOptions.reason.BALANCE_CURRENCY', { keptIn: params.keptIn, orderCurrency: params.orderCurrency ?? '' });
      return params.balance
        ? translate('checkoutOptions.reason.INSUFFICIENT_BALANCE', { balance: money(params.balance) })
        : translate('checkoutOptions.reason.BALANCE_NONE');
    case 'NOT_REGULAR_CUSTOMER':
      return translate('checkoutOptions.reason.NOT_REGULAR_CUSTOMER', { method });
    case 'NO_PROVIDER':
      return translate('checkoutOptions.reason.NO_PROVIDER');
    default:
      return fallback;
  }
}

import { pricingProfile, type PricingProfile } from '../accounts/service.js';
import { listWarehouses } from '../catalog/service.js';
import { readCredit, readPrepaid } from '../credit/service.js';
import type { Identity } from '../shared/auth.js';
import { money, type Money } from '../shared/money.js';
import { hartmannExpress } from './carriers/hartmann-express.js';
import { deliveryOptions, validateDeliveryChoice, type DeliveryChoice, type DeliveryInput, type Warehouse } from './delivery.js';
import { evaluatePaymentMethods, type PaymentOption } from './rules.js';

/**
 * The delivery and payment situation of an order about to be placed for a company, shared by every
 * way an order is entered with a free choice of terms: the buyer's checkout (functions/cart) and a
 * sales rep ordering on behalf of the customer (functions/orders/on-behalf.ts). Same delivery options,
 * same payment rules (customer group, new/regular, order value, delivery, credit, prepaid balance).
 */

export const checkoutCarriers = [hartmannExpress];

export const checkoutWarehouses = async (): Promise<Warehouse[]> =>
  (await listWarehouses()).warehouses.map(({ id, name, address, openingHours }) => ({ id, name, address, openingHours }));

/** Card payments need a payment service provider; this shop has none configured, and says so. */
export function withoutCardProvider(options: PaymentOption[]): PaymentOption[] {
  return options.map((option) =>
    option.method === 'card'
      ? { ...option, allowed: false, reasonCode: 'NO_PROVIDER', reason: 'Card payment needs a payment provider, and none is connected to this shop yet.' }
      : option,
  );
}

/** Pricing as the company sees it: the pricing service keys prices, agreements and VAT off `companyId`. */
export const pricingIdentityFor = (caller: Identity, companyId: string): Identity => ({
  sub: caller.sub,
  email: caller.email,
  name: caller.name,
  role: 'buyer',
  companyId,
});

export interface PricedOrder {
  readonly net: Money;
  readonly gross: Money;
  readonly lines: readonly { sku: string }[];
}

export interface OrderTerms {
  readonly profile: PricingProfile | undefined;
  readonly deliveryInput: DeliveryInput;
  readonly deliveryOptions: ReturnType<typeof deliveryOptions>;
  /** The validated choice (undefined when none was sent). */
  readonly delivery: Extract<ReturnType<typeof validateDeliveryChoice>, { ok: true }>['value'] | undefined;
  readonly fee: Money;
  readonly payable: Money;
  readonly payment: PaymentOption[];
}

/** Delivery options, the validated delivery choice (throws its DeliveryError) and every payment method with allowed/reason. */
export async function orderTerms(
  companyId: string,
  priced: PricedOrder,
  request: { delivery?: DeliveryChoice; deliveryCountry?: string },
): Promise<OrderTerms> {
  // Credit line and prepaid balance as kept (in the company's currency); an account in another currency than the order cannot pay it.
  const [profile, warehouses, credit, prepaid] = await Promise.all([
    pricingProfile(companyId),
    checkoutWarehouses(),
    readCredit(companyId, priced.gross.currency),
    readPrepaid(companyId, priced.gross.currency),
  ]);
  const deliveryCountry = request.deliveryCountry ?? profile?.country ?? 'DE';
  const deliveryInput: DeliveryInput = { orderNet: priced.net, deliveryCountry, warehouses, carriers: checkoutCarriers };
  const delivery = request.delivery ? validateDeliveryChoice(request.delivery, deliveryInput) : undefined;
  if (delivery && !delivery.ok) throw delivery.error;
  const fee = delivery?.ok ? delivery.value.fee : money(0, priced.gross.currency);
  const payable = money(priced.gross.amount + fee.amount, priced.gross.currency);
  const payment = withoutCardProvider(
    evaluatePaymentMethods({
      ...(profile?.customerGroup ? { customerGroup: profile.customerGroup } : {}),
      isNewCustomer: profile?.isNewCustomer ?? true,
      orderGross: payable,
      lines: priced.lines.map((line) => ({ sku: line.sku })),
      ...(request.delivery ? { delivery: request.delivery.kind } : {}),
      ...(credit.limit.amount > 0 ? { credit: { available: credit.available } } : {}),
      prepaid: { balance: prepaid.balance },
    }),
  );
  return {
    profile,
    deliveryInput,
    deliveryOptions: deliveryOptions(deliveryInput),
    delivery: delivery?.ok ? delivery.value : undefined,
    fee,
    payable,
    payment,
  };
}

import type { Money } from '../../shared/money.js';
import { formatAmount } from '../rules.js';
import { foldCityName, type Branch, type CarrierAdapter, type Shipment } from '../delivery.js';
import { HARTMANN_EXPRESS_BRANCHES } from './hartmann-express-branches.js';

/**
 * Demo carrier "Hartmann Express": parcel delivery to a branch (the buyer collects it there).
 * Tariff in EUR: DE 6.90, PL 9.90, every other country 14.90; free from 500.00 EUR net. Its own
 * tariff in PLN (set, not converted): DE 29.90, PL 39.90, others 64.90; free from 2 150.00 PLN net.
 * Orders in other currencies are not quoted (the option then shows as unavailable).
 */
export interface HartmannTariff {
  readonly currency: string;
  /** Fee per destination country in minor units; `default` for all others. */
  readonly fees: Readonly<Record<string, number>> & { readonly default: number };
  /** Free shipping from this order net (inclusive). */
  readonly freeFromNet: number;
}

export const HARTMANN_EXPRESS_TARIFF: HartmannTariff = {
  currency: 'EUR',
  fees: { DE: 690, PL: 990, default: 1490 },
  freeFromNet: 50_000,
};

/** The PLN tariff: its own amounts, not a conversion of the EUR one. */
export const HARTMANN_EXPRESS_TARIFF_PLN: HartmannTariff = {
  currency: 'PLN',
  fees: { DE: 2_990, PL: 3_990, default: 6_490 },
  freeFromNet: 215_000,
};

const tariffText = (tariff: HartmannTariff): string => {
  const price = (amount: number): Money => ({ amount, currency: tariff.currency });
  return (
    `${formatAmount(price(tariff.fees.DE ?? tariff.fees.default))} to Germany, ${formatAmount(price(tariff.fees.PL ?? tariff.fees.default))} to Poland, ` +
    `${formatAmount(price(tariff.fees.default))} to other countries; free from an order value of ${formatAmount(price(tariff.freeFromNet))} net`
  );
};

/** One tariff per currency (the first one's currency is named first in the conditions). */
export function createHartmannExpress(
  branchTable: Readonly<Record<string, readonly Branch[]>> = HARTMANN_EXPRESS_BRANCHES,
  tariffs: HartmannTariff | readonly HartmannTariff[] = [HARTMANN_EXPRESS_TARIFF, HARTMANN_EXPRESS_TARIFF_PLN],
): CarrierAdapter {
  const byCity = new Map<string, readonly Branch[]>();
  for (const [city, branches] of Object.entries(branchTable)) byCity.set(foldCityName(city), branches);
  const cities = Object.keys(branchTable).sort((a, b) => a.localeCompare(b, 'en'));
  const list: readonly HartmannTariff[] = Array.isArray(tariffs) ? tariffs : [tariffs as HartmannTariff];
  const [first, ...others] = list;

  return {
    id: 'hartmann-express',
    name: 'Hartmann Express',
    conditions:
      `Parcel delivery to a Hartmann Express branch of your choice within 1-3 working days; collect it with the order number. ` +
      `${first ? `${tariffText(first)}.` : ''}${others.map((tariff) => ` In ${tariff.currency}: ${tariffText(tariff)}.`).join('')}`,
    cities: () => cities,
    branches: (city: string) => byCity.get(foldCityName(city)) ?? [],
    quote(shipment: Shipment, country: string): Money | undefined {
      const tariff = list.find((candidate) => candidate.currency === shipment.orderNet.currency);
      if (!tariff) return undefined;
      const price = (amount: number): Money => ({ amount, currency: tariff.currency });
      if (shipment.orderNet.amount >= tariff.freeFromNet) return price(0);
      return price(tariff.fees[country.trim().toUpperCase()] ?? tariff.fees.default);
    },
  };
}

export const hartmannExpress: CarrierAdapter = createHartmannExpress();

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HARTMANN_EXPRESS_BRANCHES } from '../../functions/checkout/carriers/hartmann-express-branches.js';
import { createHartmannExpress, hartmannExpress } from '../../functions/checkout/carriers/hartmann-express.js';
import {
  DEFAULT_DELIVERY_CONFIG,
  DELIVERY_KINDS,
  DeliveryError,
  deliveryOptions,
  foldCityName,
  validateDeliveryChoice,
  type CarrierAdapter,
  type DeliveryChoice,
  type DeliveryInput,
  type DeliveryOption,
  type DeliveryValidation,
  type Warehouse,
} from '../../functions/checkout/delivery.js';
import type { Money } from '../../functions/shared/money.js';

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

const warehouses: Warehouse[] = [
  {
    id: 'WH-LEJ',
    name: 'Central warehouse Leipzig',
    address: { street: 'Am Exer 10', postalCode: '04158', city: 'Leipzig', country: 'DE' },
    openingHours: [{ days: 'Mon-Fri', hours: '07:00-16:00' }],
  },
  {
    id: 'WH-POZ',
    name: 'Warehouse Poznań',
    address: { street: 'ul. Głogowska 300', postalCode: '60-104', city: 'Poznań', country: 'PL' },
    openingHours: [{ days: 'Mon-Fri', hours: '07:00-15:00' }],
  },
];

const base: DeliveryInput = { orderNet: eur(20_000), deliveryCountry: 'DE', warehouses, carriers: [hartmannExpress] };

const byKind = (options: readonly DeliveryOption[], kind: DeliveryOption['kind']): DeliveryOption => {
  const option = options.find((candidate) => candidate.kind === kind);
  if (!option) throw new Error(`missing ${kind}`);
  return option;
};
const option = (patch: Partial<DeliveryInput>, kind: DeliveryOption['kind']) => byKind(deliveryOptions({ ...base, ...patch }), kind);

const ok = (result: DeliveryValidation) => {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
};
const err = (result: DeliveryValidation) => {
  if (result.ok) throw new Error('expected an error');
  expect(result.error).toBeInstanceOf(DeliveryError);
  return result.error;
};

// A valid German IBAN (checksum ok) and the address of an end customer.
const IBAN = 'DE89 3704 0044 0532 0130 00';
const endCustomer = { name: ' Anna Kowalska ', street: 'ul. Długa 5', postalCode: '80-827', city: 'Gdańsk', country: 'pl' };

describe('Hartmann Express adapter', () => {
  it('ships a branch table of at least 8 cities across DE and PL with 2–4 branches each', () => {
    const cities = hartmannExpress.cities();
    expect(cities.length).toBeGreaterThanOrEqual(8);
    const countries = new Set<string>();
    const ids = new Set<string>();
    for (const city of cities) {
      const branches = hartmannExpress.branches(city);
      expect(branches.length).toBeGreaterThanOrEqual(2);
      expect(branches.length).toBeLessThanOrEqual(4);
      for (const branch of branches) {
        expect(branch.address.city).toBe(city);
        expect(branch.id).toMatch(/^HX-[A-Z]{3}-\d{2}$/);
        expect(branch.openingHours.length).toBeGreaterThan(0);
        expect(ids.has(branch.id)).toBe(false);
        ids.add(branch.id);
        countries.add(branch.address.country);
      }
    }
    expect([...countries].sort()).toEqual(['DE', 'PL']);
    expect(Object.keys(HARTMANN_EXPRESS_BRANCHES).length).toBe(cities.length);
  });

  it('finds branches by city regardless of case and diacritics', () => {
    expect(hartmannExpress.branches('Łódź').map((branch) => branch.id)).toEqual(['HX-LCJ-01', 'HX-LCJ-02']);
    expect(hartmannExpress.branches('lodz')).toEqual(hartmannExpress.branches('Łódź'));
    expect(hartmannExpress.branches(' MUNCHEN ')).toEqual(hartmannExpress.branches('München'));
    expect(hartmannExpress.branches('Paris')).toEqual([]);
    expect(foldCityName('  Frankfurt   am Main')).toBe('frankfurt am main');
  });

  it('quotes DE 6.90, PL 9.90, else 14.90 EUR, free from 500 EUR net, EUR only', () => {
    const shipment = (net: number, currency = 'EUR') => ({ orderNet: { amount: net, currency }, weightGrams: 0, lines: [] });
    expect(hartmannExpress.quote(shipment(10_000), 'DE')).toEqual(eur(690));
    expect(hartmannExpress.quote(shipment(10_000), 'pl')).toEqual(eur(990));
    expect(hartmannExpress.quote(shipment(10_000), 'AT')).toEqual(eur(1490));
    expect(hartmannExpress.quote(shipment(49_999), 'FR')).toEqual(eur(1490));
    expect(hartmannExpress.quote(shipment(50_000), 'FR')).toEqual(eur(0));
    expect(hartmannExpress.quote(shipment(10_000, 'CZK'), 'PL')).toBeUndefined();
    expect(hartmannExpress.conditions).toContain('free from an order value of 500.00 EUR net');
  });

  it('quotes PLN orders from its own PLN tariff (DE 29.90, PL 39.90, else 64.90, free from 2 150 PLN), never converted', () => {
    const pln = (amount: number): Money => ({ amount, currency: 'PLN' });
    const shipment = (net: number) => ({ orderNet: pln(net), weightGrams: 0, lines: [] });
    expect(hartmannExpress.quote(shipment(10_000), 'PL')).toEqual(pln(3_990));
    expect(hartmannExpress.quote(shipment(10_000), 'DE')).toEqual(pln(2_990));
    expect(hartmannExpress.quote(shipment(214_999), 'CZ')).toEqual(pln(6_490));
    expect(hartmannExpress.quote(shipment(215_000), 'PL')).toEqual(pln(0));
    expect(hartmannExpress.conditions).toContain(
      'In PLN: 29.90 PLN to Germany, 39.90 PLN to Poland, 64.90 PLN to other countries; free from an order value of 2 150.00 PLN net.',
    );
  });

  it('can be created over another branch table and tariff', () => {
    const custom = createHartmannExpress({ Wien: [] }, { currency: 'EUR', fees: { default: 100 }, freeFromNet: 1_000 });
    expect(custom.cities()).toEqual(['Wien']);
    expect(custom.quote({ orderNet: eur(10), weightGrams: 0, lines: [] }, 'AT')).toEqual(eur(100));
  });
});

describe('deliveryOptions', () => {
  it('lists pickup, own transport, one option per carrier and dropshipping, with fees and conditions', () => {
    const options = deliveryOptions(base);
    expect(options.map((entry) => [entry.kind, entry.carrierId])).toEqual([
      ['pickup', undefined],
      ['own-transport', undefined],
      ['carrier', 'hartmann-express'],
      ['dropshipping', undefined],
    ]);
    expect(options.every((entry) => entry.available && entry.conditions.length > 20)).toBe(true);
    expect(options.map((entry) => entry.fee.amount)).toEqual([0, 0, 690, 1290]);
    expect(byKind(options, 'pickup').warehouses).toEqual(warehouses);
    expect(byKind(options, 'own-transport').conditions).toContain('from an order value of 150.00 EUR net');
  });

  it('pickup needs at least one warehouse', () => {
    expect(option({ warehouses: [] }, 'pickup')).toMatchObject({ available: false, reasonCode: 'NO_WAREHOUSE', reason: 'No warehouse is open for pickup.' });
  });

  it('own transport: DE, AT and PL only', () => {
    expect(option({ deliveryCountry: 'AT' }, 'own-transport').available).toBe(true);
    expect(option({ deliveryCountry: 'pl' }, 'own-transport').available).toBe(true);
    expect(option({ deliveryCountry: 'FR' }, 'own-transport')).toMatchObject({
      available: false,
      fee: eur(0),
      reasonCode: 'COUNTRY_NOT_SERVED',
      reason: 'Our own transport delivers to DE, AT, PL only.',
    });
  });

  it('own transport: from 150 EUR / 650 PLN net inclusive, no minimum for currencies without one', () => {
    expect(option({ orderNet: eur(15_000) }, 'own-transport').available).toBe(true);
    expect(option({ orderNet: eur(14_999) }, 'own-transport')).toMatchObject({
      available: false,
      reasonCode: 'BELOW_MINIMUM',
      reason: 'Our own transport is available from an order value of 150.00 EUR net.',
    });
    expect(option({ orderNet: { amount: 100, currency: 'CZK' }, deliveryCountry: 'PL' }, 'own-transport')).toMatchObject({
      available: true,
      fee: { amount: 0, currency: 'CZK' },
    });
    expect(option({ orderNet: { amount: 65_000, currency: 'PLN' }, deliveryCountry: 'PL' }, 'own-transport')).toMatchObject({
      available: true,
      fee: { amount: 0, currency: 'PLN' },
    });
    expect(option({ orderNet: { amount: 64_999, currency: 'PLN' }, deliveryCountry: 'PL' }, 'own-transport')).toMatchObject({
      available: false,
      reasonCode: 'BELOW_MINIMUM',
      reason: 'Our own transport is available from an order value of 650.00 PLN net.',
    });
  });

  it('carrier: fee by delivery country, free from 500 EUR net; unavailable when the adapter cannot quote', () => {
    expect(option({ deliveryCountry: 'PL' }, 'carrier').fee).toEqual(eur(990));
    expect(option({ deliveryCountry: 'FR' }, 'carrier').fee).toEqual(eur(1490));
    expect(option({ orderNet: eur(50_000) }, 'carrier').fee).toEqual(eur(0));
    expect(option({ orderNet: { amount: 20_000, currency: 'CZK' } }, 'carrier')).toMatchObject({
      available: false,
      fee: { amount: 0, currency: 'CZK' },
      reasonCode: 'CARRIER_CANNOT_SHIP',
      reason: 'Hartmann Express cannot ship this order to DE.',
    });
    expect(option({ orderNet: { amount: 20_000, currency: 'PLN' }, deliveryCountry: 'PL' }, 'carrier')).toMatchObject({
      available: true,
      fee: { amount: 3_990, currency: 'PLN' },
    });
  });

  it('carrier: a quote in the wrong currency or a negative fee counts as "cannot ship"', () => {
    const broken = (fee: Money): CarrierAdapter => ({ ...hartmannExpress, id: 'broken', name: 'Broken', quote: () => fee });
    expect(
      deliveryOptions({ ...base, carriers: [broken({ amount: 100, currency: 'USD' }), broken(eur(-1))] })
        .filter((entry) => entry.kind === 'carrier')
        .map((entry) => entry.reasonCode),
    ).toEqual(['CARRIER_CANNOT_SHIP', 'CARRIER_CANNOT_SHIP']);
  });

  it('carriers get weight from the lines when no total is given', () => {
    let seen = -1;
    const spy: CarrierAdapter = { ...hartmannExpress, id: 'spy', quote: (shipment) => ((seen = shipment.weightGrams), eur(1)) };
    deliveryOptions({
      ...base,
      carriers: [spy],
      lines: [
        { sku: 'A', quantity: 2000, weightGrams: 1500 },
        { sku: 'B', quantity: 1000, weightGrams: 250 },
        { sku: 'C', quantity: 1000 },
      ],
    });
    expect(seen).toBe(1750);
    deliveryOptions({ ...base, carriers: [spy], weightGrams: 99 });
    expect(seen).toBe(99);
  });

  it('dropshipping: flat fee, disabled by config, not offered in currencies without a fee', () => {
    expect(option({}, 'dropshipping').conditions).toContain('bank prepayment or prepaid balance only');
    expect(option({ config: { ...DEFAULT_DELIVERY_CONFIG, dropshippingEnabled: false } }, 'dropshipping')).toMatchObject({
      available: false,
      reasonCode: 'NOT_ENABLED',
      reason: 'Dropshipping is not enabled for your account.',
    });
    expect(option({ orderNet: { amount: 1, currency: 'CZK' } }, 'dropshipping')).toMatchObject({ available: false, reasonCode: 'CURRENCY_NOT_SUPPORTED' });
    expect(option({ orderNet: { amount: 1, currency: 'PLN' } }, 'dropshipping')).toMatchObject({ available: true, fee: { amount: 5_490, currency: 'PLN' } });
  });

  it('property: every option available ⇔ no reason; fees in the order currency and ≥ 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom('EUR', 'PLN'),
        fc.constantFrom('DE', 'AT', 'PL', 'FR', 'us'),
        fc.boolean(),
        fc.boolean(),
        (amount, currency, country, withWarehouses, dropshippingEnabled) => {
          const options = deliveryOptions({
            ...base,
            orderNet: { amount, currency },
            deliveryCountry: country,
            warehouses: withWarehouses ? warehouses : [],
            config: { ...DEFAULT_DELIVERY_CONFIG, dropshippingEnabled },
          });
          expect(options).toHaveLength(4);
          expect(new Set(options.map((entry) => entry.kind))).toEqual(new Set(DELIVERY_KINDS));
          for (const entry of options) {
            expect(entry.fee.currency).toBe(currency);
            expect(entry.fee.amount).toBeGreaterThanOrEqual(0);
            expect(entry.available ? entry.reason === undefined && entry.reasonCode === undefined : Boolean(entry.reason && entry.reasonCode)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('validateDeliveryChoice', () => {
  it('pickup: a known warehouse, returned with it', () => {
    const value = ok(validateDeliveryChoice({ kind: 'pickup', warehouseId: ' WH-POZ ' }, base));
    expect(value.choice).toEqual({ kind: 'pickup', warehouseId: 'WH-POZ' });
    expect(value.warehouse?.name).toBe('Warehouse Poznań');
    expect(value.fee).toEqual(eur(0));
    expect(err(validateDeliveryChoice({ kind: 'pickup', warehouseId: 'WH-XXX' }, base)).code).toBe('UNKNOWN_WAREHOUSE');
  });

  it('own transport: DELIVERY_NOT_AVAILABLE with the reason when the order is too small or abroad', () => {
    expect(ok(validateDeliveryChoice({ kind: 'own-transport' }, base)).fee).toEqual(eur(0));
    const small = err(validateDeliveryChoice({ kind: 'own-transport' }, { ...base, orderNet: eur(10_000) }));
    expect(small.code).toBe('DELIVERY_NOT_AVAILABLE');
    expect(small.message).toBe('Our own transport is available from an order value of 150.00 EUR net.');
    expect(small.details).toEqual({ reasonCode: 'BELOW_MINIMUM' });
    expect(err(validateDeliveryChoice({ kind: 'own-transport' }, { ...base, deliveryCountry: 'CZ' })).details).toEqual({ reasonCode: 'COUNTRY_NOT_SERVED' });
  });

  it('carrier: a branch of the carrier in the chosen city, normalized to the branch city', () => {
    const value = ok(
      validateDeliveryChoice({ kind: 'carrier', carrierId: 'hartmann-express', city: 'warszawa', branchId: 'HX-WAW-03' }, { ...base, deliveryCountry: 'PL' }),
    );
    expect(value.choice).toEqual({ kind: 'carrier', carrierId: 'hartmann-express', city: 'Warszawa', branchId: 'HX-WAW-03' });
    expect(value.branch?.address.street).toBe('ul. Targowa 72');
    expect(value.fee).toEqual(eur(990));
  });

  it('carrier: UNKNOWN_CARRIER, UNKNOWN_BRANCH, BRANCH_OUTSIDE_DELIVERY_COUNTRY, DELIVERY_NOT_AVAILABLE', () => {
    expect(err(validateDeliveryChoice({ kind: 'carrier', carrierId: 'dhl', city: 'Berlin', branchId: 'X' }, base)).code).toBe('UNKNOWN_CARRIER');
    expect(err(validateDeliveryChoice({ kind: 'carrier', carrierId: 'hartmann-express', city: 'Berlin', branchId: 'HX-WAW-01' }, base)).code).toBe(
      'UNKNOWN_BRANCH',
    );
    expect(err(validateDeliveryChoice({ kind: 'carrier', carrierId: 'hartmann-express', city: '', branchId: 'HX-BER-01' }, base)).code).toBe('UNKNOWN_BRANCH');
    expect(err(validateDeliveryChoice({ kind: 'carrier', carrierId: 'hartmann-express', city: 'Gdańsk', branchId: 'HX-GDN-01' }, base)).code).toBe(
      'BRANCH_OUTSIDE_DELIVERY_COUNTRY',
    );
    const pln = err(
      validateDeliveryChoice(
        { kind: 'carrier', carrierId: 'hartmann-express', city: 'Berlin', branchId: 'HX-BER-01' },
        { ...base, orderNet: { amount: 1, currency: 'CZK' } },
      ),
    );
    expect(pln.code).toBe('DELIVERY_NOT_AVAILABLE');
    expect(pln.details).toEqual({ reasonCode: 'CARRIER_CANNOT_SHIP' });
  });

  it('dropshipping: the end-customer address is required and normalized', () => {
    const value = ok(validateDeliveryChoice({ kind: 'dropshipping', endCustomer }, base));
    expect(value.choice).toEqual({
      kind: 'dropshipping',
      endCustomer: { name: 'Anna Kowalska', street: 'ul. Długa 5', postalCode: '80-827', city: 'Gdańsk', country: 'PL' },
    });
    expect(value.fee).toEqual(eur(1290));

    const missing = err(validateDeliveryChoice({ kind: 'dropshipping' } as unknown as DeliveryChoice, base));
    expect(missing.code).toBe('ADDRESS_REQUIRED');
    const partial = err(validateDeliveryChoice({ kind: 'dropshipping', endCustomer: { ...endCustomer, street: ' ', postalCode: '' } }, base));
    expect(partial.code).toBe('ADDRESS_REQUIRED');
    expect(partial.details).toEqual({ missing: ['street', 'postalCode'] });
    expect(err(validateDeliveryChoice({ kind: 'dropshipping', endCustomer: { ...endCustomer, country: 'Poland' } }, base)).code).toBe('INVALID_ADDRESS');
  });

  it('dropshipping: cash on delivery needs a positive amount in the order currency and a valid IBAN (seed 002)', () => {
    const cod = (cashOnDelivery: unknown) => validateDeliveryChoice({ kind: 'dropshipping', endCustomer, cashOnDelivery } as DeliveryChoice, base);
    const value = ok(cod({ amount: eur(15_900), iban: IBAN.toLowerCase() }));
    expect(value.choice).toMatchObject({ cashOnDelivery: { amount: eur(15_900), iban: 'DE89370400440532013000' } });
    expect(err(cod({ amount: eur(15_900) })).code).toBe('IBAN_REQUIRED_FOR_COD');
    expect(err(cod({ amount: eur(15_900), iban: '  ' })).code).toBe('IBAN_REQUIRED_FOR_COD');
    expect(err(cod({ amount: eur(15_900), iban: 'DE89 3704 0044 0532 0130 01' })).code).toBe('INVALID_IBAN');
    expect(err(cod({ amount: eur(0), iban: IBAN })).code).toBe('INVALID_COD_AMOUNT');
    expect(err(cod({ amount: { amount: 100, currency: 'PLN' }, iban: IBAN })).code).toBe('INVALID_COD_AMOUNT');
    expect(err(cod({ amount: eur(1.5), iban: IBAN })).code).toBe('INVALID_COD_AMOUNT');
  });

  it('dropshipping: DELIVERY_NOT_AVAILABLE when switched off', () => {
    const off = { ...base, config: { ...DEFAULT_DELIVERY_CONFIG, dropshippingEnabled: false } };
    expect(err(validateDeliveryChoice({ kind: 'dropshipping', endCustomer }, off)).details).toEqual({ reasonCode: 'NOT_ENABLED' });
  });

  it('rejects unknown kinds and junk without throwing', () => {
    expect(err(validateDeliveryChoice({ kind: 'teleport' } as unknown as DeliveryChoice, base)).code).toBe('INVALID_CHOICE');
    expect(err(validateDeliveryChoice(null as unknown as DeliveryChoice, base)).code).toBe('INVALID_CHOICE');
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true }), (junk) => {
        const result = validateDeliveryChoice(junk as DeliveryChoice, base);
        if (!result.ok) expect(result.error).toBeInstanceOf(DeliveryError);
      }),
    );
  });

  it('the error is an AppError with status 400 and the code', () => {
    const error = err(validateDeliveryChoice({ kind: 'pickup', warehouseId: 'nope' }, base));
    expect(error.statusCode).toBe(400);
    expect(error.deliveryCode).toBe('UNKNOWN_WAREHOUSE');
  });
});

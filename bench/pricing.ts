/**
 * Pricing engine throughput (not a test). Run: npx tsx bench/pricing.ts [seconds]
 *
 * Builds a 100 000-product catalog, a company list, a customer-group list and an agreement list, and
 * 20 discounts in memory, then prices a 500-line cart over and over on one core for ~5 s.
 * Prints lines priced per second (target ≥ 50 000) and p50 / p99 time per cart.
 */
import { priceCart } from '../functions/pricing/engine.js';
import type { CartLineInput, Discount, PriceList, PricingContext, ProductPricing, Rule } from '../functions/pricing/model.js';

const PRODUCTS = 100_000;
const CART_LINES = 500;
const SECONDS = Number(process.argv[2] ?? 5);

/** Small deterministic PRNG (mulberry32) so every run prices the same data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = prng(42);
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const skuOf = (index: number): string => `SKU-${String(index).padStart(6, '0')}`;
const categories = Array.from({ length: 40 }, (_, index) => `cat-${index}`);

const products = new Map<string, ProductPricing>();
for (let index = 0; index < PRODUCTS; index++) {
  const sku = skuOf(index);
  const listPrice = int(50, 250_000);
  const kind = index % 4;
  products.set(sku, {
    sku,
    categoryId: categories[index % categories.length] ?? 'cat-0',
    listPrice: eur(listPrice),
    tiers:
      index % 3 === 0
        ? [
            { minQuantity: 10_000, unitPrice: eur(Math.floor(listPrice * 0.95)) },
            { minQuantity: 50_000, unitPrice: eur(Math.floor(listPrice * 0.9)) },
          ]
        : [],
    vatRates: index % 10 === 0 ? { default: 700, DE: 700, AT: 1000 } : { default: 1900, DE: 1900, AT: 2000 },
    quantityRules:
      kind === 0 ? { packSize: 12_000, packDiscount: 500 } : kind === 1 ? { minimum: 250, step: 250 } : kind === 2 ? { multiple: 6000, minimum: 6000 } : {},
  });
}

const listOf = (id: string, scope: PriceList['scope'], share: number, factor: number, extra: Partial<PriceList> = {}): PriceList => {
  const prices: Record<
    string,
    { unitPrice: { amount: number; currency: string }; tiers?: { minQuantity: number; unitPrice: { amount: number; currency: string } }[] }
  > = {};
  for (let index = 0; index < PRODUCTS; index++) {
    if (random() >= share) continue;
    const product = products.get(skuOf(index));
    if (!product) continue;
    const unit = Math.floor(product.listPrice.amount * factor);
    prices[product.sku] =
      index % 5 === 0 ? { unitPrice: eur(unit), tiers: [{ minQuantity: 24_000, unitPrice: eur(Math.floor(unit * 0.97)) }] } : { unitPrice: eur(unit) };
  }
  return { id, scope, currency: 'EUR', prices, ...extra };
};

const priceLists: PriceList[] = [
  listOf('AG-PREPAY', { kind: 'company', companyId: 'C-1' }, 0.02, 0.85, { validFrom: '2026-01-01', validTo: '2026-12-31' }),
  listOf('KA-2026', { kind: 'company', companyId: 'C-1' }, 0.2, 0.9, { validFrom: '2026-01-01' }),
  listOf('KA-2025', { kind: 'company', companyId: 'C-1' }, 0.2, 0.92, { validTo: '2025-12-31' }),
  listOf('WHOLESALE', { kind: 'customer-group', customerGroup: 'wholesale' }, 0.5, 0.95),
  listOf('RETAIL', { kind: 'customer-group', customerGroup: 'retail' }, 0.5, 1.02),
];

const skuSample = (count: number): string[] => Array.from({ length: count }, () => skuOf(int(0, PRODUCTS - 1)));
const rules: Rule[] = [
  { all: [] },
  { newCustomer: true },
  { customerGroupIn: ['wholesale', 'key-account'] },
  { deliveryCountryIn: ['DE', 'AT', 'CH'] },
  { orderNetAtLeast: eur(100_000) },
  { skuIn: skuSample(200) },
  { categoryIn: ['cat-1', 'cat-2', 'cat-3'] },
  { dateBetween: ['2026-03-01', '2026-05-31'] },
  { all: [{ categoryIn: ['cat-4', 'cat-5'] }, { orderNetAtLeast: eur(50_000) }] },
  { any: [{ skuIn: skuSample(50) }, { categoryIn: ['cat-7'] }] },
  { not: { customerGroupIn: ['retail'] } },
  { all: [{ deliveryCountryIn: ['DE'] }, { not: { newCustomer: true } }, { categoryIn: ['cat-10', 'cat-11', 'cat-12'] }] },
];
const discounts: Discount[] = Array.from({ length: 20 }, (_, index) => ({
  id: `D-${index}`,
  name: `Discount ${index}`,
  rule: rules[index % rules.length] ?? { all: [] },
  effect: index % 4 === 3 ? { kind: 'fixed' as const, amount: eur(int(500, 5000)) } : { kind: 'percent' as const, rate: int(100, 1500) },
  active: index !== 7,
}));

const quantityFor = (product: ProductPricing): number => {
  const rules = product.quantityRules;
  if (rules?.multiple) return rules.multiple * int(1, 10);
  if (rules?.step === 250) return 250 * int(2, 200);
  return 1000 * int(1, 60);
};
const cart: CartLineInput[] = skuSample(CART_LINES).map((sku) => {
  const product = products.get(sku);
  return { sku, quantity: product ? quantityFor(product) : 1000 };
});

const context: PricingContext = {
  customer: { companyId: 'C-1', customerGroup: 'wholesale', isNewCustomer: false, vatId: 'ATU12345678', displayMode: 'net' },
  deliveryCountry: 'DE',
  sellerCountry: 'DE',
  agreement: { id: 'AG-30', name: 'Payment 30 days', kind: 'payment-terms', paymentTermDays: 30, adjustment: 300, priceListId: 'AG-PREPAY' },
  date: '2026-03-15',
  currency: 'EUR',
};

// Warm-up (JIT), then the measured loop.
let checksum = 0;
for (let round = 0; round < 200; round++) checksum += priceCart(cart, products, priceLists, discounts, context).gross.amount;
const sample = priceCart(cart, products, priceLists, discounts, context);

const times: number[] = [];
const started = process.hrtime.bigint();
const deadline = started + BigInt(Math.round(SECONDS * 1e9));
let now = started;
while (now < deadline) {
  const before = now;
  checksum += priceCart(cart, products, priceLists, discounts, context).gross.amount;
  now = process.hrtime.bigint();
  times.push(Number(now - before) / 1e6);
}
const elapsed = Number(now - started) / 1e9;
times.sort((a, b) => a - b);
const pct = (p: number): number => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN;
const linesPerSecond = (times.length * CART_LINES) / elapsed;

console.log(
  `pricing bench — ${PRODUCTS.toLocaleString('en')} products, ${priceLists.length} price lists, ${discounts.length} discounts, ${CART_LINES}-line cart`,
);
console.log(
  `  cart: net ${sample.net.amount} ${sample.currency}, VAT ${sample.vat.amount}, ${sample.vatBreakdown.length} VAT groups, ${sample.orderDiscounts.length} order discounts, ${sample.lines.filter((line) => line.discounts.length > 0).length} discounted lines, ${sample.problems.length} problems`,
);
console.log(`  carts priced:        ${times.length} in ${elapsed.toFixed(2)} s (one core)`);
console.log(`  lines priced/s:      ${Math.round(linesPerSecond).toLocaleString('en')}   (target ≥ 50,000: ${linesPerSecond >= 50_000 ? 'met' : 'NOT met'})`);
console.log(`  time per cart p50:   ${pct(50).toFixed(3)} ms`);
console.log(`  time per cart p99:   ${pct(99).toFixed(3)} ms`);
console.log(`  time per cart max:   ${(times.at(-1) ?? NaN).toFixed(3)} ms`);
if (checksum === -1) console.log('unreachable'); // keeps the work observable

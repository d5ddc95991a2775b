/**
 * Order placement on the local stack (issue 18: p99 < 300 ms until the 202 with 8 parallel buyers):
 * K buyers of both seeded companies place M orders each, all at once. Before each order the buyer
 * refills its cart (POST /cart/lines, not timed); the timed part is POST /checkout/orders with a fresh
 * Idempotency-Key until its 202. The sagas (stock, payment, ERP round trip, invoice PDF) run meanwhile;
 * their time until confirmed is the second figure, from the order's own timestamps (createdAt → updatedAt
 * of the confirmation), read once after the run so that polling adds no load to the placements.
 * Last, the same buyers at one order every 2 s each (latency when the stack is not saturated).
 * Every buyer orders its own products; `shared` as third argument gives them all the same ones.
 * Run: `npx tsx bench/checkout.ts [buyers] [ordersEach] [shared]` (default 8 × 10).
 */
import { randomUUID } from 'node:crypto';
import { type BenchBuyer, benchCompanies, callApi, createBenchBuyers, loadAverage, percentile, printTargetTable, startBenchStack } from './support.js';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
const buyerCount = Number(process.argv[2] ?? 8);
const ordersEach = Number(process.argv[3] ?? 10);
const linesPerOrder = 5;
const sharedLines = process.argv[4] === 'shared';
const sagaWaitMs = 10 * 60 * 1000;
// The paced run: every buyer places an order every 2 s (4 orders/s together, with their sagas).
const pacedIntervalMs = 2000;
const pacedEach = Math.ceil(ordersEach / 2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const bench = await startBenchStack('checkout');
try {
  const buyers = await createBenchBuyers(bench, buyerCount);
  // Each buyer orders its own 5 products (priced for both companies, enough stock in the pick-up
  // warehouse for every order of the run, one piece orderable); `shared` gives all of them the same 5 (stock contention).
  const ordersPerBuyer = 1 + 2 * ordersEach + pacedEach;
  const orderable = async (buyer: BenchBuyer) => {
    const skus: string[] = [];
    for (const category of ['electrical', 'hand-tools', 'safety', 'adhesives']) {
      const page = await callApi(bench.stack, buyer.token, 'GET', `/catalog/products?category=${category}&limit=100`);
      for (const product of page.products as {
        sku: string;
        price?: unknown;
        quantityRules?: { minimum?: string; step?: string };
        availability: { warehouses: { id: string; quantity: number }[] };
      }[]) {
        const stuttgart = product.availability.warehouses.find((warehouse) => warehouse.id === 'stuttgart')?.quantity ?? 0;
        const onePiece = (product.quantityRules?.minimum ?? '1') === '1' && (product.quantityRules?.step ?? '1') === '1';
        if (product.price && onePiece && stuttgart >= ordersPerBuyer * (sharedLines ? buyerCount : 1)) skus.push(product.sku);
      }
    }
    return skus;
  };
  const [first, ...others] = await Promise.all(benchCompanies.map((company) => orderable(buyers.find((buyer) => buyer.companyId === company.companyId)!)));
  const candidates = first!.filter((sku) => others.every((list) => list.includes(sku)));
  const linesOf = buyers.map((_, index) =>
    sharedLines ? candidates.slice(0, linesPerOrder) : candidates.slice(index * linesPerOrder, (index + 1) * linesPerOrder),
  );
  if (linesOf.some((skus) => skus.length < linesPerOrder)) throw new Error(`only ${candidates.length} orderable products for ${buyerCount} buyers`);
  let conflicts = 0;
  const place = async (buyer: BenchBuyer) => {
    await callApi(bench.stack, buyer.token, 'POST', '/cart/lines', { lines: linesOf[buyers.indexOf(buyer)]!.map((sku) => ({ sku, quantity: 1 })) });
    for (;;) {
      const started = performance.now();
      const response = await fetch(`${bench.stack.apiUrl}/checkout/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${buyer.token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'bank-prepayment' }),
      });
      const text = await response.text();
      const latency = performance.now() - started;
      if (response.status === 202) return { latency, orderId: (JSON.parse(text) as { orderId: string }).orderId };
      // A competing order refused this one (the cart is as it was): the buyer places it again, counted.
      if (response.status === 409 && conflicts < 100) {
        conflicts++;
        process.stderr.write(`409 on placement, placed again: ${text}\n`);
        continue;
      }
      throw new Error(`POST /checkout/orders: ${response.status} ${text}`);
    }
  };

  // One order per buyer first: warm functions and each company's caches, not counted.
  const warmUp = await Promise.all(buyers.map(place));
  await bench.stack.settleWorkflows();
  // For scale: one buyer alone (the cost of one placement; the parallel figure adds the waiting for
  // the one process that runs every handler and saga step locally).
  const alone: number[] = [];
  for (let order = 0; order < ordersEach; order++) alone.push((await place(buyers[0]!)).latency);
  await bench.stack.settleWorkflows();
  const latencies: number[] = [];
  const placed: { buyer: BenchBuyer; orderId: string }[] = [];
  const started = performance.now();
  await Promise.all(
    buyers.map(async (buyer) => {
      for (let order = 0; order < ordersEach; order++) {
        const { latency, orderId } = await place(buyer);
        latencies.push(latency);
        placed.push({ buyer, orderId });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const load = loadAverage();

  const sagaStarted = performance.now();
  const saga: number[] = [];
  let failed = 0;
  for (const { buyer, orderId } of placed) {
    for (;;) {
      const order = await callApi(bench.stack, buyer.token, 'GET', `/companies/${buyer.companyId}/orders/${orderId}`);
      if (order.status === 'confirmed') {
        saga.push(Date.parse(order.updatedAt) - Date.parse(order.createdAt));
        break;
      }
      if (order.status === 'failed') {
        failed++;
        break;
      }
      if (performance.now() - sagaStarted > sagaWaitMs) throw new Error(`order ${orderId} still ${order.status} after ${sagaWaitMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const sagaSeconds = (performance.now() - started) / 1000;
  // Confirmed comes before the e-mail step; let that finish too before stop().
  await bench.stack.settleWorkflows();

  // Last, the same buyers each placing an order every pacedIntervalMs (staggered): latency without a queue.
  const paced: number[] = [];
  await Promise.all(
    buyers.map(async (buyer, index) => {
      await sleep((index * pacedIntervalMs) / buyers.length);
      for (let order = 0; order < pacedEach; order++) {
        const begin = performance.now();
        paced.push((await place(buyer)).latency);
        await sleep(Math.max(0, pacedIntervalMs - (performance.now() - begin)));
      }
    }),
  );
  await bench.stack.settleWorkflows();

  printTargetTable(
    `Checkout on the local stack: ${buyerCount} parallel buyers (${new Set(buyers.map((buyer) => buyer.companyId)).size} companies) × ${ordersEach} orders of ${linesPerOrder} lines (${sharedLines ? 'the same products for all' : 'own products each'}), cart refilled before each (not timed), after ${warmUp.length} warm-up orders and ${alone.length} of one buyer alone (${load})`,
    [
      { label: 'one buyer alone: until 202 p50', value: percentile(alone, 50), unit: 'ms', digits: 0 },
      { label: 'one buyer alone: until 202 max', value: Math.max(...alone), unit: 'ms', digits: 0 },
      { label: 'placements', value: latencies.length / seconds, unit: 'orders/s' },
      { label: 'until 202 p50', value: percentile(latencies, 50), unit: 'ms', digits: 0 },
      { label: 'until 202 p90', value: percentile(latencies, 90), unit: 'ms', digits: 0 },
      { label: 'until 202 p99', value: percentile(latencies, 99), unit: 'ms', below: 300, digits: 0 },
      { label: 'until 202 max', value: Math.max(...latencies), unit: 'ms', digits: 0 },
      { label: 'saga confirmed p50', value: percentile(saga, 50) / 1000, unit: 's', digits: 2 },
      { label: 'saga confirmed p99', value: percentile(saga, 99) / 1000, unit: 's', digits: 2 },
      { label: 'all confirmed after', value: sagaSeconds, unit: 's', digits: 1 },
      { label: `one order per ${pacedIntervalMs / 1000} s each: until 202 p50`, value: percentile(paced, 50), unit: 'ms', digits: 0 },
      { label: `one order per ${pacedIntervalMs / 1000} s each: until 202 p99`, value: percentile(paced, 99), unit: 'ms', digits: 0 },
      { label: '409 on placement (placed again)', value: conflicts, unit: `of ${placed.length + conflicts}`, digits: 0 },
      { label: 'sagas failed', value: failed, unit: `of ${placed.length}`, digits: 0 },
    ],
  );
} finally {
  await bench.stop();
}

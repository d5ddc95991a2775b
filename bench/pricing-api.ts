/**
 * Latency of the price API on the local stack (issue 18: p99 < 50 ms with 8 parallel buyers):
 * POST /pricing/quote with a 50-line cart. The buyers belong to both seeded companies (EUR and PLN
 * price lists) and each sends its quotes back to back, all at once, after a warm-up. For scale, the
 * same quotes of one buyer alone (nothing in parallel) come first: that is the cost of one quote,
 * the rest of the parallel figure is waiting for the one process that runs every handler locally.
 * Last, the same buyers at a quote every 250 ms each (latency when the stack is not saturated).
 * Run: `npx tsx bench/pricing-api.ts [buyers] [quotesEach]` (default 8 × 100).
 */
import { callApi, createBenchBuyers, loadAverage, percentile, printTargetTable, startBenchStack } from './support.js';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
const buyerCount = Number(process.argv[2] ?? 8);
const quotesEach = Number(process.argv[3] ?? 100);
const warmUpEach = 10;
// The paced run: each buyer asks for a quote every 250 ms (a person changing quantities quickly), a
// third of what the local stack answers back to back, so the figure shows latency without a queue.
const pacedIntervalMs = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const bench = await startBenchStack('pricing-api');
try {
  const buyers = await createBenchBuyers(bench, buyerCount);
  const carts = await Promise.all(
    buyers.map(async (buyer) => {
      const skus: string[] = [];
      for (const category of ['hand-tools', 'safety', 'adhesives']) {
        const page = await callApi(bench.stack, buyer.token, 'GET', `/catalog/products?category=${category}&limit=20`);
        skus.push(...page.products.map((product: { sku: string }) => product.sku));
      }
      if (skus.length < 50) throw new Error(`${buyer.companyId} sees only ${skus.length} products in the bench categories`);
      return JSON.stringify({ lines: skus.slice(0, 50).map((sku, index) => ({ sku, quantity: String(index + 1) })) });
    }),
  );
  const quote = async (index: number) => {
    const started = performance.now();
    const response = await fetch(`${bench.stack.apiUrl}/pricing/quote`, {
      method: 'POST',
      headers: { authorization: `Bearer ${buyers[index]!.token}`, 'content-type': 'application/json' },
      body: carts[index]!,
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`quote failed: ${response.status} ${text}`);
    if ((JSON.parse(text) as { lines: unknown[] }).lines.length !== 50) throw new Error('quote without its 50 lines');
    return performance.now() - started;
  };
  // `intervalMs`: each buyer starts a quote at most every intervalMs (0: back to back), staggered.
  const run = async (each: number, parallel = buyers.length, intervalMs = 0) => {
    const times: number[] = [];
    const started = performance.now();
    await Promise.all(
      buyers.slice(0, parallel).map(async (_, index) => {
        if (intervalMs) await sleep((index * intervalMs) / parallel);
        for (let count = 0; count < each; count++) {
          const begin = performance.now();
          times.push(await quote(index));
          if (intervalMs) await sleep(Math.max(0, intervalMs - (performance.now() - begin)));
        }
      }),
    );
    return { times, seconds: (performance.now() - started) / 1000 };
  };

  await run(warmUpEach);
  const alone = await run(quotesEach, 1);
  const { times, seconds } = await run(quotesEach);
  const paced = await run(quotesEach / 2, buyers.length, pacedIntervalMs);
  printTargetTable(
    `POST /pricing/quote, 50 lines: ${buyerCount} parallel buyers (${new Set(buyers.map((buyer) => buyer.companyId)).size} companies) × ${quotesEach} quotes back to back, local stack (${loadAverage()})`,
    [
      { label: 'one buyer alone p50', value: percentile(alone.times, 50), unit: 'ms' },
      { label: 'one buyer alone p99', value: percentile(alone.times, 99), unit: 'ms' },
      { label: `${buyerCount} buyers: throughput`, value: times.length / seconds, unit: 'quotes/s' },
      { label: `${buyerCount} buyers: p50`, value: percentile(times, 50), unit: 'ms' },
      { label: `${buyerCount} buyers: p90`, value: percentile(times, 90), unit: 'ms' },
      { label: `${buyerCount} buyers: p99`, value: percentile(times, 99), unit: 'ms', below: 50 },
      { label: `${buyerCount} buyers: max`, value: Math.max(...times), unit: 'ms' },
      { label: `${buyerCount} buyers, one quote per ${pacedIntervalMs} ms each: p50`, value: percentile(paced.times, 50), unit: 'ms' },
      { label: `${buyerCount} buyers, one quote per ${pacedIntervalMs} ms each: p99`, value: percentile(paced.times, 99), unit: 'ms' },
    ],
  );
} finally {
  await bench.stop();
}

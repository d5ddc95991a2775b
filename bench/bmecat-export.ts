/**
 * BMEcat export as a job on the local stack: seeds N extra products into a category Müller Bau may
 * see, then times POST …/catalog/bmecat/exports until the job is completed (target at 100k: < 2 min).
 * Run: `npx tsx bench/bmecat-export.ts [products]` (default 2 000; BENCH_BMECAT_PRODUCTS=100000 for the target size).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { productItem } from '../functions/catalog/items.js';
import { productPricingItem } from '../functions/pricing/service.js';
import { dynamo } from '../functions/shared/clients/dynamo.js';
import { config } from '../functions/shared/config.js';
import { demoPassword } from '../local/seed-data.js';
import { callApi, startBenchStack } from './support.js';

const products = Number(process.argv[2] ?? process.env.BENCH_BMECAT_PRODUCTS ?? 2_000);
const categoryId = 'hand-tools';
const bench = await startBenchStack('bmecat');
try {
  const seedStarted = performance.now();
  const items = (index: number) => {
    const sku = `BENCH-${String(index).padStart(6, '0')}`;
    const listPrice = { amount: 1_000 + (index % 500), currency: 'EUR' };
    return [
      productItem({
        sku,
        name: `Bench product ${index}`,
        description: 'Generated for the BMEcat export bench',
        categoryId,
        unit: 'PCE',
        listPrice,
        active: true,
      }),
      productPricingItem({ sku, categoryId, listPrice, vatRates: { default: 1900 } }),
    ];
  };
  const writes: Record<string, unknown>[] = [];
  for (let index = 0; index < products; index++) writes.push(...items(index));
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < writes.length; start += 25) batches.push(writes.slice(start, start + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> = {
          [config.tableName()]: batches[next++]!.map((Item) => ({ PutRequest: { Item } })),
        };
        while (Object.keys(request).length) {
          const { UnprocessedItems } = await dynamo().send(new BatchWriteCommand({ RequestItems: request }));
          request = (UnprocessedItems ?? {}) as typeof request;
        }
      }
    }),
  );
  console.log(`seeded ${products} products into ${categoryId} in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  const token = await bench.signIn('admin@mueller-bau.example', demoPassword);
  const started = performance.now();
  let job = await callApi(bench.stack, token, 'POST', '/companies/mueller-bau/catalog/bmecat/exports');
  const accepted = performance.now() - started;
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    job = await callApi(bench.stack, token, 'GET', `/companies/mueller-bau/catalog/bmecat/exports/${job.exportId}`);
  }
  const total = (performance.now() - started) / 1000;
  if (job.status !== 'completed') throw new Error(`export ${job.status}: ${JSON.stringify(job.failure)}`);
  console.log(`BMEcat export of ${job.products} products (${products} generated), ${(job.bytes / 1024 / 1024).toFixed(1)} MiB on the local stack:`);
  console.log(`  202 after ${accepted.toFixed(0)} ms   completed after ${total.toFixed(1)} s   (target at 100k products: < 120 s)`);
} finally {
  await bench.stop();
}

/**
 * BMEcat export as an asynchronous job on the local stack (issue 18: 100k products done < 2 min):
 * seeds N extra products into a category Müller Bau may see (written straight into the table, not
 * timed), then times POST …/catalog/bmecat/exports (202) → polling GET …/exports/{id} until completed
 * → downloading the file from the job's link, and checks the file has the size the job reports.
 * Run: `npx tsx bench/bmecat-export.ts [products]` (default 100 000; BENCH_BMECAT_PRODUCTS works too).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { productItem } from '../functions/catalog/items.js';
import { productPricingItem } from '../functions/pricing/service.js';
import { dynamo } from '../functions/shared/clients/dynamo.js';
import { config } from '../functions/shared/config.js';
import { demoPassword } from '../local/seed-data.js';
import { callApi, loadAverage, printTargetTable, startBenchStack } from './support.js';

const products = Number(process.argv[2] ?? process.env.BENCH_BMECAT_PRODUCTS ?? 100_000);
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
  let polls = 0;
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    job = await callApi(bench.stack, token, 'GET', `/companies/mueller-bau/catalog/bmecat/exports/${job.exportId}`);
    polls++;
  }
  const completed = (performance.now() - started) / 1000;
  if (job.status !== 'completed') throw new Error(`export ${job.status}: ${JSON.stringify(job.failure)}`);
  const download = await fetch(job.url);
  if (download.status !== 200) throw new Error(`download: ${download.status} ${await download.text()}`);
  const file = Buffer.from(await download.arrayBuffer());
  const total = (performance.now() - started) / 1000;
  if (file.length !== job.bytes) throw new Error(`downloaded ${file.length} bytes, the job reports ${job.bytes}`);
  if (
    !file
      .subarray(file.length - 200)
      .toString('utf8')
      .includes('</BMECAT>')
  )
    throw new Error('the file does not end with </BMECAT>');
  const load = loadAverage();
  printTargetTable(
    `BMEcat export job of ${job.products} products (${products} generated + the demo catalog; ${job.categories} categories, ${job.skipped} skipped) on the local stack, ${polls} status polls (${load})`,
    [
      { label: '202 after', value: accepted, unit: 'ms', digits: 0 },
      { label: 'worker run (job durationMs)', value: job.durationMs / 1000, unit: 's' },
      { label: 'POST → completed', value: completed, unit: 's' },
      { label: 'POST → completed → downloaded', value: total, unit: 's', below: 120 },
      { label: 'throughput', value: job.products / completed, unit: 'products/s', digits: 0 },
      { label: 'file size', value: file.length / 1024 / 1024, unit: 'MiB' },
    ],
  );
} finally {
  await bench.stop();
}

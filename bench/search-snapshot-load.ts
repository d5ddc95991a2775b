/**
 * Child process of bench/search.ts: a cold start's load of the search snapshot, alone in a fresh Node
 * process. Run: `node --expose-gc --import tsx bench/search-snapshot-load.ts <snapshot file>`; prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { ProductTextIndex } from '../functions/catalog/search/text-index.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const file = process.argv[2];
if (!file) throw new Error('usage: search-snapshot-load.ts <snapshot file>');
gc();
const heapBefore = process.memoryUsage().heapUsed;
/** Read and load in a function, so the snapshot text is garbage once loaded (as in the catalog function). */
const coldStart = (path: string) => {
  const started = performance.now();
  const text = readFileSync(path, 'utf8');
  const read = performance.now();
  const index = ProductTextIndex.load(text);
  return { index, readMs: read - started, loadMs: performance.now() - read };
};
const { index, readMs, loadMs } = coldStart(file);
gc();
const memory = process.memoryUsage();
console.log(
  JSON.stringify({
    documents: index.size,
    readMs,
    loadMs,
    heapBeforeMb: heapBefore / 2 ** 20,
    heapUsedMb: memory.heapUsed / 2 ** 20,
    rssMb: memory.rss / 2 ** 20,
  }),
);

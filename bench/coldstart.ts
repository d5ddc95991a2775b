/**
 * Cold start of every Lambda (not a test): bundles each function of lib/definitions/functions.ts
 * with the esbuild options the deployment uses (lib/constructs/bundling.ts: AWS SDK inside the
 * bundle, only native `nodeModules` external), then prints per function the minified bundle size, its five biggest
 * contributors (esbuild metafile, by package or source folder) and the module import time in a
 * fresh `node` process (performance.now and CPU time around `await import(bundle)`, median of 5).
 * For the functions that render PDFs it also runs the deployment's afterBundling commands
 * (`pdfRendererCommands`) and prints what they add to the asset: the renderer chunk (JavaScript,
 * shipped, loaded on the first document only, with its own import time) and the font / ICC files.
 * Targets: bundle (the JavaScript loaded at cold start) ≤ 600 KB, import ≤ 120 ms CPU.
 * Run: `npm run bench:coldstart [-- <function key>…]` (BENCH_IMPORT_RUNS=5).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { esbuildOptionsOf, lambdaBundling, pdfRenderer, pdfRendererCommands } from '../lib/constructs/bundling.js';
import { lambdaFunctions, type FunctionDefinition } from '../lib/definitions/functions.js';

const MAX_BUNDLE_KB = 600;
const MAX_IMPORT_MS = 120;
const runs = Number(process.env.BENCH_IMPORT_RUNS ?? 5);
const projectRoot = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const outDir = mkdtempSync(join(tmpdir(), 'b2b-bench-coldstart-'));

/** `node_modules/@aws-sdk/client-s3/dist-es/…` → `@aws-sdk/client-s3`; own code → its first two folders. */
function contributor(input: string): string {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at >= 0) return parts[at + 1]!.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1]!;
  return parts.slice(0, Math.min(2, parts.length - 1)).join('/') || input;
}

function topContributors(metafile: Metafile, output: string): [string, number][] {
  const sizes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[output]!.inputs)) {
    const key = contributor(input);
    sizes.set(key, (sizes.get(key) ?? 0) + bytesInOutput);
  }
  return [...sizes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
}

/** One import of the bundle in a fresh process with the Lambda's NODE_OPTIONS; wall and CPU milliseconds. */
function importOnce(file: string): { wall: number; cpu: number } {
  const script = `const c=process.cpuUsage();const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});const w=performance.now()-t;const u=process.cpuUsage(c);console.log(JSON.stringify({wall:w,cpu:(u.user+u.system)/1000}));process.exit(0);`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: outDir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: '--enable-source-maps',
      AWS_REGION: 'eu-central-1',
      AWS_DEFAULT_REGION: 'eu-central-1',
      AWS_LAMBDA_FUNCTION_NAME: 'bench-coldstart',
      TABLE_NAME: 'portal',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

interface Row {
  readonly key: string;
  /** index.mjs: what the function loads at cold start. */
  readonly bytes: number;
  readonly wall: number;
  readonly cpu: number;
  readonly top: [string, number][];
  /** Functions that render PDFs: the renderer chunk (JavaScript loaded on the first document) and its import CPU ms, the font / ICC files. */
  readonly renderer?: { readonly bytes: number; readonly cpu: number; readonly assetBytes: number };
}

console.log(
  `Bundling with lib/constructs/bundling.ts (target ${lambdaBundling.target}, minify, ESM), AWS SDK bundled; import on ${process.version} with NODE_OPTIONS=--enable-source-maps, median of ${runs}`,
);
const rows: Row[] = [];
for (const [key, definition] of Object.entries(lambdaFunctions) as [string, FunctionDefinition][]) {
  if (only.length && !only.includes(key)) continue;
  const nodeModules = definition.nodeModules ?? [];
  const outfile = join(outDir, key, 'index.mjs');
  const result = await build({
    ...esbuildOptionsOf(nodeModules),
    absWorkingDir: projectRoot,
    entryPoints: [join(projectRoot, definition.entry)],
    outfile,
    metafile: true,
    logLevel: 'error',
  });
  const output = Object.keys(result.metafile.outputs).find((name) => name.endsWith('index.mjs'))!;
  const importsRenderer = result.metafile.outputs[output]!.imports.some((entry) => entry.external && entry.path === `./${pdfRenderer.file}`);
  if (importsRenderer !== (definition.rendersPdfs === true)) {
    throw new Error(
      `${key}: its bundle ${importsRenderer ? 'imports' : 'does not import'} ./${pdfRenderer.file} but rendersPdfs is ${definition.rendersPdfs === true}`,
    );
  }
  const bytes = statSync(outfile).size;
  const samples = Array.from({ length: runs }, () => importOnce(outfile));
  let renderer: Row['renderer'];
  if (definition.rendersPdfs) {
    const functionDir = join(outDir, key);
    for (const command of pdfRendererCommands(projectRoot, functionDir)) execFileSync('bash', ['-c', command], { cwd: projectRoot, stdio: 'inherit' });
    const chunk = join(functionDir, pdfRenderer.file);
    renderer = {
      bytes: statSync(chunk).size,
      cpu: median(Array.from({ length: runs }, () => importOnce(chunk).cpu)),
      assetBytes: pdfRenderer.assetFiles.reduce((sum, file) => sum + statSync(join(functionDir, 'assets', file)).size, 0),
    };
  }
  const row: Row = {
    key,
    bytes,
    wall: median(samples.map((sample) => sample.wall)),
    cpu: median(samples.map((sample) => sample.cpu)),
    top: topContributors(result.metafile, output),
    ...(renderer ? { renderer } : {}),
  };
  rows.push(row);
  const misses = [row.bytes > MAX_BUNDLE_KB * 1024 ? 'size' : '', row.cpu > MAX_IMPORT_MS ? 'import' : ''].filter(Boolean);
  console.log(
    `\n${key.padEnd(18)} ${kb(bytes).padStart(8)}  import ${row.wall.toFixed(0).padStart(4)} ms wall, ${row.cpu.toFixed(0).padStart(4)} ms CPU  ${misses.length ? `MISSED (${misses.join(', ')})` : 'met'}`,
  );
  console.log(`  ${row.top.map(([name, size]) => `${name} ${kb(size)}`).join(' · ')}`);
  if (row.renderer) {
    console.log(
      `  + shipped, loaded on the first PDF: ${pdfRenderer.file} ${kb(row.renderer.bytes)} (import ${row.renderer.cpu.toFixed(0)} ms CPU), font / ICC files ${kb(row.renderer.assetBytes)}; shipped in all ${kb(row.bytes + row.renderer.bytes + row.renderer.assetBytes)} (source maps not counted)`,
    );
  }
}
rmSync(outDir, { recursive: true, force: true });

const sizeMisses = rows.filter((row) => row.bytes > MAX_BUNDLE_KB * 1024);
const importMisses = rows.filter((row) => row.cpu > MAX_IMPORT_MS);
console.log(
  `\nTargets: bundle (JavaScript loaded at cold start) ≤ ${MAX_BUNDLE_KB} KB incl. the SDK clients, import ≤ ${MAX_IMPORT_MS} ms CPU; the PDF renderer and its files are shipped too and loaded on the first document`,
);
console.log(`| Function | Bundle (cold start) | Import (wall) | Import (CPU) | + PDF renderer (first document) | + font / ICC files | Status |`);
console.log(`|---|---:|---:|---:|---:|---:|---|`);
for (const row of rows) {
  const missed = row.bytes > MAX_BUNDLE_KB * 1024 || row.cpu > MAX_IMPORT_MS;
  const renderer = row.renderer ? `${kb(row.renderer.bytes)}, ${row.renderer.cpu.toFixed(0)} ms CPU | ${kb(row.renderer.assetBytes)}` : '– | –';
  console.log(`| ${row.key} | ${kb(row.bytes)} | ${row.wall.toFixed(0)} ms | ${row.cpu.toFixed(0)} ms | ${renderer} | ${missed ? 'MISSED' : 'met'} |`);
}
const largest = rows.reduce((a, b) => (b.bytes > a.bytes ? b : a), rows[0]!);
const slowest = rows.reduce((a, b) => (b.cpu > a.cpu ? b : a), rows[0]!);
console.log(
  `\n${rows.length} functions; size missed by ${sizeMisses.length} (${sizeMisses.map((row) => row.key).join(', ') || 'none'}); import missed by ${importMisses.length} (${importMisses.map((row) => row.key).join(', ') || 'none'}); largest ${largest.key} ${kb(largest.bytes)}, slowest ${slowest.key} ${slowest.cpu.toFixed(0)} ms CPU`,
);
if (sizeMisses.length || importMisses.length) process.exitCode = 1;

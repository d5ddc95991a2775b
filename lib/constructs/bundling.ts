import type { BuildOptions } from 'esbuild';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { PDF_ASSET_FILES } from '../../functions/shared/pdf/assets.js';

/** Lets an ESM bundle of CommonJS dependencies call `require` (esbuild emits `__require` shims that need it). */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __portalCreateRequire } from 'node:module'; const require = __portalCreateRequire(import.meta.url);";

/**
 * The AWS SDK credential providers that a Lambda's default chain never reaches (shared config files,
 * credential_process, SSO, web-identity token files), bundled as the stubs of
 * lib/constructs/lambda-credential-providers.ts: ≈ 90 KB less per bundle (reasons there).
 */
export const credentialProviderAliases: Readonly<Record<string, string>> = Object.fromEntries(
  ['ini', 'process', 'sso', 'web-identity'].map((provider) => [`@aws-sdk/credential-provider-${provider}`, './lib/constructs/lambda-credential-providers.ts']),
);

/**
 * How every portal Lambda is bundled: the esbuild part of NodejsFunction's `bundling`
 * (lib/constructs/context-function.ts). bench/coldstart.ts bundles with the same options through
 * `esbuildOptionsOf`, so its sizes and import times are the deployed ones.
 */
export const lambdaBundling = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  /**
   * Nothing external: the AWS SDK clients a function uses are bundled, tree-shaken and minified with
   * it, not taken from the Lambda runtime. Decided by bench/coldstart.ts (README, Benchmarks): a
   * function's SDK share is 150–300 KB minified (@smithy/core, @aws-sdk/core, the clients it calls),
   * so the DynamoDB-only functions stay at 460–550 KB with it (350–440 KB since the credential stubs
   * of `credentialProviderAliases`); one pre-resolved file loads faster
   * than the runtime's SDK (whole packages, resolved file by file), and the deployed SDK is then the
   * version in package-lock.json that the tests ran, not whatever the runtime ships that day.
   * (`nodeModules` of a definition, e.g. sharp, stay external and are installed into the asset.)
   * The one external is the PDF renderer, a file of its own next to the bundle (`pdfRenderer`).
   */
  externalModules: ['./pdf-renderer.mjs'] as string[],
  banner: ESM_REQUIRE_BANNER,
  /** Resolved from the project folder, where NodejsFunction runs esbuild. */
  esbuildArgs: { '--alias': Object.entries(credentialProviderAliases).map(([module, replacement]) => `${module}=${replacement}`) },
} as const;

/**
 * `lambdaBundling` as the esbuild build options NodejsFunction turns it into (`esbuild --bundle
 * --platform=node …`, aws-cdk-lib/aws-lambda-nodejs/lib/bundling.js), plus the function's
 * `nodeModules`, which are external too.
 */
export function esbuildOptionsOf(nodeModules: readonly string[] = []): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: lambdaBundling.format === OutputFormat.ESM ? 'esm' : 'cjs',
    target: lambdaBundling.target,
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourceMap,
    sourcesContent: lambdaBundling.sourcesContent,
    mainFields: [...lambdaBundling.mainFields],
    external: [...lambdaBundling.externalModules, ...nodeModules],
    banner: { js: lambdaBundling.banner },
    alias: { ...credentialProviderAliases },
  };
}

/**
 * The PDF renderer of the business documents (functions/shared/pdf/pdf-renderer.mts: pdf-lib, fontkit)
 * and the files it embeds (Liberation Sans, sRGB.icc, 1.2 MB) are not in a function's bundle:
 * functions/shared/pdf/document.ts imports `./pdf-renderer.mjs` when it renders the first document,
 * so a function that never renders one (or not yet) neither ships nor loads 1.3 MB of JavaScript at
 * cold start. For the functions that render PDFs (`rendersPdfs` of the definition), `pdfRendererCommands`
 * is the NodejsFunction `afterBundling` hook: it bundles the renderer with the same esbuild options as
 * `<outputDir>/pdf-renderer.mjs` and copies the files into `<outputDir>/assets/` (the renderer reads them
 * from `./assets/` relative to itself, as the sources do from functions/shared/pdf/assets/).
 * Other code is imported statically: in one bundle a dynamic `import()` of an own module saves nothing,
 * and esbuild then keeps whole SDK packages that module reaches (the aggregated DynamoDB client with
 * every command and paginator, ≈ 50 KB, through `await import('./pdf.js')` until issue 18).
 */
export const pdfRenderer = {
  entry: 'functions/shared/pdf/pdf-renderer.mts',
  file: 'pdf-renderer.mjs',
  assetsFolder: 'functions/shared/pdf/assets',
  assetFiles: PDF_ASSET_FILES,
} as const;

const shell = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;

/**
 * The shell commands that put the PDF renderer and its files next to a bundle (NodejsFunction
 * `commandHooks.afterBundling`, run by bash in the project folder; bench/coldstart.ts runs the same).
 * esbuild is the project's (node_modules/.bin), the one that bundled the function.
 */
export function pdfRendererCommands(inputDir: string, outputDir: string): string[] {
  const options = esbuildOptionsOf();
  const esbuild = [
    `${inputDir}/node_modules/.bin/esbuild`,
    '--bundle',
    `${inputDir}/${pdfRenderer.entry}`,
    `--outfile=${outputDir}/${pdfRenderer.file}`,
    `--platform=${options.platform}`,
    `--format=${options.format}`,
    `--target=${options.target}`,
    ...(options.minify ? ['--minify'] : []),
    ...(options.sourcemap ? ['--sourcemap'] : []),
    `--sources-content=${options.sourcesContent}`,
    `--main-fields=${options.mainFields!.join(',')}`,
    ...options.external!.map((external) => `--external:${external}`),
    `--banner:js=${lambdaBundling.banner}`,
    ...lambdaBundling.esbuildArgs['--alias'].map((alias) => `--alias:${alias}`),
    '--log-level=warning',
  ];
  return [
    esbuild.map(shell).join(' '),
    `mkdir -p ${shell(`${outputDir}/assets`)}`,
    `cp ${pdfRenderer.assetFiles.map((file) => shell(`${inputDir}/${pdfRenderer.assetsFolder}/${file}`)).join(' ')} ${shell(`${outputDir}/assets/`)}`,
  ];
}

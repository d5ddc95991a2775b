import type { BuildOptions } from 'esbuild';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/** Lets an ESM bundle of CommonJS dependencies call `require` (esbuild emits `__require` shims that need it). */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __portalCreateRequire } from 'node:module'; const require = __portalCreateRequire(import.meta.url);";

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
   * so the DynamoDB-only functions stay at 460–550 KB with it; one pre-resolved file loads faster
   * than the runtime's SDK (whole packages, resolved file by file), and the deployed SDK is then the
   * version in package-lock.json that the tests ran, not whatever the runtime ships that day.
   * (`nodeModules` of a definition, e.g. sharp, stay external and are installed into the asset.)
   */
  externalModules: [] as string[],
  banner: ESM_REQUIRE_BANNER,
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
  };
}

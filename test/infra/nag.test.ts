import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { invoiceLayout } from '../../functions/invoices/pdf.js';
import { renderDocumentPdf } from '../../functions/shared/pdf/document.js';
import { buildApp, type PortalApp } from '../../lib/app.js';
import { pdfRenderer } from '../../lib/constructs/bundling.js';
import { projectRoot } from '../../lib/config.js';
import { lambdaFunctions, type FunctionDefinition } from '../../lib/definitions/index.js';
import { buildTestApp, cdkJsonContext, TEST_ENV, tempOutdir } from './helpers.js';

interface Violation {
  readonly ruleName: string;
  readonly severity: string;
  readonly description: string;
  readonly violatingConstructs: { constructPath: string }[];
}
interface SuppressedViolation extends Violation {
  readonly reason: string;
  readonly acknowledgedAt: string;
  readonly acknowledgedId: string;
}
interface ValidationReport {
  readonly pluginReports: {
    readonly pluginName: string;
    readonly conclusion: string;
    readonly violations: Violation[];
    readonly suppressedViolations?: SuppressedViolation[];
  }[];
}

/**
 * The whole app as `cdk synth` builds it: real esbuild bundles and cdk-nag AwsSolutions through
 * CDK's validation plugins, which only run in `app.synth()` (not in `Template.fromStack`).
 */
describe('the whole app with cdk-nag', () => {
  let portal: PortalApp;
  let assembly: CloudAssembly;
  let report: ValidationReport;

  beforeAll(() => {
    // Inside the repository so that the bundles' external @aws-sdk/* imports resolve from node_modules.
    const cacheDir = join(projectRoot, 'node_modules', '.cache');
    mkdirSync(cacheDir, { recursive: true });
    portal = buildApp({
      appProps: { context: { ...cdkJsonContext }, outdir: tempOutdir(cacheDir) },
      webDist: false,
      env: TEST_ENV,
    });
    assembly = portal.app.synth(); // throws on any unacknowledged cdk-nag error
    report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as ValidationReport;
  });

  const nag = () => report.pluginReports.find((plugin) => plugin.pluginName === 'AwsSolutions')!;

  it('synthesizes the five stacks in dependency order', () => {
    expect(assembly.stacks.map((stack) => stack.stackName).sort()).toEqual(
      ['api', 'auth', 'data', 'web', 'workflow'].map((suffix) => `b2b-portal-dev-${suffix}`).sort(),
    );
    const deps = (name: string) =>
      assembly
        .getStackByName(name)
        .dependencies.map((dep) => dep.id)
        .filter((id) => !id.endsWith('.assets'));
    expect(deps('b2b-portal-dev-workflow').sort()).toEqual(['b2b-portal-dev-auth', 'b2b-portal-dev-data']);
    expect(deps('b2b-portal-dev-api').sort()).toEqual(['b2b-portal-dev-auth', 'b2b-portal-dev-data', 'b2b-portal-dev-workflow']);
    expect(deps('b2b-portal-dev-web').sort()).toEqual(['b2b-portal-dev-api', 'b2b-portal-dev-auth', 'b2b-portal-dev-data']);
  });

  it('leaves no AwsSolutions finding unacknowledged: no errors, and no warnings either', () => {
    expect(nag()).toBeDefined();
    const open = nag().violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`);
    expect(open).toEqual([]);
    expect(nag().conclusion).toBe('success');
    // Other reports (construct annotations, CloudFormation checks) must be clean as well.
    for (const plugin of report.pluginReports) expect(plugin.violations, plugin.pluginName).toEqual([]);
  });

  it('acknowledges every accepted finding on a specific construct, with a written reason', () => {
    const suppressed = nag().suppressedViolations ?? [];
    expect(suppressed.length).toBeGreaterThan(0);
    for (const finding of suppressed) {
      const label = `${finding.ruleName} at ${finding.acknowledgedAt}`;
      expect(finding.reason.length, label).toBeGreaterThan(60);
      // Never on a whole stack: always on the resource (or the CDK-managed construct) concerned.
      expect(finding.acknowledgedAt.split('/').length, label).toBeGreaterThan(1);
      expect(finding.acknowledgedId, label).toBe(`AwsSolutions::${finding.ruleName}`);
    }
    console.info(
      `cdk-nag: ${suppressed.length} acknowledged findings\n` + suppressed.map((f) => `  ${f.ruleName} @ ${f.acknowledgedAt}\n    ${f.reason}`).join('\n'),
    );
  });

  it('bundles every Lambda as an ESM module that loads and exports its handler', async () => {
    const sizes: string[] = [];
    for (const artifact of assembly.stacks) {
      const template = artifact.template as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };
      for (const resource of Object.values(template.Resources)) {
        if (resource.Type !== 'AWS::Lambda::Function' || resource.Properties.Runtime !== 'nodejs22.x') continue;
        const assetHash = String(resource.Properties.Code.S3Key).replace(/\.zip$/, '');
        const bundle = join(assembly.directory, `asset.${assetHash}`, 'index.mjs');
        const source = readFileSync(bundle, 'utf8');
        expect(source.startsWith("import { createRequire as __portalCreateRequire } from 'node:module';")).toBe(true);
        expect(source).not.toMatch(/from\s*["']@smithy\//);
        // The file-based credential providers are the stubs of lib/constructs/lambda-credential-providers.ts (bundling.ts, `alias`).
        expect(source, resource.Properties.FunctionName).toContain('credentials are not bundled into Lambda functions');
        const module = (await import(pathToFileURL(bundle).href)) as { handler?: unknown };
        expect(typeof module.handler, resource.Properties.FunctionName).toBe('function');
        sizes.push(`${resource.Properties.FunctionName}: ${(statSync(bundle).size / 1024).toFixed(0)} KiB`);
      }
    }
    // Every function of the definitions except the demo stand-ins (only with -c demoErp=true).
    const deployed = Object.values(lambdaFunctions as Record<string, FunctionDefinition>).filter((definition) => !definition.demo);
    expect(sizes).toHaveLength(deployed.length);
    console.info(`Lambda bundles (minified, without source map):\n  ${sizes.join('\n  ')}`);
  });

  it('ships the PDF renderer and its fonts next to the bundles that import it, and it renders what the sources render', async () => {
    const pdfFunctions: string[] = [];
    let rendered = 0;
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const layout = invoiceLayout({
      invoiceNumber: 'INV-2026-000001',
      orderNumber: 'ORD-2026-000001',
      language: 'pl',
      issueDate: '2026-03-14',
      seller: { name: 'Nordhandel Großhandel GmbH', addressLines: ['Hafenstraße 12', '20457 Hamburg'], vatId: 'DE811907980', iban: 'DE89370400440532013000' },
      buyer: { name: 'Hurtownia Żółć Sp. z o.o.', addressLines: ['90-006 Łódź'], vatId: 'PL5260250274' },
      lines: [{ sku: 'SKU-1', name: 'Śruba M8 – Ωmega', quantity: '2.5', unit: 'pcs', unitNet: eur(1_000), lineNet: eur(2_500), vatRate: 2300 }],
      net: eur(2_500),
      vat: eur(575),
      gross: eur(3_075),
      vatBreakdown: [{ rate: 2300, net: eur(2_500), vat: eur(575) }],
      paymentTerms: 'Płatne w ciągu 14 dni.',
    });
    const expected = Buffer.from(await renderDocumentPdf(layout, { xml: '<rsm:CrossIndustryInvoice/>' }));
    for (const artifact of assembly.stacks) {
      const template = artifact.template as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };
      for (const resource of Object.values(template.Resources)) {
        if (resource.Type !== 'AWS::Lambda::Function' || resource.Properties.Runtime !== 'nodejs22.x') continue;
        const key = String(resource.Properties.FunctionName).replace(/^b2b-portal-dev-/, '');
        const definition = (lambdaFunctions as Record<string, FunctionDefinition>)[key]!;
        const asset = join(assembly.directory, `asset.${String(resource.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
        // A bundle that imports the renderer without it next to it would fail on its first document.
        const importsRenderer = readFileSync(join(asset, 'index.mjs'), 'utf8').includes(`"./${pdfRenderer.file}"`);
        expect(importsRenderer, `${key} imports ./${pdfRenderer.file}`).toBe(definition.rendersPdfs === true);
        expect(existsSync(join(asset, pdfRenderer.file)), `${key} ships ${pdfRenderer.file}`).toBe(definition.rendersPdfs === true);
        if (!definition.rendersPdfs) continue;
        pdfFunctions.push(key);
        for (const file of pdfRenderer.assetFiles) {
          expect(readFileSync(join(asset, 'assets', file)).equals(readFileSync(join(projectRoot, pdfRenderer.assetsFolder, file))), `${key}: ${file}`).toBe(
            true,
          );
        }
        if (rendered++ === 0) {
          const renderer = (await import(pathToFileURL(join(asset, pdfRenderer.file)).href)) as { renderLayoutPdf: typeof renderDocumentPdf };
          expect(Buffer.from(await renderer.renderLayoutPdf(layout, { xml: '<rsm:CrossIndustryInvoice/>' })).equals(expected)).toBe(true);
        }
      }
    }
    expect(pdfFunctions.sort()).toEqual(['offers', 'orders', 'ordersWorkflow', 'rma']);
  });

  it('stays clean with the demo ERP deployed (-c demoErp=true)', () => {
    const demo = buildTestApp({ nag: true, context: { demoErp: 'true' } });
    const demoAssembly = demo.app.synth(); // throws on any unacknowledged finding
    const demoReport = JSON.parse(readFileSync(join(demoAssembly.directory, 'validation-report.json'), 'utf8')) as ValidationReport;
    for (const plugin of demoReport.pluginReports) expect(plugin.violations, plugin.pluginName).toEqual([]);
    const workflow = demoAssembly.getStackByName('b2b-portal-dev-workflow').template as {
      Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
    };
    const names = Object.values(workflow.Resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function')
      .map((resource) => resource.Properties.FunctionName);
    expect(names).toContain('b2b-portal-dev-demoErp');
  });

  it('fails the synthesis on a finding nobody acknowledged', () => {
    const unsafe = buildTestApp({ nag: true });
    // A queue without dead-letter queue and without TLS enforcement: SQS3 and SQS4.
    new Queue(unsafe.data as Stack, 'UnreviewedQueue');
    expect(() => unsafe.app.synth()).toThrow(/AwsSolutions-SQS3/);
  });
});

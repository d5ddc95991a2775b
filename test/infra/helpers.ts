import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll } from 'vitest';
import { buildApp, type PortalApp } from '../../lib/app.js';

/** The feature flags and context of cdk.json, so tests synthesize what `cdk synth` does. */
export const cdkJsonContext = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;

export const TEST_ENV = { account: '123456789012', region: 'eu-central-1' };

export interface TestAppOptions {
  /** Bundle the Lambdas with esbuild (slower). Template assertions do not need real bundles. */
  readonly bundle?: boolean;
  readonly nag?: boolean;
  readonly context?: Record<string, unknown>;
  /** Built SPA folder; by default none, so tests never depend on `npm run build:web`. */
  readonly webDist?: string | false;
}

const outdirs: string[] = [];
// Registered for every test file that imports this module (each file has its own module graph).
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder (cloud assembly, fake web build), removed after the test file. */
export function tempOutdir(parent: string = tmpdir()): string {
  const dir = mkdtempSync(join(parent, 'b2b-portal-cdk-'));
  outdirs.push(dir);
  return dir;
}

export function buildTestApp(options: TestAppOptions = {}): PortalApp {
  const context: Record<string, unknown> = { ...cdkJsonContext, ...options.context };
  // An empty list skips asset bundling for every stack (what `cdk synth -e` does for unselected stacks).
  if (!options.bundle) context['aws:cdk:bundling-stacks'] = [];
  return buildApp({
    appProps: { context, outdir: tempOutdir() },
    webDist: options.webDist ?? false,
    env: TEST_ENV,
    nag: options.nag ?? false,
  });
}

export const templateOf = (stack: Stack): Template => Template.fromStack(stack);

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }>;

/** All resources of one type, keyed by logical id. */
export function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

type Props = Record<string, any>;

/** Every template of the app, in deployment order. */
export const appTemplates = (portal: PortalApp): Template[] => [portal.data, portal.auth, portal.workflow, portal.api, portal.web].map(templateOf);

/** A portal function by its key (`b2b-portal-dev-<key>`), with the template it is in and its role's logical id. */
export function findPortalFunction(templates: readonly Template[], key: string) {
  for (const template of templates) {
    const found = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).find(
      ([, fn]) => (fn.Properties as Props).FunctionName === `b2b-portal-dev-${key}`,
    );
    if (found) return { template, id: found[0], props: found[1].Properties as Props, roleId: (found[1].Properties as Props).Role['Fn::GetAtt'][0] as string };
  }
  throw new Error(`No function ${key}`);
}

/** The IAM statements of a portal function's role. */
export function functionStatements(templates: readonly Template[], key: string): Props[] {
  const { template, roleId } = findPortalFunction(templates, key);
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => ((policy.Properties as Props).Roles as Props[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => (policy.Properties as Props).PolicyDocument.Statement as Props[]);
}

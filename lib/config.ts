import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Environment } from 'aws-cdk-lib';
import type { Node } from 'constructs';

/** Repository root: Lambda entries (`lambdaFunctions[*].entry`) and `web/dist` are relative to it. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Deployment settings, read from CDK context (`cdk.json` or `-c key=value`):
 *
 * | key               | default        | meaning                                                            |
 * |-------------------|----------------|--------------------------------------------------------------------|
 * | `stage`           | `dev`          | suffix of stack and resource names (lowercase, ≤ 12 chars)          |
 * | `retainData`      | `true`         | RETAIN + deletion protection on table, buckets, user pool, logs    |
 * | `webOrigins`      | `["*"]`        | CORS origins of the HTTP API and of browser uploads (JSON or a,b)  |
 * | `cognitoPlusTier` | `false`        | Cognito Plus feature plan with threat protection (priced per MAU)  |
 * | `domainName`      | –              | custom domain of the CloudFront distribution (needs certificateArn) |
 * | `certificateArn`  | –              | ACM certificate in us-east-1 for `domainName` (enables TLS 1.2 min) |
 * | `mailFrom`        | `no-reply@example.com` | MAIL_FROM sender; must be a verified SES identity (address or domain) |
 * | `apiThrottleRate` | `50`           | steady-state requests/s of the API stage                           |
 * | `apiThrottleBurst`| `100`          | burst of the API stage                                             |
 * | `demoErp`         | `false`        | also deploy the demo ERP (`demo: true` functions), see below        |
 * | `searchEngine`    | `embedded`     | text search: `embedded`, `opensearch-serverless`, `opensearch-domain` (docs/search.md) |
 *
 * `demoErp`: the demo ERP consumes erpOutbound and answers on erpInbound, so orders complete without
 * a real ERP (demos, test stages). Without it nothing in AWS consumes erpOutbound: the customer's
 * own ERP connector does, and replies on erpInbound (consumed by erpReplies either way).
 */
export interface PortalConfig {
  readonly stage: string;
  /** `b2b-portal-<stage>`: prefix of the stack names. */
  readonly stackPrefix: string;
  readonly retainData: boolean;
  readonly webOrigins: readonly string[];
  readonly cognitoPlusTier: boolean;
  readonly domain?: { readonly domainName: string; readonly certificateArn: string };
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Deploy the stand-ins for external systems (`demo: true` in lib/definitions/functions.ts). */
  readonly demoErp: boolean;
  /** Sender of portal e-mail (MAIL_FROM). */
  readonly mailFrom: string;
  /** Text engine of the product search: the embedded index (no resource) or Amazon OpenSearch (lib/constructs/search-engine.ts). */
  readonly searchEngine: SearchEngineChoice;
  /** Built SPA to deploy (`web/dist`), or undefined when it has not been built. */
  readonly webDistPath?: string;
  readonly env?: Environment;
}

export interface ConfigOverrides {
  /**
   * Folder of the built SPA. Default: `<root>/web/dist` when it holds an index.html.
   * `false` deploys only the generated config.json (tests use it to be independent of a web build).
   */
  readonly webDist?: string | false;
  readonly env?: Environment;
}

const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,11}$/;

export const SEARCH_ENGINES = ['embedded', 'opensearch-serverless', 'opensearch-domain'] as const;
export type SearchEngineChoice = (typeof SEARCH_ENGINES)[number];

function searchEngine(value: unknown): SearchEngineChoice {
  if (value === undefined || value === '') return 'embedded';
  if (!SEARCH_ENGINES.includes(value as SearchEngineChoice)) {
    throw new Error(`Context "searchEngine" must be one of ${SEARCH_ENGINES.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as SearchEngineChoice;
}

function bool(value: unknown, fallback: boolean, key: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`Context "${key}" must be true or false, got ${JSON.stringify(value)}`);
}

function num(value: unknown, fallback: number, key: string): number {
  if (value === undefined) return fallback;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`Context "${key}" must be a positive number`);
  return parsed;
}

function stringList(value: unknown, fallback: readonly string[], key: string): readonly string[] {
  if (value === undefined) return fallback;
  let list: unknown = value;
  if (typeof value === 'string') list = value.trim().startsWith('[') ? JSON.parse(value) : value.split(',');
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    throw new Error(`Context "${key}" must be a list of strings`);
  }
  const cleaned = list.map((item: string) => item.trim()).filter(Boolean);
  if (cleaned.length === 0) throw new Error(`Context "${key}" must not be empty`);
  return cleaned;
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context "${key}" must be a string`);
  return value;
}

/** Reads and validates the deployment settings from the app's context. */
export function readConfig(node: Node, overrides: ConfigOverrides = {}): PortalConfig {
  const stage = optionalString(node.tryGetContext('stage'), 'stage') ?? 'dev';
  if (!STAGE_PATTERN.test(stage)) {
    throw new Error(`Context "stage" must match ${STAGE_PATTERN} (it becomes part of S3 bucket names), got "${stage}"`);
  }
  const domainName = optionalString(node.tryGetContext('domainName'), 'domainName');
  const certificateArn = optionalString(node.tryGetContext('certificateArn'), 'certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error('Context "domainName" and "certificateArn" must be given together');
  }

  let webDistPath: string | undefined;
  if (overrides.webDist === undefined) {
    const candidate = join(projectRoot, 'web', 'dist');
    webDistPath = existsSync(join(candidate, 'index.html')) ? candidate : undefined;
  } else if (overrides.webDist !== false) {
    webDistPath = overrides.webDist;
  }

  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  const env = overrides.env ?? (account || region ? { account, region } : undefined);

  return {
    stage,
    stackPrefix: `b2b-portal-${stage}`,
    retainData: bool(node.tryGetContext('retainData'), true, 'retainData'),
    webOrigins: stringList(node.tryGetContext('webOrigins'), ['*'], 'webOrigins'),
    cognitoPlusTier: bool(node.tryGetContext('cognitoPlusTier'), false, 'cognitoPlusTier'),
    ...(domainName && certificateArn ? { domain: { domainName, certificateArn } } : {}),
    apiThrottle: {
      rateLimit: num(node.tryGetContext('apiThrottleRate'), 50, 'apiThrottleRate'),
      burstLimit: num(node.tryGetContext('apiThrottleBurst'), 100, 'apiThrottleBurst'),
    },
    demoErp: bool(node.tryGetContext('demoErp'), false, 'demoErp'),
    mailFrom: optionalString(node.tryGetContext('mailFrom'), 'mailFrom') ?? 'no-reply@example.com',
    searchEngine: searchEngine(node.tryGetContext('searchEngine')),
    ...(webDistPath ? { webDistPath } : {}),
    ...(env ? { env } : {}),
  };
}

/** Physical name of a resource declared in lib/definitions with a `localName`: `<localName>-<stage>`. */
export const physicalName = (config: PortalConfig, localName: string): string => `${localName}-${config.stage}`;

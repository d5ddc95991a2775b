import { App, RemovalPolicy, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './api-stack.js';
import { AuthStack } from './auth-stack.js';
import { SearchEngine } from './constructs/search-engine.js';
import { readConfig, type ConfigOverrides, type PortalConfig } from './config.js';
import { DataStack } from './data-stack.js';
import type { QueueKey, StateMachineKey } from './definitions/index.js';
import { WebStack } from './web-stack.js';
import { WorkflowStack } from './workflow-stack.js';

export interface BuildAppProps extends ConfigOverrides {
  /** Passed to `new App()`: context, outdir… (the CDK CLI passes context through the environment). */
  readonly appProps?: AppProps;
  /** Run cdk-nag AwsSolutionsChecks at synthesis. @default true */
  readonly nag?: boolean;
}

export interface PortalApp {
  readonly app: App;
  readonly config: PortalConfig;
  readonly data: DataStack;
  readonly auth: AuthStack;
  readonly workflow: WorkflowStack;
  readonly api: ApiStack;
  readonly web: WebStack;
  /** Amazon OpenSearch of the product search, only with `-c searchEngine=opensearch-…` (default: the embedded index, nothing deployed). */
  readonly searchEngine?: SearchEngine;
}

/**
 * The whole portal: data → auth → workflow → api → web. References only flow forwards (the API
 * receives the workflow stack's queues and state machines), so there is no cross-stack cycle.
 */
export function buildApp(props: BuildAppProps = {}): PortalApp {
  const app = new App(props.appProps);
  const config = readConfig(app.node, props);
  const name = (suffix: string) => `${config.stackPrefix}-${suffix}`;
  const common = { config, ...(config.env ? { env: config.env } : {}) };

  // Stacks holding data cannot be deleted by accident where data is retained.
  const guarded = { terminationProtection: config.retainData };
  const data = new DataStack(app, name('data'), { ...common, ...guarded, description: 'B2B portal: DynamoDB table and S3 buckets' });
  const auth = new AuthStack(app, name('auth'), { ...common, ...guarded, description: 'B2B portal: Cognito user pool, groups and SPA clients' });
  const workflow = new WorkflowStack(app, name('workflow'), {
    ...common,
    description: 'B2B portal: SQS queues with DLQs, workflow Lambdas, Step Functions state machines, queue consumers',
    table: data.table,
    authIssuer: auth.issuer,
    authAudience: auth.audience,
    userPool: auth.userPool,
  });
  workflow.addStackDependency(data, 'workflow Lambdas use the portal buckets by name');
  const api = new ApiStack(app, name('api'), {
    ...common,
    description: 'B2B portal: HTTP API and bounded-context Lambdas',
    table: data.table,
    queues: Object.fromEntries(Object.entries(workflow.queues).map(([key, q]) => [key, q.queue])) as Record<
      QueueKey,
      (typeof workflow.queues)[QueueKey]['queue']
    >,
    stateMachines: workflow.stateMachines as Record<StateMachineKey, (typeof workflow.stateMachines)[StateMachineKey]>,
    existingFunctions: Object.fromEntries(Object.entries(workflow.functions).map(([key, fn]) => [key, fn.function])),
    authIssuer: auth.issuer,
    authAudience: auth.audience,
    machineClientIds: auth.machineClientIds,
    userPool: auth.userPool,
    shopClientId: auth.clients.shop.userPoolClientId,
    consoleClientId: auth.clients.console.userPoolClientId,
  });
  api.addStackDependency(data, 'API Lambdas use the portal buckets by name');

  // The product search's OpenSearch sits with the indexer (workflow stack); the catalog function (API stack) reads it.
  let searchEngine: SearchEngine | undefined;
  if (config.searchEngine !== 'embedded') {
    const indexer = workflow.functions.catalogIndexer?.function;
    const catalog = api.functions.catalog;
    if (!indexer || !catalog) throw new Error('The OpenSearch search engine needs the catalogIndexer and catalog functions');
    searchEngine = new SearchEngine(workflow, 'SearchEngine', {
      kind: config.searchEngine,
      stage: config.stage,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    searchEngine.connectWriter(indexer);
    searchEngine.connectReader(catalog);
  }
  const web = new WebStack(app, name('web'), {
    ...common,
    description: 'B2B portal: SPA on S3 + CloudFront',
    apiUrl: api.url,
    userPoolId: auth.userPool.userPoolId,
    shopClientId: auth.clients.shop.userPoolClientId,
    consoleClientId: auth.clients.console.userPoolClientId,
  });
  web.addStackDependency(data, 'the CSP allows browser uploads to the uploads bucket');

  for (const stack of [data, auth, workflow, api, web]) {
    Tags.of(stack).add('project', 'b2b-portal');
    Tags.of(stack).add('stage', config.stage);
  }

  if (props.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, data, auth, workflow, api, web, ...(searchEngine ? { searchEngine } : {}) };
}

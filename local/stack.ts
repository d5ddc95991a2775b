import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buckets, queues, stateMachines, type QueueKey, type StateMachineKey } from '../lib/definitions/index.js';
import { resetVerifier } from '../functions/shared/auth.js';
import { resetClients } from '../functions/shared/clients/reset.js';
import { startCognitoLocal } from './cognito.js';
import { startDynamoDbLocal } from './dynamodb.js';
import { localCredentials, localRegion } from './env.js';
import { apiPrefix, startGateway } from './gateway.js';
import { resumeClosings } from '../functions/groupbuy/service.js';
import { recheckDue } from '../functions/accounts/vat-check.js';
import { startEventSources } from './event-sources.js';
import { ensureQueues, ensureTable, ensureUserPool, type LocalUserPool } from './resources.js';
import { oauth2TokenEndpoint } from './oauth2.js';
import { startMailOutbox } from './mail.js';
import { startS3 } from './s3.js';
import { seedDemoData } from './seed.js';
import { serveMedia } from './media.js';
import { seedProductMedia } from './seed-media.js';
import { startSqs } from './sqs.js';
import { stateMachineArn, startStepFunctions } from './stepfunctions.js';
import { startViesContractServer } from './vies.js';
import { rebuildTextIndex } from '../functions/catalog/search/indexer.js';

export interface LocalStackOptions {
  /** Folder for persistent state; omitted → everything lives in a temporary folder / in memory. */
  readonly dataDir: string;
  /** Keep DynamoDB in memory (tests). */
  readonly ephemeral?: boolean;
  /** Wipe `dataDir` first. */
  readonly reset?: boolean;
  /** Port of the gateway (API + SPA); 0 picks a free one. */
  readonly port?: number;
  readonly webRoot?: string;
  /** SQS visibility timeout override (tests: retries to the DLQ within seconds). */
  readonly queueVisibilitySeconds?: number;
  /** How long the order saga waits for the ERP's reply (AWS: the ASL's TimeoutSeconds). */
  readonly erpReplyTimeoutSeconds?: number;
}

export interface LocalStack {
  readonly webUrl: string;
  readonly apiUrl: string;
  readonly consoleUrl: string;
  readonly endpoints: { dynamodb: string; cognito: string; s3: string; sqs: string; stepfunctions: string; ses: string; vies: string };
  readonly userPoolId: string;
  readonly clientIds: { shop: string; console: string };
  /** Integrators' demo machine clients and the token endpoint that serves them (client credentials). */
  readonly machineClients: LocalUserPool['machineClients'];
  readonly tokenEndpoint: string;
  readonly seeded: boolean;
  /** Waits until running workflow executions have finished. */
  settleWorkflows(): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Boots the embedded AWS stack (DynamoDB Local, cognito-local, fauxqs SQS, an S3 emulator on disk,
 * Step Functions via aws-local-stepfunctions), creates resources from lib/definitions, seeds demo
 * data and serves the HTTP API and SPA through the local gateway. Handlers run in this process
 * with the same environment variables a Lambda gets.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dataDir = resolve(options.dataDir);
  if (options.reset) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
  };
  try {
    const [dynamodb, cognito, s3, sqs, mail] = await Promise.all([
      startDynamoDbLocal({ dataDir: options.ephemeral ? undefined : join(dataDir, 'dynamodb') }),
      startCognitoLocal({ dataDir: join(dataDir, 'cognito') }),
      startS3({ directory: join(dataDir, 's3') }),
      startSqs(),
      startMailOutbox({ directory: join(dataDir, 'outbox') }),
    ]);
    stoppers.push(dynamodb.stop, cognito.stop, s3.stop, sqs.stop, mail.stop);

    const [tableName, queueUrls, pool] = await Promise.all([
      ensureTable(dynamodb.endpoint),
      ensureQueues(sqs.endpoint, options.queueVisibilitySeconds),
      ensureUserPool(cognito.endpoint),
    ]);
    const issuer = `${cognito.endpoint}/${pool.userPoolId}`;

    // Exactly the variables lib/constructs/context-function.ts gives a Lambda, plus local endpoints.
    Object.assign(process.env, {
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_ENDPOINT_URL_SESV2: mail.endpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
      USER_POOL_ID: pool.userPoolId,
      MAIL_FROM: 'B2B Portal <no-reply@portal.example>',
      LOCAL_STACK: 'true',
      TABLE_NAME: tableName,
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: `${pool.clientIds.shop},${pool.clientIds.console}`,
      MACHINE_CLIENT_IDS: Object.values(pool.machineClients)
        .map((client) => client.clientId)
        .join(','),
      // Punchout signs its users in server-side on the shop client (lib/definitions/functions.ts signsInUsers).
      SHOP_CLIENT_ID: pool.clientIds.shop,
      // The accounts context signs users in through the API on both clients (lib/definitions/functions.ts authenticatesUsers).
      CONSOLE_CLIENT_ID: pool.clientIds.console,
      // Demo logins stay one-step locally; a deployed stack sets 'true' (lib/constructs/context-function.ts).
      STAFF_MFA_REQUIRED: process.env.STAFF_MFA_REQUIRED ?? 'false',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      // Webhooks to http://localhost receivers (demo, tests); the deployed stack never sets it (functions/webhooks/service.ts).
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      // Retries at once in tests (short queue visibility); minutes apart in a demo, like on AWS.
      WEBHOOK_RETRY_BASE_SECONDS: process.env.WEBHOOK_RETRY_BASE_SECONDS ?? (options.queueVisibilitySeconds !== undefined ? '0' : '60'),
      // Tests see a re-indexed catalog at once; the demo refreshes like a deployed function.
      SEARCH_REFRESH_SECONDS: process.env.SEARCH_REFRESH_SECONDS ?? (options.queueVisibilitySeconds !== undefined ? '0' : '20'),
      ...Object.fromEntries(Object.values(buckets).map((bucket) => [bucket.envVar, bucket.localName])),
      ...Object.fromEntries(Object.entries(queueUrls).map(([key, url]) => [queues[key as QueueKey].envVar, url])),
      ...Object.fromEntries((Object.keys(stateMachines) as StateMachineKey[]).map((key) => [stateMachines[key].envVar, stateMachineArn(key)])),
    });
    resetVerifier();
    resetClients();

    if (options.erpReplyTimeoutSeconds) process.env.LOCAL_TASK_TOKEN_TIMEOUT_SECONDS = String(options.erpReplyTimeoutSeconds);
    const stepfunctions = await startStepFunctions(Object.fromEntries(Object.entries(queueUrls).map(([key, url]) => [queues[key as QueueKey].envVar, url])));
    stoppers.push(stepfunctions.stop);
    process.env.AWS_ENDPOINT_URL_SFN = stepfunctions.endpoint;

    // VIES contract server (issue 13 item 5): the accounts context checks VAT IDs here, never out of the machine.
    const vies = await startViesContractServer();
    stoppers.push(vies.stop);
    process.env.VIES_ENDPOINT = vies.endpoint;
    process.env.VIES_TIMEOUT_MS ??= '2000';

    const { seeded } = await seedDemoData({ dynamoEndpoint: dynamodb.endpoint, cognitoEndpoint: cognito.endpoint, tableName, userPoolId: pool.userPoolId });
    // What the catalog indexer does after a change on AWS: the search index snapshot from the table as it is now.
    await rebuildTextIndex();
    // Demo product pictures and a datasheet (docs/product-media.md); their thumbnails follow through the queue.
    await seedProductMedia();

    let gatewayUrl = '';
    const gateway = await startGateway({
      extraRoutes: {
        '/_local/outbox': mail.serve,
        '/_local/sqs/published.json': sqs.published,
        // On AWS: https://<domain>.auth.<region>.amazoncognito.com/oauth2/token (lib/auth-stack.ts).
        '/oauth2/token': oauth2TokenEndpoint({ cognitoEndpoint: cognito.endpoint, userPoolId: pool.userPoolId, issuer }),
        // On AWS: the distribution's `/media/*` behaviour (lib/web-stack.ts) in front of the media bucket.
        '/media/': serveMedia,
      },
      port: options.port ?? 3000,
      webRoot: options.webRoot ?? resolve(import.meta.dirname, '../web/dist'),
      webConfig: () => ({
        apiBaseUrl: `${gatewayUrl}${apiPrefix}`,
        region: localRegion,
        userPoolId: pool.userPoolId,
        shopClientId: pool.clientIds.shop,
        consoleClientId: pool.clientIds.console,
        cognitoEndpoint: `${cognito.endpoint}/`,
        outboxUrl: `${gatewayUrl}/_local/outbox`,
      }),
    });
    gatewayUrl = gateway.url;
    process.env.WEB_URL = gateway.url;
    stoppers.push(gateway.stop);
    const eventSources = startEventSources({ endpoint: sqs.endpoint, queueUrls });
    stoppers.push(eventSources.stop);
    await resumeClosings();
    // What the scheduled re-check does on AWS: companies whose VIES check is due (seeded ones: never checked).
    const recheckAll = async () => {
      for (let next: Record<string, unknown> | undefined, first = true; first || next; first = false) {
        next = (await recheckDue(new Date(), 50, next)).nextKey;
      }
    };
    await recheckAll();
    // A long-running local stack re-checks daily like the deployed schedule (state machine vatRecheck).
    const daily = setInterval(() => void recheckAll().catch(() => undefined), 86_400_000);
    daily.unref();
    stoppers.push(async () => clearInterval(daily));

    return {
      webUrl: gateway.url,
      apiUrl: `${gateway.url}${apiPrefix}`,
      consoleUrl: `${gateway.url}/console`,
      endpoints: {
        dynamodb: dynamodb.endpoint,
        cognito: cognito.endpoint,
        s3: s3.endpoint,
        sqs: sqs.endpoint,
        stepfunctions: stepfunctions.endpoint,
        ses: mail.endpoint,
        vies: vies.endpoint,
      },
      userPoolId: pool.userPoolId,
      clientIds: pool.clientIds,
      machineClients: pool.machineClients,
      tokenEndpoint: `${gateway.url}/oauth2/token`,
      seeded,
      settleWorkflows: stepfunctions.settle,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

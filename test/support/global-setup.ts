import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export interface StackInfo {
  readonly webUrl: string;
  readonly apiUrl: string;
  readonly consoleUrl: string;
  readonly cognitoEndpoint: string;
  readonly sfnEndpoint: string;
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  readonly s3Endpoint: string;
  /** The local VIES contract server (local/vies.ts; `/_control/answers` sets an answer). */
  readonly viesEndpoint: string;
  readonly userPoolId: string;
  readonly shopClientId: string;
  readonly consoleClientId: string;
  /** OAuth 2.0 token endpoint (client credentials) and the demo machine clients (local/oauth2.ts). */
  readonly tokenEndpoint: string;
  readonly machineClients: Record<string, { clientId: string; clientSecret: string }>;
  readonly stateMachineArns: Record<string, string>;
  readonly env: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

/** Boots the embedded stack once, on free ports and in a throw-away folder, for all HTTP and browser tests. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Expected failures (fault tests) log warnings; keep the test output readable.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  // Imported only now: the shared logger reads its level when the handler modules load.
  const { startLocalStack } = await import('../../local/stack.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'b2b-portal-test-'));
  // Short SQS visibility and ERP timeout: retries reach the DLQ and the saga compensates within seconds.
  const stack = await startLocalStack({ dataDir, ephemeral: true, port: 0, queueVisibilitySeconds: 1, erpReplyTimeoutSeconds: 10 });
  const envKeys = [
    'USER_POOL_ID',
    'TABLE_NAME',
    'UPLOADS_BUCKET',
    'DOCUMENTS_BUCKET',
    'ERP_OUTBOUND_QUEUE_URL',
    'ERP_INBOUND_QUEUE_URL',
    'DOMAIN_EVENTS_QUEUE_URL',
    'ORDER_PLACEMENT_STATE_MACHINE_ARN',
  ];
  project.provide('stack', {
    webUrl: stack.webUrl,
    apiUrl: stack.apiUrl,
    consoleUrl: stack.consoleUrl,
    cognitoEndpoint: stack.endpoints.cognito,
    sfnEndpoint: stack.endpoints.stepfunctions,
    dynamodbEndpoint: stack.endpoints.dynamodb,
    sqsEndpoint: stack.endpoints.sqs,
    s3Endpoint: stack.endpoints.s3,
    viesEndpoint: stack.endpoints.vies,
    userPoolId: stack.userPoolId,
    shopClientId: stack.clientIds.shop,
    consoleClientId: stack.clientIds.console,
    tokenEndpoint: stack.tokenEndpoint,
    machineClients: stack.machineClients,
    stateMachineArns: { orderPlacement: process.env.ORDER_PLACEMENT_STATE_MACHINE_ARN!, vatRecheck: process.env.VAT_RECHECK_STATE_MACHINE_ARN! },
    env: Object.fromEntries(envKeys.map((key) => [key, process.env[key]!])),
  });
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

import { join } from 'node:path';
import { ArnFormat, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  buckets as bucketDefinitions,
  portalTable,
  queues as queueDefinitions,
  stateMachines as stateMachineDefinitions,
  type BucketKey,
  type FunctionDefinition,
  type FunctionKey,
  type QueueKey,
  type StateMachineKey,
} from '../definitions/index.js';
import { ksefSecret } from '../definitions/secrets.js';
import { acknowledge, acknowledgeWildcardResource } from '../nag.js';
import { lambdaBundling, pdfRendererCommands } from './bundling.js';

/** Resources a portal function may be bound to; what it may do with them comes from its definition. */
export interface FunctionResources {
  readonly table: ITable;
  /** Must be referenced from the function's own stack (e.g. `Bucket.fromBucketName`), see acknowledgeWildcardResource. */
  readonly buckets: Readonly<Record<BucketKey, IBucket>>;
  readonly queues: Readonly<Record<QueueKey, IQueue>>;
  /**
   * Only the ones the function starts are needed; a function that completes workflow tasks
   * (`completesWorkflowTasks`) may report task tokens of every state machine passed here.
   */
  readonly stateMachines?: Readonly<Partial<Record<StateMachineKey, IStateMachine>>>;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` */
  readonly authIssuer: string;
  /** The app client ids accepted as token audience. */
  readonly authAudience: readonly string[];
  /** Machine clients (client credentials) whose access tokens the HTTP handlers accept (env MACHINE_CLIENT_IDS). */
  readonly machineClientIds?: readonly string[];
  /** Needed by functions that manage users (`managesUsers`): env USER_POOL_ID + Cognito admin actions. */
  readonly userPool?: IUserPool;
  /** Needed by functions that send mail (`sendsMail`): env MAIL_FROM, a verified SES identity or one of its domain. */
  readonly mailFrom?: string;
  /** Needed by functions that sign users in (`signsInUsers`): the shop app client (env SHOP_CLIENT_ID). */
  readonly shopClientId?: string;
  /** Needed by the sign-in door (`authenticatesUsers`): the console app client (env CONSOLE_CLIENT_ID). */
  readonly consoleClientId?: string;
  /** The SPA's public URL (env WEB_URL) for links and punchout start pages, when the deployment knows it. */
  readonly webUrl?: string;
  /** Needed by functions that issue documents (`readsKsefSecret`): name of the KSeF connection secret (lib/definitions/secrets.ts). */
  readonly ksefSecretName?: string;
}

export interface ContextFunctionProps {
  readonly functionKey: FunctionKey;
  readonly definition: FunctionDefinition;
  readonly resources: FunctionResources;
  /** Folder the definition's `entry` is relative to (the repository root). */
  readonly projectRoot: string;
  /** Physical function name. */
  readonly functionName?: string;
  /**
   * @default 10 seconds (HTTP API integrations time out at 30 s); for a queue consumer (`consumes`)
   * always the queue's `consumerTimeoutSeconds` (its visibility timeout is 6x that)
   */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default one month */
  readonly logRetention?: RetentionDays;
  /** Of the log group. @default RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem'];
const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const INDEX_ACTIONS = ['dynamodb:Query', 'dynamodb:Scan'];
const BUCKET_READ_ACTIONS = ['s3:GetObject'];
const BUCKET_WRITE_ACTIONS = ['s3:PutObject', 's3:DeleteObject'];
/** What a queue consumer reports task tokens with (functions/erp/replies.ts). */
const TASK_RESPONSE_ACTIONS = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];
/** SQS event source of a consumer: partial batch responses, so one bad message does not redeliver the batch. */
const CONSUMER_BATCH_SIZE = 10;
const CONSUMER_MAX_BATCHING_WINDOW = Duration.seconds(3);
/** What the user directory port (functions/shared/directory.ts) calls. */
const USER_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminUserGlobalSignOut',
];
/** What punchout's server-side sign-in (functions/punchout/sign-in.ts) calls. */
const USER_SIGN_IN_ACTIONS = ['cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminInitiateAuth'];
/**
 * What the sign-in door (functions/accounts/auth-directory.ts) needs IAM for: only the password reset.
 * Its other Cognito calls are public operations that IAM does not evaluate.
 */
const USER_AUTHENTICATION_ACTIONS = ['cognito-idp:AdminSetUserPassword'];
/** What punchout's technical accounts need (functions/accounts/technical-users.ts through functions/shared/directory.ts). */
const TECHNICAL_USER_ACTIONS = ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminDeleteUser'];

/** `"B2B Portal <no-reply@example.com>"` or `no-reply@example.com` → the address. */
export function mailAddress(mailFrom: string): string {
  const address = (/<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) throw new Error(`MAIL_FROM "${mailFrom}" holds no e-mail address`);
  return address;
}

/**
 * One Lambda of a bounded context, built the same way for every context: Node.js 22 on ARM64, ESM
 * bundle with source maps, X-Ray, its own log group, the portal's environment variables and an
 * execution role holding exactly what the FunctionDefinition declares (table read/readwrite on the
 * table and its declared indexes, object access per bucket, SendMessage per queue, StartExecution
 * per workflow, task-token reports on the state machines passed when it completes workflow tasks,
 * and the consume actions on the queue it reads with an SQS event source).
 */
export class ContextFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** The SQS event source of a queue consumer (`consumes`). */
  readonly eventSource?: SqsEventSource;

  constructor(scope: Construct, id: string, props: ContextFunctionProps) {
    super(scope, id);
    const { functionKey, definition, resources } = props;

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${functionKey} function`,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): this function's log group only.
    this.logGroup.grantWrite(this.role);

    const startsWorkflows = (definition.startsWorkflows ?? []) as readonly StateMachineKey[];
    const workflowEnvironment: Record<string, string> = {};
    for (const key of startsWorkflows) {
      const stateMachine = resources.stateMachines?.[key];
      if (!stateMachine) throw new Error(`Function ${functionKey} starts workflow "${key}" but no such state machine was passed`);
      workflowEnvironment[stateMachineDefinitions[key].envVar] = stateMachine.stateMachineArn;
    }
    // Task tokens carry no state machine name, but IAM authorizes the report against the state
    // machine that issued the token: grant on exactly the machines passed that issue tokens (a
    // `.waitForTaskToken` integration in their ASL), and name them in the env.
    const issuesTaskTokens = (key: StateMachineKey) => JSON.stringify(stateMachineDefinitions[key].asl).includes('.waitForTaskToken');
    const taskStateMachines = definition.completesWorkflowTasks
      ? (Object.entries(resources.stateMachines ?? {}) as [StateMachineKey, IStateMachine | undefined][]).filter(
          (entry): entry is [StateMachineKey, IStateMachine] => entry[1] !== undefined && issuesTaskTokens(entry[0]),
        )
      : [];
    if (definition.completesWorkflowTasks && taskStateMachines.length === 0) {
      throw new Error(`Function ${functionKey} completes workflow tasks but no state machine was passed`);
    }
    for (const [key, stateMachine] of taskStateMachines) workflowEnvironment[stateMachineDefinitions[key].envVar] = stateMachine.stateMachineArn;

    let timeout = props.timeout ?? Duration.seconds(10);
    if (definition.consumes) {
      // The queue's visibility timeout is 6x this (lib/constructs/queue-with-dlq.ts): never run longer.
      timeout = Duration.seconds(queueDefinitions[definition.consumes].consumerTimeoutSeconds);
      if (props.timeout && props.timeout.toSeconds() > timeout.toSeconds()) {
        throw new Error(`Function ${functionKey} consumes ${definition.consumes}: its timeout is fixed at ${timeout.toSeconds()} s by the queue definition`);
      }
    }

    const directoryEnvironment: Record<string, string> = {};
    if (definition.managesUsers) {
      if (!resources.userPool) throw new Error(`Function ${functionKey} manages users but no user pool was passed`);
      directoryEnvironment.USER_POOL_ID = resources.userPool.userPoolId;
    }
    if (definition.sendsMail) {
      if (!resources.mailFrom) throw new Error(`Function ${functionKey} sends mail but no sender (mailFrom) was passed`);
      directoryEnvironment.MAIL_FROM = resources.mailFrom;
      // Links in mails (invitations, status mails) point at the shop when the deployment knows its address.
      if (resources.webUrl) directoryEnvironment.WEB_URL = resources.webUrl;
    }
    if (definition.signsInUsers) {
      if (!resources.userPool || !resources.shopClientId) throw new Error(`Function ${functionKey} signs users in but no user pool / shop client was passed`);
      directoryEnvironment.USER_POOL_ID = resources.userPool.userPoolId;
      directoryEnvironment.SHOP_CLIENT_ID = resources.shopClientId;
      if (resources.webUrl) directoryEnvironment.WEB_URL = resources.webUrl;
    }

    if (definition.authenticatesUsers) {
      if (!resources.userPool || !resources.shopClientId || !resources.consoleClientId) {
        throw new Error(`Function ${functionKey} signs users in but no user pool / shop and console clients were passed`);
      }
      directoryEnvironment.USER_POOL_ID = resources.userPool.userPoolId;
      directoryEnvironment.SHOP_CLIENT_ID = resources.shopClientId;
      directoryEnvironment.CONSOLE_CLIENT_ID = resources.consoleClientId;
      // Staff (sales reps, back office) always use MFA on a deployed stack (functions/shared/account-status.ts).
      directoryEnvironment.STAFF_MFA_REQUIRED = 'true';
    }
    if (definition.readsKsefSecret) {
      if (!resources.ksefSecretName) throw new Error(`Function ${functionKey} reads the KSeF secret but no secret name was passed`);
      directoryEnvironment[ksefSecret.envVar] = resources.ksefSecretName;
    }

    this.function = new NodejsFunction(this, 'Function', {
      ...(props.functionName ? { functionName: props.functionName } : {}),
      description: definition.description,
      entry: join(props.projectRoot, definition.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? definition.memorySize ?? 512,
      timeout,
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        TABLE_NAME: resources.table.tableName,
        ...Object.fromEntries((Object.keys(bucketDefinitions) as BucketKey[]).map((key) => [bucketDefinitions[key].envVar, resources.buckets[key].bucketName])),
        ...Object.fromEntries((Object.keys(queueDefinitions) as QueueKey[]).map((key) => [queueDefinitions[key].envVar, resources.queues[key].queueUrl])),
        ...workflowEnvironment,
        ...directoryEnvironment,
        AUTH_ISSUER: resources.authIssuer,
        AUTH_AUDIENCE: Fn.join(',', [...resources.authAudience]),
        ...(resources.machineClientIds?.length ? { MACHINE_CLIENT_IDS: Fn.join(',', [...resources.machineClientIds]) } : {}),
        POWERTOOLS_SERVICE_NAME: functionKey,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // Stack traces point into the TypeScript sources (bundles ship with source maps).
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        // lib/constructs/bundling.ts, shared with bench/coldstart.ts. The AWS SDK is bundled (externalModules
        // empty), not left to the runtime: by the bench's figures the SDK clients a function uses add
        // 150–300 KB minified and a DynamoDB-only function stays under 600 KB with them, and the deployed SDK
        // is the locked, tested version (README, Benchmarks; the reasons in bundling.ts).
        ...lambdaBundling,
        externalModules: [...lambdaBundling.externalModules],
        mainFields: [...lambdaBundling.mainFields],
        forceDockerBundling: false,
        // The PDF renderer (pdf-lib, fontkit) and its fonts as files next to the bundle, loaded on the first document (bundling.ts).
        ...(definition.rendersPdfs
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) => pdfRendererCommands(inputDir, outputDir),
              },
            }
          : {}),
        ...(definition.nodeModules?.length
          ? {
              // Native packages (sharp: libvips) are not bundled but installed into the asset's node_modules from
              // package-lock.json; npm picks the optional platform binaries (@img/sharp-linux-arm64) by these
              // settings, so the asset holds the Lambda's linux/arm64 glibc build, not the build machine's.
              nodeModules: [...definition.nodeModules],
              environment: { npm_config_os: 'linux', npm_config_cpu: 'arm64', npm_config_libc: 'glibc' },
            }
          : {}),
      },
    });

    // ---- least privilege, from the definition -------------------------------------------------
    const table = resources.table;
    const indexArns = portalTable.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
    const tableActions = definition.tableAccess === 'readwrite' ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : TABLE_READ_ACTIONS;
    this.role.addToPrincipalPolicy(new PolicyStatement({ sid: 'Table', actions: tableActions, resources: [table.tableArn] }));
    this.role.addToPrincipalPolicy(new PolicyStatement({ sid: 'TableIndexes', actions: INDEX_ACTIONS, resources: indexArns }));

    const wildcardObjectArns: string[] = [];
    for (const [key, access] of Object.entries(definition.buckets ?? {}) as [BucketKey, 'read' | 'readwrite'][]) {
      const objects = resources.buckets[key].arnForObjects('*');
      wildcardObjectArns.push(objects);
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: access === 'readwrite' ? [...BUCKET_READ_ACTIONS, ...BUCKET_WRITE_ACTIONS] : BUCKET_READ_ACTIONS,
          resources: [objects],
        }),
      );
      // Without ListBucket, S3 answers 403 instead of 404 for a missing key (HeadObject/GetObject),
      // and the handlers could not tell "not uploaded yet" from "forbidden".
      this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [resources.buckets[key].bucketArn] }));
    }
    for (const key of definition.sendsTo ?? []) {
      this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [resources.queues[key].queueArn] }));
    }
    for (const key of startsWorkflows) {
      this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [resources.stateMachines![key]!.stateMachineArn] }));
    }
    if (taskStateMachines.length > 0) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'WorkflowTaskResponses',
          actions: TASK_RESPONSE_ACTIONS,
          resources: taskStateMachines.map(([, stateMachine]) => stateMachine.stateMachineArn),
        }),
      );
    }
    if (definition.consumes) {
      // Grants ReceiveMessage, DeleteMessage, ChangeMessageVisibility, GetQueueAttributes, GetQueueUrl on this queue only.
      this.eventSource = new SqsEventSource(resources.queues[definition.consumes], {
        batchSize: CONSUMER_BATCH_SIZE,
        maxBatchingWindow: CONSUMER_MAX_BATCHING_WINDOW,
        reportBatchItemFailures: true,
      });
      this.function.addEventSource(this.eventSource);
    }
    if (definition.managesUsers) {
      this.role.addToPrincipalPolicy(new PolicyStatement({ sid: 'UserDirectory', actions: USER_ADMIN_ACTIONS, resources: [resources.userPool!.userPoolArn] }));
    }
    if (definition.signsInUsers) {
      this.role.addToPrincipalPolicy(new PolicyStatement({ sid: 'UserSignIn', actions: USER_SIGN_IN_ACTIONS, resources: [resources.userPool!.userPoolArn] }));
    }
    if (definition.createsTechnicalUsers) {
      if (!resources.userPool) throw new Error(`Function ${functionKey} creates technical users but no user pool was passed`);
      this.role.addToPrincipalPolicy(
        new PolicyStatement({ sid: 'TechnicalUsers', actions: TECHNICAL_USER_ACTIONS, resources: [resources.userPool.userPoolArn] }),
      );
    }
    if (definition.authenticatesUsers) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({ sid: 'UserAuthentication', actions: USER_AUTHENTICATION_ACTIONS, resources: [resources.userPool!.userPoolArn] }),
      );
    }
    // Secrets Manager appends a random 6-character suffix to a secret's ARN: matched with -?????? (by name, no cross-stack reference).
    const ksefSecretArn = definition.readsKsefSecret
      ? Stack.of(this).formatArn({
          service: 'secretsmanager',
          resource: 'secret',
          resourceName: `${resources.ksefSecretName}-??????`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        })
      : undefined;
    if (ksefSecretArn)
      this.role.addToPrincipalPolicy(new PolicyStatement({ sid: 'KsefSecret', actions: ['secretsmanager:GetSecretValue'], resources: [ksefSecretArn] }));
    if (definition.sendsMail) {
      // SES authorizes SendEmail against the verified identity: the address itself or its domain.
      const address = mailAddress(resources.mailFrom!);
      const identities = [address, address.split('@')[1]!].map((identity) =>
        Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: identity, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }),
      );
      this.role.addToPrincipalPolicy(new PolicyStatement({ sid: 'SendMail', actions: ['ses:SendEmail'], resources: identities }));
    }

    // ---- cdk-nag: the few findings that are inherent, acknowledged where they arise ------------
    acknowledge(
      this.function,
      'L1',
      'nodejs22.x is pinned on purpose: it is the runtime the handlers, their bundles (target node22) and the local stack are tested on; moving to nodejs24.x is a deliberate upgrade, not a drift.',
    );
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      acknowledge(
        defaultPolicy,
        'IAM5[Resource::*]',
        'Only X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) uses Resource "*": these actions do not support resource-level permissions.',
      );
      for (const objects of wildcardObjectArns) {
        acknowledgeWildcardResource(
          defaultPolicy,
          objects,
          `Object keys are generated per company and document at run time, so ${functionKey} gets object actions on this one bucket's objects only (per its definition in lib/definitions/functions.ts); which company may read or write which key is checked in code before any presigned URL is issued.`,
        );
      }
      if (ksefSecretArn) {
        acknowledgeWildcardResource(
          defaultPolicy,
          ksefSecretArn,
          'The KSeF connection secret is referenced by name; "-??????" only matches the random suffix Secrets Manager appends to that one secret\'s ARN (GetSecretValue only).',
        );
      }
    }
  }
}

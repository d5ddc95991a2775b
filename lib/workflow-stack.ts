import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType, type IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { physicalName, projectRoot, type PortalConfig } from './config.js';
import { ksefSecret } from './definitions/secrets.js';
import { ContextFunction } from './constructs/context-function.js';
import { QueueWithDlq } from './constructs/queue-with-dlq.js';
import { portalBucket } from './data-stack.js';
import {
  buckets,
  httpFunctionKeys,
  lambdaFunctions,
  queues,
  referencedFunctions,
  referencedQueues,
  stateMachines,
  type BucketKey,
  type FunctionDefinition,
  type FunctionKey,
  type QueueKey,
  type StateMachineDefinition,
  type StateMachineKey,
} from './definitions/index.js';
import { acknowledge } from './nag.js';

export interface WorkflowStackProps extends StackProps {
  readonly config: PortalConfig;
  readonly table: ITable;
  readonly authIssuer: string;
  readonly authAudience: readonly string[];
  /** For functions that manage users (lib/definitions/functions.ts `managesUsers`). */
  readonly userPool: IUserPool;
}

/**
 * Checks that every `${…}` placeholder of a definition is a function key or a queue's env var, the
 * two kinds the workflow stack substitutes: anything else would reach Step Functions verbatim.
 */
export function assertKnownPlaceholders(name: string, asl: Record<string, unknown>): void {
  const known = new Set<string>([...referencedFunctions(asl), ...referencedQueues(asl).map((key) => queues[key].envVar)]);
  for (const [, placeholder] of JSON.stringify(asl).matchAll(/\$\{(\w+)\}/g)) {
    if (!known.has(placeholder!)) {
      throw new Error(`State machine ${name} references "\${${placeholder}}", which is neither a function key nor a queue env var`);
    }
  }
}

/** Function keys that appear as `${key}` Task resources in any state machine definition. */
export function workflowFunctionKeys(): FunctionKey[] {
  const keys = new Set<FunctionKey>();
  for (const [name, { asl }] of Object.entries(stateMachines)) {
    assertKnownPlaceholders(name, asl);
    for (const key of referencedFunctions(asl)) keys.add(key);
  }
  return [...keys];
}

/**
 * Queue consumers (`consumes`) that are neither workflow task functions nor HTTP contexts: built
 * here, next to their queues, after the state machines (a consumer may report task tokens to them).
 * Demo stand-ins (`demo: true`) only with `includeDemo` (context `demoErp=true`).
 */
export function consumerFunctionKeys(includeDemo: boolean): FunctionKey[] {
  const elsewhere = new Set<FunctionKey>([...workflowFunctionKeys(), ...httpFunctionKeys()]);
  return (Object.keys(lambdaFunctions) as FunctionKey[]).filter((key) => {
    const definition: FunctionDefinition = lambdaFunctions[key];
    return definition.consumes !== undefined && !elsewhere.has(key) && (includeDemo || !definition.demo);
  });
}

/** Functions that run only as stand-ins of external systems; everything else must never depend on them. */
function assertDemoOnlyConsumes(): void {
  const referenced = new Set<FunctionKey>([...workflowFunctionKeys(), ...httpFunctionKeys()]);
  for (const key of Object.keys(lambdaFunctions) as FunctionKey[]) {
    const definition: FunctionDefinition = lambdaFunctions[key];
    if (definition.demo && (referenced.has(key) || !definition.consumes)) {
      throw new Error(`Demo function ${key} may only consume a queue: no route or state machine may depend on it`);
    }
  }
}

/**
 * Asynchronous side of the portal: one SQS queue + DLQ per `queues` entry, the Lambdas that state
 * machines call, one Step Functions state machine per `stateMachines` entry (its ASL taken
 * verbatim from the definition with `${functionKey}` substituted by that Lambda's ARN and
 * `${<QUEUE_ENV_VAR>}` by that queue's URL), and the queue consumers (SQS event sources).
 * Build order, so references only flow one way: queues → task Lambdas → state machines →
 * consumers (which may report task tokens to the state machines, never the reverse).
 * Deployed before the API stack, which receives its queues and state machines.
 */
export class WorkflowStack extends Stack {
  readonly queues: Record<QueueKey, QueueWithDlq>;
  readonly functions: Partial<Record<FunctionKey, ContextFunction>>;
  readonly stateMachines: Record<StateMachineKey, StateMachine>;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.queues = {} as Record<QueueKey, QueueWithDlq>;
    for (const key of Object.keys(queues) as QueueKey[]) {
      this.queues[key] = new QueueWithDlq(this, `${key}Queue`, {
        definition: queues[key],
        queueName: physicalName(config, queues[key].localName),
        removalPolicy,
      });
    }
    const queueRefs = {} as Record<QueueKey, IQueue>;
    for (const key of Object.keys(this.queues) as QueueKey[]) queueRefs[key] = this.queues[key].queue;
    const bucketRefs = Object.fromEntries((Object.keys(buckets) as BucketKey[]).map((key) => [key, portalBucket(this, config, key)])) as Record<
      BucketKey,
      ReturnType<typeof portalBucket>
    >;

    assertDemoOnlyConsumes();
    const buildFunction = (key: FunctionKey, stateMachineRefs?: Readonly<Record<StateMachineKey, IStateMachine>>) =>
      new ContextFunction(this, `${key}Function`, {
        functionKey: key,
        definition: lambdaFunctions[key],
        projectRoot,
        functionName: `${config.stackPrefix}-${key}`,
        timeout: Duration.seconds(30),
        removalPolicy,
        resources: {
          table: props.table,
          buckets: bucketRefs,
          queues: queueRefs,
          ...(stateMachineRefs ? { stateMachines: stateMachineRefs } : {}),
          authIssuer: props.authIssuer,
          authAudience: props.authAudience,
          userPool: props.userPool,
          mailFrom: config.mailFrom,
          ksefSecretName: physicalName(config, ksefSecret.localName),
        },
      });

    this.functions = {};
    for (const key of workflowFunctionKeys()) {
      const definition: FunctionDefinition = lambdaFunctions[key];
      if ((definition.startsWorkflows ?? []).length > 0 || definition.completesWorkflowTasks) {
        // Its state machine would reference it and it the state machine: a cycle in this stack.
        throw new Error(`Workflow task function ${key} must not start workflows or complete workflow tasks itself; emit an event instead`);
      }
      this.functions[key] = buildFunction(key);
    }

    this.stateMachines = {} as Record<StateMachineKey, StateMachine>;
    for (const key of Object.keys(stateMachines) as StateMachineKey[]) {
      const { asl, localName } = stateMachines[key];
      const taskFunctions = referencedFunctions(asl).map((fnKey) => {
        const fn = this.functions[fnKey];
        if (!fn) throw new Error(`State machine ${key} references function ${fnKey}, which was not built`);
        return [fnKey, fn] as const;
      });
      const sendsTo = referencedQueues(asl).map((queueKey) => [queueKey, queueRefs[queueKey]] as const);
      const stateMachineName = physicalName(config, localName);
      const logGroup = new LogGroup(this, `${key}StateMachineLogs`, {
        // The /aws/vendedlogs/ prefix keeps the account's CloudWatch Logs resource policy small.
        logGroupName: `/aws/vendedlogs/states/${stateMachineName}`,
        retention: RetentionDays.THREE_MONTHS,
        removalPolicy,
      });
      const stateMachine = new StateMachine(this, `${key}StateMachine`, {
        stateMachineName,
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromString(JSON.stringify(asl)),
        definitionSubstitutions: {
          ...Object.fromEntries(taskFunctions.map(([fnKey, fn]) => [fnKey, fn.function.functionArn])),
          ...Object.fromEntries(sendsTo.map(([queueKey, queue]) => [queues[queueKey].envVar, queue.queueUrl])),
        },
        logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
        tracingEnabled: true,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      // Exactly the task Lambdas (unqualified ARNs, as the ASL references them): no `:*` wildcard.
      stateMachine.addToRolePolicy(
        new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: taskFunctions.map(([, fn]) => fn.function.functionArn) }),
      );
      if (sendsTo.length > 0) {
        // SQS integrations (sendMessage[.waitForTaskToken]): SendMessage on exactly the queues the ASL names.
        stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: sendsTo.map(([, queue]) => queue.queueArn) }));
        for (const [, queue] of sendsTo) {
          // The portal's queues are SSE-SQS (no key policy involved); a customer managed key would need these.
          queue.encryptionMasterKey?.grant(stateMachine, 'kms:GenerateDataKey', 'kms:Decrypt');
        }
      }
      const defaultPolicy = stateMachine.role.node.tryFindChild('DefaultPolicy');
      if (defaultPolicy) {
        acknowledge(
          defaultPolicy,
          'IAM5[Resource::*]',
          'Resource "*" comes only from the CloudWatch Logs vended-delivery actions (logs:CreateLogDelivery, logs:PutResourcePolicy, ...) needed for execution logging and from X-Ray tracing (xray:PutTraceSegments, ...); neither supports resource-level permissions.',
        );
      }
      this.stateMachines[key] = stateMachine;
      const { schedule } = stateMachines[key] as StateMachineDefinition;
      if (schedule) {
        // Periodic workflows (the VIES re-check): an EventBridge rule starts an execution with input {}.
        new Rule(this, `${key}Schedule`, {
          description: `Starts ${stateMachineName} (${schedule})`,
          schedule: Schedule.expression(schedule),
          targets: [new SfnStateMachine(stateMachine, { input: RuleTargetInput.fromObject({}), retryAttempts: 3 })],
        });
      }
    }

    // Built after the state machines: they may start them or report their task tokens.
    for (const key of consumerFunctionKeys(config.demoErp)) this.functions[key] = buildFunction(key, this.stateMachines);
  }
}

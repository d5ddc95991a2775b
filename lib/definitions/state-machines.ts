import { lambdaFunctions, type FunctionKey } from './functions.js';
import { queues, type QueueKey } from './storage.js';

/**
 * State machines kept as data (Amazon States Language). Placeholders:
 *  - `${<FunctionKey>}` as a Task `Resource`: CDK substitutes the Lambda ARN; the local runner
 *    (local/stepfunctions.ts) calls the same handler module;
 *  - `${<QUEUE_ENV_VAR>}` (e.g. `${ERP_OUTBOUND_QUEUE_URL}`): the queue URL, for SQS integrations.
 * Nothing else differs between AWS and local.
 */
export interface StateMachineDefinition {
  readonly localName: string;
  readonly envVar: string;
  readonly asl: Record<string, unknown>;
  /** Started on a schedule (EventBridge rule, lib/workflow-stack.ts) with input `{}`; an EventBridge schedule expression. */
  readonly schedule?: string;
}

const lambdaRetry = [
  {
    ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
    IntervalSeconds: 1,
    MaxAttempts: 3,
    BackoffRate: 2,
  },
];

/** A Lambda step of the saga: `{ step, input }` in, the updated order state out. */
const task = (fn: FunctionKey, step: string, next: string, catchTo?: string, extraRetry: object[] = []) => ({
  Type: 'Task',
  Resource: `\${${fn}}`,
  Parameters: { step, 'input.$': '$' },
  Retry: [...lambdaRetry, ...extraRetry],
  ...(catchTo ? { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: catchTo }] } : {}),
  Next: next,
});

/** Seconds the saga waits for the ERP's answer before it gives up and compensates. */
export const erpReplyTimeoutSeconds = 900;

export const stateMachines = {
  orderPlacement: {
    localName: 'order-placement',
    envVar: 'ORDER_PLACEMENT_STATE_MACHINE_ARN',
    asl: {
      Comment:
        'Order placement saga: validate → reserve stock → reserve credit / charge balance → persist → ERP (wait for reply) → invoice PDF → e-mail. Failures release what was reserved, newest first.',
      StartAt: 'ValidateOrder',
      States: {
        // Checkout reserves stock in the order's own transaction already: a refused order gives it back.
        ValidateOrder: task('ordersWorkflow', 'validate', 'ReserveStock', 'ReleaseStock'),
        ReserveStock: task('ordersWorkflow', 'reserveStock', 'ReservePayment', 'MarkFailed'),
        ReservePayment: task('ordersWorkflow', 'reservePayment', 'PersistOrder', 'ReleaseStock'),
        PersistOrder: task('ordersWorkflow', 'persist', 'SendToErp', 'ReleasePayment'),
        SendToErp: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: {
            QueueUrl: `\${${queues.erpOutbound.envVar}}`,
            MessageBody: { type: 'order.placed', 'taskToken.$': '$$.Task.Token', 'order.$': '$.order' },
          },
          TimeoutSeconds: erpReplyTimeoutSeconds,
          ResultPath: '$.erp',
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'ReleasePayment' }],
          Next: 'RecordInvoice',
        },
        RecordInvoice: task('ordersWorkflow', 'recordInvoice', 'NotifyCustomer', 'ReleasePayment', [
          { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 },
        ]),
        NotifyCustomer: {
          ...task('ordersWorkflow', 'notify', 'OrderConfirmed'),
          // The order stands even if the e-mail cannot be sent.
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.notifyFailure', Next: 'OrderConfirmed' }],
        },
        OrderConfirmed: { Type: 'Succeed' },
        ReleasePayment: task('ordersWorkflow', 'releasePayment', 'ReleaseStock', undefined, [
          { ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 2 },
        ]),
        ReleaseStock: task('ordersWorkflow', 'releaseStock', 'MarkFailed', undefined, [
          { ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 2 },
        ]),
        MarkFailed: task('ordersWorkflow', 'markFailed', 'OrderFailed', undefined, [
          { ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 2 },
        ]),
        OrderFailed: { Type: 'Fail', Error: 'OrderFailed', Cause: 'The order could not be placed; every reservation was released' },
      },
    },
  },
  groupBuyClosing: {
    localName: 'group-buy-closing',
    envVar: 'GROUP_BUY_CLOSING_STATE_MACHINE_ARN',
    asl: {
      Comment:
        'BestPrice group buying: started when a pool opens (execution name = pool id, input { poolId, closesAt }); waits until closesAt, then closes the pool and emits one order event per participant on the domainEvents queue.',
      StartAt: 'WaitForClosing',
      States: {
        WaitForClosing: { Type: 'Wait', TimestampPath: '$.closesAt', Next: 'ClosePool' },
        ClosePool: {
          Type: 'Task',
          Resource: '${groupbuyClosing}',
          Parameters: { 'poolId.$': '$.poolId' },
          Retry: [...lambdaRetry, { ErrorEquals: ['States.ALL'], IntervalSeconds: 5, MaxAttempts: 6, BackoffRate: 2 }],
          End: true,
        },
      },
    },
  },
  rmaLifecycle: {
    localName: 'rma-lifecycle',
    envVar: 'RMA_LIFECYCLE_STATE_MACHINE_ARN',
    asl: {
      Comment:
        'RMA deadline workflow: started when a claim is filed or its deadline moves (execution name = <rmaId>-r<revision>, input { companyId, rmaId, revision, reminderAt, deadlineAt, reminderWakeAt, deadlineWakeAt }); reminds the assignee at reminderAt and marks a still open claim overdue at deadlineAt. A step woken early (waits are chunked to at most 20 days) answers { wakeAt } and the machine waits again. Steps of an outdated revision or a resolved claim do nothing; staff decisions are API calls.',
      StartAt: 'WaitForReminder',
      States: {
        WaitForReminder: { Type: 'Wait', TimestampPath: '$.reminderWakeAt', Next: 'RemindAssignee' },
        RemindAssignee: {
          Type: 'Task',
          Resource: '${rmaWorkflow}',
          Parameters: { step: 'remind', 'input.$': '$' },
          ResultPath: '$.reminder',
          Retry: [...lambdaRetry, { ErrorEquals: ['States.ALL'], IntervalSeconds: 5, MaxAttempts: 4, BackoffRate: 2 }],
          // A failed reminder must not cancel the deadline check.
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.reminderFailure', Next: 'WaitForDeadline' }],
          Next: 'ReminderDue',
        },
        ReminderDue: { Type: 'Choice', Choices: [{ Variable: '$.reminder.wakeAt', IsPresent: true, Next: 'WaitMoreForReminder' }], Default: 'WaitForDeadline' },
        WaitMoreForReminder: { Type: 'Wait', TimestampPath: '$.reminder.wakeAt', Next: 'RemindAssignee' },
        WaitForDeadline: { Type: 'Wait', TimestampPath: '$.deadlineWakeAt', Next: 'CheckDeadline' },
        CheckDeadline: {
          Type: 'Task',
          Resource: '${rmaWorkflow}',
          Parameters: { step: 'deadline', 'input.$': '$' },
          ResultPath: '$.deadline',
          Retry: [...lambdaRetry, { ErrorEquals: ['States.ALL'], IntervalSeconds: 5, MaxAttempts: 4, BackoffRate: 2 }],
          Next: 'DeadlineDue',
        },
        DeadlineDue: { Type: 'Choice', Choices: [{ Variable: '$.deadline.wakeAt', IsPresent: true, Next: 'WaitMoreForDeadline' }], Default: 'DeadlineChecked' },
        WaitMoreForDeadline: { Type: 'Wait', TimestampPath: '$.deadline.wakeAt', Next: 'CheckDeadline' },
        DeadlineChecked: { Type: 'Succeed' },
      },
    },
  },
  vatRecheck: {
    localName: 'vat-recheck',
    envVar: 'VAT_RECHECK_STATE_MACHINE_ARN',
    schedule: 'rate(1 day)',
    asl: {
      Comment:
        'Scheduled VIES re-check (issue 13 item 5): started daily; re-checks one page of companies whose VAT-ID check is due (check-due index GSI2, no Scan) and loops while the task answers a nextKey. Input {} (optional now: ISO time of the check).',
      StartAt: 'RecheckDue',
      States: {
        RecheckDue: {
          Type: 'Task',
          Resource: '${vatRecheck}',
          Parameters: { 'input.$': '$' },
          Retry: [...lambdaRetry, { ErrorEquals: ['States.ALL'], IntervalSeconds: 30, MaxAttempts: 3, BackoffRate: 2 }],
          Next: 'MoreDue',
        },
        MoreDue: { Type: 'Choice', Choices: [{ Variable: '$.nextKey', IsPresent: true, Next: 'NextPage' }], Default: 'RecheckDone' },
        NextPage: { Type: 'Pass', Parameters: { 'startKey.$': '$.nextKey', 'now.$': '$.now' }, Next: 'RecheckDue' },
        RecheckDone: { Type: 'Succeed' },
      },
    },
  },
} as const satisfies Record<string, StateMachineDefinition>;

export type StateMachineKey = keyof typeof stateMachines;

const placeholders = (asl: Record<string, unknown>): Set<string> => new Set([...JSON.stringify(asl).matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]!));

/** Function keys referenced as `${key}` Task resources of a definition. */
export function referencedFunctions(asl: Record<string, unknown>): FunctionKey[] {
  return [...placeholders(asl)].filter((key): key is FunctionKey => key in lambdaFunctions);
}

/** Queues whose URL a definition references as `${<QUEUE_ENV_VAR>}`. */
export function referencedQueues(asl: Record<string, unknown>): QueueKey[] {
  const used = placeholders(asl);
  return (Object.keys(queues) as QueueKey[]).filter((key) => used.has(queues[key].envVar));
}

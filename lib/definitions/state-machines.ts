import type { FunctionKey } from './functions.js';

/**
 * State machines kept as data (Amazon States Language). A Task's `Resource` is `${<FunctionKey>}`:
 * CDK substitutes the Lambda ARN (definitionSubstitutions); the local runner (local/stepfunctions.ts)
 * maps the state to the same handler module. Nothing else differs between AWS and local.
 */
export interface StateMachineDefinition {
  readonly localName: string;
  readonly envVar: string;
  readonly asl: Record<string, unknown>;
}

const task = (fn: FunctionKey, step: string, next: string, catchTo: string) => ({
  Type: 'Task',
  Resource: `\${${fn}}`,
  Parameters: { step, 'input.$': '$' },
  Retry: [
    { ErrorEquals: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 },
  ],
  Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: catchTo }],
  Next: next,
});

export const stateMachines = {
  orderPlacement: {
    localName: 'order-placement',
    envVar: 'ORDER_PLACEMENT_STATE_MACHINE_ARN',
    asl: {
      Comment: 'Order placement saga. The checkout issue adds stock/credit reservation, ERP hand-off and compensation.',
      StartAt: 'ValidateOrder',
      States: {
        ValidateOrder: task('ordersWorkflow', 'validate', 'OrderAccepted', 'OrderRejected'),
        OrderAccepted: { Type: 'Succeed' },
        OrderRejected: { Type: 'Fail', Error: 'OrderRejected', Cause: 'The order failed validation' },
      },
    },
  },
} as const satisfies Record<string, StateMachineDefinition>;

export type StateMachineKey = keyof typeof stateMachines;

/** Function keys referenced as `${key}` by Task states of a definition. */
export function referencedFunctions(asl: Record<string, unknown>): FunctionKey[] {
  const found = new Set<string>();
  for (const match of JSON.stringify(asl).matchAll(/"\$\{(\w+)\}"/g)) found.add(match[1]!);
  return [...found] as FunctionKey[];
}

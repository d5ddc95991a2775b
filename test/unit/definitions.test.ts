import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lambdaFunctions, referencedFunctions, routes, stateMachines, userPool, roles } from '../../lib/definitions/index.js';
import { prepareDefinition } from '../../local/stepfunctions.js';

describe('shared resource definitions', () => {
  it('point every route and state machine task at an existing function module', () => {
    for (const route of routes) expect(existsSync(lambdaFunctions[route.context].entry)).toBe(true);
    for (const machine of Object.values(stateMachines)) {
      for (const key of referencedFunctions(machine.asl)) expect(lambdaFunctions).toHaveProperty(key);
    }
  });

  it('has no duplicate routes', () => {
    const keys = routes.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('defines a Cognito group for every role', () => {
    expect([...userPool.groups]).toEqual([...roles]);
  });

  it('maps each Task state to a local handler and substitutes ARNs and queue URLs like CDK', () => {
    const { definition, handlers } = prepareDefinition(stateMachines.orderPlacement.asl, {
      ERP_OUTBOUND_QUEUE_URL: 'http://127.0.0.1:1/000000000000/b2b-erp-outbound',
    });
    const taskStates = Object.entries(definition.States as Record<string, { Type: string }>)
      .filter(([, state]) => state.Type === 'Task')
      .map(([name]) => name);
    expect(Object.keys(handlers).sort()).toEqual(taskStates.sort());
    expect(definition.States.ValidateOrder.Resource).toMatch(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:ordersWorkflow$/);
    expect(definition.States.SendToErp.Parameters.QueueUrl).toBe('http://127.0.0.1:1/000000000000/b2b-erp-outbound');
    expect(JSON.stringify(definition)).not.toMatch(/\$\{/);
  });

  it('compensates in reverse order of reservation', () => {
    const states = stateMachines.orderPlacement.asl.States as unknown as Record<string, { Next?: string; Catch: { Next: string }[] }>;
    expect(states.ReservePayment!.Catch[0]!.Next).toBe('ReleaseStock');
    expect(states.PersistOrder!.Catch[0]!.Next).toBe('ReleasePayment');
    expect(states.SendToErp!.Catch[0]!.Next).toBe('ReleasePayment');
    expect(states.ReleasePayment!.Next).toBe('ReleaseStock');
    expect(states.ReleaseStock!.Next).toBe('MarkFailed');
  });
});

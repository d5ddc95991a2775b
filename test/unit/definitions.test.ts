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

  it('maps each Lambda task state to a local handler and substitutes ARNs like CDK', () => {
    const { definition, handlers } = prepareDefinition(stateMachines.orderPlacement.asl);
    expect(Object.keys(handlers)).toEqual(['ValidateOrder']);
    expect(definition.States.ValidateOrder.Resource).toMatch(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:ordersWorkflow$/);
  });
});

import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { stateMachines } from '../../lib/definitions/index.js';
import { buildTestApp, resourcesOf, templateOf } from './helpers.js';

type Props = Record<string, any>;

/** Group buying: closing workflow (Wait → task), its task Lambda, the order consumer and the HTTP function. */
describe('group buying infrastructure', () => {
  let workflow: Template;
  let api: Template;

  beforeAll(() => {
    const portal = buildTestApp();
    workflow = templateOf(portal.workflow);
    api = templateOf(portal.api);
  });

  const functionId = (template: Template, key: string) =>
    Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).find(([, fn]) => (fn.Properties as Props).FunctionName === `b2b-portal-dev-${key}`)?.[0];
  const functionProps = (template: Template, key: string) => resourcesOf(template, 'AWS::Lambda::Function')[functionId(template, key)!]!.Properties as Props;
  const statements = (template: Template, key: string): Props[] => {
    const roleId = functionProps(template, key).Role['Fn::GetAtt'][0];
    return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
      .filter((policy) => ((policy.Properties as Props).Roles as Props[]).some((role) => role.Ref === roleId))
      .flatMap((policy) => (policy.Properties as Props).PolicyDocument.Statement as Props[]);
  };
  const actions = (list: Props[]) => list.flatMap((statement) => [statement.Action].flat() as string[]);
  const machineId = (template: Template, key: keyof typeof stateMachines) =>
    Object.entries(resourcesOf(template, 'AWS::StepFunctions::StateMachine')).find(
      ([, machine]) => (machine.Properties as Props).StateMachineName === `${stateMachines[key].localName}-dev`,
    )?.[0];

  it('the closing state machine waits until $.closesAt and then invokes the closing task', () => {
    const asl = stateMachines.groupBuyClosing.asl as unknown as { StartAt: string; States: Record<string, Props> };
    expect(asl.States[asl.StartAt]).toEqual({ Type: 'Wait', TimestampPath: '$.closesAt', Next: 'ClosePool' });
    expect(asl.States.ClosePool).toMatchObject({ Type: 'Task', Resource: '${groupbuyClosing}', End: true });
    const machine = resourcesOf(workflow, 'AWS::StepFunctions::StateMachine')[machineId(workflow, 'groupBuyClosing')!]!.Properties as Props;
    expect(machine.DefinitionSubstitutions.groupbuyClosing).toEqual({ 'Fn::GetAtt': [functionId(workflow, 'groupbuyClosing'), 'Arn'] });
  });

  it('the closing task only sends to domainEvents and starts no workflow', () => {
    const granted = actions(statements(workflow, 'groupbuyClosing'));
    expect(granted).toContain('sqs:SendMessage');
    expect(granted.filter((action) => action.startsWith('states:'))).toEqual([]);
  });

  it('the order consumer reads domainEvents and may start the order saga only', () => {
    const mappings = Object.values(resourcesOf(workflow, 'AWS::Lambda::EventSourceMapping')).map((mapping) => mapping.Properties as Props);
    const mapping = mappings.find((candidate) => candidate.FunctionName?.Ref === functionId(workflow, 'groupbuyOrders'));
    expect(mapping).toMatchObject({ FunctionResponseTypes: ['ReportBatchItemFailures'] });
    const starts = statements(workflow, 'groupbuyOrders').filter((statement) => actions([statement]).includes('states:StartExecution'));
    expect(starts.map((statement) => statement.Resource)).toEqual([{ Ref: machineId(workflow, 'orderPlacement') }]);
    expect(functionProps(workflow, 'groupbuyOrders').Environment.Variables[stateMachines.orderPlacement.envVar]).toEqual({
      Ref: machineId(workflow, 'orderPlacement'),
    });
  });

  it('the HTTP function starts the closing workflow and nothing else', () => {
    const fn = functionProps(api, 'groupbuy');
    expect(Object.keys(fn.Environment.Variables)).toContain(stateMachines.groupBuyClosing.envVar);
    const starts = statements(api, 'groupbuy').filter((statement) => actions([statement]).includes('states:StartExecution'));
    expect(starts).toHaveLength(1);
    expect(JSON.stringify(starts[0]!.Resource)).toContain('groupBuyClosing');
  });
});

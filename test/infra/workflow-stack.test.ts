import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PortalApp } from '../../lib/app.js';
import {
  deadLetterName,
  httpFunctionKeys,
  lambdaFunctions,
  queues,
  referencedFunctions,
  referencedQueues,
  stateMachines,
  type FunctionDefinition,
  type FunctionKey,
} from '../../lib/definitions/index.js';
import { buildTestApp, resourcesOf, templateOf } from './helpers.js';

type Props = Record<string, any>;

describe('workflow stack', () => {
  let portal: PortalApp;
  let template: Template;

  beforeAll(() => {
    portal = buildTestApp();
    template = templateOf(portal.workflow);
  });

  const queueIdByName = (from: Template = template) =>
    Object.fromEntries(Object.entries(resourcesOf(from, 'AWS::SQS::Queue')).map(([id, q]) => [(q.Properties as Props).QueueName, id]));
  const queueId = (key: keyof typeof queues, from: Template = template) => queueIdByName(from)[`${queues[key].localName}-dev`]!;
  const functionIdByName = (from: Template = template) =>
    Object.fromEntries(Object.entries(resourcesOf(from, 'AWS::Lambda::Function')).map(([id, fn]) => [(fn.Properties as Props).FunctionName, id]));
  /** Every IAM statement attached to the role with this logical id. */
  const statementsOfRole = (roleId: string, from: Template = template): Props[] =>
    Object.values(resourcesOf(from, 'AWS::IAM::Policy'))
      .filter((policy) => ((policy.Properties as Props).Roles as Props[]).some((role) => role.Ref === roleId))
      .flatMap((policy) => (policy.Properties as Props).PolicyDocument.Statement as Props[]);
  const actionsOf = (statement: Props) => [statement.Action].flat() as string[];
  /** Queue consumers deployed by default: `consumes`, not demo, not an HTTP context (those live in the API stack). */
  const defaultConsumers = (Object.keys(lambdaFunctions) as FunctionKey[]).filter((key) => {
    const definition: FunctionDefinition = lambdaFunctions[key];
    return definition.consumes !== undefined && !definition.demo && !httpFunctionKeys().includes(key);
  });

  describe('queues', () => {
    it('creates one queue and one dead-letter queue per definition', () => {
      expect(Object.keys(resourcesOf(template, 'AWS::SQS::Queue'))).toHaveLength(Object.keys(queues).length * 2);
    });

    for (const [key, definition] of Object.entries(queues)) {
      it(`${key}: redrives to ${deadLetterName(definition.localName + '-dev')} after ${definition.maxReceiveCount} receives`, () => {
        const name = `${definition.localName}-dev`;
        const ids = queueIdByName();
        const queue = resourcesOf(template, 'AWS::SQS::Queue')[ids[name]!]!.Properties as Props;
        expect(queue.RedrivePolicy).toEqual({
          deadLetterTargetArn: { 'Fn::GetAtt': [ids[deadLetterName(name)], 'Arn'] },
          maxReceiveCount: definition.maxReceiveCount,
        });
        expect(queue.VisibilityTimeout).toBe(definition.consumerTimeoutSeconds * 6);
        expect(queue.SqsManagedSseEnabled).toBe(true);
        const dlq = resourcesOf(template, 'AWS::SQS::Queue')[ids[deadLetterName(name)]!]!.Properties as Props;
        expect(dlq.SqsManagedSseEnabled).toBe(true);
        expect(dlq.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      });
    }

    it('denies non-TLS access to every queue', () => {
      const ids = Object.keys(resourcesOf(template, 'AWS::SQS::Queue'));
      const secured = Object.values(resourcesOf(template, 'AWS::SQS::QueuePolicy')).filter((policy) =>
        ((policy.Properties as Props).PolicyDocument.Statement as Props[]).some(
          (s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
        ),
      );
      const covered = secured.flatMap((policy) => ((policy.Properties as Props).Queues as Props[]).map((ref) => ref.Ref));
      expect(covered.sort()).toEqual(ids.sort());
    });

    it('alarms as soon as a message reaches a dead-letter queue', () => {
      const ids = queueIdByName();
      const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties as Props);
      expect(alarms).toHaveLength(Object.keys(queues).length);
      for (const definition of Object.values(queues)) {
        const dlqId = ids[deadLetterName(`${definition.localName}-dev`)];
        const alarm = alarms.find((a) => a.Dimensions?.[0]?.Value?.['Fn::GetAtt']?.[0] === dlqId);
        expect(alarm, definition.localName).toMatchObject({
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Namespace: 'AWS/SQS',
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'notBreaching',
        });
      }
    });
  });

  describe('state machines', () => {
    const machineFor = (localName: string) =>
      Object.values(resourcesOf(template, 'AWS::StepFunctions::StateMachine')).find((m) => (m.Properties as Props).StateMachineName === `${localName}-dev`)!
        .Properties as Props;

    it('builds the task Lambdas the definitions reference and the queue consumers, on Node.js 22', () => {
      const expected = [...new Set([...Object.values(stateMachines).flatMap((m) => referencedFunctions(m.asl)), ...defaultConsumers])];
      expect(expected).toContain('erpReplies');
      expect(expected).not.toContain('demoErp');
      const fns = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).map((fn) => fn.Properties as Props);
      expect(fns.map((fn) => fn.FunctionName).sort()).toEqual(expected.map((key) => `b2b-portal-dev-${key}`).sort());
      for (const fn of fns) expect(fn.Runtime).toBe('nodejs22.x');
    });

    for (const [key, definition] of Object.entries(stateMachines)) {
      it(`${key}: deploys the ASL of the definition with Lambda ARNs and queue URLs substituted`, () => {
        const machine = machineFor(definition.localName);
        expect(JSON.parse(machine.DefinitionString)).toEqual(definition.asl);

        const fnIds = functionIdByName();
        const substitutions = machine.DefinitionSubstitutions as Props;
        const used = referencedFunctions(definition.asl);
        const usedQueues = referencedQueues(definition.asl);
        expect(Object.keys(substitutions).sort()).toEqual([...used, ...usedQueues.map((queue) => queues[queue].envVar)].sort());
        for (const fnKey of used) expect(substitutions[fnKey]).toEqual({ 'Fn::GetAtt': [fnIds[`b2b-portal-dev-${fnKey}`], 'Arn'] });
        for (const queue of usedQueues) expect(substitutions[queues[queue].envVar], queue).toEqual({ Ref: queueId(queue) });

        // What Step Functions runs: every Task resource is a Lambda ARN or a service integration
        // whose queue URL was substituted; no placeholder is left.
        let substituted = machine.DefinitionString as string;
        for (const [name, value] of Object.entries(substitutions))
          substituted = substituted.replaceAll(`\${${name}}`, JSON.stringify(value).replaceAll('"', "'"));
        expect(substituted).not.toMatch(/\$\{\w+\}/);
        const states = JSON.parse(substituted).States as Record<string, Props>;
        const tasks = Object.entries(states).filter(([, state]) => state.Type === 'Task');
        expect(tasks.length).toBeGreaterThan(0);
        for (const [name, task] of tasks) {
          if ((task.Resource as string).startsWith('arn:aws:states:::sqs:')) {
            expect(task.Parameters.QueueUrl, name).toMatch(/^\{'Ref':'.+'\}$/);
          } else {
            expect(task.Resource, name).toMatch(/^\{'Fn::GetAtt':\['.+','Arn'\]\}$/);
          }
        }
        expect(Object.keys(states)).toEqual(Object.keys((definition.asl as Props).States));
      });

      it(`${key}: logs ALL events, traces, and may invoke exactly its task Lambdas`, () => {
        const machine = machineFor(definition.localName);
        expect(machine.LoggingConfiguration.Level).toBe('ALL');
        expect(machine.TracingConfiguration).toEqual({ Enabled: true });

        const statements = statementsOfRole(machine.RoleArn['Fn::GetAtt'][0]);
        const invoke = statements.filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
        const fnIds = functionIdByName();
        expect(invoke.flatMap((s) => [s.Resource].flat())).toEqual(
          referencedFunctions(definition.asl).map((fnKey) => ({ 'Fn::GetAtt': [fnIds[`b2b-portal-dev-${fnKey}`], 'Arn'] })),
        );
      });

      it(`${key}: may send to exactly the queues its ASL names, and to no other`, () => {
        const machine = machineFor(definition.localName);
        const sqs = statementsOfRole(machine.RoleArn['Fn::GetAtt'][0]).filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
        expect(sqs.flatMap(actionsOf).every((action) => action === 'sqs:SendMessage')).toBe(true);
        expect(sqs.flatMap((s) => [s.Resource].flat())).toEqual(referencedQueues(definition.asl).map((queue) => ({ 'Fn::GetAtt': [queueId(queue), 'Arn'] })));
        // The portal's queues use SSE-SQS: no KMS key to grant.
        expect(
          statementsOfRole(machine.RoleArn['Fn::GetAtt'][0])
            .flatMap(actionsOf)
            .filter((a) => a.startsWith('kms:')),
        ).toEqual([]);
      });
    }

    it('orderPlacement: hands the order to the ERP on erpOutbound and waits for the task token', () => {
      expect(referencedQueues(stateMachines.orderPlacement.asl)).toEqual(['erpOutbound']);
      const machine = machineFor(stateMachines.orderPlacement.localName);
      expect(machine.DefinitionSubstitutions.ERP_OUTBOUND_QUEUE_URL).toEqual({ Ref: queueId('erpOutbound') });
      const sendToErp = (JSON.parse(machine.DefinitionString) as Props).States.SendToErp as Props;
      expect(sendToErp.Resource).toBe('arn:aws:states:::sqs:sendMessage.waitForTaskToken');
      expect(sendToErp.Parameters.QueueUrl).toBe('${ERP_OUTBOUND_QUEUE_URL}');
    });
  });

  describe('queue consumers', () => {
    const mappings = (from: Template = template) =>
      Object.values(resourcesOf(from, 'AWS::Lambda::EventSourceMapping')).map((mapping) => mapping.Properties as Props);
    const functionProps = (key: FunctionKey, from: Template = template) =>
      resourcesOf(from, 'AWS::Lambda::Function')[functionIdByName(from)[`b2b-portal-dev-${key}`]!]!.Properties as Props;
    const consumerOf = (queue: keyof typeof queues, from: Template = template) =>
      mappings(from).filter((m) => JSON.stringify(m.EventSourceArn) === JSON.stringify({ 'Fn::GetAtt': [queueId(queue, from), 'Arn'] }));

    it('attaches one SQS event source per consumer, with partial batch responses', () => {
      expect(mappings()).toHaveLength(defaultConsumers.length);
      const fnIds = functionIdByName();
      for (const key of defaultConsumers) {
        const queue = (lambdaFunctions[key] as FunctionDefinition).consumes!;
        const [mapping, ...others] = consumerOf(queue);
        expect(others, key).toEqual([]);
        expect(mapping, key).toMatchObject({
          FunctionName: { Ref: fnIds[`b2b-portal-dev-${key}`] },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          BatchSize: 10,
        });
        expect(mapping!.MaximumBatchingWindowInSeconds, key).toBeGreaterThan(0);
        expect(mapping!.MaximumBatchingWindowInSeconds, key).toBeLessThanOrEqual(5);
        // Visibility timeout = 6x the consumer's timeout (AWS guidance for Lambda event sources).
        expect(functionProps(key).Timeout, key).toBe(queues[queue].consumerTimeoutSeconds);
      }
    });

    const stateMachineIdOf = (key: keyof typeof stateMachines) =>
      Object.entries(resourcesOf(template, 'AWS::StepFunctions::StateMachine')).find(
        ([, machine]) => (machine.Properties as Props).StateMachineName === `${stateMachines[key].localName}-dev`,
      )![0];

    it('erpReplies consumes erpInbound and may report task tokens of the order saga only', () => {
      const [mapping] = consumerOf('erpInbound');
      expect(mapping!.FunctionName).toEqual({ Ref: functionIdByName()['b2b-portal-dev-erpReplies'] });

      const fn = functionProps('erpReplies');
      expect(fn.Environment.Variables[stateMachines.orderPlacement.envVar]).toEqual({ Ref: stateMachineIdOf('orderPlacement') });
      expect(fn.Environment.Variables[stateMachines.groupBuyClosing.envVar]).toBeUndefined();

      const statements = statementsOfRole(fn.Role['Fn::GetAtt'][0]);
      const taskResponses = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('states:')));
      expect(taskResponses.flatMap(actionsOf).sort()).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']);
      // Only machines that issue task tokens (.waitForTaskToken): the order saga, not e.g. groupBuyClosing.
      expect(taskResponses.flatMap((s) => [s.Resource].flat())).toEqual([{ Ref: stateMachineIdOf('orderPlacement') }]);

      // Consumes erpInbound (receive/delete/visibility) and sends nowhere: it declares no sendsTo.
      const sqs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
      expect(sqs.flatMap(actionsOf)).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']));
      expect(sqs.flatMap(actionsOf)).not.toContain('sqs:SendMessage');
      expect(sqs.flatMap((s) => [s.Resource].flat())).toEqual(sqs.map(() => ({ 'Fn::GetAtt': [queueId('erpInbound'), 'Arn'] })));
    });

    it('keeps references one way: no state machine refers to a consumer', () => {
      const consumerIds = defaultConsumers.map((key) => functionIdByName()[`b2b-portal-dev-${key}`]!);
      for (const [id, machine] of Object.entries(resourcesOf(template, 'AWS::StepFunctions::StateMachine'))) {
        const roleId = (machine.Properties as Props).RoleArn['Fn::GetAtt'][0];
        const text = JSON.stringify([machine, statementsOfRole(roleId)]);
        for (const consumer of consumerIds) expect(text, `${id} → ${consumer}`).not.toContain(consumer);
      }
    });

    it('deploys the demo ERP only with -c demoErp=true', () => {
      expect(functionIdByName()['b2b-portal-dev-demoErp']).toBeUndefined();
      // Without it, nothing in AWS consumes erpOutbound: the customer's ERP connector does.
      expect(consumerOf('erpOutbound')).toEqual([]);

      const demo = templateOf(buildTestApp({ context: { demoErp: 'true' } }).workflow);
      const fnId = functionIdByName(demo)['b2b-portal-dev-demoErp'];
      expect(fnId).toBeDefined();
      const [mapping, ...others] = consumerOf('erpOutbound', demo);
      expect(others).toEqual([]);
      expect(mapping).toMatchObject({ FunctionName: { Ref: fnId }, FunctionResponseTypes: ['ReportBatchItemFailures'], BatchSize: 10 });

      const fn = functionProps('demoErp', demo);
      expect(fn.Timeout).toBe(queues.erpOutbound.consumerTimeoutSeconds);
      const statements = statementsOfRole(fn.Role['Fn::GetAtt'][0], demo);
      const sends = statements.filter((s) => actionsOf(s).includes('sqs:SendMessage'));
      expect(sends.flatMap((s) => [s.Resource].flat())).toEqual([{ 'Fn::GetAtt': [queueId('erpInbound', demo), 'Arn'] }]);
      expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('states:'))).toEqual([]);
      const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
      for (const write of writes) expect(statements.flatMap(actionsOf)).not.toContain(write);

      expect(() => buildTestApp({ context: { demoErp: 'maybe' } })).toThrow(/demoErp/);
    });
  });
});

import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PortalApp } from '../../lib/app.js';
import { deadLetterName, queues, referencedFunctions, stateMachines } from '../../lib/definitions/index.js';
import { buildTestApp, resourcesOf, templateOf } from './helpers.js';

type Props = Record<string, any>;

describe('workflow stack', () => {
  let portal: PortalApp;
  let template: Template;

  beforeAll(() => {
    portal = buildTestApp();
    template = templateOf(portal.workflow);
  });

  const queueIdByName = () =>
    Object.fromEntries(Object.entries(resourcesOf(template, 'AWS::SQS::Queue')).map(([id, q]) => [(q.Properties as Props).QueueName, id]));

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

    it('builds the task Lambdas the definitions reference, on Node.js 22', () => {
      const expected = [...new Set(Object.values(stateMachines).flatMap((m) => referencedFunctions(m.asl)))];
      const fns = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).map((fn) => fn.Properties as Props);
      expect(fns.map((fn) => fn.FunctionName).sort()).toEqual(expected.map((key) => `b2b-portal-dev-${key}`).sort());
      for (const fn of fns) expect(fn.Runtime).toBe('nodejs22.x');
    });

    for (const [key, definition] of Object.entries(stateMachines)) {
      it(`${key}: deploys the ASL of the definition with Lambda ARNs substituted`, () => {
        const machine = machineFor(definition.localName);
        expect(JSON.parse(machine.DefinitionString)).toEqual(definition.asl);

        const fnIds = Object.fromEntries(
          Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).map(([id, fn]) => [(fn.Properties as Props).FunctionName, id]),
        );
        const substitutions = machine.DefinitionSubstitutions as Props;
        const used = referencedFunctions(definition.asl);
        expect(Object.keys(substitutions).sort()).toEqual([...used].sort());
        for (const fnKey of used) expect(substitutions[fnKey]).toEqual({ 'Fn::GetAtt': [fnIds[`b2b-portal-dev-${fnKey}`], 'Arn'] });

        // What Step Functions runs: every Task resource becomes a Lambda ARN.
        let substituted = machine.DefinitionString as string;
        for (const [fnKey, value] of Object.entries(substitutions)) substituted = substituted.replaceAll(`\${${fnKey}}`, JSON.stringify(value).replaceAll('"', "'"));
        const states = JSON.parse(substituted).States as Record<string, Props>;
        const tasks = Object.entries(states).filter(([, state]) => state.Type === 'Task');
        expect(tasks.length).toBeGreaterThan(0);
        for (const [name, task] of tasks) expect(task.Resource, name).toMatch(/^\{'Fn::GetAtt':\['.+','Arn'\]\}$/);
        expect(Object.keys(states)).toEqual(Object.keys((definition.asl as Props).States));
      });

      it(`${key}: logs ALL events, traces, and may invoke exactly its task Lambdas`, () => {
        const machine = machineFor(definition.localName);
        expect(machine.LoggingConfiguration.Level).toBe('ALL');
        expect(machine.TracingConfiguration).toEqual({ Enabled: true });

        const roleId = machine.RoleArn['Fn::GetAtt'][0];
        const statements = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
          .filter((policy) => ((policy.Properties as Props).Roles as Props[]).some((role) => role.Ref === roleId))
          .flatMap((policy) => (policy.Properties as Props).PolicyDocument.Statement as Props[]);
        const invoke = statements.filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
        const fnIds = Object.fromEntries(
          Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).map(([id, fn]) => [(fn.Properties as Props).FunctionName, id]),
        );
        expect(invoke.flatMap((s) => [s.Resource].flat())).toEqual(
          referencedFunctions(definition.asl).map((fnKey) => ({ 'Fn::GetAtt': [fnIds[`b2b-portal-dev-${fnKey}`], 'Arn'] })),
        );
      });
    }
  });
});

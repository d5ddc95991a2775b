import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PortalApp } from '../../lib/app.js';
import { deadLetterName, queues } from '../../lib/definitions/index.js';
import { buildTestApp, resourcesOf, templateOf } from './helpers.js';

type Props = Record<string, any>;

/** Webhook delivery infrastructure (issue #14 item 3): queues with DLQs, the dispatcher and the worker. */
describe('webhooks', () => {
  let portal: PortalApp;
  let workflow: Template;
  let api: Template;

  beforeAll(() => {
    portal = buildTestApp();
    workflow = templateOf(portal.workflow);
    api = templateOf(portal.api);
  });

  const queueIds = () => Object.fromEntries(Object.entries(resourcesOf(workflow, 'AWS::SQS::Queue')).map(([id, q]) => [(q.Properties as Props).QueueName, id]));
  const functionId = (from: Template, name: string) =>
    Object.entries(resourcesOf(from, 'AWS::Lambda::Function')).find(([, fn]) => (fn.Properties as Props).FunctionName === `b2b-portal-dev-${name}`)![0];
  const roleStatements = (from: Template, fnId: string): Props[] => {
    const roleId = (resourcesOf(from, 'AWS::Lambda::Function')[fnId]!.Properties as Props).Role['Fn::GetAtt'][0];
    return Object.values(resourcesOf(from, 'AWS::IAM::Policy'))
      .filter((policy) => ((policy.Properties as Props).Roles as Props[]).some((role) => role.Ref === roleId))
      .flatMap((policy) => (policy.Properties as Props).PolicyDocument.Statement as Props[]);
  };

  it('delivers through a queue with a DLQ after the last attempt', () => {
    const ids = queueIds();
    const name = `${queues.webhookDeliveries.localName}-dev`;
    const queue = resourcesOf(workflow, 'AWS::SQS::Queue')[ids[name]!]!.Properties as Props;
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [ids[deadLetterName(name)], 'Arn'] },
      maxReceiveCount: queues.webhookDeliveries.maxReceiveCount,
    });
    expect(queue.VisibilityTimeout).toBe(queues.webhookDeliveries.consumerTimeoutSeconds * 6);
    expect(ids[`${queues.webhookEvents.localName}-dev`]).toBeDefined();
  });

  it('runs the worker on the delivery queue (partial batch responses) and lets it back off', () => {
    const ids = queueIds();
    const mappings = Object.values(resourcesOf(workflow, 'AWS::Lambda::EventSourceMapping')).map((mapping) => mapping.Properties as Props);
    for (const [fn, queue] of [
      ['webhookWorker', queues.webhookDeliveries.localName],
      ['webhookDispatcher', queues.webhookEvents.localName],
    ] as const) {
      const mapping = mappings.find((candidate) => candidate.FunctionName.Ref === functionId(workflow, fn));
      expect(mapping, fn).toBeDefined();
      expect(mapping!.EventSourceArn).toEqual({ 'Fn::GetAtt': [ids[`${queue}-dev`], 'Arn'] });
      expect(mapping!.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    }
    const worker = roleStatements(workflow, functionId(workflow, 'webhookWorker'));
    expect(worker.some((statement) => [statement.Action].flat().includes('sqs:ChangeMessageVisibility'))).toBe(true);
    // The worker sends to no queue: a retry is the same message, made visible later.
    expect(worker.some((statement) => [statement.Action].flat().includes('sqs:SendMessage'))).toBe(false);
    const dispatcher = roleStatements(workflow, functionId(workflow, 'webhookDispatcher'));
    expect(dispatcher.filter((statement) => [statement.Action].flat().includes('sqs:SendMessage')).map((statement) => statement.Resource)).toEqual([
      { 'Fn::GetAtt': [ids[`${queues.webhookDeliveries.localName}-dev`], 'Arn'] },
    ]);
  });

  it('serves the console routes from the webhooks function, which may enqueue replays', () => {
    const statements = roleStatements(api, functionId(api, 'webhooks'));
    const sends = statements.filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'));
    expect(sends).toHaveLength(1);
    expect(JSON.stringify(sends[0]!.Resource)).toContain('webhookDeliveries');
  });
});

import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buckets, deadLetterName, queues } from '../../lib/definitions/index.js';
import { appTemplates, buildTestApp, findPortalFunction, functionStatements, resourcesOf } from './helpers.js';

type Props = Record<string, any>;

/** BMEcat export as a job (issue 18): its queue with a DLQ, the export worker and what each function may touch. */
describe('BMEcat export jobs', () => {
  let templates: Template[];

  beforeAll(() => {
    templates = appTemplates(buildTestApp());
  });

  const name = `${queues.catalogExports.localName}-dev`;
  const queuesById = () =>
    templates.flatMap((template) =>
      Object.entries(resourcesOf(template, 'AWS::SQS::Queue')).map(([id, queue]) => ({ id, template, props: queue.Properties as Props })),
    );
  const actionsOf = (key: string) =>
    functionStatements(templates, key).map((statement) => ({ actions: [statement.Action].flat() as string[], resource: JSON.stringify(statement.Resource) }));

  it('has the exports queue with a dead-letter queue after the last attempt', () => {
    const all = queuesById();
    const queue = all.find((candidate) => candidate.props.QueueName === name)!;
    const dlq = all.find((candidate) => candidate.props.QueueName === deadLetterName(name))!;
    expect(queue, name).toBeDefined();
    expect(dlq, deadLetterName(name)).toBeDefined();
    expect(queue.props.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlq.id, 'Arn'] },
      maxReceiveCount: queues.catalogExports.maxReceiveCount,
    });
    expect(queue.props.VisibilityTimeout).toBe(queues.catalogExports.consumerTimeoutSeconds * 6);
  });

  it('runs the export worker on that queue with partial batch responses and the time of a large export', () => {
    const worker = findPortalFunction(templates, 'catalogExportWorker');
    expect(worker.props.Timeout).toBe(queues.catalogExports.consumerTimeoutSeconds);
    const queueId = queuesById().find((candidate) => candidate.props.QueueName === name)!.id;
    const mapping = Object.values(resourcesOf(worker.template, 'AWS::Lambda::EventSourceMapping'))
      .map((candidate) => candidate.Properties as Props)
      .find((candidate) => candidate.FunctionName?.Ref === worker.id);
    expect(mapping).toMatchObject({ FunctionResponseTypes: ['ReportBatchItemFailures'], EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
  });

  it('gives the worker the documents bucket only and no queue to send to; the API function may enqueue exports', () => {
    const worker = actionsOf('catalogExportWorker');
    const s3 = worker.filter((statement) => statement.actions.some((action) => action.startsWith('s3:')));
    expect(s3.length).toBeGreaterThan(0);
    for (const statement of s3) {
      expect(statement.resource).not.toContain(buckets.uploads.localName);
      expect(statement.resource).not.toContain(buckets.media.localName);
      expect(statement.resource).not.toContain(buckets.searchIndex.localName);
    }
    expect(worker.some((statement) => statement.actions.includes('sqs:SendMessage'))).toBe(false);
    const api = actionsOf('catalogExchange').filter((statement) => statement.actions.includes('sqs:SendMessage'));
    expect(api.some((statement) => /CatalogExports|catalogExports|catalog-exports/i.test(statement.resource))).toBe(true);
  });
});

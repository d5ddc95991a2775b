import { describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { DescribeTableCommand, DynamoDBClient, TransactWriteItemsCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { portalTable, queues } from '../../lib/definitions/index.js';
import { awsConfig, stack } from '../support/api.js';

async function runToEnd(input: unknown): Promise<DescribeExecutionCommandOutput> {
  const sfn = new SFNClient(awsConfig(stack().sfnEndpoint));
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: stack().stateMachineArns.orderPlacement, input: JSON.stringify(input) }),
  );
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') return execution;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('order placement state machine (same ASL as CDK, via the SDK)', () => {
  it('fails through the Catch branch for an order with unknown products', async () => {
    const order = { orderId: 'test-unknown-sku', orderNumber: 'ORD-2026-999999', companyId: 'mueller-bau', lines: [{ sku: 'NO-SUCH', quantity: '1' }] };
    const execution = await runToEnd({ order });
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('OrderFailed');
  });
});

describe('emulators created from lib/definitions', () => {
  it('DynamoDB Local has the table with the defined GSIs and supports transactions', async () => {
    const dynamo = new DynamoDBClient(awsConfig(stack().dynamodbEndpoint));
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: stack().env.TABLE_NAME }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(portalTable.globalSecondaryIndexes.map((index) => index.indexName));

    const item = (id: string) => ({ PK: { S: `TEST#${id}` }, SK: { S: 'X' } });
    const attempt = dynamo.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: stack().env.TABLE_NAME, Item: item('a') } },
          { ConditionCheck: { TableName: stack().env.TABLE_NAME, Key: item('missing'), ConditionExpression: 'attribute_exists(PK)' } },
        ],
      }),
    );
    await expect(attempt).rejects.toBeInstanceOf(TransactionCanceledException);
    const after = await dynamo.send(new DescribeTableCommand({ TableName: stack().env.TABLE_NAME }));
    expect(after.Table?.TableStatus).toBe('ACTIVE');
  });

  it('SQS queues carry a redrive policy to their dead-letter queue', async () => {
    const sqs = new SQSClient(awsConfig(stack().sqsEndpoint));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: stack().env.ERP_OUTBOUND_QUEUE_URL, AttributeNames: ['All'] }));
    const redrive = JSON.parse(Attributes!.RedrivePolicy!);
    expect(redrive.maxReceiveCount).toBe(queues.erpOutbound.maxReceiveCount);
    expect(redrive.deadLetterTargetArn).toMatch(/b2b-erp-outbound-dlq$/);
  });
});

import type { SQSEvent, SQSBatchResponse } from 'aws-lambda';
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { lambdaFunctions, type FunctionKey, type QueueKey } from '../lib/definitions/index.js';
import { localCredentials, localRegion } from './env.js';
import { invokeFunction } from './functions.js';

/**
 * Lambda's SQS event source mapping, locally: long-polls each consumed queue, invokes the consumer
 * with a batch of up to 10 records and deletes what succeeded; failed records (partial batch
 * response) become visible again and, after maxReceiveCount deliveries, land in the DLQ.
 */
export function startEventSources(options: { endpoint: string; queueUrls: Record<QueueKey, string> }) {
  const sqs = new SQSClient({ endpoint: options.endpoint, region: localRegion, credentials: localCredentials, useQueueUrlAsEndpoint: false });
  let running = true;
  const consumers = (Object.entries(lambdaFunctions) as [FunctionKey, { consumes?: QueueKey }][]).filter(([, definition]) => definition.consumes);

  const poll = async (key: FunctionKey, queue: QueueKey) => {
    const QueueUrl = options.queueUrls[queue];
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    const eventSourceARN = Attributes?.QueueArn ?? '';
    while (running) {
      try {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        if (!Messages.length || !running) continue;
        const event: SQSEvent = {
          Records: Messages.map((message) => ({
            messageId: message.MessageId!,
            receiptHandle: message.ReceiptHandle!,
            body: message.Body ?? '',
            attributes: (message.Attributes ?? {}) as unknown as SQSEvent['Records'][number]['attributes'],
            messageAttributes: Object.fromEntries(
              Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
                name,
                { dataType: value.DataType ?? 'String', stringValue: value.StringValue },
              ]),
            ) as SQSEvent['Records'][number]['messageAttributes'],
            md5OfBody: message.MD5OfBody ?? '',
            eventSource: 'aws:sqs',
            eventSourceARN,
            awsRegion: localRegion,
          })),
        };
        let failed = new Set<string>();
        try {
          const response = (await invokeFunction(key, event)) as SQSBatchResponse | undefined;
          failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
        } catch (error) {
          process.stderr.write(`[event-source] ${key} failed: ${(error as Error).message}\n`);
          failed = new Set(Messages.map((message) => message.MessageId!));
        }
        const done = Messages.filter((message) => !failed.has(message.MessageId!));
        if (done.length) {
          await sqs.send(
            new DeleteMessageBatchCommand({ QueueUrl, Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })) }),
          );
        }
      } catch (error) {
        if (running) {
          process.stderr.write(`[event-source] polling ${queue}: ${(error as Error).message}\n`);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    }
  };

  const loops = consumers.map(([key, definition]) => poll(key, definition.consumes!));
  return {
    stop: async () => {
      running = false;
      await Promise.allSettled(loops);
      sqs.destroy();
    },
  };
}

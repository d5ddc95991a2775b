import { SQSClient } from '@aws-sdk/client-sqs';
import { onResetClients } from './reset.js';

let sqsClient: SQSClient | undefined;
onResetClients(() => {
  sqsClient = undefined;
});

/** The SQS client (functions/shared/clients/reset.ts). */
export function sqs(): SQSClient {
  // Locally, queue URLs name hosts like sqs.<region>.localhost that do not resolve; use the endpoint.
  sqsClient ??= new SQSClient({ useQueueUrlAsEndpoint: process.env.AWS_ENDPOINT_URL_SQS === undefined });
  return sqsClient;
}

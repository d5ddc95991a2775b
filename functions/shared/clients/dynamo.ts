import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { onResetClients } from './reset.js';

let documentClient: DynamoDBDocumentClient | undefined;
onResetClients(() => {
  documentClient = undefined;
});

/** The DynamoDB document client (functions/shared/clients/reset.ts). */
export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

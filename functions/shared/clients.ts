import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/**
 * AWS SDK clients, created once per execution environment on first use. Endpoints come from the
 * standard `AWS_ENDPOINT_URL_<SERVICE>` variables, which only the local stack sets.
 */
let documentClient: DynamoDBDocumentClient | undefined;
let s3Client: S3Client | undefined;
let sqsClient: SQSClient | undefined;
let sfnClient: SFNClient | undefined;
let sesClient: SESv2Client | undefined;
let cognitoClient: CognitoIdentityProviderClient | undefined;

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function s3(): S3Client {
  s3Client ??= new S3Client({
    // Path-style URLs locally (bucket names are not DNS names on localhost).
    forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined,
    // Presigned PUTs from browsers cannot compute the SDK's default CRC32 checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return s3Client;
}

export function sqs(): SQSClient {
  // Locally, queue URLs name hosts like sqs.<region>.localhost that do not resolve; use the endpoint.
  sqsClient ??= new SQSClient({ useQueueUrlAsEndpoint: process.env.AWS_ENDPOINT_URL_SQS === undefined });
  return sqsClient;
}

export function sfn(): SFNClient {
  sfnClient ??= new SFNClient({});
  return sfnClient;
}

export function ses(): SESv2Client {
  sesClient ??= new SESv2Client({});
  return sesClient;
}

export function cognito(): CognitoIdentityProviderClient {
  cognitoClient ??= new CognitoIdentityProviderClient({});
  return cognitoClient;
}

/** Forget every client (the local stack restarted on new emulator ports in the same process). */
export function resetClients(): void {
  documentClient = undefined;
  s3Client = undefined;
  sqsClient = undefined;
  sfnClient = undefined;
  sesClient = undefined;
  cognitoClient = undefined;
}

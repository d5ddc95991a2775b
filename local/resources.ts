import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  ListGroupsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  deadLetterName,
  portalTable,
  queues,
  userPool,
  qualifiedScope,
  type ClientKey,
  type MachineClientKey,
  type QueueKey,
} from '../lib/definitions/index.js';
import { localCredentials, localRegion } from './env.js';

const clientConfig = (endpoint: string) => ({ endpoint, region: localRegion, credentials: localCredentials });

/** Creates the single table exactly as lib/data-stack.ts does, from the shared definition. */
export async function ensureTable(endpoint: string): Promise<string> {
  const client = new DynamoDBClient(clientConfig(endpoint));
  const TableName = portalTable.localName;
  try {
    await client.send(new DescribeTableCommand({ TableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    const keyAttributes = new Set<string>([portalTable.partitionKey, portalTable.sortKey]);
    for (const index of portalTable.globalSecondaryIndexes) {
      keyAttributes.add(index.partitionKey);
      keyAttributes.add(index.sortKey);
    }
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...keyAttributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: portalTable.partitionKey, KeyType: 'HASH' },
          { AttributeName: portalTable.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: portalTable.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { AttributeName: portalTable.timeToLiveAttribute, Enabled: true },
      }),
    );
  } finally {
    client.destroy();
  }
  return TableName;
}

/** Each queue with its dead-letter queue and redrive policy, as lib/constructs/queue-with-dlq.ts. */
export async function ensureQueues(endpoint: string, visibilitySeconds?: number): Promise<Record<QueueKey, string>> {
  const client = new SQSClient(clientConfig(endpoint));
  const urls = {} as Record<QueueKey, string>;
  for (const [key, queue] of Object.entries(queues) as [QueueKey, (typeof queues)[QueueKey]][]) {
    const dlq = await client.send(new CreateQueueCommand({ QueueName: deadLetterName(queue.localName) }));
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }));
    const created = await client.send(
      new CreateQueueCommand({
        QueueName: queue.localName,
        Attributes: {
          VisibilityTimeout: String(visibilitySeconds ?? queue.consumerTimeoutSeconds * 6),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: queue.maxReceiveCount }),
        },
      }),
    );
    urls[key] = created.QueueUrl!;
  }
  client.destroy();
  return urls;
}

export interface MachineClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface LocalUserPool {
  readonly userPoolId: string;
  readonly clientIds: Record<ClientKey, string>;
  /** Integrators' demo clients (client credentials); local/oauth2.ts issues their access tokens. */
  readonly machineClients: Record<MachineClientKey, MachineClientCredentials>;
}

/** The user pool, its groups and app clients; found again by name after a restart. */
export async function ensureUserPool(endpoint: string): Promise<LocalUserPool> {
  const client = new CognitoIdentityProviderClient(clientConfig(endpoint));
  try {
    const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    let userPoolId = pools.UserPools?.find((pool) => pool.Name === userPool.localName)?.Id;
    if (!userPoolId) {
      const created = await client.send(
        new CreateUserPoolCommand({
          PoolName: userPool.localName,
          UsernameAttributes: ['email'],
          Policies: {
            PasswordPolicy: {
              MinimumLength: userPool.passwordPolicy.minLength,
              RequireLowercase: userPool.passwordPolicy.requireLowercase,
              RequireUppercase: userPool.passwordPolicy.requireUppercase,
              RequireNumbers: userPool.passwordPolicy.requireDigits,
              RequireSymbols: userPool.passwordPolicy.requireSymbols,
            },
          },
          // Like lib/auth-stack.ts (Mfa.OPTIONAL, TOTP only): users who enrolled a software token get its challenge.
          MfaConfiguration: 'OPTIONAL',
          Schema: Object.entries(userPool.customAttributes).map(([Name, constraint]) => ({
            Name,
            AttributeDataType: 'String',
            Mutable: true,
            StringAttributeConstraints: { MaxLength: String(constraint.maxLength) },
          })),
        }),
      );
      userPoolId = created.UserPool!.Id!;
    }
    // Also for pools created before the MFA setting existed (persistent local data folders).
    await client.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: userPoolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }),
    );
    const existingGroups = new Set((await client.send(new ListGroupsCommand({ UserPoolId: userPoolId }))).Groups?.map((group) => group.GroupName));
    for (const GroupName of userPool.groups) {
      if (!existingGroups.has(GroupName)) await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName }));
    }
    const existingClients = (await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }))).UserPoolClients ?? [];
    const clientIds = {} as Record<ClientKey, string>;
    for (const [key, appClient] of Object.entries(userPool.clients) as [ClientKey, { localName: string }][]) {
      const found = existingClients.find((candidate) => candidate.ClientName === appClient.localName)?.ClientId;
      clientIds[key] =
        found ??
        (
          await client.send(
            new CreateUserPoolClientCommand({
              UserPoolId: userPoolId,
              ClientName: appClient.localName,
              ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            }),
          )
        ).UserPoolClient!.ClientId!;
    }
    // cognito-local keeps the secret and allowed scopes; it has no resource servers, so the qualified scope names are stored as they appear in tokens.
    const machineClients = {} as Record<MachineClientKey, MachineClientCredentials>;
    for (const [key, machine] of Object.entries(userPool.machineClients) as [MachineClientKey, (typeof userPool.machineClients)[MachineClientKey]][]) {
      const found = existingClients.find((candidate) => candidate.ClientName === machine.localName)?.ClientId;
      const described = found
        ? (await client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: found }))).UserPoolClient!
        : (
            await client.send(
              new CreateUserPoolClientCommand({
                UserPoolId: userPoolId,
                ClientName: machine.localName,
                GenerateSecret: true,
                AllowedOAuthFlows: ['client_credentials'],
                AllowedOAuthFlowsUserPoolClient: true,
                AllowedOAuthScopes: machine.scopes.map(qualifiedScope),
              }),
            )
          ).UserPoolClient!;
      machineClients[key] = { clientId: described.ClientId!, clientSecret: described.ClientSecret! };
    }
    return { userPoolId, clientIds, machineClients };
  } finally {
    client.destroy();
  }
}

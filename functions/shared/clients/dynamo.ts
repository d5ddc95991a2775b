import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { forgetItems, type ItemKey } from '../items.js';
import { onResetClients } from './reset.js';

let documentClient: DynamoDBDocumentClient | undefined;
onResetClients(() => {
  documentClient = undefined;
});

type Input = Record<string, unknown>;
const keyOf = (value: unknown): ItemKey[] => {
  const item = value as Partial<ItemKey> | undefined;
  return typeof item?.PK === 'string' && typeof item.SK === 'string' ? [{ PK: item.PK, SK: item.SK }] : [];
};

/** The keys a write changes: `commandName` is the DynamoDB operation's (`PutItemCommand`), `input` the document client's native one. */
export function writtenKeys(commandName: string, input: Input): ItemKey[] {
  switch (commandName) {
    case 'PutItemCommand':
      return keyOf(input.Item);
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return keyOf(input.Key);
    case 'TransactWriteItemsCommand':
      return ((input.TransactItems ?? []) as Input[]).flatMap((entry) => [
        ...keyOf((entry.Put as Input | undefined)?.Item),
        ...keyOf((entry.Update as Input | undefined)?.Key),
        ...keyOf((entry.Delete as Input | undefined)?.Key),
      ]);
    case 'BatchWriteItemCommand':
      return Object.values((input.RequestItems ?? {}) as Record<string, Input[]>).flatMap((requests) =>
        requests.flatMap((request) => [...keyOf((request.PutRequest as Input | undefined)?.Item), ...keyOf((request.DeleteRequest as Input | undefined)?.Key)]),
      );
    default:
      return [];
  }
}

/** The DynamoDB document client (functions/shared/clients/reset.ts). */
export function dynamo(): DynamoDBDocumentClient {
  if (documentClient) return documentClient;
  const client = new DynamoDBClient({});
  // The SDK's logger middleware runs every response through its sensitive-data filter even with the
  // default no-op logger (a third of the SDK's CPU on a 150-item batch read); no function logs SDK calls.
  client.middlewareStack.remove('loggerMiddleware');
  documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  // A request's memo of items read by key (functions/shared/items.ts) must not outlive a write to them.
  documentClient.middlewareStack.add(
    (next, context) => async (args) => {
      const written = writtenKeys(String(context.commandName), args.input as Input);
      if (!written.length) return next(args);
      forgetItems(written);
      try {
        return await next(args);
      } finally {
        forgetItems(written);
      }
    },
    { step: 'initialize', name: 'forgetWrittenItems' },
  );
  return documentClient;
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { awsConfig, stack } from './api.js';

/** A category hidden from every seeded company (closed catalog), so imported test products disturb no other test. */
export const importTestCategory = 'catalog-import-test';

export function tableClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(awsConfig(stack().dynamodbEndpoint)));
}

export async function ensureImportTestCategory(documents: DynamoDBDocumentClient): Promise<void> {
  await documents
    .send(
      new PutCommand({
        TableName: stack().env.TABLE_NAME!,
        Item: {
          PK: 'CATALOG',
          SK: `CATEGORY#${importTestCategory}`,
          type: 'category',
          id: importTestCategory,
          name: 'Import test',
          description: 'Products of the catalog import tests',
          position: 99,
          productCount: 0,
          visibility: { customerGroups: [importTestCategory] },
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    )
    .catch((error: { name?: string }) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
}

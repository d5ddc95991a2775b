/**
 * The single DynamoDB table. CDK (lib/data-stack.ts) and the local stack (local/resources.ts)
 * both create it from this definition; never hand-copy the key schema.
 * Access patterns are documented in docs/access-patterns.md.
 */
export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export const portalTable = {
  localName: 'b2b-portal',
  partitionKey: 'PK',
  sortKey: 'SK',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ] as const satisfies readonly IndexDefinition[],
} as const;

export type IndexName = (typeof portalTable.globalSecondaryIndexes)[number]['indexName'];

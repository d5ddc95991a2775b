import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buckets, portalTable } from '../../lib/definitions/index.js';
import { buildTestApp, resourcesOf, templateOf } from './helpers.js';

describe('data stack', () => {
  let template: Template;
  let bucketIds: Record<string, string>;

  beforeAll(() => {
    const { data } = buildTestApp();
    template = templateOf(data);
    bucketIds = Object.fromEntries(Object.entries(data.buckets).map(([key, bucket]) => [key, data.getLogicalId(bucket.node.defaultChild as never)]));
  });

  describe('table', () => {
    it('has the key schema, attributes and GSIs of lib/definitions/table.ts', () => {
      const tables = Object.values(resourcesOf(template, 'AWS::DynamoDB::Table'));
      expect(tables).toHaveLength(1);
      const props = tables[0]!.Properties as Record<string, any>;

      expect(props.TableName).toBe(`${portalTable.localName}-dev`);
      expect(props.KeySchema).toEqual([
        { AttributeName: portalTable.partitionKey, KeyType: 'HASH' },
        { AttributeName: portalTable.sortKey, KeyType: 'RANGE' },
      ]);
      const keyAttributes = [
        portalTable.partitionKey,
        portalTable.sortKey,
        ...portalTable.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
      ];
      expect([...props.AttributeDefinitions].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName))).toEqual(
        [...new Set(keyAttributes)].sort().map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      );
      expect(props.GlobalSecondaryIndexes).toEqual(
        portalTable.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      );
    });

    it('is on-demand with point-in-time recovery, TTL and deletion protection', () => {
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          TimeToLiveSpecification: { AttributeName: portalTable.timeToLiveAttribute, Enabled: true },
          DeletionProtectionEnabled: true,
        }),
      });
    });

    it('can be made disposable with retainData=false', () => {
      const { data } = buildTestApp({ context: { retainData: 'false' } });
      templateOf(data).hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Delete',
        Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
      });
    });
  });

  describe('buckets', () => {
    it('creates one bucket per definition, named <localName>-<stage>-<account>-<region>', () => {
      for (const [key, definition] of Object.entries(buckets)) {
        const bucket = resourcesOf(template, 'AWS::S3::Bucket')[bucketIds[key]!];
        expect(bucket, key).toBeDefined();
        expect(JSON.stringify(bucket!.Properties!.BucketName)).toContain(`${definition.localName}-dev-`);
      }
    });

    it('encrypts, versions, blocks public access and logs every data bucket', () => {
      for (const key of Object.keys(buckets)) {
        const props = resourcesOf(template, 'AWS::S3::Bucket')[bucketIds[key]!]!.Properties as Record<string, any>;
        expect(props.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm, key).toBe('AES256');
        expect(props.PublicAccessBlockConfiguration, key).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
        expect(props.VersioningConfiguration, key).toEqual({ Status: 'Enabled' });
        expect(props.LoggingConfiguration?.DestinationBucketName, key).toBeDefined();
      }
    });

    it('denies non-TLS access on every bucket', () => {
      const policies = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy'));
      const bucketCount = Object.keys(resourcesOf(template, 'AWS::S3::Bucket')).length;
      expect(policies).toHaveLength(bucketCount);
      for (const policy of policies) {
        expect((policy.Properties as any).PolicyDocument.Statement).toContainEqual(
          expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        );
      }
    });

    it('lets browsers PUT to the uploads bucket from the web origins only', () => {
      const uploads = resourcesOf(template, 'AWS::S3::Bucket')[bucketIds.uploads!]!.Properties as Record<string, any>;
      expect(uploads.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedMethods: ['PUT'], AllowedOrigins: ['*'] })]);
      const documents = resourcesOf(template, 'AWS::S3::Bucket')[bucketIds.documents!]!.Properties as Record<string, any>;
      expect(documents.CorsConfiguration).toBeUndefined();

      const { data } = buildTestApp({ context: { webOrigins: 'https://portal.example.com,https://console.example.com' } });
      const restricted = Object.values(resourcesOf(templateOf(data), 'AWS::S3::Bucket')).find((b) => b.Properties?.CorsConfiguration);
      expect((restricted!.Properties as any).CorsConfiguration.CorsRules[0].AllowedOrigins).toEqual([
        'https://portal.example.com',
        'https://console.example.com',
      ]);
    });
  });
});

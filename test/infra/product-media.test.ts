import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PortalApp } from '../../lib/app.js';
import { buckets, queues } from '../../lib/definitions/index.js';
import { buildTestApp, findPortalFunction, functionStatements, resourcesOf, templateOf } from './helpers.js';

type Props = Record<string, any>;

/** Product media (issue 15 item 1): media bucket behind CloudFront `/media/*`, upload function, thumbnailer on its queue. */
describe('product media infrastructure', () => {
  let portal: PortalApp;
  let templates: Template[];

  beforeAll(() => {
    portal = buildTestApp();
    templates = [portal.data, portal.auth, portal.workflow, portal.api, portal.web].map(templateOf);
  });

  const findFunction = (key: string) => findPortalFunction(templates, key);
  const statementsOf = (key: string): Props[] => functionStatements(templates, key);
  const bucketActions = (key: string, bucket: keyof typeof buckets) =>
    statementsOf(key)
      .filter((statement) => JSON.stringify(statement.Resource).includes(`${buckets[bucket].localName}-dev-`))
      .flatMap((statement) => [statement.Action].flat() as string[]);

  it('keeps the media bucket private, encrypted, versioned and logged, readable by CloudFront only under media/', () => {
    const template = templateOf(portal.data);
    const bucketId = portal.data.getLogicalId(portal.data.buckets.media.node.defaultChild as never);
    const bucket = resourcesOf(template, 'AWS::S3::Bucket')[bucketId]!.Properties as Props;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.LoggingConfiguration?.DestinationBucketName).toBeDefined();
    expect(bucket.CorsConfiguration).toBeUndefined();
    const policy = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy')).find((p) => (p.Properties as Props).Bucket.Ref === bucketId)!;
    const statements = (policy.Properties as Props).PolicyDocument.Statement as Props[];
    const cloudFront = statements.find((statement) => statement.Sid === 'CloudFrontReadsProductMedia')!;
    expect(cloudFront).toMatchObject({ Effect: 'Allow', Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } });
    expect(JSON.stringify(cloudFront.Resource)).toContain('/media/*');
    expect(cloudFront.Condition.StringEquals['AWS:SourceAccount']).toBeDefined();
    expect(JSON.stringify(cloudFront.Condition.ArnLike['AWS:SourceArn'])).toContain(':distribution/*');
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('expires unconfirmed media uploads in the uploads bucket after two days', () => {
    const template = templateOf(portal.data);
    const uploadsId = portal.data.getLogicalId(portal.data.buckets.uploads.node.defaultChild as never);
    const rules = (resourcesOf(template, 'AWS::S3::Bucket')[uploadsId]!.Properties as Props).LifecycleConfiguration.Rules as Props[];
    expect(rules).toContainEqual(
      expect.objectContaining({ Id: 'expire-unconfirmed-product-media', Prefix: 'product-media/', ExpirationInDays: 2, Status: 'Enabled' }),
    );
  });

  it('serves /media/* from the media bucket through Origin Access Control, HTTPS only, cached', () => {
    const template = templateOf(portal.web);
    const config = (Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'))[0]!.Properties as Props).DistributionConfig as Props;
    const behavior = (config.CacheBehaviors as Props[]).find((candidate) => candidate.PathPattern === '/media/*')!;
    expect(behavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] });
    expect(behavior.CachePolicyId).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6'); // CachingOptimized
    const origin = (config.Origins as Props[]).find((candidate) => candidate.Id === behavior.TargetOriginId)!;
    expect(JSON.stringify(origin.DomainName)).toContain(`${buckets.media.localName}-dev-`);
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
  });

  it('lets the upload function read/write uploads and media, and send thumbnail requests; nobody else writes media', () => {
    expect(bucketActions('productMedia', 'uploads')).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject']));
    expect(bucketActions('productMedia', 'media')).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject']));
    const sends = statementsOf('productMedia').filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'));
    expect(JSON.stringify(sends)).toMatch(/mediaThumbnails/i);
    expect(bucketActions('mediaThumbnailer', 'media')).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject']));
    expect(bucketActions('mediaThumbnailer', 'uploads')).toEqual([]);
    for (const key of ['catalog', 'catalogExchange', 'accounts'])
      expect(bucketActions(key, 'media').filter((action) => action !== 's3:ListBucket')).toEqual([]);
  });

  it('runs the thumbnailer on arm64 with 1 GB from its queue, reporting failed records back', () => {
    const { template, id, props } = findFunction('mediaThumbnailer');
    expect(props).toMatchObject({ Architectures: ['arm64'], MemorySize: 1024, Runtime: 'nodejs22.x', Timeout: queues.mediaThumbnails.consumerTimeoutSeconds });
    const mapping = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping'))
      .map((candidate) => candidate.Properties as Props)
      .find((candidate) => candidate.FunctionName?.Ref === id);
    expect(mapping).toMatchObject({ FunctionResponseTypes: ['ReportBatchItemFailures'] });
    expect(JSON.stringify(mapping!.EventSourceArn)).toMatch(/mediaThumbnails/i);
  });
});

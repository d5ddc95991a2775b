import { Aws, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { physicalName, type PortalConfig } from './config.js';
import { buckets, portalTable, type BucketKey } from './definitions/index.js';
import { ksefSecret } from './definitions/secrets.js';
import { acknowledge } from './nag.js';

export interface DataStackProps extends StackProps {
  readonly config: PortalConfig;
}

/**
 * Name of a portal bucket: `<localName>-<stage>-<account>-<region>` (globally unique, and
 * known to every stack of the app without a cross-stack reference, see portalBucket()).
 */
export function portalBucketName(config: PortalConfig, key: BucketKey): string {
  const literal = `${physicalName(config, buckets[key].localName)}-`;
  // 12-digit account + '-' + longest region name (14) must still fit S3's 63 characters.
  if (literal.length + 12 + 1 + 14 > 63) throw new Error(`Bucket name for "${key}" would exceed 63 characters`);
  return `${literal}${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

/** A portal bucket referenced by name from any stack of the app (keeps IAM ARNs in-stack). */
export function portalBucket(scope: Construct, config: PortalConfig, key: BucketKey): IBucket {
  return Bucket.fromBucketName(scope, `${key}BucketRef`, portalBucketName(config, key));
}

/** The single DynamoDB table and the S3 buckets, all built from lib/definitions. */
export class DataStack extends Stack {
  readonly table: Table;
  readonly buckets: Record<BucketKey, Bucket>;
  readonly accessLogsBucket: Bucket;
  readonly ksefSecret: Secret;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const attribute = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new Table(this, 'PortalTable', {
      tableName: physicalName(config, portalTable.localName),
      partitionKey: attribute(portalTable.partitionKey),
      sortKey: attribute(portalTable.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: portalTable.timeToLiveAttribute,
      deletionProtection: config.retainData,
      removalPolicy,
    });
    for (const index of portalTable.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }

    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy,
    });
    acknowledge(
      this.accessLogsBucket,
      'S1',
      'This bucket is the server access log destination of the uploads and documents buckets; logging it into itself would loop.',
    );

    const uploadsCors = {
      allowedOrigins: [...config.webOrigins],
      allowedMethods: [HttpMethods.PUT],
      allowedHeaders: ['content-type', 'content-md5', 'content-length', 'x-amz-*'],
      exposedHeaders: ['ETag'],
      maxAge: 3000,
    };
    const bucketsByKey = {} as Record<BucketKey, Bucket>;
    for (const key of Object.keys(buckets) as BucketKey[]) {
      bucketsByKey[key] = new Bucket(this, `${key}Bucket`, {
        bucketName: portalBucketName(config, key),
        encryption: BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        minimumTLSVersion: 1.2,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned: true,
        serverAccessLogsBucket: this.accessLogsBucket,
        serverAccessLogsPrefix: `${key}/`,
        lifecycleRules: [
          { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
          { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(90) },
          // Product media uploads wait here until confirmed (then they are copied and deleted); abandoned ones expire.
          ...(key === 'uploads' ? [{ id: 'expire-unconfirmed-product-media', prefix: 'product-media/', expiration: Duration.days(2) }] : []),
        ],
        // Browsers upload business licences and RMA photos straight to S3 with presigned PUTs.
        ...(key === 'uploads' ? { cors: [uploadsCors] } : {}),
        removalPolicy,
      });
    }
    this.buckets = bucketsByKey;
    // Product media are served by the web stack's CloudFront distribution (`/media/*`, Origin Access Control).
    // That distribution is created after this stack, so its ARN cannot be named here without a cross-stack
    // cycle: the grant is limited to distributions of this account, GetObject only, and the `media/` prefix
    // holding nothing but checked, public product images and datasheets (docs/product-media.md).
    bucketsByKey.media.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudFrontReadsProductMedia',
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [bucketsByKey.media.arnForObjects('media/*')],
        conditions: {
          StringEquals: { 'AWS:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'AWS:SourceArn': `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/*` },
        },
      }),
    );

    // KSeF connection (docs/ksef.md): created with an empty token (KSeF off, documents issued offline);
    // the operator puts the KSeF token in. Functions that issue documents read it by name.
    this.ksefSecret = new Secret(this, 'KsefConnectionSecret', {
      secretName: physicalName(config, ksefSecret.localName),
      description: 'KSeF 2.0 API connection for a seller in Poland: {"baseUrl","environment","token"} (docs/ksef.md)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ baseUrl: 'https://api.ksef.mf.gov.pl/v2', environment: 'production', token: '' }),
        // Secrets Manager requires a generated key; the adapter ignores it.
        generateStringKey: 'unused',
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.ksefSecret,
      'SMG4',
      'A KSeF token is issued and revoked in the KSeF application of the Ministry of Finance, not by an AWS rotation function; the operator replaces it in this secret (docs/ksef.md).',
    );
  }
}

import { Annotations, Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel,
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type ICachePolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { Policy } from 'aws-cdk-lib/aws-iam';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { Construct } from 'constructs';
import type { PortalConfig } from './config.js';
import { portalBucket, portalBucketName } from './data-stack.js';
import { acknowledge, acknowledgeWildcardResource } from './nag.js';

export interface WebStackProps extends StackProps {
  readonly config: PortalConfig;
  readonly apiUrl: string;
  readonly userPoolId: string;
  readonly shopClientId: string;
  readonly consoleClientId: string;
}

/** Shape of `/config.json`, read by the SPA at start-up (web/src/config.ts). */
export interface WebRuntimeConfig {
  readonly apiBaseUrl: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly shopClientId: string;
  readonly consoleClientId: string;
  readonly cognitoEndpoint: string;
}

/**
 * The SPA: a private S3 bucket served by CloudFront through Origin Access Control, with SPA
 * fallback routing, security headers and a generated `/config.json` pointing at the API and Cognito.
 */
export class WebStack extends Stack {
  readonly siteBucket: Bucket;
  /** Product media (data stack), served under `/media/*`. */
  readonly mediaBucket: IBucket;
  readonly logsBucket: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment;
  readonly runtimeConfig: WebRuntimeConfig;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config } = props;
    const region = Aws.REGION;
    const cognitoEndpoint = `https://cognito-idp.${region}.amazonaws.com/`;

    this.logsBucket = new Bucket(this, 'LogsBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(365) }],
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledge(
      this.logsBucket,
      'S1',
      'This bucket is the log destination of the site bucket and of the CloudFront distribution; logging it into itself would loop.',
    );

    this.siteBucket = new Bucket(this, 'SiteBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logsBucket,
      serverAccessLogsPrefix: 'site-bucket/',
      // Rebuilt from source on every deployment; the deployment empties it on stack deletion.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const uploadsOrigin = `https://${portalBucketName(config, 'uploads')}.s3.${region}.amazonaws.com`;
    const contentSecurityPolicy = [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src 'self' ${props.apiUrl} https://cognito-idp.${region}.amazonaws.com ${uploadsOrigin}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      // Punchout posts the cart to the buyer's procurement system (OCI HOOK_URL, cXML BrowserFormPost URL).
      "form-action 'self' https:",
      "object-src 'none'",
    ].join('; ');
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'B2B portal SPA security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: false, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true }],
      },
    });

    const origin = S3BucketOrigin.withOriginAccessControl(this.siteBucket);
    // The media bucket is the data stack's (retained data); its bucket policy grants this account's distributions.
    this.mediaBucket = portalBucket(this, config, 'media');
    const mediaOrigin = S3BucketOrigin.withOriginAccessControl(this.mediaBucket, { originAccessLevels: [AccessLevel.READ] });
    Annotations.of(this).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      'The media bucket policy is written by the data stack (lib/data-stack.ts: CloudFrontReadsProductMedia).',
    );
    const behavior = (cachePolicy: ICachePolicy): BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      compress: true,
      cachePolicy,
      responseHeadersPolicy: headers,
    });
    const domain = config.domain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${config.stackPrefix} SPA`,
      defaultRootObject: 'index.html',
      defaultBehavior: behavior(CachePolicy.CACHING_OPTIMIZED),
      // Always fresh: the runtime configuration changes with every deployment of the back end.
      // Product images, thumbnails and datasheets from the media bucket (docs/product-media.md): object keys
      // are the URL paths (`media/products/<sku>/<id>.jpg`) and never change, so they cache like assets.
      additionalBehaviors: {
        '/config.json': behavior(CachePolicy.CACHING_DISABLED),
        '/media/*': { ...behavior(CachePolicy.CACHING_OPTIMIZED), origin: mediaOrigin },
      },
      // Client-side routes (/shop/orders/42) do not exist in S3: serve the SPA and let it route.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logsBucket,
      logFilePrefix: 'cloudfront/',
      ...(domain
        ? {
            domainNames: [domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    if (!domain) {
      acknowledge(
        this.distribution,
        'CFR4',
        'Without a custom domain (context domainName + certificateArn) the distribution can only use the default *.cloudfront.net certificate, whose viewer security policy CloudFront fixes; with a domain the minimum is TLSv1.2_2021.',
      );
    }
    acknowledge(
      this.distribution,
      'CFR1',
      'No geo restriction: the portal serves business customers wherever they trade; access is controlled by Cognito accounts issued by the back office.',
    );
    acknowledge(
      this.distribution,
      'CFR2',
      'No AWS WAF web ACL by default (a WAF for CloudFront must live in us-east-1 and is billed per ACL and rule); the distribution serves only static SPA files, and the API has its own stage throttling.',
    );

    this.runtimeConfig = {
      apiBaseUrl: props.apiUrl,
      region,
      userPoolId: props.userPoolId,
      shopClientId: props.shopClientId,
      consoleClientId: props.consoleClientId,
      cognitoEndpoint,
    };
    const sources: ISource[] = [Source.jsonData('config.json', this.runtimeConfig)];
    if (config.webDistPath) sources.unshift(Source.asset(config.webDistPath));
    else Annotations.of(this).addInfo('web/dist not found: deploying only config.json (run `npm run build:web` first to ship the SPA)');
    this.deployment = new BucketDeployment(this, 'DeploySite', {
      destinationBucket: this.siteBucket,
      sources,
      // Never delete: a deployment without a web build must not wipe the SPA, and browsers still
      // running the previous index.html keep loading their (content-hashed) chunks.
      prune: false,
      retainOnDelete: false,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 512,
    });
    this.acknowledgeDeploymentHandler();

    new CfnOutput(this, 'SiteUrl', {
      value: domain ? `https://${domain.domainName}` : `https://${this.distribution.distributionDomainName}`,
      description: 'URL of the SPA',
    });
  }

  /**
   * BucketDeployment runs a CDK-provided singleton Lambda whose role and runtime we do not
   * control. Its findings are acknowledged on that singleton only (not on the stack), each one
   * named: a CDK upgrade that widens its permissions fails the synth until reviewed.
   */
  private acknowledgeDeploymentHandler(): void {
    const handler = this.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    const policy = this.deployment.handlerRole.node.tryFindChild('DefaultPolicy');
    if (!handler || !(policy instanceof Policy)) throw new Error('BucketDeployment internals changed: review the acknowledgements');
    const why =
      'CDK-managed BucketDeployment handler (aws-cdk-lib/aws-s3-deployment) that runs only at deployment to copy the SPA build and config.json into the site bucket';
    acknowledge(
      handler,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      `${why}; CDK attaches the basic execution managed policy (its own logs) to the handler role.`,
    );
    acknowledge(handler, 'L1', `${why}; its Python runtime is chosen and updated by aws-cdk-lib, not by this project.`);
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
      acknowledge(
        policy,
        `IAM5[Action::${action}]`,
        `${why}; CDK grants read on the deployment assets and read/write/delete on the site bucket with these action groups (its own grant; this deployment does not prune).`,
      );
    }
    acknowledge(
      policy,
      'IAM5[Resource::*]',
      `${why}; cloudfront:CreateInvalidation/GetInvalidation (to refresh index.html and config.json) do not support resource-level permissions.`,
    );
    acknowledgeWildcardResource(policy, this.siteBucket.arnForObjects('*'), `${why}; it writes the SPA files and config.json into the site bucket.`);
    // The bootstrap assets bucket's name depends on the synthesizer and environment: read it from the policy itself.
    const document = Stack.of(this).resolve(policy.document) as { Statement: { Resource: unknown }[] };
    for (const statement of document.Statement) {
      for (const resource of [statement.Resource].flat()) {
        const flattened = flattenCfnReference(resource);
        if (/^arn:(<AWS::Partition>|[a-z-]+):s3:::cdk-[a-z0-9]+-assets-.+\/\*$/.test(flattened)) {
          acknowledge(policy, `IAM5[Resource::${flattened}]`, `${why}; it reads the staged SPA assets from the CDK bootstrap assets bucket.`);
        }
      }
    }
  }
}

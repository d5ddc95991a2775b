import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PortalApp } from '../../lib/app.js';
import { buildTestApp, resourcesOf, tempOutdir, templateOf } from './helpers.js';

type Props = Record<string, any>;

/** The keys the SPA refuses to start without (web/src/config.ts). */
function spaRequiredConfigKeys(): string[] {
  const source = readFileSync(new URL('../../web/src/config.ts', import.meta.url), 'utf8');
  const list = /requiredKeys\s*=\s*\[([^\]]*)\]/.exec(source);
  if (!list) throw new Error('web/src/config.ts no longer declares requiredKeys');
  return [...list[1]!.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

describe('web stack', () => {
  let portal: PortalApp;
  let template: Template;

  beforeAll(() => {
    portal = buildTestApp();
    template = templateOf(portal.web);
  });

  const distribution = () => (Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'))[0]!.Properties as Props).DistributionConfig as Props;

  it('serves a private bucket through CloudFront Origin Access Control', () => {
    // One per S3 origin: the site bucket and the product media bucket (test/infra/product-media.test.ts).
    expect(Object.keys(resourcesOf(template, 'AWS::CloudFront::OriginAccessControl'))).toHaveLength(2);
    expect(Object.keys(resourcesOf(template, 'AWS::CloudFront::CloudFrontOriginAccessIdentity'))).toHaveLength(0);
    const [origin] = distribution().Origins as Props[];
    expect(origin!.OriginAccessControlId).toBeDefined();
    expect(origin!.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });

    const siteId = portal.web.getLogicalId(portal.web.siteBucket.node.defaultChild as never);
    const site = resourcesOf(template, 'AWS::S3::Bucket')[siteId]!.Properties as Props;
    expect(site.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const policy = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy')).find((p) => (p.Properties as Props).Bucket.Ref === siteId)!;
    const statements = (policy.Properties as Props).PolicyDocument.Statement as Props[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } }));
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('is a single-page app: index.html as root, 403/404 fall back to it, HTTPS only', () => {
    const config = distribution();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.CustomErrorResponses).toEqual(
      [403, 404].map((code) => ({ ErrorCode: code, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 })),
    );
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    for (const behavior of config.CacheBehaviors as Props[]) expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Logging.Prefix).toBe('cloudfront/');
  });

  it('sends security headers, with a CSP that allows the API, Cognito and browser uploads', () => {
    const policy = Object.values(resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy'))[0]!.Properties as Props;
    const headers = policy.ResponseHeadersPolicyConfig.SecurityHeadersConfig as Props;
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true });
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('HttpApi'); // the API endpoint, from the API stack
    expect(csp).toContain('https://cognito-idp.');
    expect(csp).toContain('https://b2b-portal-uploads-dev-');
    expect(distribution().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({
      Ref: Object.keys(resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy'))[0],
    });
  });

  it('deploys a config.json with every key the SPA requires, never cached', () => {
    const deployments = Object.values(resourcesOf(template, 'Custom::CDKBucketDeployment')).map((d) => d.Properties as Props);
    expect(deployments).toHaveLength(1);
    // No web build in this app: config.json is the only source.
    expect(deployments[0]!.SourceObjectKeys).toHaveLength(1);
    expect(deployments[0]!.DistributionPaths).toEqual(['/index.html', '/config.json']);
    // A deployment without a web build must not delete the SPA that is online.
    expect(deployments[0]!.Prune).toBe(false);

    expect(Object.keys(portal.web.runtimeConfig).sort()).toEqual(spaRequiredConfigKeys().sort());
    const outdir = portal.app.outdir;
    const staged = readdirSync(outdir)
      .map((entry) => join(outdir, entry, 'config.json'))
      .filter((file) => existsSync(file));
    expect(staged).toHaveLength(1);
    const json = JSON.parse(readFileSync(staged[0]!, 'utf8')) as Record<string, string>;
    expect(Object.keys(json).sort()).toEqual(spaRequiredConfigKeys().sort());
    // Values are deploy-time markers, filled in by the deployment from these references:
    const markers = JSON.stringify(deployments[0]!.SourceMarkers);
    expect(markers).toContain('HttpApi');
    expect(markers).toContain('UserPool');
    expect(markers).toContain('shopClient');
    expect(markers).toContain('consoleClient');
    expect(JSON.stringify(portal.web.resolve(portal.web.runtimeConfig.cognitoEndpoint))).toContain('https://cognito-idp.');

    const configBehavior = (distribution().CacheBehaviors as Props[]).find((b) => b.PathPattern === '/config.json');
    expect(configBehavior!.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
  });

  it('adds the SPA build when web/dist exists', () => {
    const dist = tempOutdir();
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    const withSpa = templateOf(buildTestApp({ webDist: dist }).web);
    const [deployment] = Object.values(resourcesOf(withSpa, 'Custom::CDKBucketDeployment'));
    expect((deployment!.Properties as Props).SourceObjectKeys).toHaveLength(2);
  });

  it('uses a custom domain with TLS 1.2 minimum when one is configured', () => {
    const withDomain = templateOf(
      buildTestApp({
        context: {
          domainName: 'portal.example.com',
          certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
        },
      }).web,
    );
    withDomain.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['portal.example.com'],
        ViewerCertificate: { MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      },
    });
  });
});

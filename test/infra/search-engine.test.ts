import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PortalApp } from '../../lib/app.js';
import { DOMAIN_READ_ACTIONS, DOMAIN_WRITE_ACTIONS, READ_PERMISSIONS, SEARCH_READER_TAG, WRITE_PERMISSIONS } from '../../lib/constructs/search-engine.js';
import { buildTestApp, findPortalFunction, resourcesOf, templateOf } from './helpers.js';

type Props = Record<string, any>;

interface ValidationReport {
  readonly pluginReports: {
    readonly pluginName: string;
    readonly violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
    readonly suppressedViolations?: { ruleName: string; reason: string; acknowledgedAt: string }[];
  }[];
}

const OPENSEARCH_TYPES = [
  'AWS::OpenSearchServerless::Collection',
  'AWS::OpenSearchServerless::SecurityPolicy',
  'AWS::OpenSearchServerless::AccessPolicy',
  'AWS::OpenSearchService::Domain',
];

const templatesOf = (portal: PortalApp): Template[] => [portal.data, portal.auth, portal.workflow, portal.api, portal.web].map(templateOf);

const findFunction = findPortalFunction;

const allFunctions = (templates: readonly Template[]) =>
  templates.flatMap((template) => Object.values(resourcesOf(template, 'AWS::Lambda::Function')).map((fn) => fn.Properties as Props));

/** Every IAM statement of the app with the role(s) it is attached to. */
const statementsByRole = (templates: readonly Template[]) =>
  templates.flatMap((template) =>
    Object.values(resourcesOf(template, 'AWS::IAM::Policy')).flatMap((policy) => {
      const props = policy.Properties as Props;
      return (props.PolicyDocument.Statement as Props[]).map((statement) => ({
        roles: (props.Roles as Props[]).map((role) => role.Ref as string),
        actions: [statement.Action].flat() as string[],
        statement,
      }));
    }),
  );

/** Synthesises with cdk-nag (throws on any unacknowledged error) and returns the validation report. */
function synthWithNag(portal: PortalApp): ValidationReport {
  const assembly = portal.app.synth();
  return JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as ValidationReport;
}

const expectNagClean = (report: ValidationReport) => {
  for (const plugin of report.pluginReports) expect(plugin.violations, plugin.pluginName).toEqual([]);
  const nag = report.pluginReports.find((plugin) => plugin.pluginName === 'AwsSolutions')!;
  for (const finding of nag.suppressedViolations ?? []) expect(finding.reason.length, `${finding.ruleName} at ${finding.acknowledgedAt}`).toBeGreaterThan(60);
  return nag;
};

describe('product search engine (issue 15): embedded by default', () => {
  it('deploys no OpenSearch resource and sets no OpenSearch environment', () => {
    const portal = buildTestApp();
    expect(portal.config.searchEngine).toBe('embedded');
    expect(portal.searchEngine).toBeUndefined();
    const templates = templatesOf(portal);
    for (const template of templates) for (const type of OPENSEARCH_TYPES) expect(Object.keys(resourcesOf(template, type)), type).toEqual([]);
    for (const fn of allFunctions(templates)) {
      expect(Object.keys(fn.Environment?.Variables ?? {})).not.toContain('OPENSEARCH_ENDPOINT');
      expect(Object.keys(fn.Environment?.Variables ?? {})).not.toContain('SEARCH_ENGINE');
    }
    expect(statementsByRole(templates).filter(({ actions }) => actions.some((action) => /^(aoss|es):/.test(action)))).toEqual([]);
  });

  it('refuses an unknown engine', () => {
    expect(() => buildTestApp({ context: { searchEngine: 'elastic' } })).toThrow(/searchEngine/);
  });
});

describe('product search engine: OpenSearch Serverless (-c searchEngine=opensearch-serverless)', () => {
  let portal: PortalApp;
  let templates: Template[];
  let report: ValidationReport;

  beforeAll(() => {
    portal = buildTestApp({ nag: true, context: { searchEngine: 'opensearch-serverless' } });
    report = synthWithNag(portal);
    templates = templatesOf(portal);
  });

  it('has a SEARCH collection with encryption and network policies, next to the indexer', () => {
    const workflow = templateOf(portal.workflow);
    const collections = Object.values(resourcesOf(workflow, 'AWS::OpenSearchServerless::Collection'));
    expect(collections.map((collection) => collection.Properties)).toEqual([expect.objectContaining({ Name: 'b2b-search-dev', Type: 'SEARCH' })]);
    const policies = Object.values(resourcesOf(workflow, 'AWS::OpenSearchServerless::SecurityPolicy')).map((policy) => policy.Properties as Props);
    expect(policies.map((policy) => policy.Type).sort()).toEqual(['encryption', 'network']);
    const encryption = JSON.parse(policies.find((policy) => policy.Type === 'encryption')!.Policy);
    expect(encryption).toEqual({ Rules: [{ ResourceType: 'collection', Resource: ['collection/b2b-search-dev'] }], AWSOwnedKey: true });
    const network = JSON.parse(policies.find((policy) => policy.Type === 'network')!.Policy);
    // The collection endpoint only; no dashboards.
    expect(network).toEqual([{ Rules: [{ ResourceType: 'collection', Resource: ['collection/b2b-search-dev'] }], AllowFromPublic: true }]);
    for (const template of templates) expect(Object.keys(resourcesOf(template, 'AWS::OpenSearchService::Domain'))).toEqual([]);
  });

  it('grants data access to the indexer (write) and the catalog function (read) only, each in its own stack', () => {
    const indexer = findFunction(templates, 'catalogIndexer');
    const catalog = findFunction(templates, 'catalog');
    const policies = templates.flatMap((template) =>
      Object.values(resourcesOf(template, 'AWS::OpenSearchServerless::AccessPolicy')).map((policy) => ({ template, props: policy.Properties as Props })),
    );
    expect(policies).toHaveLength(2);
    const rulesOf = (name: string) => {
      const found = policies.find((policy) => policy.props.Name === name)!;
      return { found, document: JSON.stringify(found.props.Policy) };
    };
    const write = rulesOf('b2b-search-dev-write');
    expect(write.found.template).toBe(indexer.template);
    expect(write.document).toContain(indexer.roleId);
    for (const permission of WRITE_PERMISSIONS) expect(write.document).toContain(permission);
    const read = rulesOf('b2b-search-dev-read');
    expect(read.found.template).toBe(catalog.template);
    expect(read.document).toContain(catalog.roleId);
    expect(read.document).toContain('"Permission\\":[\\"aoss:ReadDocument\\",\\"aoss:DescribeIndex\\"]');
    expect(READ_PERMISSIONS).toEqual(['aoss:ReadDocument', 'aoss:DescribeIndex']);
    expect(read.document).not.toContain('WriteDocument');
    // IAM side: aoss:APIAccessAll only on these two roles.
    const aoss = statementsByRole(templates).filter(({ actions }) => actions.some((action) => action.startsWith('aoss:')));
    expect(aoss.flatMap(({ roles }) => roles).sort()).toEqual([catalog.roleId, indexer.roleId].sort());
    for (const { actions } of aoss) expect(actions).toEqual(['aoss:APIAccessAll']);
  });

  it('gives SEARCH_ENGINE and OPENSEARCH_ENDPOINT to the catalog function and the indexer only', () => {
    for (const key of ['catalog', 'catalogIndexer']) {
      const variables = findFunction(templates, key).props.Environment.Variables as Props;
      expect(variables.SEARCH_ENGINE).toBe('opensearch');
      expect(JSON.stringify(variables.OPENSEARCH_ENDPOINT)).toMatch(/CollectionEndpoint/);
    }
    const others = allFunctions(templates).filter((fn) => !['b2b-portal-dev-catalog', 'b2b-portal-dev-catalogIndexer'].includes(fn.FunctionName));
    expect(others.length).toBeGreaterThan(5);
    for (const fn of others) expect(Object.keys(fn.Environment?.Variables ?? {}), fn.FunctionName).not.toContain('OPENSEARCH_ENDPOINT');
  });

  it('synthesises cdk-nag clean', () => {
    expectNagClean(report);
  });
});

describe('product search engine: managed domain (-c searchEngine=opensearch-domain)', () => {
  let portal: PortalApp;
  let templates: Template[];
  let report: ValidationReport;

  beforeAll(() => {
    portal = buildTestApp({ nag: true, context: { searchEngine: 'opensearch-domain' } });
    report = synthWithNag(portal);
    templates = templatesOf(portal);
  });

  it('has an encrypted, zone-aware, HTTPS-only domain that logs to CloudWatch', () => {
    const domains = Object.values(resourcesOf(templateOf(portal.workflow), 'AWS::OpenSearchService::Domain')).map((domain) => domain.Properties as Props);
    expect(domains).toHaveLength(1);
    const domain = domains[0]!;
    expect(domain).toMatchObject({
      DomainName: 'b2b-search-dev',
      EncryptionAtRestOptions: { Enabled: true },
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
      ClusterConfig: { ZoneAwarenessEnabled: true, DedicatedMasterEnabled: true },
    });
    expect(Object.keys(domain.LogPublishingOptions).sort()).toEqual(['ES_APPLICATION_LOGS', 'INDEX_SLOW_LOGS', 'SEARCH_SLOW_LOGS']);
    for (const template of templates) for (const type of OPENSEARCH_TYPES.slice(0, 3)) expect(Object.keys(resourcesOf(template, type))).toEqual([]);
  });

  it('lets only the indexer write and the catalog function read', () => {
    const indexer = findFunction(templates, 'catalogIndexer');
    const catalog = findFunction(templates, 'catalog');
    const domain = Object.values(resourcesOf(templateOf(portal.workflow), 'AWS::OpenSearchService::Domain'))[0]!.Properties as Props;
    const statements = domain.AccessPolicies.Statement as Props[];
    expect(statements.map((statement) => statement.Sid)).toEqual(['CatalogReads', 'IndexerWrites']);
    expect(statements[1]!.Principal).toEqual({ AWS: [{ 'Fn::GetAtt': [indexer.roleId, 'Arn'] }] });
    expect(statements[1]!.Action).toEqual(DOMAIN_WRITE_ACTIONS);
    expect(statements[0]!.Action).toEqual(DOMAIN_READ_ACTIONS);
    expect(statements[0]!.Condition).toEqual({ StringEquals: { [`aws:PrincipalTag/${SEARCH_READER_TAG.key}`]: SEARCH_READER_TAG.value } });
    // The tag is on the catalog function's role only.
    const tagged = templates.flatMap((template) =>
      Object.entries(resourcesOf(template, 'AWS::IAM::Role'))
        .filter(([, role]) => ((role.Properties as Props).Tags ?? []).some((tag: Props) => tag.Key === SEARCH_READER_TAG.key))
        .map(([id]) => id),
    );
    expect(tagged).toEqual([catalog.roleId]);
    // Identity policies: es:ESHttp* on this domain's paths, on these two roles only.
    const es = statementsByRole(templates).filter(({ actions }) => actions.some((action) => action.startsWith('es:')));
    expect(es.flatMap(({ roles }) => roles).sort()).toEqual([catalog.roleId, indexer.roleId].sort());
    for (const { statement } of es) expect(JSON.stringify(statement.Resource)).toContain('domain/b2b-search-dev/*');
    expect(es.find(({ roles }) => roles.includes(catalog.roleId))!.actions).toEqual(DOMAIN_READ_ACTIONS);
  });

  it('gives the https endpoint to the catalog function and the indexer only', () => {
    for (const key of ['catalog', 'catalogIndexer']) {
      const variables = findFunction(templates, key).props.Environment.Variables as Props;
      expect(variables.SEARCH_ENGINE).toBe('opensearch');
      expect(JSON.stringify(variables.OPENSEARCH_ENDPOINT)).toMatch(/https:\/\//);
    }
    const others = allFunctions(templates).filter((fn) => !['b2b-portal-dev-catalog', 'b2b-portal-dev-catalogIndexer'].includes(fn.FunctionName));
    for (const fn of others) expect(Object.keys(fn.Environment?.Variables ?? {}), fn.FunctionName).not.toContain('OPENSEARCH_ENDPOINT');
  });

  it('synthesises cdk-nag clean, the VPC-less domain acknowledged with its reason', () => {
    const nag = expectNagClean(report);
    const acknowledged = (nag.suppressedViolations ?? []).filter((finding) => finding.acknowledgedAt.includes('SearchEngine'));
    expect(acknowledged.map((finding) => finding.ruleName).sort()).toEqual(expect.arrayContaining(['AwsSolutions-OS1', 'AwsSolutions-OS3']));
  });
});

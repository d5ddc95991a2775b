import { Aws, Lazy, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnResourcePolicy, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnAccessPolicy, CfnCollection, CfnSecurityPolicy } from 'aws-cdk-lib/aws-opensearchserverless';
import { CfnDomain } from 'aws-cdk-lib/aws-opensearchservice';
import { Construct } from 'constructs';
import type { SearchEngineChoice } from '../config.js';
import { acknowledge, acknowledgeWildcardResource } from '../nag.js';

export type OpenSearchChoice = Exclude<SearchEngineChoice, 'embedded'>;

export interface SearchEngineProps {
  readonly kind: OpenSearchChoice;
  /** Stage of the deployment: part of the collection, domain and policy names (≤ 12 characters). */
  readonly stage: string;
  /** Of the collection or domain and its log groups. The index is rebuilt from the table, so nothing is lost either way. */
  readonly removalPolicy?: RemovalPolicy;
}

/** Data access of the catalog function: search and read documents, nothing else. */
export const READ_PERMISSIONS = ['aoss:ReadDocument', 'aoss:DescribeIndex'];
/** Data access of the indexer: create the next index, fill it, move the alias, drop the old one. */
export const WRITE_PERMISSIONS = ['aoss:CreateIndex', 'aoss:DeleteIndex', 'aoss:UpdateIndex', 'aoss:DescribeIndex', 'aoss:ReadDocument', 'aoss:WriteDocument'];
/** HTTP methods of a domain: the catalog searches with GET/POST (_search, _mget), the indexer also PUTs and DELETEs indexes. */
export const DOMAIN_READ_ACTIONS = ['es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost'];
export const DOMAIN_WRITE_ACTIONS = [...DOMAIN_READ_ACTIONS, 'es:ESHttpPut', 'es:ESHttpDelete'];
/** Tag on the catalog function's role: the domain's resource policy allows reads to roles carrying it. */
export const SEARCH_READER_TAG = { key: 'b2b-portal-search', value: 'read' } as const;

/** `SEARCH_ENGINE` and `OPENSEARCH_ENDPOINT` as the functions read them (functions/shared/config.ts). */
export const SEARCH_ENGINE_ENV = 'SEARCH_ENGINE';
export const OPENSEARCH_ENDPOINT_ENV = 'OPENSEARCH_ENDPOINT';

/**
 * The product search's Amazon OpenSearch (switched on with `-c searchEngine=opensearch-serverless` or
 * `opensearch-domain`; docs/search.md), in the stack of the catalog indexer. Access is IAM-signed and
 * limited to the two functions connected: the indexer (`connectWriter`, same stack) and the catalog
 * function (`connectReader`, its own stack: the API stack, deployed after this one).
 *
 * - Serverless: a SEARCH collection with an AWS-owned-key encryption policy, a network policy (public
 *   endpoint, no dashboards: the Lambdas run outside a VPC; every request is SigV4-signed) and one data
 *   access policy per function naming only its role (read: ReadDocument + DescribeIndex).
 * - Domain: node-to-node encryption, encryption at rest, HTTPS only with TLS 1.2, three dedicated
 *   masters, two data nodes in two zones, slow and error logs to CloudWatch, and a resource policy
 *   allowing the indexer's role and roles tagged as the catalog's (plus identity policies on both).
 */
export class SearchEngine extends Construct {
  readonly kind: OpenSearchChoice;
  /** `https://…` of the collection or domain. */
  readonly endpoint: string;
  /** Collection or domain name (policies refer to it by name, so the reader's stack needs no reference). */
  readonly name: string;
  readonly collection?: CfnCollection;
  readonly domain?: CfnDomain;
  private readonly writerRoles: IRole[] = [];

  constructor(scope: Construct, id: string, props: SearchEngineProps) {
    super(scope, id);
    this.kind = props.kind;
    this.name = `b2b-search-${props.stage}`;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    if (props.kind === 'opensearch-serverless') {
      const resource = [`collection/${this.name}`];
      const encryption = new CfnSecurityPolicy(this, 'EncryptionPolicy', {
        name: `${this.name}-enc`,
        type: 'encryption',
        description: 'Product search collection: encrypted at rest with an AWS owned key',
        policy: JSON.stringify({ Rules: [{ ResourceType: 'collection', Resource: resource }], AWSOwnedKey: true }),
      });
      const network = new CfnSecurityPolicy(this, 'NetworkPolicy', {
        name: `${this.name}-net`,
        type: 'network',
        description: 'Product search collection: reachable by the (VPC-less) portal Lambdas with signed requests; no dashboards',
        policy: JSON.stringify([{ Rules: [{ ResourceType: 'collection', Resource: resource }], AllowFromPublic: true }]),
      });
      this.collection = new CfnCollection(this, 'Collection', {
        name: this.name,
        type: 'SEARCH',
        description: 'B2B portal product search (functions/catalog/search/opensearch.ts)',
      });
      this.collection.node.addDependency(encryption, network);
      this.collection.applyRemovalPolicy(removalPolicy);
      this.endpoint = this.collection.attrCollectionEndpoint;
    } else {
      const logGroup = (logId: string) => new LogGroup(this, logId, { retention: RetentionDays.THREE_MONTHS, removalPolicy });
      const logs = { SEARCH_SLOW_LOGS: logGroup('SearchSlowLogs'), INDEX_SLOW_LOGS: logGroup('IndexSlowLogs'), ES_APPLICATION_LOGS: logGroup('ErrorLogs') };
      const logPolicy = new CfnResourcePolicy(this, 'LogsPolicy', {
        policyName: `${this.name}-logs`,
        policyDocument: Stack.of(this).toJsonString({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'es.amazonaws.com' },
              Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
              Resource: Object.values(logs).map((group) => group.logGroupArn),
              Condition: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
            },
          ],
        }),
      });
      const domainArn = Stack.of(this).formatArn({ service: 'es', resource: 'domain', resourceName: this.name });
      this.domain = new CfnDomain(this, 'Domain', {
        domainName: this.name,
        engineVersion: 'OpenSearch_2.19',
        clusterConfig: {
          instanceType: 'r7g.large.search',
          instanceCount: 2,
          zoneAwarenessEnabled: true,
          zoneAwarenessConfig: { availabilityZoneCount: 2 },
          dedicatedMasterEnabled: true,
          dedicatedMasterType: 'm7g.large.search',
          dedicatedMasterCount: 3,
        },
        ebsOptions: { ebsEnabled: true, volumeType: 'gp3', volumeSize: 50 },
        encryptionAtRestOptions: { enabled: true },
        nodeToNodeEncryptionOptions: { enabled: true },
        domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
        logPublishingOptions: Object.fromEntries(
          Object.entries(logs).map(([type, group]) => [type, { cloudWatchLogsLogGroupArn: group.logGroupArn, enabled: true }]),
        ),
        softwareUpdateOptions: { autoSoftwareUpdateEnabled: true },
        // Lazy: the writers are connected after construction.
        accessPolicies: Lazy.any({ produce: () => ({ Version: '2012-10-17', Statement: this.domainStatements(domainArn) }) }),
      });
      this.domain.node.addDependency(logPolicy);
      this.domain.applyRemovalPolicy(removalPolicy);
      this.endpoint = `https://${this.domain.attrDomainEndpoint}`;
      acknowledge(
        this.domain,
        'OS1',
        'The portal Lambdas run outside a VPC (no NAT, no VPC endpoints to pay for); every request to the domain is SigV4-signed and allowed only for the catalog and indexer roles by the resource policy and their identity policies, over HTTPS with TLS 1.2 only.',
      );
      acknowledge(
        this.domain,
        'OS3',
        'Lambda functions outside a VPC have no fixed source IP addresses to allow-list; access is limited by IAM instead: the resource policy names the indexer role and the catalog role (by its tag), and both roles hold identity policies for this domain only.',
      );
    }
  }

  /** The domain's resource policy: writes for the connected indexer roles, reads for roles tagged as the catalog's (the catalog's role lives in the API stack, deployed later). */
  private domainStatements(domainArn: string) {
    const resource = `${domainArn}/*`;
    return [
      {
        Sid: 'CatalogReads',
        Effect: 'Allow',
        Principal: { AWS: `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root` },
        Action: DOMAIN_READ_ACTIONS,
        Resource: resource,
        Condition: { StringEquals: { [`aws:PrincipalTag/${SEARCH_READER_TAG.key}`]: SEARCH_READER_TAG.value } },
      },
      ...(this.writerRoles.length
        ? [
            {
              Sid: 'IndexerWrites',
              Effect: 'Allow',
              Principal: { AWS: this.writerRoles.map((role) => role.roleArn) },
              Action: DOMAIN_WRITE_ACTIONS,
              Resource: resource,
            },
          ]
        : []),
    ];
  }

  /** The indexer: writes the index (same stack as the engine). */
  connectWriter(fn: IFunction): void {
    const role = this.roleOf(fn);
    this.writerRoles.push(role);
    this.environment(fn);
    this.grant(fn, role, 'write');
  }

  /** The catalog function: searches and reads documents (may be in a later stack). */
  connectReader(fn: IFunction): void {
    const role = this.roleOf(fn);
    this.environment(fn);
    this.grant(fn, role, 'read');
  }

  private roleOf(fn: IFunction): IRole {
    if (!fn.role) throw new Error(`Function ${fn.node.path} has no role to grant search access to`);
    return fn.role;
  }

  private environment(fn: IFunction): void {
    if (!(fn instanceof LambdaFunction)) throw new Error(`Function ${fn.node.path} is not built in this app: its environment cannot be set`);
    fn.addEnvironment(SEARCH_ENGINE_ENV, 'opensearch');
    fn.addEnvironment(OPENSEARCH_ENDPOINT_ENV, this.endpoint);
  }

  private grant(fn: IFunction, role: IRole, access: 'read' | 'write'): void {
    const stack = Stack.of(fn);
    if (this.collection) {
      // Data access policy in the function's own stack, naming the collection by name: only this role, only these permissions.
      new CfnAccessPolicy(fn, `SearchAccessPolicy`, {
        name: `${this.name}-${access}`,
        type: 'data',
        description: `Product search: ${access === 'read' ? 'searches of the catalog function' : 'index rebuilds of the catalog indexer'}`,
        policy: stack.toJsonString([
          {
            Rules: [{ ResourceType: 'index', Resource: [`index/${this.name}/*`], Permission: access === 'read' ? READ_PERMISSIONS : WRITE_PERMISSIONS }],
            Principal: [role.roleArn],
          },
        ]),
      });
      role.addToPrincipalPolicy(new PolicyStatement({ sid: 'SearchCollection', actions: ['aoss:APIAccessAll'], resources: [this.collection.attrArn] }));
      return;
    }
    // Built in the function's own stack from the domain's name: no cross-stack reference, one domain's paths only.
    const paths = stack.formatArn({ service: 'es', resource: 'domain', resourceName: `${this.name}/*` });
    role.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'SearchDomain', actions: access === 'read' ? DOMAIN_READ_ACTIONS : DOMAIN_WRITE_ACTIONS, resources: [paths] }),
    );
    if (access === 'read') Tags.of(role).add(SEARCH_READER_TAG.key, SEARCH_READER_TAG.value);
    const defaultPolicy = role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      acknowledgeWildcardResource(
        defaultPolicy,
        paths,
        `OpenSearch authorises HTTP calls on the domain's paths (indexes, _search, _bulk, _aliases): "/*" covers the paths of this one domain only, with the ${access === 'read' ? 'read methods (GET, HEAD, POST for _search and _mget)' : 'methods an index rebuild needs'}.`,
      );
    }
  }
}

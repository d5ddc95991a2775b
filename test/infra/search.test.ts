import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buckets, queues } from '../../lib/definitions/index.js';
import { buildTestApp, findPortalFunction, functionStatements, resourcesOf, templateOf } from './helpers.js';

type Props = Record<string, any>;

/** Product search (issue 15): the index bucket, the indexer on catalog changes, read-only access for the catalog function. */
describe('product search infrastructure', () => {
  let templates: Template[];

  beforeAll(() => {
    const portal = buildTestApp();
    templates = [portal.data, portal.auth, portal.workflow, portal.api, portal.web].map(templateOf);
  });

  const findFunction = (key: string) => findPortalFunction(templates, key);
  const statementsOf = (key: string): Props[] => functionStatements(templates, key);
  const searchBucketActions = (key: string) =>
    statementsOf(key)
      .filter((statement) => JSON.stringify(statement.Resource).includes(buckets.searchIndex.localName))
      .flatMap((statement) => [statement.Action].flat() as string[]);

  it('has the snapshot bucket and gives its name to the catalog function and the indexer', () => {
    for (const key of ['catalog', 'catalogIndexer']) expect(Object.keys(findFunction(key).props.Environment.Variables)).toContain(buckets.searchIndex.envVar);
  });

  it('lets the catalog function only read the snapshot, and the indexer write it', () => {
    const read = searchBucketActions('catalog');
    expect(read).toContain('s3:GetObject');
    expect(read.filter((action) => action.startsWith('s3:Put') || action.startsWith('s3:Delete'))).toEqual([]);
    expect(searchBucketActions('catalogIndexer')).toEqual(expect.arrayContaining(['s3:PutObject']));
  });

  it('rebuilds the index from the catalog changes queue, reporting failed batches back', () => {
    const { template, id } = findFunction('catalogIndexer');
    const mapping = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping'))
      .map((candidate) => candidate.Properties as Props)
      .find((candidate) => candidate.FunctionName?.Ref === id);
    expect(mapping).toMatchObject({ FunctionResponseTypes: ['ReportBatchItemFailures'] });
    expect(JSON.stringify(mapping!.EventSourceArn)).toMatch(/CatalogChanges|catalogChanges|catalog-changes/i);
    // The import worker publishes the changes.
    const sends = statementsOf('catalogImportWorker').filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'));
    expect(JSON.stringify(sends)).toMatch(/CatalogChanges|catalogChanges|catalog-changes/i);
    expect(queues.catalogChanges.localName).toBe('b2b-catalog-changes');
  });

  it('deploys no OpenSearch by default: the embedded index serves the search', () => {
    for (const template of templates) {
      expect(Object.keys(resourcesOf(template, 'AWS::OpenSearchService::Domain'))).toEqual([]);
      expect(Object.keys(resourcesOf(template, 'AWS::OpenSearchServerless::Collection'))).toEqual([]);
    }
  });
});

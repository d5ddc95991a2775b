import { buckets, queues, stateMachines, type BucketKey, type QueueKey, type StateMachineKey } from '../../lib/definitions/index.js';

/** Runtime configuration from the environment: identical variable names in Lambda and locally. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const config = {
  tableName: () => required('TABLE_NAME'),
  bucketName: (key: BucketKey) => required(buckets[key].envVar),
  queueUrl: (key: QueueKey) => required(queues[key].envVar),
  stateMachineArn: (key: StateMachineKey) => required(stateMachines[key].envVar),
  userPoolId: () => required('USER_POOL_ID'),
  mailFrom: () => required('MAIL_FROM'),
  authIssuer: () => required('AUTH_ISSUER'),
  authAudience: () =>
    required('AUTH_AUDIENCE')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  /** Integrators' machine clients (client credentials) whose access tokens are accepted; none when unset. */
  machineClientIds: () =>
    (process.env.MACHINE_CLIENT_IDS ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  /** Language of the catalog texts the search analyses (SEARCH_LANGUAGE: de, pl or en; default de). */
  searchLanguage: (): 'de' | 'pl' | 'en' => {
    const language = process.env.SEARCH_LANGUAGE ?? 'de';
    return language === 'pl' || language === 'en' ? language : 'de';
  },
  /** How often a warm catalog function asks S3 for a newer search snapshot (SEARCH_REFRESH_SECONDS, default 20). */
  searchRefreshSeconds: (): number => {
    const seconds = Number(process.env.SEARCH_REFRESH_SECONDS ?? '20');
    return Number.isFinite(seconds) && seconds >= 0 ? seconds : 20;
  },
  /** Text engine of the product search (SEARCH_ENGINE: embedded or opensearch; default embedded, docs/search.md). */
  searchEngine: (): 'embedded' | 'opensearch' => (process.env.SEARCH_ENGINE === 'opensearch' ? 'opensearch' : 'embedded'),
  /** `https://…` endpoint of the OpenSearch Serverless collection or domain (OPENSEARCH_ENDPOINT; needed with SEARCH_ENGINE=opensearch). */
  openSearchEndpoint: () => required('OPENSEARCH_ENDPOINT'),
  /** Alias the product index is searched under (OPENSEARCH_INDEX, default `products`). */
  openSearchIndex: () => process.env.OPENSEARCH_INDEX || 'products',
  /** Only the embedded local stack sets this; it allows the emulator's http issuer. */
  isLocalStack: () => process.env.LOCAL_STACK === 'true',
  /** Staff (sales reps, back office) must use MFA; the deployed stack sets it, the local demo does not. */
  staffMfaRequired: () => process.env.STAFF_MFA_REQUIRED === 'true',
  /** How long a Lambda instance may reuse a caller's account status (0–60 s; 0 reads it on every request). */
  accountStatusCacheSeconds: () => Math.min(60, Math.max(0, Number(process.env.ACCOUNT_STATUS_CACHE_SECONDS ?? 0) || 0)),
};

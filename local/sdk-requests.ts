import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/**
 * LOCAL STACK ONLY: counts the AWS SDK requests a handler invocation sends (issue 18), without touching
 * the SDK clients. Node publishes every outgoing HTTP request on the `http.client.request.start`
 * diagnostics channel synchronously, in the async context of the caller, so the invocation's counter
 * (an AsyncLocalStorage store the gateway opens around each handler call) is at hand there. The
 * service is told apart by the emulator endpoint the request goes to; DynamoDB's operation by its
 * `X-Amz-Target` header (a TransactWriteItems is one request, like on AWS). Requests the handler
 * leaves running after it answered are not counted.
 */
export interface SdkRequestCount {
  /** Requests per service (`dynamodb`, `s3`, `sqs`, `sfn`, `sesv2`, `cognito`, `other`). */
  readonly services: Record<string, number>;
  /** DynamoDB requests per operation (`GetItem`, `Query`, `TransactWriteItems`, ...). */
  readonly dynamodb: Record<string, number>;
}

const counters = new AsyncLocalStorage<SdkRequestCount>();

/** Endpoint host:port → service name, from the local stack's `AWS_ENDPOINT_URL_<SERVICE>` variables. */
function serviceOf(host: string): string {
  const endpoints: Record<string, string | undefined> = {
    dynamodb: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    s3: process.env.AWS_ENDPOINT_URL_S3,
    sqs: process.env.AWS_ENDPOINT_URL_SQS,
    sfn: process.env.AWS_ENDPOINT_URL_SFN,
    sesv2: process.env.AWS_ENDPOINT_URL_SESV2,
    cognito: process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
  };
  for (const [service, endpoint] of Object.entries(endpoints)) {
    if (!endpoint) continue;
    try {
      if (new URL(endpoint).host === host) return service;
    } catch {
      // not a URL: ignore
    }
  }
  return 'other';
}

let subscribed = false;
function ensureSubscribed() {
  if (subscribed) return;
  subscribed = true;
  subscribe('http.client.request.start', (message) => {
    const count = counters.getStore();
    if (!count) return;
    const request = (message as { request: ClientRequest }).request;
    const host = String(request.getHeader('host') ?? `${request.host}`);
    const service = serviceOf(host);
    count.services[service] = (count.services[service] ?? 0) + 1;
    if (service === 'dynamodb') {
      const operation = String(request.getHeader('x-amz-target') ?? '').split('.')[1] ?? 'unknown';
      count.dynamodb[operation] = (count.dynamodb[operation] ?? 0) + 1;
    }
  });
}

/** Whether the local stack counts SDK requests (`LOCAL_COUNT_SDK_REQUESTS`, on unless set to `false`). */
export const countingEnabled = () => process.env.LOCAL_COUNT_SDK_REQUESTS !== 'false';

/** Runs `work` (one handler invocation) with a fresh counter; returns its result and the counts. */
export async function countSdkRequests<T>(work: () => Promise<T>): Promise<{ result: T; count: SdkRequestCount }> {
  ensureSubscribed();
  const count: SdkRequestCount = { services: {}, dynamodb: {} };
  const result = await counters.run(count, work);
  return { result, count };
}

/** The response header the local gateway adds: `dynamodb=6, s3=1` (only services with requests). */
export const sdkRequestsHeader = 'x-portal-sdk-requests';
/** The DynamoDB operations of the same invocation: `GetItem=3, Query=2`. */
export const dynamodbRequestsHeader = 'x-portal-dynamodb-requests';

const render = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');

export function countHeaders(count: SdkRequestCount): Record<string, string> {
  return { [sdkRequestsHeader]: render(count.services) || 'none', [dynamodbRequestsHeader]: render(count.dynamodb) || 'none' };
}

/** Parses `x-portal-sdk-requests` / `x-portal-dynamodb-requests` back into counts (tests, benches). */
export function parseCountHeader(value: string | null | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  if (!value || value === 'none') return counts;
  for (const part of value.split(',')) {
    const [name, figure] = part.trim().split('=');
    if (name && figure) counts[name] = Number(figure);
  }
  return counts;
}

export const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, value) => sum + value, 0);

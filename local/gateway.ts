import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { routes, routeKey, type RouteDefinition } from '../lib/definitions/index.js';
import { bearerToken, isMachineToken, verifyJwt, verifyMachineToken } from '../functions/shared/auth.js';
import { localAccount } from './env.js';
import { invokeFunction } from './functions.js';
import { countHeaders, countingEnabled, countSdkRequests } from './sdk-requests.js';

/** API Gateway's own limit is 10 MB; Lambda's synchronous payload limit (6 MB) bites first. */
const maxBodyBytes = 6 * 1024 * 1024;
export const apiPrefix = '/api';

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly parameterNames: string[];
}

const compiled: CompiledRoute[] = routes.map((route) => {
  const parameterNames: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_match, name: string) => {
    parameterNames.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), parameterNames };
});

function matchRoute(method: string, path: string) {
  let pathMatched = false;
  for (const candidate of compiled) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (candidate.route.method !== method) continue;
    const pathParameters = Object.fromEntries(candidate.parameterNames.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
    return { route: candidate.route, pathParameters };
  }
  return { pathMatched };
}

/**
 * Why the request target cannot be decoded (API Gateway answers such requests 400 itself): a path
 * segment or a query name/value with a broken percent-encoding (`%E0%A4%A`, `%zz`, invalid UTF-8).
 */
export function malformedUrl(rawUrl: string): string | undefined {
  const [path = '', query = ''] = rawUrl.split('#', 1)[0]!.split(/\?(.*)/s, 2);
  try {
    decodeURIComponent(path);
  } catch {
    return 'The path has a malformed percent-encoding';
  }
  for (const part of query.split('&')) {
    for (const piece of part.split('=')) {
      try {
        decodeURIComponent(piece.replace(/\+/g, ' '));
      } catch {
        return 'The query string has a malformed percent-encoding';
      }
    }
  }
  return undefined;
}

const loopback = (address: string) => address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/**
 * The client address of the event (`requestContext.http.sourceIp`, used e.g. by the guest RMA rate
 * limits). LOCAL STACK ONLY: a request from the loopback interface may name its client in the first
 * `X-Forwarded-For` entry, so tests can act as several clients. On AWS the HTTP API sets sourceIp from
 * the connection itself and ignores the header.
 */
function sourceIpOf(request: IncomingMessage, headers: Record<string, string>): string {
  const peer = request.socket.remoteAddress ?? '127.0.0.1';
  const forwarded = headers['x-forwarded-for']?.split(',')[0]?.trim();
  return forwarded && isIP(forwarded) && loopback(peer) ? forwarded : peer;
}

function toEvent(
  request: IncomingMessage,
  url: URL,
  path: string,
  route: RouteDefinition,
  pathParameters: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const name of new Set(url.searchParams.keys())) queryStringParameters[name] = url.searchParams.getAll(name).join(',');
  const isText = /json|text|xml|x-www-form-urlencoded/.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: path,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(Object.keys(queryStringParameters).length ? { queryStringParameters } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: localAccount,
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: sourceIpOf(request, headers),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Static SPA with the CloudFront behaviour of the web stack: unknown paths fall back to index.html. */
function serveStatic(webRoot: string, path: string, response: ServerResponse) {
  const candidate = normalize(join(webRoot, decodeURIComponent(path)));
  const file = candidate.startsWith(webRoot) && existsSync(candidate) && statSync(candidate).isFile() ? candidate : join(webRoot, 'index.html');
  if (!existsSync(file)) {
    response.writeHead(503, { 'content-type': 'text/plain' });
    response.end('The web app is not built yet: run `npm run build:web`.');
    return;
  }
  const immutable = file.includes(`${join(webRoot, 'assets')}`);
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  response.end(readFileSync(file));
}

export interface GatewayOptions {
  readonly port: number;
  readonly webRoot: string;
  /** The SPA's runtime configuration (the web stack writes the same file to S3). */
  readonly webConfig: () => Record<string, unknown>;
  /** Extra local-only pages (e.g. the e-mail outbox), keyed by path prefix. */
  readonly extraRoutes?: Record<string, (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void> | void>;
}

/**
 * The local API Gateway (HTTP API, payload v2): routes from lib/definitions/routes.ts under `/api`,
 * a JWT check for `jwt` routes like the Cognito authorizer, then the same handler module as Lambda.
 */
export async function startGateway(options: GatewayOptions) {
  const webRoot = resolve(options.webRoot);
  const server = createServer(async (request, response) => {
    try {
      const malformed = malformedUrl(request.url ?? '/');
      if (malformed) return sendJson(response, 400, { error: { code: 'MALFORMED_URL', message: malformed } });
      const url = new URL(request.url ?? '/', 'http://localhost');
      const method = (request.method ?? 'GET').toUpperCase();
      if (url.pathname === '/config.json') return sendJson(response, 200, options.webConfig());
      for (const [prefix, handle] of Object.entries(options.extraRoutes ?? {})) {
        if (url.pathname.startsWith(prefix)) return await handle(request, response, url);
      }
      if (url.pathname !== apiPrefix && !url.pathname.startsWith(`${apiPrefix}/`)) {
        if (method !== 'GET' && method !== 'HEAD') return sendJson(response, 405, { message: 'Method Not Allowed' });
        return serveStatic(webRoot, url.pathname, response);
      }
      const path = url.pathname.slice(apiPrefix.length) || '/';
      const match = matchRoute(method, path);
      if (!('route' in match) || !match.route) return sendJson(response, 404, { message: 'Not Found' });

      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of request) {
        size += (chunk as Buffer).length;
        if (size > maxBodyBytes) return sendJson(response, 413, { message: 'Request Entity Too Large' });
        chunks.push(chunk as Buffer);
      }
      const event = toEvent(request, url, path, match.route, match.pathParameters, Buffer.concat(chunks));
      if (match.route.auth === 'jwt') {
        // The Cognito JWT authorizer answers 401 before the Lambda runs.
        const authorized = await Promise.resolve()
          .then(() => bearerToken(event.headers))
          // Access tokens of machine clients: the authorizer accepts their `client_id` (lib/api-stack.ts).
          .then((token) => (token ? (isMachineToken(token) ? verifyMachineToken(token) : verifyJwt(token)).then(() => true) : false))
          .catch(() => false);
        if (!authorized) return sendJson(response, 401, { message: 'Unauthorized' });
      }
      // Local only: the SDK requests of this invocation in two response headers (local/sdk-requests.ts, issue 18).
      const invoke = () => invokeFunction(match.route.context, event) as Promise<APIGatewayProxyStructuredResultV2>;
      const counted = countingEnabled() ? await countSdkRequests(invoke) : { result: await invoke(), count: undefined };
      const result = counted.result;
      const body = result.body ?? '';
      response.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string>), ...(counted.count ? countHeaders(counted.count) : {}) });
      response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
    } catch (error) {
      process.stderr.write(`[gateway] ${(error as Error).stack ?? String(error)}\n`);
      if (!response.headersSent) sendJson(response, 500, { message: 'Internal Server Error' });
      else response.end();
    }
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

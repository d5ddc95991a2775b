import { createPrivateKey, createSign, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand, type UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import { localCredentials, localRegion } from './env.js';

/**
 * The Cognito domain's OAuth 2.0 token endpoint for the client credentials grant, which cognito-local
 * lacks (5.x answers only authorization_code and refresh_token). Clients, secrets and allowed scopes
 * live in cognito-local (local/resources.ts); tokens carry the claims Cognito puts into a client
 * credentials access token and are signed with the key cognito-local signs with, so the handlers
 * verify them against the emulator's JWKS exactly as on AWS.
 */
const require = createRequire(import.meta.url);
const signingKey = createPrivateKey(
  (JSON.parse(readFileSync(require.resolve('cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8')) as { pem: string }).pem,
);
const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const maxBodyBytes = 16 * 1024;

function sign(claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' }));
  const body = base64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(signingKey);
  return `${header}.${body}.${base64url(signature)}`;
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Client id and secret from HTTP Basic (client_secret_basic) or the form (client_secret_post), as Cognito accepts both. */
export function clientCredentialsOf(authorization: string | undefined, form: URLSearchParams): { id: string; secret: string } | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return undefined;
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id && secret ? { id, secret } : undefined;
}

type TokenAnswer = { status: number; body: Record<string, unknown> };
const oauthError = (status: number, error: string, description: string): TokenAnswer => ({ status, body: { error, error_description: description } });

/** The grant itself: which client, which of its scopes, the signed access token. */
export function issueClientCredentialsToken(options: {
  issuer: string;
  client: UserPoolClientType | undefined;
  credentials: { id: string; secret: string };
  form: URLSearchParams;
  now?: Date;
}): TokenAnswer {
  const { client, credentials, form } = options;
  if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is served here');
  if (!client?.ClientSecret || !sameSecret(client.ClientSecret, credentials.secret)) return oauthError(400, 'invalid_client', 'Unknown client or wrong secret');
  if (!client.AllowedOAuthFlows?.includes('client_credentials'))
    return oauthError(400, 'unauthorized_client', 'The client may not use the client credentials grant');
  const allowed = client.AllowedOAuthScopes ?? [];
  const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
  if (requested.some((scope) => !allowed.includes(scope))) return oauthError(400, 'invalid_scope', 'A requested scope is not allowed for this client');
  // Like Cognito: no scope parameter → every scope the client is allowed.
  const scopes = requested.length ? requested : allowed;
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const expiresIn = 3600;
  const accessToken = sign({
    sub: client.ClientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: iat,
    iss: options.issuer,
    exp: iat + expiresIn,
    iat,
    version: 2,
    jti: randomUUID(),
    client_id: client.ClientId,
  });
  return { status: 200, body: { access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' } };
}

/** `POST /oauth2/token` of the local gateway (extraRoutes). */
export function oauth2TokenEndpoint(options: { cognitoEndpoint: string; userPoolId: string; issuer: string }) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const send = ({ status, body }: TokenAnswer) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'POST') return send(oauthError(405, 'invalid_request', 'Use POST'));
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return send(oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded'));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > maxBodyBytes) return send(oauthError(400, 'invalid_request', 'The body is too large'));
      chunks.push(chunk as Buffer);
    }
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const credentials = clientCredentialsOf(request.headers.authorization, form);
    if (!credentials) return send(oauthError(400, 'invalid_client', 'Client authentication (HTTP Basic) is required'));
    const cognito = new CognitoIdentityProviderClient({ endpoint: options.cognitoEndpoint, region: localRegion, credentials: localCredentials });
    try {
      const client = await cognito
        .send(new DescribeUserPoolClientCommand({ UserPoolId: options.userPoolId, ClientId: credentials.id }))
        .then((result) => result.UserPoolClient)
        .catch(() => undefined);
      send(issueClientCredentialsToken({ issuer: options.issuer, client, credentials, form }));
    } finally {
      cognito.destroy();
    }
  };
}

import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { inject } from 'vitest';
import { demoPassword } from '../../local/seed-data.js';
import { localCredentials } from '../../local/env.js';
import { checkResponse } from './contract-check.js';

export const stack = () => inject('stack');

export const awsConfig = (endpoint: string) => ({
  endpoint,
  region: 'eu-central-1',
  credentials: localCredentials,
});

const tokens = new Map<string, string>();

/** Real Cognito sign-in against the emulator (USER_PASSWORD_AUTH) → the ID token the SPA sends. */
export async function signIn(email: string, client: 'shop' | 'console' = 'shop', password = demoPassword): Promise<string> {
  const cacheKey = `${email}/${client}`;
  const cached = tokens.get(cacheKey);
  if (cached) return cached;
  const { cognitoEndpoint, shopClientId, consoleClientId } = stack();
  const cognito = new CognitoIdentityProviderClient(awsConfig(cognitoEndpoint));
  const result = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: client === 'shop' ? shopClientId : consoleClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  cognito.destroy();
  const token = result.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`No ID token for ${email}`);
  tokens.set(cacheKey, token);
  return token;
}

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly body: T;
}

export async function api<T = any>(
  path: string,
  options: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const response = await fetch(`${stack().apiUrl}${path}`, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('json') ?? false;
  const body = text && (isJson || /^[[{]/.test(text)) ? JSON.parse(text) : text || undefined;
  checkResponse(options.method ?? 'GET', path, response.status, body, response.headers.get('content-type'));
  return { status: response.status, body };
}

export const users = {
  muellerAdmin: 'admin@mueller-bau.example',
  muellerBuyer: 'buyer@mueller-bau.example',
  nowakAdmin: 'admin@nowak-instalacje.example',
  nowakBuyer: 'buyer@nowak-instalacje.example',
  rep: 'rep@portal.example',
  backOffice: 'backoffice@portal.example',
} as const;

/** Points this test process's AWS SDK clients at the stack, for library calls made in-process (e.g. issueCreditNote). */
export function useStackInProcess(): void {
  const { env, dynamodbEndpoint, s3Endpoint } = stack();
  Object.assign(process.env, env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamodbEndpoint,
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  });
}

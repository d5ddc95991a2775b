import { stack } from './api.js';

/** The token endpoint's answer (local/oauth2.ts locally, the Cognito domain on AWS). */
export async function requestToken(clientId: string, clientSecret: string, scope?: string): Promise<{ status: number; body: Record<string, any> }> {
  const response = await fetch(stack().tokenEndpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** An access token of a demo machine client with exactly `scopes` (`orders:read` …), as an ERP connector gets one. */
export async function machineToken(client: 'erpConnector' | 'pimConnector', scopes: readonly string[]): Promise<string> {
  const { clientId, clientSecret } = stack().machineClients[client]!;
  const { status, body } = await requestToken(clientId, clientSecret, scopes.map((scope) => `b2b-portal/${scope}`).join(' '));
  if (status !== 200) throw new Error(`Token endpoint answered ${status}: ${JSON.stringify(body)}`);
  return body.access_token as string;
}

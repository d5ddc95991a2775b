import { randomBytes } from 'node:crypto';
import { CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { api, awsConfig, stack } from './api.js';

/** A valid Polish NIP (VAT ID "PL" + 10 digits with the mod-11 check digit), different each call. */
export function polishVatId(): string {
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (;;) {
    const digits = [...randomBytes(9)].map((byte) => byte % 10);
    if (digits[0] === 0) continue;
    const check = weights.reduce((sum, weight, index) => sum + weight * digits[index]!, 0) % 11;
    if (check === 10) continue;
    return `PL${digits.join('')}${check}`;
  }
}

export const uniqueEmail = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}@example.com`;

export const samplePdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export const address = { street: 'ul. Długa 1', postalCode: '00-001', city: 'Warszawa', country: 'PL' };

/** Presign, PUT the file like a browser, return the upload id. */
export async function uploadLicence(content: Buffer = samplePdf, contentType = 'application/pdf', declaredSize = content.length) {
  const presign = await api('/registrations/licence-uploads', { method: 'POST', body: { fileName: 'licence.pdf', contentType, size: declaredSize } });
  if (presign.status !== 201) return { presign };
  const put = await fetch(presign.body.uploadUrl, { method: 'PUT', headers: presign.body.headers, body: new Uint8Array(content) });
  return { presign, put, uploadId: presign.body.uploadId as string };
}

export async function register(overrides: { email?: string; vatId?: string; name?: string } = {}) {
  const { uploadId } = await uploadLicence();
  const email = overrides.email ?? uniqueEmail('owner');
  const response = await api('/registrations', {
    method: 'POST',
    body: {
      company: { name: overrides.name ?? `Test Hurt ${randomBytes(2).toString('hex')} Sp. z o.o.`, vatId: overrides.vatId ?? polishVatId(), country: 'PL' },
      contact: { name: 'Jan Kowalski', email, phone: '+48 600 000 000' },
      billingAddress: address,
      licenceUploadId: uploadId,
    },
  });
  return { response, email };
}

export interface OutboxMessage {
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
}

export async function outbox(): Promise<OutboxMessage[]> {
  return ((await (await fetch(`${stack().webUrl}/_local/outbox.json`)).json()) as { messages: OutboxMessage[] }).messages;
}

export async function temporaryPasswordFor(email: string): Promise<string> {
  const message = (await outbox()).find((candidate) => candidate.to.includes(email));
  const match = message && /Temporary password: (\S+)/.exec(message.text);
  if (!match) throw new Error(`No invitation for ${email}`);
  return match[1]!;
}

export async function cognitoUserCount(): Promise<number> {
  const client = new CognitoIdentityProviderClient(awsConfig(stack().cognitoEndpoint));
  const { Users = [] } = await client.send(new ListUsersCommand({ UserPoolId: stack().userPoolId }));
  return Users.length;
}

/** Receives and deletes every message currently on the ERP outbound queue. */
export async function drainErpEvents(): Promise<{ type: string; data: any }[]> {
  const sqs = new SQSClient(awsConfig(stack().sqsEndpoint));
  const events: { type: string; data: any }[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: stack().env.ERP_OUTBOUND_QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!Messages.length) return events;
    for (const message of Messages) {
      events.push(JSON.parse(message.Body!));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: stack().env.ERP_OUTBOUND_QUEUE_URL, ReceiptHandle: message.ReceiptHandle }));
    }
  }
}

/** First sign-in of an invited user: answers NEW_PASSWORD_REQUIRED, returns the ID token. */
export async function activate(email: string, newPassword = 'Fresh-Passw0rd-2026'): Promise<string> {
  const { InitiateAuthCommand, RespondToAuthChallengeCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const client = new CognitoIdentityProviderClient(awsConfig(stack().cognitoEndpoint));
  const ClientId = stack().shopClientId;
  const first = await client.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: email, PASSWORD: await temporaryPasswordFor(email) } }),
  );
  if (first.ChallengeName !== 'NEW_PASSWORD_REQUIRED') throw new Error(`Expected NEW_PASSWORD_REQUIRED, got ${first.ChallengeName}`);
  const second = await client.send(
    new RespondToAuthChallengeCommand({ ClientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: first.Session, ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword } }),
  );
  return second.AuthenticationResult!.IdToken!;
}

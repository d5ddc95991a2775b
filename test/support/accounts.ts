import { randomBytes } from 'node:crypto';
import { AdminSetUserPasswordCommand, CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect } from 'vitest';
import { api, awsConfig, signIn, stack, users } from './api.js';

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
  /** ISO time the mail was sent; the outbox lists newest first. */
  readonly at: string;
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
}

export async function outbox(): Promise<OutboxMessage[]> {
  return ((await (await fetch(`${stack().webUrl}/_local/outbox.json`)).json()) as { messages: OutboxMessage[] }).messages;
}

/** The temporary password line of an invitation mail in any of its languages (functions/shared/messages 'mail.invitation.password'). */
export const temporaryPasswordPattern = /(?:Temporary password|Vorläufiges Passwort|Hasło tymczasowe): (\S+)/;

/** The subject of an invitation mail with a temporary password in any of its languages ('mail.invitation.subject'). */
export const invitationSubjectPattern = /^(?:Your account for|Ihr Konto für|Twoje konto dla) /;

/** The reset code line of a password reset mail in any of its languages ('mail.reset.code'). */
export const resetCodePattern = /(?:Reset code|Code zum Zurücksetzen|Kod resetowania): (\S+)/;

/** The subject of a password reset mail in any of its languages ('mail.reset.subject'). */
export const resetSubjectPattern = /^(?:Reset your password|Passwort zurücksetzen|Resetowanie hasła)$/;

export async function temporaryPasswordFor(email: string): Promise<string> {
  const message = (await outbox()).find((candidate) => candidate.to.includes(email) && temporaryPasswordPattern.test(candidate.text));
  const match = message && temporaryPasswordPattern.exec(message.text);
  if (!match) throw new Error(`No invitation for ${email}`);
  return match[1]!;
}

export async function cognitoUserCount(): Promise<number> {
  const client = new CognitoIdentityProviderClient(awsConfig(stack().cognitoEndpoint));
  const { Users = [] } = await client.send(new ListUsersCommand({ UserPoolId: stack().userPoolId }));
  return Users.length;
}

/** Messages published to the ERP outbound queue since `since` (ms), read from the emulator's spy. */
export async function erpEventsSince(since: number): Promise<{ type: string; data: any }[]> {
  const { messages } = (await (await fetch(`${stack().webUrl}/_local/sqs/published.json?queue=b2b-erp-outbound`)).json()) as {
    messages: { body: string; at: number }[];
  };
  return messages
    .filter((message) => message.at >= since)
    .sort((a, b) => a.at - b.at)
    .map((message) => JSON.parse(message.body));
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
    new RespondToAuthChallengeCommand({
      ClientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: first.Session,
      ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
    }),
  );
  return second.AuthenticationResult!.IdToken!;
}

const password = 'Parallel-Passw0rd-1';

/** A fresh wholesale company with `count` buyers who can sign in. */
export async function newCompanyWithBuyers(count: number) {
  const backOffice = await signIn(users.backOffice, 'console');
  const adminEmail = uniqueEmail('parallel-admin');
  const created = await api('/console/companies', {
    token: backOffice,
    method: 'POST',
    body: {
      company: { name: `Parallel Bau ${Date.now()} GmbH`, vatId: 'DE811907980', country: 'DE' },
      billingAddress: { ...address, country: 'DE', city: 'Ulm' },
      customerGroup: 'wholesale',
      admin: { email: adminEmail, name: 'Pia Parallel' },
    },
  });
  expect(created.status).toBe(201);
  const companyId = created.body.companyId as string;
  const cognito = new CognitoIdentityProviderClient(awsConfig(stack().cognitoEndpoint));
  const activate = (email: string) =>
    cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: stack().env.USER_POOL_ID, Username: email, Password: password, Permanent: true }));
  await activate(adminEmail);
  const admin = await signIn(adminEmail, 'shop', password);
  const emails = [adminEmail];
  for (let index = 1; index < count; index++) {
    const email = uniqueEmail(`parallel-buyer-${index}`);
    const invited = await api(`/companies/${companyId}/users`, { token: admin, method: 'POST', body: { email, name: `Buyer ${index}`, role: 'buyer' } });
    expect(invited.status).toBe(201);
    await activate(email);
    emails.push(email);
  }
  const tokens = await Promise.all(emails.map((email) => signIn(email, 'shop', password)));
  return { companyId, admin, backOffice, tokens };
}

/**
 * Membership by consent: `admin` of `companyId` invites the user `email` with `role`, and that user
 * (`inviteeToken`, signed in as themselves) accepts. Returns the accepted membership.
 */
export async function inviteAndAccept(options: { admin: string; companyId: string; email: string; role: string; inviteeToken: string }) {
  const invited = await api(`/companies/${options.companyId}/members`, {
    token: options.admin,
    method: 'POST',
    body: { email: options.email, role: options.role },
  });
  expect(invited.status, JSON.stringify(invited.body)).toBe(202);
  const accepted = await api(`/me/invitations/${options.companyId}/accept`, { token: options.inviteeToken, method: 'POST' });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return accepted.body as { companyId: string; companyName: string; role: string };
}

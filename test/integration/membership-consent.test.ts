import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
import { inviteAndAccept, newCompanyWithBuyers, outbox } from '../support/accounts.js';

/**
 * Issue 12 finding 1: a company admin could add any portal user of another company as a member at once
 * (the first step of taking over that person's account). Membership now needs the invitee's consent.
 */
const as = (companyId: string) => ({ 'x-active-company': companyId });
const invite = (token: string, companyId: string, email: string, role = 'buyer') =>
  api(`/companies/${companyId}/members`, { token, method: 'POST', body: { email, role } });
const myInvitations = async (token: string) =>
  (await api('/me/invitations', { token })).body.invitations as { companyId: string; companyName: string; role: string }[];
const companyInvitations = async (token: string, companyId: string) =>
  (await api(`/companies/${companyId}/members/invitations`, { token })).body.invitations as { sub: string; email: string; role: string; status: string }[];
const companiesOf = async (token: string) =>
  (await api('/me', { token })).body.companies.map((company: { companyId: string }) => company.companyId) as string[];
const userSubs = async (token: string, companyId: string) =>
  (await api(`/companies/${companyId}/users`, { token })).body.users.map((user: { sub: string }) => user.sub) as string[];
const auditActions = async (token: string, companyId: string) =>
  (await api(`/companies/${companyId}/audit`, { token })).body.entries as { action: string; details: any }[];

let documents: DynamoDBDocumentClient;
const table = () => stack().env.TABLE_NAME!;
beforeAll(() => {
  documents = DynamoDBDocumentClient.from(new DynamoDBClient(awsConfig(stack().dynamodbEndpoint)));
});
afterAll(() => documents?.destroy());

describe('membership of another company’s user only by consent', () => {
  it('an invitation grants nothing: the seeded Nowak admin invited by Müller Bau is no member until accepting', async () => {
    const muellerAdmin = await signIn(users.muellerAdmin);
    const nowakAdmin = await signIn(users.nowakAdmin);
    const nowakSub = (await api('/me', { token: nowakAdmin })).body.user.sub as string;
    const usersBefore = await userSubs(muellerAdmin, 'mueller-bau');
    const sentSince = new Date().toISOString();
    const invited = await invite(muellerAdmin, 'mueller-bau', users.nowakAdmin);
    try {
      expect(invited.status, JSON.stringify(invited.body)).toBe(202);
      expect(invited.body).toMatchObject({ status: 'pending', sub: nowakSub, email: users.nowakAdmin, role: 'buyer' });
      // No more than adding revealed before: no name and no home company of the invitee.
      expect(invited.body.name).toBeUndefined();
      expect(invited.body.homeCompanyId).toBeUndefined();

      // Nothing granted: no access via the header, not in Müller Bau's user list, /me only the own company.
      const refused = await api('/cart', { token: nowakAdmin, headers: as('mueller-bau') });
      expect([refused.status, refused.body.error.code]).toEqual([403, 'NOT_A_MEMBER']);
      expect((await api('/companies/mueller-bau/orders', { token: nowakAdmin, headers: as('mueller-bau') })).body.error.code).toBe('NOT_A_MEMBER');
      expect(await userSubs(muellerAdmin, 'mueller-bau')).toEqual(usersBefore);
      expect(await companiesOf(nowakAdmin)).toEqual(['nowak-instalacje']);
      // Müller Bau's admin cannot pick the invitee for anything that needs a member (here: change the role).
      const patched = await api(`/companies/mueller-bau/users/${nowakSub}`, { token: muellerAdmin, method: 'PATCH', body: { role: 'company-admin' } });
      expect(patched.status).toBe(404);
      const { Item: membership } = await documents.send(new GetCommand({ TableName: table(), Key: { PK: `USER#${nowakSub}`, SK: 'MEMBERSHIP#mueller-bau' } }));
      expect(membership).toBeUndefined();

      // The invitee sees it (shop banner) and got an e-mail with the link to the invitations page.
      expect(await myInvitations(nowakAdmin)).toEqual([
        expect.objectContaining({ companyId: 'mueller-bau', companyName: expect.stringMatching(/Müller Bau/), role: 'buyer' }),
      ]);
      const mail = (await outbox()).find((message) => message.at >= sentSince && message.to.includes(users.nowakAdmin));
      expect(mail?.subject).toMatch(/Müller Bau.*zaprasza Cię jako: kupujący/); // the invitee's language: Nowak is Polish
      expect(mail?.text).toContain(`${stack().webUrl}/invitations`);
      // The company sees it as pending; a second invitation while one is open is refused.
      expect(await companyInvitations(muellerAdmin, 'mueller-bau')).toEqual([expect.objectContaining({ sub: nowakSub, status: 'pending', role: 'buyer' })]);
      const twice = await invite(muellerAdmin, 'mueller-bau', users.nowakAdmin, 'company-admin');
      expect([twice.status, twice.body.error.code]).toEqual([409, 'INVITATION_PENDING']);
      expect(
        (await auditActions(muellerAdmin, 'mueller-bau')).some((entry) => entry.action === 'member.invited' && entry.details?.email === users.nowakAdmin),
      ).toBe(true);
    } finally {
      // Leave the seeded companies as they were.
      const revoked = await api(`/companies/mueller-bau/members/invitations/${nowakSub}`, { token: muellerAdmin, method: 'DELETE' });
      expect(revoked.status).toBe(200);
    }
    expect(await myInvitations(nowakAdmin)).toEqual([]);
    expect(await companyInvitations(muellerAdmin, 'mueller-bau')).toEqual([]);
    const accept = await api('/me/invitations/mueller-bau/accept', { token: nowakAdmin, method: 'POST' });
    expect([accept.status, accept.body.error.code]).toEqual([404, 'INVITATION_NOT_FOUND']);
    expect(await companiesOf(nowakAdmin)).toEqual(['nowak-instalacje']);
  });

  it('keeps the candidate rules and answers as before for unknown addresses, staff and own employees', async () => {
    const muellerAdmin = await signIn(users.muellerAdmin);
    const unknown = await invite(muellerAdmin, 'mueller-bau', 'nobody-here@example.com');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'USER_NOT_FOUND']);
    const staff = await invite(muellerAdmin, 'mueller-bau', users.rep);
    expect([staff.status, staff.body.error.code]).toEqual([409, 'NOT_A_CUSTOMER_USER']);
    const own = await invite(muellerAdmin, 'mueller-bau', users.muellerBuyer);
    expect([own.status, own.body.error.code]).toEqual([409, 'ALREADY_MEMBER']);
    // The seeded group buyer is a member of Nowak already.
    const nowakAdmin = await signIn(users.nowakAdmin);
    const member = await invite(nowakAdmin, 'nowak-instalacje', 'purchasing@bau-gruppe.example');
    expect([member.status, member.body.error.code]).toEqual([409, 'ALREADY_MEMBER']);
    // A buyer cannot invite at all.
    expect((await invite(await signIn(users.muellerBuyer), 'mueller-bau', users.nowakAdmin)).status).toBe(403);
    expect(await companyInvitations(muellerAdmin, 'mueller-bau')).toEqual([]);
  });

  it('only the invited person accepts, as themselves; accepting is audited in both companies', async () => {
    const a = await newCompanyWithBuyers(2);
    const b = await newCompanyWithBuyers(1);
    const c = await newCompanyWithBuyers(1);
    const [adminA, buyerA] = a.tokens as [string, string];
    const buyerAMe = (await api('/me', { token: buyerA })).body;
    const email = buyerAMe.user.email as string;

    // buyerA is already a member of C (so they can act as C through the header).
    await inviteAndAccept({ admin: c.admin, companyId: c.companyId, email, role: 'buyer', inviteeToken: buyerA });
    expect((await invite(b.admin, b.companyId, email, 'company-admin')).status).toBe(202);

    // Someone else cannot accept it: not A's admin, not B's admin, not the invitee acting as C.
    for (const token of [adminA, b.admin, c.admin]) {
      const stolen = await api(`/me/invitations/${b.companyId}/accept`, { token, method: 'POST' });
      expect([stolen.status, stolen.body.error.code]).toEqual([404, 'INVITATION_NOT_FOUND']);
    }
    const viaHeader = await api(`/me/invitations/${b.companyId}/accept`, { token: buyerA, method: 'POST', headers: as(c.companyId) });
    expect([viaHeader.status, viaHeader.body.error.code]).toEqual([403, 'HOME_COMPANY_REQUIRED']);
    const declineViaHeader = await api(`/me/invitations/${b.companyId}/decline`, { token: buyerA, method: 'POST', headers: as(c.companyId) });
    expect([declineViaHeader.status, declineViaHeader.body.error.code]).toEqual([403, 'HOME_COMPANY_REQUIRED']);
    expect(await companiesOf(buyerA)).toEqual([a.companyId, c.companyId]);
    expect((await api('/cart', { token: buyerA, headers: as(b.companyId) })).body.error.code).toBe('NOT_A_MEMBER');
    // The invitation is the person's: listed whichever company is active.
    expect(
      (await api('/me/invitations', { token: buyerA, headers: as(c.companyId) })).body.invitations.map((entry: { companyId: string }) => entry.companyId),
    ).toEqual([b.companyId]);

    const accepted = await api(`/me/invitations/${b.companyId}/accept`, { token: buyerA, method: 'POST' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ companyId: b.companyId, role: 'company-admin' });
    expect((await api(`/companies/${b.companyId}/users`, { token: buyerA, headers: as(b.companyId) })).status).toBe(200);
    expect(
      (await api(`/companies/${b.companyId}/users`, { token: b.admin })).body.users.find((user: { sub: string }) => user.sub === buyerAMe.user.sub),
    ).toMatchObject({
      homeCompanyId: a.companyId,
      role: 'company-admin',
    });
    expect(await myInvitations(buyerA)).toEqual([]);
    expect(await companyInvitations(b.admin, b.companyId)).toEqual([]);
    const again = await api(`/me/invitations/${b.companyId}/accept`, { token: buyerA, method: 'POST' });
    expect([again.status, again.body.error.code]).toEqual([404, 'INVITATION_NOT_FOUND']);

    const inB = await auditActions(b.admin, b.companyId);
    expect(inB.find((entry) => entry.action === 'member.added')?.details).toMatchObject({
      email,
      role: 'company-admin',
      homeCompanyId: a.companyId,
      consent: 'accepted',
    });
    const inA = await auditActions(adminA, a.companyId);
    expect(inA.find((entry) => entry.action === 'membership.accepted' && entry.details.companyId === b.companyId)?.details).toMatchObject({
      email,
      role: 'company-admin',
    });
  });

  it('the invitee declines, the company revokes, and a member leaves on their own', async () => {
    const a = await newCompanyWithBuyers(2);
    const b = await newCompanyWithBuyers(1);
    const [adminA, buyerA] = a.tokens as [string, string];
    const buyerAMe = (await api('/me', { token: buyerA })).body;
    const email = buyerAMe.user.email as string;

    // Decline: both sides forget it, nothing granted, B's trail records it.
    expect((await invite(b.admin, b.companyId, email)).status).toBe(202);
    const declined = await api(`/me/invitations/${b.companyId}/decline`, { token: buyerA, method: 'POST' });
    expect(declined.status).toBe(200);
    expect(await myInvitations(buyerA)).toEqual([]);
    expect(await companyInvitations(b.admin, b.companyId)).toEqual([]);
    expect(await companiesOf(buyerA)).toEqual([a.companyId]);
    expect((await auditActions(b.admin, b.companyId)).map((entry) => entry.action)).toContain('member.invitation-declined');
    expect((await api(`/me/invitations/${b.companyId}/decline`, { token: buyerA, method: 'POST' })).body.error.code).toBe('INVITATION_NOT_FOUND');

    // Revoke: only B's admin; then the invitee can no longer accept.
    expect((await invite(b.admin, b.companyId, email)).status).toBe(202);
    expect((await api(`/companies/${b.companyId}/members/invitations/${buyerAMe.user.sub}`, { token: adminA, method: 'DELETE' })).status).toBe(403);
    const revoked = await api(`/companies/${b.companyId}/members/invitations/${buyerAMe.user.sub}`, { token: b.admin, method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(await myInvitations(buyerA)).toEqual([]);
    const late = await api(`/me/invitations/${b.companyId}/accept`, { token: buyerA, method: 'POST' });
    expect([late.status, late.body.error.code]).toEqual([404, 'INVITATION_NOT_FOUND']);
    expect((await auditActions(b.admin, b.companyId)).map((entry) => entry.action)).toContain('member.invitation-revoked');
    const revokeAgain = await api(`/companies/${b.companyId}/members/invitations/${buyerAMe.user.sub}`, { token: b.admin, method: 'DELETE' });
    expect([revokeAgain.status, revokeAgain.body.error.code]).toEqual([404, 'INVITATION_NOT_FOUND']);

    // Leave: after accepting, the member leaves; the next request in B is refused; both trails record it.
    await inviteAndAccept({ admin: b.admin, companyId: b.companyId, email, role: 'buyer', inviteeToken: buyerA });
    expect((await api('/cart', { token: buyerA, headers: as(b.companyId) })).status).toBe(200);
    const home = await api(`/me/memberships/${a.companyId}`, { token: buyerA, method: 'DELETE' });
    expect([home.status, home.body.error.code]).toEqual([409, 'HOME_COMPANY']);
    const notMember = await api(`/me/memberships/${b.companyId}`, { token: adminA, method: 'DELETE' });
    expect([notMember.status, notMember.body.error.code]).toEqual([404, 'NOT_A_MEMBER']);
    const left = await api(`/me/memberships/${b.companyId}`, { token: buyerA, method: 'DELETE' });
    expect(left.status).toBe(200);
    const refused = await api('/cart', { token: buyerA, headers: as(b.companyId) });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'NOT_A_MEMBER']);
    expect(await companiesOf(buyerA)).toEqual([a.companyId]);
    expect(await userSubs(b.admin, b.companyId)).not.toContain(buyerAMe.user.sub);
    expect((await auditActions(b.admin, b.companyId)).map((entry) => entry.action)).toContain('member.left');
    expect((await auditActions(adminA, a.companyId)).map((entry) => entry.action)).toContain('membership.left');
  });

  it('the last active admin of a company cannot leave it', async () => {
    const a = await newCompanyWithBuyers(2);
    const b = await newCompanyWithBuyers(1);
    const [, buyerA] = a.tokens as [string, string];
    const email = (await api('/me', { token: buyerA })).body.user.email as string;
    const bAdminSub = (await api('/me', { token: b.admin })).body.user.sub as string;
    await inviteAndAccept({ admin: b.admin, companyId: b.companyId, email, role: 'company-admin', inviteeToken: buyerA });
    // B's own admin hands over: demoted by the member, the member is B's only admin.
    expect(
      (await api(`/companies/${b.companyId}/users/${bAdminSub}`, { token: buyerA, method: 'PATCH', body: { role: 'buyer' }, headers: as(b.companyId) })).status,
    ).toBe(200);
    const leaving = await api(`/me/memberships/${b.companyId}`, { token: buyerA, method: 'DELETE' });
    expect([leaving.status, leaving.body.error.code]).toEqual([409, 'LAST_ADMIN']);
    expect(await companiesOf(buyerA)).toContain(b.companyId);
  });

  it('an expired invitation cannot be accepted and is not listed; a new one replaces it', async () => {
    const a = await newCompanyWithBuyers(2);
    const b = await newCompanyWithBuyers(1);
    const [, buyerA] = a.tokens as [string, string];
    const buyerAMe = (await api('/me', { token: buyerA })).body;
    const email = buyerAMe.user.email as string;
    expect((await invite(b.admin, b.companyId, email)).status).toBe(202);
    // Fourteen days later, before DynamoDB's TTL removed the items: set expiresAt into the past on both.
    const past = Math.floor(Date.now() / 1000) - 60;
    for (const Key of [
      { PK: `COMPANY#${b.companyId}`, SK: `MEMBER-INVITATION#${buyerAMe.user.sub}` },
      { PK: `USER#${buyerAMe.user.sub}`, SK: `INVITATION#${b.companyId}` },
    ]) {
      await documents.send(
        new UpdateCommand({
          TableName: table(),
          Key,
          UpdateExpression: 'SET expiresAt = :past',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':past': past },
        }),
      );
    }
    expect(await myInvitations(buyerA)).toEqual([]);
    expect(await companyInvitations(b.admin, b.companyId)).toEqual([]);
    const expired = await api(`/me/invitations/${b.companyId}/accept`, { token: buyerA, method: 'POST' });
    expect([expired.status, expired.body.error.code]).toEqual([409, 'INVITATION_EXPIRED']);
    expect(await companiesOf(buyerA)).toEqual([a.companyId]);
    expect((await api('/cart', { token: buyerA, headers: as(b.companyId) })).body.error.code).toBe('NOT_A_MEMBER');

    // The company may invite again; the fresh invitation works.
    await inviteAndAccept({ admin: b.admin, companyId: b.companyId, email, role: 'buyer', inviteeToken: buyerA });
    expect(await companiesOf(buyerA)).toEqual([a.companyId, b.companyId]);
  });
});

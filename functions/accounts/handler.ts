import { companyRoles, roles } from '../../lib/definitions/index.js';
import { AppError } from '../shared/errors.js';
import { createHttpHandler, forAnyone, forRoles, rawReply, reply, type RawReply } from '../shared/http.js';
import * as companies from './companies.js';
import { accountsContract } from './contract.js';
import * as memberInvitations from './membership-invitations.js';
import * as memberships from './memberships.js';
import * as mfa from './mfa.js';
import * as passwordReset from './password-reset.js';
import * as registration from './registration.js';
import { customerGroups } from './rules.js';
import * as accounts from './service.js';
import * as signIn from './sign-in.js';
import * as users from './users.js';
import * as vatCheck from './vat-check.js';

const everyone = roles;

const retryAfterSeconds = (details: unknown): number | undefined => {
  if (!details || typeof details !== 'object' || !('retryAfterSeconds' in details)) return undefined;
  return typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
};

/** 429 TOO_MANY_ATTEMPTS carries a Retry-After header (the shared JSON reply has no headers). */
async function withRetryAfter<T>(run: () => Promise<T>): Promise<T | RawReply> {
  try {
    return await run();
  } catch (error) {
    const retryAfter = error instanceof AppError && error.statusCode === 429 ? retryAfterSeconds(error.details) : undefined;
    if (!(error instanceof AppError) || !retryAfter) throw error;
    return rawReply(
      429,
      { 'content-type': 'application/json', 'retry-after': String(retryAfter) },
      JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } }),
    );
  }
}

export const handler = createHttpHandler('accounts', accountsContract, {
  'GET /shop': forAnyone(() => accounts.getShopSettings()),

  'POST /registrations/licence-uploads': forAnyone(async ({ body }) => reply(201, await registration.requestLicenceUpload(body))),

  'POST /registrations': forAnyone(async ({ body }) => reply(201, await registration.submitRegistration(body))),

  'GET /me': forRoles(everyone, ({ caller }) => accounts.describeCaller(caller)),

  'PUT /me/preferences': forRoles(everyone, ({ caller, body }) => accounts.setPreferences(caller, body)),

  'POST /auth/sign-in': forAnyone(({ body }) => withRetryAfter(() => signIn.signIn(body))),

  'POST /auth/challenge': forAnyone(({ body }) => withRetryAfter(() => signIn.answerChallenge(body))),

  'POST /auth/refresh': forAnyone(({ body }) => signIn.refresh(body)),

  'POST /auth/sign-out': forAnyone(async ({ body }) => {
    await signIn.signOut(body);
    return reply(204, undefined);
  }),

  'POST /auth/password/forgot': forAnyone(async ({ body }) => reply(202, await passwordReset.requestReset(body))),

  'POST /auth/password/reset': forAnyone(({ body }) => passwordReset.resetPassword(body)),

  'POST /me/mfa/setup': forRoles(everyone, ({ caller, body }) => mfa.setUpMfa(caller, body.accessToken)),

  'POST /me/mfa/verify': forRoles(everyone, ({ caller, body }) => mfa.verifyMfa(caller, body)),

  'DELETE /me/mfa': forRoles(everyone, ({ caller, body }) => mfa.disableMfa(caller, body.accessToken)),

  'PUT /companies/{companyId}/security': forRoles(everyone, ({ caller, params, body }) => mfa.setCompanySecurity(caller, params.companyId, body)),

  'GET /companies/{companyId}': forRoles(everyone, ({ caller, params }) => companies.getAccount(caller, params.companyId)),

  'PATCH /companies/{companyId}': forRoles(everyone, ({ caller, params, body }) => companies.updateBasics(caller, params.companyId, body)),

  'PUT /companies/{companyId}/billing-address': forRoles(everyone, ({ caller, params, body }) => companies.setBillingAddress(caller, params.companyId, body)),

  'POST /companies/{companyId}/delivery-addresses': forRoles(everyone, async ({ caller, params, body }) =>
    reply(201, await companies.addDeliveryAddress(caller, params.companyId, body)),
  ),

  'DELETE /companies/{companyId}/delivery-addresses/{addressId}': forRoles(everyone, ({ caller, params }) =>
    companies.removeDeliveryAddress(caller, params.companyId, params.addressId),
  ),

  'POST /companies/{companyId}/bank-accounts': forRoles(everyone, async ({ caller, params, body }) =>
    reply(201, await companies.addBankAccount(caller, params.companyId, body)),
  ),

  'DELETE /companies/{companyId}/bank-accounts/{accountId}': forRoles(everyone, ({ caller, params }) =>
    companies.removeBankAccount(caller, params.companyId, params.accountId),
  ),

  'GET /companies/{companyId}/users': forRoles(everyone, async ({ caller, params }) => ({ users: await users.listUsers(caller, params.companyId) })),

  'POST /companies/{companyId}/users': forRoles(everyone, async ({ caller, params, body }) =>
    reply(201, await users.inviteEmployee(caller, params.companyId, body)),
  ),

  'PATCH /companies/{companyId}/users/{userSub}': forRoles(everyone, ({ caller, params, body }) =>
    users.updateEmployee(caller, params.companyId, params.userSub, body),
  ),

  // An invitation the invitee accepts while signed in (202: nothing granted yet).
  'POST /companies/{companyId}/members': forRoles(companyRoles, async ({ caller, params, body }) =>
    reply(202, await memberInvitations.inviteMember(caller, params.companyId, body)),
  ),

  'GET /companies/{companyId}/members/invitations': forRoles(everyone, async ({ caller, params }) => ({
    invitations: await memberInvitations.listCompanyInvitations(caller, params.companyId),
  })),

  'DELETE /companies/{companyId}/members/invitations/{userSub}': forRoles(companyRoles, ({ caller, params }) =>
    memberInvitations.revokeInvitation(caller, params.companyId, params.userSub),
  ),

  'GET /me/invitations': forRoles(companyRoles, async ({ caller }) => ({ invitations: await memberInvitations.listMyInvitations(caller) })),

  'POST /me/invitations/{companyId}/accept': forRoles(companyRoles, ({ caller, params }) => memberInvitations.acceptInvitation(caller, params.companyId)),

  'POST /me/invitations/{companyId}/decline': forRoles(companyRoles, ({ caller, params }) => memberInvitations.declineInvitation(caller, params.companyId)),

  'DELETE /me/memberships/{companyId}': forRoles(companyRoles, ({ caller, params }) => memberships.leaveCompany(caller, params.companyId)),

  'DELETE /companies/{companyId}/members/{userSub}': forRoles(companyRoles, ({ caller, params }) =>
    memberships.removeMember(caller, params.companyId, params.userSub),
  ),

  'GET /companies/{companyId}/audit': forRoles(everyone, async ({ caller, params }) => ({ entries: await companies.auditTrail(caller, params.companyId) })),

  'GET /console/registrations': forRoles(['back-office'], ({ query }) => registration.listRegistrations(query.status, query.limit, query.cursor)),

  'GET /console/registrations/{registrationId}': forRoles(['back-office'], ({ params }) => registration.showRegistration(params.registrationId)),

  'POST /console/registrations/{registrationId}/approve': forRoles(['back-office'], ({ caller, params, body }) =>
    registration.approveRegistration(caller, params.registrationId, body.customerGroup),
  ),

  'POST /console/registrations/{registrationId}/reject': forRoles(['back-office'], ({ caller, params, body }) =>
    registration.rejectRegistration(caller, params.registrationId, body.reason),
  ),

  'GET /console/companies': forRoles(['sales-rep', 'back-office'], async ({ caller, query }) => {
    const page = await companies.listCompaniesFor(caller, query.limit, query.cursor, query.q || undefined);
    return { companies: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),

  'POST /console/companies': forRoles(['back-office'], async ({ caller, body }) => reply(201, await registration.createCompanyDirectly(caller, body))),

  'PATCH /console/companies/{companyId}': forRoles(['back-office'], ({ caller, params, body }) => companies.administerCompany(caller, params.companyId, body)),

  'POST /console/companies/{companyId}/vat-check': forRoles(['back-office'], ({ caller, params }) => vatCheck.recheckFromConsole(caller, params.companyId)),

  'GET /console/reps': forRoles(['back-office'], async () => ({ reps: await companies.listReps() })),

  'GET /console/customer-groups': forRoles(['sales-rep', 'back-office'], () => ({ customerGroups })),

  'PUT /console/shop': forRoles(['back-office'], ({ caller, body }) => accounts.changeShopSettings(caller, body)),
});

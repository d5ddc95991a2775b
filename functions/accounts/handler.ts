import { z } from 'zod';
import { companyRoles, roles } from '../../lib/definitions/index.js';
import { AppError } from '../shared/errors.js';
import { createHttpHandler, forAnyone, forRoles, rawReply, reply } from '../shared/http.js';
import { money } from '../shared/money.js';
import * as companies from './companies.js';
import * as memberInvitations from './membership-invitations.js';
import * as memberships from './memberships.js';
import * as mfa from './mfa.js';
import * as passwordReset from './password-reset.js';
import * as registration from './registration.js';
import { customerGroups, sessionTimeout } from './rules.js';
import * as accounts from './service.js';
import * as signIn from './sign-in.js';
import * as users from './users.js';
import * as vatCheck from './vat-check.js';

const id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const text = (max: number) => z.string().trim().min(1).max(max);
const country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code');
const email = z.email().max(254);
const address = z
  .object({ name: text(120).optional(), street: text(120), postalCode: text(16), city: text(80), country })
  .strict();
const companyData = z
  .object({ name: text(120), vatId: text(20), country })
  .strict();
const orderLimit = z
  .object({ amount: z.number().int().positive().max(1_000_000_000), currency: z.string().regex(/^[A-Z]{3}$/) })
  .strict()
  .transform((limit) => money(limit.amount, limit.currency));
const companyRole = z.enum(companyRoles);
const everyone = roles;
const companyPath = z.object({ companyId: id });
const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});

const signInClient = z.enum(['shop', 'console']);
const password = z.string().min(1).max(256);
const jwtString = z.string().min(20).max(8192);
const totpCode = z.string().regex(/^\d{6}$/, 'six digits');

/** 429 TOO_MANY_ATTEMPTS carries a Retry-After header (the shared JSON reply has no headers). */
async function withRetryAfter(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    const retryAfter = (error as AppError).details as { retryAfterSeconds?: number } | undefined;
    if (!(error instanceof AppError) || error.statusCode !== 429 || !retryAfter?.retryAfterSeconds) throw error;
    return rawReply(
      429,
      { 'content-type': 'application/json', 'retry-after': String(retryAfter.retryAfterSeconds) },
      JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } }),
    );
  }
}

export const handler = createHttpHandler('accounts', {
  'GET /shop': forAnyone({ handle: () => accounts.getShopSettings() }),

  'POST /registrations/licence-uploads': forAnyone({
    body: z.object({ fileName: text(200), contentType: text(100), size: z.number().int().positive() }).strict(),
    handle: async ({ body }) => reply(201, await registration.requestLicenceUpload(body)),
  }),

  'POST /registrations': forAnyone({
    body: z
      .object({
        company: companyData,
        contact: z.object({ name: text(120), email, phone: z.string().trim().max(40).optional() }).strict(),
        billingAddress: address,
        deliveryAddress: address.optional(),
        licenceUploadId: z.uuid(),
      })
      .strict(),
    handle: async ({ body }) => reply(201, await registration.submitRegistration(body)),
  }),

  'GET /me': forRoles(everyone, { handle: ({ caller }) => accounts.describeCaller(caller) }),

  'PUT /me/preferences': forRoles(everyone, {
    body: z.object({ sessionTimeoutMinutes: z.number().int().min(sessionTimeout.minMinutes).max(sessionTimeout.maxMinutes) }).strict(),
    handle: ({ caller, body }) => accounts.setPreferences(caller, body),
  }),

  'POST /auth/sign-in': forAnyone({
    body: z.object({ email, password, client: signInClient }).strict(),
    handle: ({ body }) => withRetryAfter(() => signIn.signIn(body)),
  }),

  'POST /auth/challenge': forAnyone({
    body: z.discriminatedUnion('challenge', [
      z.object({ email, client: signInClient, session: z.string().min(1).max(4096), challenge: z.literal('NEW_PASSWORD_REQUIRED'), newPassword: password }).strict(),
      z.object({ email, client: signInClient, session: z.string().min(1).max(4096), challenge: z.literal('SOFTWARE_TOKEN_MFA'), code: totpCode }).strict(),
    ]),
    handle: ({ body }) => withRetryAfter(() => signIn.answerChallenge(body)),
  }),

  'POST /auth/refresh': forAnyone({
    body: z.object({ refreshToken: z.string().min(1).max(8192), client: signInClient }).strict(),
    handle: ({ body }) => signIn.refresh(body),
  }),

  'POST /auth/sign-out': forAnyone({
    body: z.object({ refreshToken: z.string().min(1).max(8192) }).strict(),
    handle: async ({ body }) => {
      await signIn.signOut(body);
      return reply(204, undefined);
    },
  }),

  'POST /auth/password/forgot': forAnyone({
    body: z.object({ email, client: signInClient }).strict(),
    handle: async ({ body }) => reply(202, await passwordReset.requestReset(body)),
  }),

  'POST /auth/password/reset': forAnyone({
    body: z.object({ email, code: z.string().trim().min(1).max(16), newPassword: password }).strict(),
    handle: ({ body }) => passwordReset.resetPassword(body),
  }),

  'POST /me/mfa/setup': forRoles(everyone, {
    body: z.object({ accessToken: jwtString }).strict(),
    handle: ({ caller, body }) => mfa.setUpMfa(caller, body.accessToken),
  }),

  'POST /me/mfa/verify': forRoles(everyone, {
    body: z.object({ accessToken: jwtString, code: totpCode, deviceName: text(64).optional() }).strict(),
    handle: ({ caller, body }) => mfa.verifyMfa(caller, body),
  }),

  'DELETE /me/mfa': forRoles(everyone, {
    body: z.object({ accessToken: jwtString }).strict(),
    handle: ({ caller, body }) => mfa.disableMfa(caller, body.accessToken),
  }),

  'PUT /companies/{companyId}/security': forRoles(everyone, {
    params: companyPath,
    body: z.object({ mfaRequired: z.boolean() }).strict(),
    handle: ({ caller, params, body }) => mfa.setCompanySecurity(caller, params.companyId, body),
  }),

  'GET /companies/{companyId}': forRoles(everyone, {
    params: companyPath,
    handle: ({ caller, params }) => companies.getAccount(caller, params.companyId),
  }),

  'PATCH /companies/{companyId}': forRoles(everyone, {
    params: companyPath,
    body: z.object({ name: text(120).optional(), vatId: text(20).optional() }).strict(),
    handle: ({ caller, params, body }) => companies.updateBasics(caller, params.companyId, body),
  }),

  'PUT /companies/{companyId}/billing-address': forRoles(everyone, {
    params: companyPath,
    body: address,
    handle: ({ caller, params, body }) => companies.setBillingAddress(caller, params.companyId, body),
  }),

  'POST /companies/{companyId}/delivery-addresses': forRoles(everyone, {
    params: companyPath,
    body: address,
    handle: async ({ caller, params, body }) => reply(201, await companies.addDeliveryAddress(caller, params.companyId, body)),
  }),

  'DELETE /companies/{companyId}/delivery-addresses/{addressId}': forRoles(everyone, {
    params: z.object({ companyId: id, addressId: z.uuid() }),
    handle: ({ caller, params }) => companies.removeDeliveryAddress(caller, params.companyId, params.addressId),
  }),

  'POST /companies/{companyId}/bank-accounts': forRoles(everyone, {
    params: companyPath,
    body: z.object({ iban: text(42), bic: z.string().regex(/^[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$/).optional(), holder: text(120) }).strict(),
    handle: async ({ caller, params, body }) => reply(201, await companies.addBankAccount(caller, params.companyId, body)),
  }),

  'DELETE /companies/{companyId}/bank-accounts/{accountId}': forRoles(everyone, {
    params: z.object({ companyId: id, accountId: z.uuid() }),
    handle: ({ caller, params }) => companies.removeBankAccount(caller, params.companyId, params.accountId),
  }),

  'GET /companies/{companyId}/users': forRoles(everyone, {
    params: companyPath,
    handle: async ({ caller, params }) => ({ users: await users.listUsers(caller, params.companyId) }),
  }),

  'POST /companies/{companyId}/users': forRoles(everyone, {
    params: companyPath,
    body: z.object({ email, name: text(120), role: companyRole, orderLimit: orderLimit.optional() }).strict(),
    handle: async ({ caller, params, body }) => reply(201, await users.inviteEmployee(caller, params.companyId, body)),
  }),

  'PATCH /companies/{companyId}/users/{userSub}': forRoles(everyone, {
    params: z.object({ companyId: id, userSub: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }),
    body: z.object({ role: companyRole.optional(), enabled: z.boolean().optional(), orderLimit: orderLimit.nullable().optional() }).strict(),
    handle: ({ caller, params, body }) => users.updateEmployee(caller, params.companyId, params.userSub, body),
  }),

  'POST /companies/{companyId}/members': forRoles(companyRoles, {
    params: companyPath,
    body: z.object({ email, role: companyRole }).strict(),
    // An invitation the invitee accepts while signed in (202: nothing granted yet).
    handle: async ({ caller, params, body }) => reply(202, await memberInvitations.inviteMember(caller, params.companyId, body)),
  }),

  'GET /companies/{companyId}/members/invitations': forRoles(everyone, {
    params: companyPath,
    handle: async ({ caller, params }) => ({ invitations: await memberInvitations.listCompanyInvitations(caller, params.companyId) }),
  }),

  'DELETE /companies/{companyId}/members/invitations/{userSub}': forRoles(companyRoles, {
    params: z.object({ companyId: id, userSub: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }),
    handle: ({ caller, params }) => memberInvitations.revokeInvitation(caller, params.companyId, params.userSub),
  }),

  'GET /me/invitations': forRoles(companyRoles, {
    handle: async ({ caller }) => ({ invitations: await memberInvitations.listMyInvitations(caller) }),
  }),

  'POST /me/invitations/{companyId}/accept': forRoles(companyRoles, {
    params: companyPath,
    handle: ({ caller, params }) => memberInvitations.acceptInvitation(caller, params.companyId),
  }),

  'POST /me/invitations/{companyId}/decline': forRoles(companyRoles, {
    params: companyPath,
    handle: ({ caller, params }) => memberInvitations.declineInvitation(caller, params.companyId),
  }),

  'DELETE /me/memberships/{companyId}': forRoles(companyRoles, {
    params: companyPath,
    handle: ({ caller, params }) => memberships.leaveCompany(caller, params.companyId),
  }),

  'DELETE /companies/{companyId}/members/{userSub}': forRoles(companyRoles, {
    params: z.object({ companyId: id, userSub: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }),
    handle: ({ caller, params }) => memberships.removeMember(caller, params.companyId, params.userSub),
  }),

  'GET /companies/{companyId}/audit': forRoles(everyone, {
    params: companyPath,
    handle: async ({ caller, params }) => ({ entries: await companies.auditTrail(caller, params.companyId) }),
  }),

  'GET /console/registrations': forRoles(['back-office'], {
    query: pageQuery.extend({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') }),
    handle: ({ query }) => registration.listRegistrations(query.status, query.limit, query.cursor),
  }),

  'GET /console/registrations/{registrationId}': forRoles(['back-office'], {
    params: z.object({ registrationId: z.uuid() }),
    handle: ({ params }) => registration.showRegistration(params.registrationId),
  }),

  'POST /console/registrations/{registrationId}/approve': forRoles(['back-office'], {
    params: z.object({ registrationId: z.uuid() }),
    body: z.object({ customerGroup: z.enum(customerGroups) }).strict(),
    handle: ({ caller, params, body }) => registration.approveRegistration(caller, params.registrationId, body.customerGroup),
  }),

  'POST /console/registrations/{registrationId}/reject': forRoles(['back-office'], {
    params: z.object({ registrationId: z.uuid() }),
    body: z.object({ reason: text(1000) }).strict(),
    handle: ({ caller, params, body }) => registration.rejectRegistration(caller, params.registrationId, body.reason),
  }),

  'GET /console/companies': forRoles(['sales-rep', 'back-office'], {
    query: pageQuery.extend({ q: z.string().trim().max(80).optional() }),
    handle: async ({ caller, query }) => {
      const page = await companies.listCompaniesFor(caller, query.limit, query.cursor, query.q || undefined);
      return { companies: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  }),

  'POST /console/companies': forRoles(['back-office'], {
    body: z
      .object({
        company: companyData,
        billingAddress: address,
        deliveryAddress: address.optional(),
        customerGroup: z.enum(customerGroups),
        admin: z.object({ email, name: text(120) }).strict(),
      })
      .strict(),
    handle: async ({ caller, body }) => reply(201, await registration.createCompanyDirectly(caller, body)),
  }),

  'PATCH /console/companies/{companyId}': forRoles(['back-office'], {
    params: companyPath,
    body: z.object({ customerGroup: z.enum(customerGroups).optional(), repSub: id.nullable().optional() }).strict(),
    handle: ({ caller, params, body }) => companies.administerCompany(caller, params.companyId, body),
  }),

  'POST /console/companies/{companyId}/vat-check': forRoles(['back-office'], {
    params: companyPath,
    handle: ({ caller, params }) => vatCheck.recheckFromConsole(caller, params.companyId),
  }),

  'GET /console/reps': forRoles(['back-office'], { handle: async () => ({ reps: await companies.listReps() }) }),

  'GET /console/customer-groups': forRoles(['sales-rep', 'back-office'], { handle: async () => ({ customerGroups }) }),

  'PUT /console/shop': forRoles(['back-office'], {
    body: z
      .object({
        name: text(120).optional(),
        loginOnly: z.boolean().optional(),
        registrationOpen: z.boolean().optional(),
        // E-invoice seller contact (BG-6); its rules are in rules.ts (sellerContactProblem → 400 INVALID_SELLER_CONTACT).
        sellerContact: z.object({ name: z.string().trim().max(120), phone: z.string().trim().max(40), email: z.string().trim().max(254) }).strict().optional(),
      })
      .strict(),
    handle: ({ caller, body }) => accounts.changeShopSettings(caller, body),
  }),
});

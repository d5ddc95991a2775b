import * as z from 'zod';
import { companyRoles, roles } from '../../lib/definitions/index.js';
import { agreementSchema, vatIdEvidenceSchema } from '../pricing/contract.js';
import { companyIdParam, currencyCode, defineContract, idSchema, isoDateTime, moneySchema, type BodyOf } from '../shared/contract.js';
import { languages } from '../shared/locale.js';
import { money } from '../shared/money.js';
import { customerGroups, sessionTimeout } from './rules.js';

// ---- request pieces ----------------------------------------------------------------------------

const text = (max: number) => z.string().trim().min(1).max(max);
const country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code');
const email = z.email().max(254);
const addressInput = z.object({ name: text(120).optional(), street: text(120), postalCode: text(16), city: text(80), country }).strict();
const companyData = z.object({ name: text(120), vatId: text(20), country }).strict();
const orderLimit = z
  .object({ amount: z.number().int().positive().max(1_000_000_000), currency: z.string().regex(/^[A-Z]{3}$/) })
  .strict()
  .transform((limit) => money(limit.amount, limit.currency));
const companyRole = z.enum(companyRoles);
const customerGroup = z.enum(customerGroups);
const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});
const userPath = z.object({ companyId: idSchema, userSub: idSchema });
const registrationPath = z.object({ registrationId: z.uuid() });

const signInClient = z.enum(['shop', 'console']);
const password = z.string().min(1).max(256);
const jwtString = z.string().min(20).max(8192);
const totpCode = z.string().regex(/^\d{6}$/, 'six digits');
const refreshToken = z.string().min(1).max(8192);
const challengeSession = z.string().min(1).max(4096);

const registrationBody = z
  .object({
    company: companyData,
    contact: z.object({ name: text(120), email, phone: z.string().trim().max(40).optional() }).strict(),
    billingAddress: addressInput,
    deliveryAddress: addressInput.optional(),
    licenceUploadId: z.uuid(),
  })
  .strict();
const newCompanyBody = z
  .object({
    company: companyData,
    billingAddress: addressInput,
    deliveryAddress: addressInput.optional(),
    customerGroup,
    admin: z.object({ email, name: text(120) }).strict(),
  })
  .strict();
const shopSettingsChange = z
  .object({
    name: text(120).optional(),
    loginOnly: z.boolean().optional(),
    registrationOpen: z.boolean().optional(),
    // E-invoice seller contact (BG-6); its rules are in rules.ts (sellerContactProblem → 400 INVALID_SELLER_CONTACT).
    sellerContact: z
      .object({ name: z.string().trim().max(120), phone: z.string().trim().max(40), email: z.string().trim().max(254) })
      .strict()
      .optional(),
    // Accepted currencies and the default one; their rules are in functions/shared/currencies.ts (→ 400 INVALID_CURRENCIES).
    currencies: z.array(currencyCode).min(1).max(20).optional(),
    currency: currencyCode.optional(),
  })
  .strict();

// ---- entities ----------------------------------------------------------------------------------

export const shopSettingsSchema = z
  .object({
    name: z.string(),
    loginOnly: z.boolean().describe('guests see only the sign-in page'),
    registrationOpen: z.boolean().describe('guests may request an account'),
    currency: currencyCode.describe('default currency (companies whose agreement fixes none; VAT accounting currency)'),
    currencies: z.array(currencyCode).describe('every currency the shop sells in (ISO 4217); an agreement may fix one of them'),
    sellerCountry: z.string().describe('ISO 3166-1 alpha-2: VAT origin for reverse charge'),
    grossPriceGroups: z.array(z.string()).describe('customer groups shown gross prices'),
    sellerAddressLines: z.array(z.string()),
    sellerVatId: z.string(),
    sellerIban: z.string(),
    sellerContact: z.object({ name: z.string(), phone: z.string(), email: z.string() }).describe('seller contact on e-invoices (BG-6)'),
  })
  .meta({ id: 'ShopSettings' });

export const addressSchema = z
  .object({ name: z.string().optional(), street: z.string(), postalCode: z.string(), city: z.string(), country: z.string() })
  .meta({ id: 'Address' });
const deliveryAddressSchema = addressSchema.extend({ id: z.string() }).meta({ id: 'DeliveryAddress' });
const bankAccountSchema = z.object({ id: z.string(), iban: z.string(), bic: z.string().optional(), holder: z.string() }).meta({ id: 'BankAccount' });
const managerSchema = z.object({ name: z.string(), email: z.string(), phone: z.string() }).describe('the assigned sales rep').meta({ id: 'AccountManager' });

export const vatCheckSchema = z
  .object({
    vatId: z.string().describe('the VAT ID of the last attempt'),
    status: z.enum(['valid', 'invalid', 'unavailable']),
    lastAttemptAt: isoDateTime,
    error: z.string().optional().describe('VIES error when the last attempt was unavailable'),
    evidence: vatIdEvidenceSchema.optional().describe('the newest valid VIES answer for vatId'),
    dueAt: isoDateTime.describe('when the next check is due'),
  })
  .meta({ id: 'VatCheck' });

export const vatConfirmationSchema = z
  .discriminatedUnion('confirmed', [
    z.object({ confirmed: z.literal(true), evidence: vatIdEvidenceSchema }),
    z.object({ confirmed: z.literal(false), code: z.enum(['VAT_ID_NOT_CONFIRMED', 'VAT_ID_INVALID']), message: z.string() }),
  ])
  .meta({ id: 'VatConfirmation' });

const companyCore = { id: z.string(), name: z.string(), vatId: z.string(), city: z.string(), country: z.string(), customerGroup: z.string() };

/** A company in lists (console). */
export const companySummarySchema = z
  .object({ ...companyCore, repSub: z.string().optional().describe('the assigned sales rep') })
  .meta({ id: 'CompanySummary' });

/** A company's master data as its users, its rep and back office see it. */
export const companyAccountSchema = z
  .object({
    ...companyCore,
    billingAddress: addressSchema.optional(),
    deliveryAddresses: z.array(deliveryAddressSchema),
    bankAccounts: z.array(bankAccountSchema),
    manager: managerSchema.optional(),
    businessProfiles: z.array(z.string()).optional(),
    agreements: z.array(agreementSchema).optional(),
    defaultAgreementId: z.string().optional(),
    firstOrderAt: isoDateTime.optional().describe('absent until the first order: the company counts as a new customer'),
    mfaRequired: z.boolean().describe('every employee must use two-factor authentication'),
    vatCheck: vatCheckSchema.optional(),
    language: z.enum(languages).optional().describe("set explicitly: the language of the company's e-mails and documents (absent: its country's)"),
    currency: currencyCode.describe("the currency the company buys in (its default agreement's, else the shop's): prices, credit, order limits and budgets"),
  })
  .meta({ id: 'CompanyAccount' });

export const companyUserSchema = z
  .object({
    sub: z.string(),
    email: z.string(),
    name: z.string(),
    role: companyRole,
    enabled: z.boolean(),
    orderLimit: moneySchema.nullable().describe('orders above it need approval; null: no limit'),
    homeCompanyId: z.string().optional().describe('set for a member from another company'),
    technical: z.literal('punchout').optional().describe('the technical punchout account, not a person'),
  })
  .meta({ id: 'CompanyUser' });

const companyChoiceSchema = z.object({ companyId: z.string(), name: z.string(), role: companyRole, home: z.boolean() }).meta({ id: 'CompanyChoice' });

export const meSchema = z
  .object({
    user: z.object({
      sub: z.string(),
      email: z.string(),
      name: z.string(),
      role: z.enum(roles),
      sessionTimeoutMinutes: z.number().int(),
      language: z.enum(languages).describe("the user's language: their own choice, else the company's country (DE, AT, CH → de; PL → pl), else en"),
      languageChosen: z.boolean().describe('false while the language only follows the company (the SPA may then follow the browser)'),
      mfaEnabled: z.boolean(),
      mfaRequired: z.boolean(),
    }),
    company: companyAccountSchema.optional().describe('the active company'),
    companies: z.array(companyChoiceSchema).describe('the companies the user can switch between, home first'),
    activeCompanyId: z.string().optional(),
  })
  .meta({ id: 'Me' });

const memberInvitationSchema = z
  .object({
    status: z.literal('pending'),
    sub: z.string(),
    email: z.string(),
    role: companyRole,
    invitedBy: z.object({ name: z.string() }),
    invitedAt: isoDateTime,
    expiresAt: isoDateTime,
  })
  .meta({ id: 'MemberInvitation' });

const myInvitationSchema = z
  .object({
    companyId: z.string(),
    companyName: z.string(),
    role: companyRole,
    invitedBy: z.object({ name: z.string() }),
    invitedAt: isoDateTime,
    expiresAt: isoDateTime,
  })
  .meta({ id: 'MyInvitation' });

const auditEntrySchema = z
  .object({
    at: isoDateTime,
    action: z.string(),
    actor: z.object({ sub: z.string(), name: z.string(), role: z.string() }),
    onBehalf: z.boolean().describe('done by staff for the company'),
    details: z.unknown().describe('what changed; its shape depends on the action (free-form audit snapshot), null when none'),
  })
  .meta({ id: 'CompanyAuditEntry' });

const registrationStatus = z.enum(['pending', 'approved', 'rejected']);
const registrationCompany = z.object({ name: z.string(), vatId: z.string(), country: z.string() });

const registrationSummarySchema = z
  .object({
    id: z.string(),
    status: registrationStatus,
    createdAt: isoDateTime,
    company: registrationCompany,
    contact: z.object({ name: z.string(), email: z.string() }),
  })
  .meta({ id: 'RegistrationSummary' });

const registrationDetailSchema = z
  .object({
    id: z.string(),
    status: registrationStatus,
    createdAt: isoDateTime,
    company: registrationCompany,
    contact: z.object({ name: z.string(), email: z.string(), phone: z.string().optional() }),
    billingAddress: addressSchema,
    deliveryAddress: addressSchema.optional(),
    licence: z.object({
      fileName: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      url: z.string().describe('presigned download URL, valid for 5 minutes'),
    }),
    decidedAt: isoDateTime.optional(),
    decidedBy: z.string().optional(),
    companyId: z.string().optional().describe('the company created on approval'),
    rejectionReason: z.string().optional(),
  })
  .meta({ id: 'RegistrationDetail' });

const createdCompanySchema = z.object({ companyId: z.string(), adminEmail: z.string() }).meta({ id: 'CreatedCompany' });

const tokensSchema = z.object({
  idToken: z.string(),
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().describe('seconds the ID and access tokens are valid'),
});
const signInAnswerSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('signed-in'), tokens: tokensSchema }),
    z.object({ kind: z.literal('challenge'), challenge: z.enum(['NEW_PASSWORD_REQUIRED', 'SOFTWARE_TOKEN_MFA']), session: z.string() }),
  ])
  .meta({ id: 'SignInAnswer' });

const mfaStateSchema = z.object({ mfaEnabled: z.boolean() });

const masterDataErrors = ['NOT_FOUND', 'CONCURRENT_CHANGE'];

export const accountsContract = defineContract({
  'GET /shop': {
    summary: 'The shop settings guests and users see (name, sign-in only, registration open, seller data)',
    response: shopSettingsSchema,
  },
  'POST /registrations/licence-uploads': {
    summary: 'A presigned upload for the business licence of a registration (PDF, JPEG or PNG, at most 10 MB)',
    body: z.object({ fileName: text(200), contentType: text(100), size: z.number().int().positive() }).strict(),
    status: [201],
    response: z
      .object({
        uploadId: z.string(),
        uploadUrl: z.string(),
        method: z.literal('PUT'),
        headers: z.object({ 'content-type': z.string() }).describe('headers the upload must send'),
        expiresAt: isoDateTime,
      })
      .meta({ id: 'LicenceUpload' }),
    errors: ['REGISTRATION_CLOSED', 'UPLOAD_TYPE_NOT_ALLOWED', 'UPLOAD_TOO_LARGE'],
  },
  'POST /registrations': {
    summary: 'Requests a customer account; back office reviews it',
    body: registrationBody,
    status: [201],
    response: z.object({ registrationId: z.string(), status: z.literal('pending') }),
    errors: ['REGISTRATION_CLOSED', 'INVALID_VAT_ID', 'LICENCE_MISSING', 'LICENCE_INVALID', 'EMAIL_TAKEN'],
  },
  'GET /me': {
    summary: 'The signed-in user, the active company and the companies the user can switch to',
    response: meSchema,
  },
  'PUT /me/preferences': {
    summary: "Sets the user's session timeout and language",
    body: z
      .object({
        sessionTimeoutMinutes: z.number().int().min(sessionTimeout.minMinutes).max(sessionTimeout.maxMinutes).optional(),
        language: z.enum(languages).nullable().optional().describe('null: no choice of my own (follow the browser and the company)'),
      })
      .strict()
      .refine((body) => body.sessionTimeoutMinutes !== undefined || body.language !== undefined, { message: 'Set sessionTimeoutMinutes or language' }),
    response: meSchema,
  },
  'POST /auth/sign-in': {
    summary: 'Signs in with e-mail and password: tokens, or a challenge (new password, TOTP code)',
    body: z.object({ email, password, client: signInClient }).strict(),
    response: signInAnswerSchema,
    errors: ['SIGN_IN_FAILED', 'TOO_MANY_ATTEMPTS'],
  },
  'POST /auth/challenge': {
    summary: 'Answers a sign-in challenge (new password or TOTP code)',
    body: z.discriminatedUnion('challenge', [
      z.object({ email, client: signInClient, session: challengeSession, challenge: z.literal('NEW_PASSWORD_REQUIRED'), newPassword: password }).strict(),
      z.object({ email, client: signInClient, session: challengeSession, challenge: z.literal('SOFTWARE_TOKEN_MFA'), code: totpCode }).strict(),
    ]),
    response: signInAnswerSchema,
    errors: ['SIGN_IN_FAILED', 'TOO_MANY_ATTEMPTS', 'PASSWORD_POLICY', 'MFA_CODE_INVALID'],
  },
  'POST /auth/refresh': {
    summary: "New ID and access tokens while the session lasts (the user's session timeout)",
    body: z.object({ refreshToken, client: signInClient }).strict(),
    response: z.object({ tokens: tokensSchema.omit({ refreshToken: true }) }),
    errors: ['SESSION_UNKNOWN', 'SESSION_EXPIRED', 'ACCOUNT_DISABLED'],
  },
  'POST /auth/sign-out': {
    summary: 'Ends the session of a refresh token',
    body: z.object({ refreshToken }).strict(),
    status: [204],
    response: z.undefined(),
  },
  'POST /auth/password/forgot': {
    summary: 'Sends a password reset code by e-mail (the answer never tells whether the account exists)',
    body: z.object({ email, client: signInClient }).strict(),
    status: [202],
    response: z.object({ sent: z.literal(true) }),
  },
  'POST /auth/password/reset': {
    summary: 'Sets a new password with the e-mailed code; every earlier session ends',
    body: z.object({ email, code: z.string().trim().min(1).max(16), newPassword: password }).strict(),
    response: z.object({ reset: z.literal(true) }),
    errors: ['PASSWORD_POLICY', 'RESET_CODE_INVALID'],
  },
  'POST /me/mfa/setup': {
    summary: 'Starts TOTP enrolment: the secret and its otpauth:// URI',
    body: z.object({ accessToken: jwtString }).strict(),
    response: z.object({ secret: z.string(), otpauthUri: z.string() }),
  },
  'POST /me/mfa/verify': {
    summary: 'Confirms TOTP enrolment with a code; two-factor sign-in is on from then on',
    body: z.object({ accessToken: jwtString, code: totpCode, deviceName: text(64).optional() }).strict(),
    response: mfaStateSchema,
    errors: ['MFA_CODE_INVALID', 'CONCURRENT_CHANGE'],
  },
  'DELETE /me/mfa': {
    summary: 'Turns two-factor sign-in off (not while the company or staff policy requires it)',
    body: z.object({ accessToken: jwtString }).strict(),
    response: mfaStateSchema,
    errors: ['MFA_REQUIRED', 'CONCURRENT_CHANGE'],
  },
  'GET /companies/{companyId}': {
    summary: "A company's master data",
    params: companyIdParam,
    response: companyAccountSchema,
    errors: ['NOT_FOUND'],
    scopes: ['master-data:read'],
  },
  'PATCH /companies/{companyId}': {
    summary: "Changes a company's name, VAT ID (a new VAT ID is checked with VIES at once) or language",
    params: companyIdParam,
    body: z
      .object({
        name: text(120).optional(),
        vatId: text(20).optional(),
        language: z
          .enum(languages)
          .nullable()
          .optional()
          .describe("language of the company's e-mails and documents; null: its country's (DE, AT, CH → de; PL → pl; else en)"),
      })
      .strict(),
    response: companyAccountSchema,
    errors: [...masterDataErrors, 'INVALID_VAT_ID'],
  },
  'PUT /companies/{companyId}/billing-address': {
    summary: "Replaces the company's billing address",
    params: companyIdParam,
    body: addressInput,
    response: companyAccountSchema,
    errors: masterDataErrors,
  },
  'POST /companies/{companyId}/delivery-addresses': {
    summary: 'Adds a delivery address',
    params: companyIdParam,
    body: addressInput,
    status: [201],
    response: companyAccountSchema,
    errors: [...masterDataErrors, 'TOO_MANY_ADDRESSES'],
  },
  'DELETE /companies/{companyId}/delivery-addresses/{addressId}': {
    summary: 'Removes a delivery address',
    params: z.object({ companyId: idSchema, addressId: z.uuid() }),
    response: companyAccountSchema,
    errors: masterDataErrors,
  },
  'POST /companies/{companyId}/bank-accounts': {
    summary: 'Adds a bank account (IBAN checked)',
    params: companyIdParam,
    body: z
      .object({
        iban: text(42),
        bic: z
          .string()
          .regex(/^[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$/)
          .optional(),
        holder: text(120),
      })
      .strict(),
    status: [201],
    response: companyAccountSchema,
    errors: [...masterDataErrors, 'INVALID_IBAN', 'TOO_MANY_BANK_ACCOUNTS', 'DUPLICATE_IBAN'],
  },
  'DELETE /companies/{companyId}/bank-accounts/{accountId}': {
    summary: 'Removes a bank account',
    params: z.object({ companyId: idSchema, accountId: z.uuid() }),
    response: companyAccountSchema,
    errors: masterDataErrors,
  },
  'GET /companies/{companyId}/users': {
    summary: "The company's users (employees and members from other companies)",
    params: companyIdParam,
    response: z.object({ users: z.array(companyUserSchema) }),
    errors: ['NOT_FOUND'],
  },
  'POST /companies/{companyId}/users': {
    summary: 'Creates an employee account; the invitation e-mail carries a temporary password',
    params: companyIdParam,
    body: z.object({ email, name: text(120), role: companyRole, orderLimit: orderLimit.optional() }).strict(),
    status: [201],
    response: companyUserSchema,
    errors: ['NOT_FOUND', 'EMAIL_TAKEN', 'CURRENCY_MISMATCH'],
  },
  'PATCH /companies/{companyId}/users/{userSub}': {
    summary: "Changes a user's role, enabled state or order limit",
    params: userPath,
    body: z.object({ role: companyRole.optional(), enabled: z.boolean().optional(), orderLimit: orderLimit.nullable().optional() }).strict(),
    response: companyUserSchema,
    errors: ['NOT_FOUND', 'TECHNICAL_ACCOUNT', 'LAST_ADMIN', 'CONCURRENT_CHANGE', 'CURRENCY_MISMATCH'],
  },
  'POST /companies/{companyId}/members': {
    summary: 'Invites a portal user of another company as a member; nothing is granted until they accept',
    params: companyIdParam,
    body: z.object({ email, role: companyRole }).strict(),
    status: [202],
    response: memberInvitationSchema,
    errors: ['NOT_FOUND', 'USER_NOT_FOUND', 'NOT_A_CUSTOMER_USER', 'ALREADY_MEMBER', 'TOO_MANY_MEMBERSHIPS', 'INVITATION_PENDING'],
  },
  'DELETE /companies/{companyId}/members/{userSub}': {
    summary: 'Ends the membership of a user from another company',
    params: userPath,
    response: z.object({ removed: z.string() }),
    errors: ['NOT_FOUND', 'LAST_ADMIN', 'CONCURRENT_CHANGE'],
  },
  'GET /companies/{companyId}/members/invitations': {
    summary: "The company's open membership invitations",
    params: companyIdParam,
    response: z.object({ invitations: z.array(memberInvitationSchema) }),
    errors: ['NOT_FOUND'],
  },
  'DELETE /companies/{companyId}/members/invitations/{userSub}': {
    summary: 'Revokes an open membership invitation',
    params: userPath,
    response: z.object({ revoked: z.string() }),
    errors: ['NOT_FOUND', 'INVITATION_NOT_FOUND'],
  },
  'GET /me/invitations': {
    summary: "The signed-in user's open invitations to other companies",
    response: z.object({ invitations: z.array(myInvitationSchema) }),
  },
  'POST /me/invitations/{companyId}/accept': {
    summary: 'Accepts an invitation: the user becomes a member of the company',
    params: companyIdParam,
    response: z.object({ companyId: z.string(), companyName: z.string(), role: companyRole, home: z.boolean() }).meta({ id: 'AcceptedMembership' }),
    errors: ['HOME_COMPANY_REQUIRED', 'INVITATION_NOT_FOUND', 'INVITATION_EXPIRED', 'ALREADY_MEMBER', 'TOO_MANY_MEMBERSHIPS'],
  },
  'POST /me/invitations/{companyId}/decline': {
    summary: 'Declines an invitation',
    params: companyIdParam,
    response: z.object({ declined: z.string() }),
    errors: ['HOME_COMPANY_REQUIRED', 'INVITATION_NOT_FOUND'],
  },
  'DELETE /me/memberships/{companyId}': {
    summary: 'Leaves a company the user is a member of (never the home company)',
    params: companyIdParam,
    response: z.object({ left: z.string() }),
    errors: ['HOME_COMPANY', 'LAST_ADMIN'],
  },
  'PUT /companies/{companyId}/security': {
    summary: 'Requires (or stops requiring) two-factor authentication of every employee',
    params: companyIdParam,
    body: z.object({ mfaRequired: z.boolean() }).strict(),
    response: companyAccountSchema,
    errors: masterDataErrors,
  },
  'GET /companies/{companyId}/audit': {
    summary: "The company's audit trail, newest first (at most 100 entries)",
    params: companyIdParam,
    response: z.object({ entries: z.array(auditEntrySchema) }),
    errors: ['NOT_FOUND'],
  },
  'GET /console/registrations': {
    summary: 'Registrations of one status, oldest first (console)',
    query: pageQuery.extend({ status: registrationStatus.default('pending') }),
    response: z.object({ registrations: z.array(registrationSummarySchema), nextCursor: z.string().optional() }),
    errors: ['INVALID_CURSOR'],
  },
  'GET /console/registrations/{registrationId}': {
    summary: 'A registration with a download link of its business licence (console)',
    params: registrationPath,
    response: registrationDetailSchema,
    errors: ['NOT_FOUND'],
  },
  'POST /console/registrations/{registrationId}/approve': {
    summary: 'Approves a registration: creates the company and its first company admin',
    params: registrationPath,
    body: z.object({ customerGroup }).strict(),
    response: createdCompanySchema,
    errors: ['NOT_FOUND', 'ALREADY_DECIDED', 'INVALID_VAT_ID', 'EMAIL_TAKEN'],
  },
  'POST /console/registrations/{registrationId}/reject': {
    summary: 'Rejects a registration with a reason the applicant receives by e-mail',
    params: registrationPath,
    body: z.object({ reason: text(1000) }).strict(),
    response: z.object({ status: z.literal('rejected') }),
    errors: ['NOT_FOUND', 'ALREADY_DECIDED'],
  },
  'GET /console/companies': {
    summary: 'Companies by name: back office all, a sales rep their own; q searches name, VAT ID and city',
    query: pageQuery.extend({ q: z.string().trim().max(80).optional() }),
    response: z.object({ companies: z.array(companySummarySchema), nextCursor: z.string().optional() }),
    errors: ['INVALID_CURSOR'],
    scopes: ['master-data:read'],
  },
  'POST /console/companies': {
    summary: 'Creates a company with its first company admin directly (console)',
    body: newCompanyBody,
    status: [201],
    response: createdCompanySchema,
    errors: ['INVALID_VAT_ID', 'EMAIL_TAKEN'],
  },
  'PATCH /console/companies/{companyId}': {
    summary: "Sets a company's customer group and assigned sales rep (console)",
    params: companyIdParam,
    body: z.object({ customerGroup: customerGroup.optional(), repSub: idSchema.nullable().optional() }).strict(),
    response: companyAccountSchema,
    errors: [...masterDataErrors, 'UNKNOWN_REP'],
  },
  'POST /console/companies/{companyId}/vat-check': {
    summary: "Checks the company's VAT ID with VIES now; the company with its VIES evidence",
    params: companyIdParam,
    response: companyAccountSchema.extend({ vatConfirmation: vatConfirmationSchema }).meta({ id: 'CompanyVatCheck' }),
    errors: ['NOT_FOUND'],
  },
  'GET /console/reps': {
    summary: 'The sales reps (console)',
    response: z.object({ reps: z.array(z.object({ sub: z.string(), email: z.string(), name: z.string(), phone: z.string() }).meta({ id: 'SalesRep' })) }),
  },
  'GET /console/customer-groups': {
    summary: 'The customer groups a company can be in',
    response: z.object({ customerGroups: z.array(customerGroup) }),
  },
  'PUT /console/shop': {
    summary: 'Changes the shop settings (console)',
    body: shopSettingsChange,
    response: shopSettingsSchema,
    errors: ['INVALID_SELLER_CONTACT', 'INVALID_CURRENCIES'],
  },
});

type AccountsContract = typeof accountsContract;
export type LicenceUploadRequest = BodyOf<AccountsContract['POST /registrations/licence-uploads']>;
export type RegistrationRequest = BodyOf<AccountsContract['POST /registrations']>;
export type NewCompanyRequest = BodyOf<AccountsContract['POST /console/companies']>;
export type PreferencesChange = BodyOf<AccountsContract['PUT /me/preferences']>;
export type ShopSettingsChange = BodyOf<AccountsContract['PUT /console/shop']>;
export type SignInRequest = BodyOf<AccountsContract['POST /auth/sign-in']>;
export type ChallengeAnswer = BodyOf<AccountsContract['POST /auth/challenge']>;
export type RefreshRequest = BodyOf<AccountsContract['POST /auth/refresh']>;
export type SignOutRequest = BodyOf<AccountsContract['POST /auth/sign-out']>;
export type ResetRequest = BodyOf<AccountsContract['POST /auth/password/forgot']>;
export type NewPasswordRequest = BodyOf<AccountsContract['POST /auth/password/reset']>;
export type MfaVerification = BodyOf<AccountsContract['POST /me/mfa/verify']>;
export type CompanySecurityChange = BodyOf<AccountsContract['PUT /companies/{companyId}/security']>;
export type CompanyBasicsChange = BodyOf<AccountsContract['PATCH /companies/{companyId}']>;
export type AddressInput = BodyOf<AccountsContract['PUT /companies/{companyId}/billing-address']>;
export type BankAccountInput = BodyOf<AccountsContract['POST /companies/{companyId}/bank-accounts']>;
export type EmployeeInvitation = BodyOf<AccountsContract['POST /companies/{companyId}/users']>;
export type EmployeeChange = BodyOf<AccountsContract['PATCH /companies/{companyId}/users/{userSub}']>;
export type MemberInvitationRequest = BodyOf<AccountsContract['POST /companies/{companyId}/members']>;
export type CompanyAdministration = BodyOf<AccountsContract['PATCH /console/companies/{companyId}']>;
export type RegistrationStatus = z.output<typeof registrationStatus>;

import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Identity } from '../shared/auth.js';
import { s3 } from '../shared/clients/s3.js';
import { config } from '../shared/config.js';
import { AppError, badRequest, conflict, notFound } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { languageOf, type Language } from '../shared/locale.js';
import { sendMail } from '../shared/mail.js';
import { translator } from '../shared/messages/index.js';
import { assertValidVatId, publishMasterDataChange } from './companies.js';
import { inviteUser } from './invitations.js';
import { staffLanguage } from './service.js';
import * as repository from './repository.js';
import { checkCompanyVatQuietly } from './vat-check.js';
import type { LicenceUploadRequest, NewCompanyRequest, RegistrationRequest, RegistrationStatus } from './contract.js';
import { newCompanyId, type Address, type CompanyAccount, type CompanyUser } from './rules.js';

export const licenceTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type LicenceType = (typeof licenceTypes)[number];
export const maxLicenceBytes = 10 * 1024 * 1024;
const uploadUrlSeconds = 15 * 60;
const downloadUrlSeconds = 5 * 60;

/** First bytes of each accepted file type: the declared content type must match the content. */
const magicBytes: Record<LicenceType, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export function matchesMagic(contentType: LicenceType, head: Uint8Array): boolean {
  const expected = magicBytes[contentType];
  return expected.every((byte, index) => head[index] === byte);
}

async function assertRegistrationOpen() {
  if (!(await repository.readShopSettings()).registrationOpen) {
    throw new AppError(403, 'REGISTRATION_CLOSED', 'New accounts are created by our team only. Please contact us.');
  }
}

/** A presigned PUT whose signature covers content type and length (S3 rejects anything else). */
export async function requestLicenceUpload(request: LicenceUploadRequest) {
  await assertRegistrationOpen();
  if (!(licenceTypes as readonly string[]).includes(request.contentType)) {
    throw badRequest('UPLOAD_TYPE_NOT_ALLOWED', 'Upload the licence as PDF, JPEG or PNG');
  }
  if (request.size > maxLicenceBytes) throw badRequest('UPLOAD_TOO_LARGE', 'The licence file may be at most 10 MB');
  const uploadId = randomUUID();
  const safeName = request.fileName.replace(/[^\w.-]+/g, '_').slice(-100) || 'licence';
  const key = `registrations/${uploadId}/${safeName}`;
  const bucket = config.bucketName('uploads');
  const uploadUrl = await getSignedUrl(
    s3(),
    new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: request.contentType, ContentLength: request.size }),
    { expiresIn: uploadUrlSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
  );
  const expiresAt = Math.floor(Date.now() / 1000) + 24 * 3600;
  await repository.transact([
    repository.put({
      ...repository.accountKeys.upload(uploadId),
      type: 'upload',
      key,
      fileName: request.fileName,
      contentType: request.contentType,
      size: request.size,
      expiresAt,
    }),
  ]);
  return {
    uploadId,
    uploadUrl,
    method: 'PUT' as const,
    headers: { 'content-type': request.contentType },
    expiresAt: new Date(Date.now() + uploadUrlSeconds * 1000).toISOString(),
  };
}

/** Checks the uploaded object: present, declared size and type, ≤ 10 MB, and content really of that type. */
async function verifyLicence(uploadId: string) {
  const upload = await repository.getItem(repository.accountKeys.upload(uploadId));
  if (!upload) throw badRequest('LICENCE_MISSING', 'Upload the business licence first');
  const bucket = config.bucketName('uploads');
  const key = String(upload.key);
  const contentType = String(upload.contentType) as LicenceType;
  let size: number;
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    size = head.ContentLength ?? 0;
  } catch (error) {
    if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound')
      throw badRequest('LICENCE_MISSING', 'The licence upload did not arrive; upload it again');
    throw error;
  }
  const first = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=0-15' }));
  const head = await first.Body!.transformToByteArray();
  if (size > maxLicenceBytes || size !== Number(upload.size) || !matchesMagic(contentType, head)) {
    await s3()
      .send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
      .catch(() => undefined);
    throw badRequest('LICENCE_INVALID', 'The licence must be a PDF, JPEG or PNG file of at most 10 MB');
  }
  return { key, fileName: String(upload.fileName), contentType, size };
}

/** Stores the request for review; the e-mail is reserved so nobody can register it twice. */
export async function submitRegistration(request: RegistrationRequest) {
  await assertRegistrationOpen();
  const vatId = assertValidVatId(request.company.vatId);
  const licence = await verifyLicence(request.licenceUploadId);
  const registrationId = randomUUID();
  const createdAt = new Date().toISOString();
  const email = request.contact.email.toLowerCase();
  await repository.transact(
    [
      repository.emailClaim(email, { owner: 'registration', registrationId }),
      repository.remove(repository.accountKeys.upload(request.licenceUploadId), 'attribute_exists(PK)'),
      repository.put(
        {
          ...repository.accountKeys.registration(registrationId),
          ...repository.accountKeys.registrationsIndex('pending', createdAt, registrationId),
          type: 'registration',
          id: registrationId,
          status: 'pending',
          createdAt,
          company: { ...request.company, vatId },
          contact: { ...request.contact, email },
          billingAddress: request.billingAddress,
          ...(request.deliveryAddress ? { deliveryAddress: request.deliveryAddress } : {}),
          licence,
        },
        'attribute_not_exists(PK)',
      ),
    ],
    'EMAIL_TAKEN',
    'This e-mail address is already registered or awaiting review',
  );
  // The acknowledgement, in the applicant's language (the registration's country).
  const t = translator(languageOf(request.company));
  try {
    await sendMail({
      to: [email],
      subject: t('mail.registration.received.subject', { company: request.company.name }),
      text: [
        t('mail.greeting', { name: request.contact.name }),
        '',
        t('mail.registration.received.text', { company: request.company.name }),
        t('mail.registration.received.next'),
      ].join('\n'),
    });
  } catch (error) {
    logger.error('Registration acknowledgement e-mail failed', { error: error as Error, registrationId });
  }
  await notifyBackOffice(registrationId, { ...request, company: { ...request.company, vatId }, contact: { ...request.contact, email } });
  return { registrationId, status: 'pending' as const };
}

/**
 * Tells back office that a registration waits for review: one mail per language to the back-office
 * staff (each in their own language, else the seller country's, like the staff RMA mails). A failed
 * mail is logged, never fails the stored request.
 */
async function notifyBackOffice(registrationId: string, request: RegistrationRequest) {
  try {
    const staff = (await repository.listStaff()).filter((member) => member.role === 'back-office');
    const languages = await Promise.all(staff.map((member) => staffLanguage(member.sub)));
    const byLanguage = new Map<Language, string[]>();
    staff.forEach((member, index) => byLanguage.set(languages[index]!, [...(byLanguage.get(languages[index]!) ?? []), member.email]));
    const link = process.env.WEB_URL ? `\n${process.env.WEB_URL}/console/registrations` : '';
    for (const [language, to] of byLanguage) {
      const t = translator(language);
      const params = {
        company: request.company.name,
        name: request.contact.name,
        email: request.contact.email,
        city: request.billingAddress.city,
        country: request.company.country,
        vatId: request.company.vatId,
      };
      await sendMail({ to, subject: t('mail.staff.registration.subject', params), text: `${t('mail.staff.registration.text', params)}${link}` });
    }
  } catch (error) {
    logger.error('Back-office registration notice failed', { error: error as Error, registrationId });
  }
}

type RegistrationItem = Record<string, unknown>;

const statusOf = (item: RegistrationItem): RegistrationStatus => {
  const status = String(item.status);
  if (status === 'pending' || status === 'approved' || status === 'rejected') return status;
  throw new Error(`Registration ${String(item.id)} has an unknown status ${status}`);
};

const summary = (item: RegistrationItem) => {
  const contact = item.contact as RegistrationRequest['contact'];
  return {
    id: String(item.id),
    status: statusOf(item),
    createdAt: String(item.createdAt),
    company: item.company as RegistrationRequest['company'],
    contact: { name: contact.name, email: contact.email },
  };
};

export async function listRegistrations(status: RegistrationStatus, limit: number, cursor?: string) {
  const page = await repository.listRegistrations(status, limit, cursor);
  return { registrations: page.items.map(summary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

async function findRegistration(registrationId: string) {
  const item = await repository.getItem(repository.accountKeys.registration(registrationId));
  if (!item) throw notFound('Registration');
  return item;
}

export async function showRegistration(registrationId: string) {
  const item = await findRegistration(registrationId);
  const licence = item.licence as { key: string; fileName: string; contentType: string; size: number };
  const url = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: config.bucketName('uploads'), Key: licence.key, ResponseContentDisposition: 'inline' }), {
    expiresIn: downloadUrlSeconds,
  });
  return {
    ...summary(item),
    contact: item.contact as RegistrationRequest['contact'],
    billingAddress: item.billingAddress as Address,
    ...(item.deliveryAddress ? { deliveryAddress: item.deliveryAddress as Address } : {}),
    licence: { fileName: licence.fileName, contentType: licence.contentType, size: licence.size, url },
    ...(item.decidedAt ? { decidedAt: String(item.decidedAt) } : {}),
    ...(item.decidedBy ? { decidedBy: String(item.decidedBy) } : {}),
    ...(item.companyId ? { companyId: String(item.companyId) } : {}),
    ...(item.rejectionReason ? { rejectionReason: String(item.rejectionReason) } : {}),
  };
}

type NewCompany = NewCompanyRequest;

/**
 * Creates company + first company-admin: the Cognito user, then one transaction with the company,
 * the user record, the e-mail claim, the audit row and `extra` (e.g. the registration's decision).
 */
async function createCompanyWithAdmin(
  caller: Identity,
  input: NewCompany,
  extra: (companyId: string) => ReturnType<typeof repository.put>[],
  emailAlreadyClaimedBy?: string,
) {
  const companyId = newCompanyId(input.company.name);
  const email = input.admin.email.toLowerCase();
  const account: CompanyAccount = {
    id: companyId,
    name: input.company.name,
    vatId: assertValidVatId(input.company.vatId),
    country: input.company.country,
    city: input.billingAddress.city,
    customerGroup: input.customerGroup,
    billingAddress: input.billingAddress,
    deliveryAddresses: input.deliveryAddress ? [{ id: randomUUID(), ...input.deliveryAddress }] : [],
    bankAccounts: [],
  };
  // The approval is the invitation e-mail: in the company's language (a registration's: its country's).
  const invitee = { email, name: input.admin.name, role: 'company-admin' as const, companyId, companyName: account.name, language: languageOf(account) };
  await inviteUser(invitee, (sub) => {
    const admin: CompanyUser = { sub, email, name: input.admin.name, role: 'company-admin', enabled: true, orderLimit: null };
    const claim = emailAlreadyClaimedBy
      ? repository.put({ ...repository.accountKeys.email(email), type: 'email', email, owner: 'user', companyId, sub }, 'registrationId = :registration')
      : repository.emailClaim(email, { owner: 'user', companyId, sub });
    if (emailAlreadyClaimedBy) claim.Put!.ExpressionAttributeValues = { ':registration': emailAlreadyClaimedBy };
    const createdAt = new Date().toISOString();
    return [
      repository.put(repository.companyItem(account, 1, createdAt), 'attribute_not_exists(PK)'),
      repository.put(repository.companyUserItem(companyId, admin, { createdAt }), 'attribute_not_exists(PK)'),
      claim,
      repository.auditPut(companyId, caller, { action: 'company.created', details: { admin: email } }),
      ...extra(companyId),
    ];
  });
  await publishMasterDataChange(account, caller, 'company.created');
  // Approval / direct creation: the first VIES check, so reverse charge has its evidence from the first order.
  await checkCompanyVatQuietly(companyId);
  return { companyId, adminEmail: email };
}

export const createCompanyDirectly = (caller: Identity, input: NewCompany) => createCompanyWithAdmin(caller, input, () => []);

export async function approveRegistration(caller: Identity, registrationId: string, customerGroup: NewCompany['customerGroup']) {
  const item = await findRegistration(registrationId);
  if (item.status !== 'pending') throw conflict('ALREADY_DECIDED', `The registration is already ${String(item.status)}`);
  const contact = item.contact as { name: string; email: string };
  return createCompanyWithAdmin(
    caller,
    {
      company: item.company as NewCompany['company'],
      billingAddress: item.billingAddress as Address,
      ...(item.deliveryAddress ? { deliveryAddress: item.deliveryAddress as Address } : {}),
      customerGroup,
      admin: contact,
    },
    (companyId) => [repository.registrationStatusUpdate(registrationId, String(item.createdAt), 'pending', 'approved', { companyId, decidedBy: caller.sub })],
    registrationId,
  );
}

export async function rejectRegistration(caller: Identity, registrationId: string, reason: string) {
  const item = await findRegistration(registrationId);
  if (item.status !== 'pending') throw conflict('ALREADY_DECIDED', `The registration is already ${String(item.status)}`);
  const contact = item.contact as { name: string; email: string };
  await repository.transact(
    [
      repository.registrationStatusUpdate(registrationId, String(item.createdAt), 'pending', 'rejected', { rejectionReason: reason, decidedBy: caller.sub }),
      repository.remove(repository.accountKeys.email(contact.email), 'registrationId = :registration'),
    ].map((entry) => {
      if (entry.Delete) entry.Delete.ExpressionAttributeValues = { ':registration': registrationId };
      return entry;
    }),
    'ALREADY_DECIDED',
    'The registration was decided meanwhile',
  );
  try {
    // In the applicant's language (the registration's country).
    const company = item.company as { name: string; country?: string };
    const t = translator(languageOf(company));
    await sendMail({
      to: [contact.email],
      subject: t('mail.registration.rejected.subject'),
      text: `${t('mail.greeting', { name: contact.name })}\n\n${t('mail.registration.rejected.text', { company: company.name })}\n\n${t('mail.registration.rejected.reason', { reason })}\n`,
    });
  } catch (error) {
    logger.error('Rejection e-mail failed', { error: error as Error, registrationId });
  }
  return { status: 'rejected' as const };
}

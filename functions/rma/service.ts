import { randomUUID } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { authorizedAccount } from '../accounts/companies.js';
import { listStaff, mailLanguage, staffLanguage } from '../accounts/service.js';
import { matchesMagic } from '../accounts/registration.js';
import { issueCreditNote } from '../invoices/credit-notes.js';
import { parseOrderNumber } from '../invoices/numbering.js';
import { documentParties } from '../invoices/parties.js';
import type { Order } from '../orders/model.js';
import { findOrder, invoiceOrderOf } from '../orders/service.js';
import { toMilli } from '../orders/shipment-rules.js';
import type { Identity } from '../shared/auth.js';
import { s3 } from '../shared/clients/s3.js';
import { sfn } from '../shared/clients/sfn.js';
import { config } from '../shared/config.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { sendMail, type Mail } from '../shared/mail.js';
import { timeSortableId } from '../shared/ids.js';
import { formatDate, formatDateTime, formatMoney, formatQuantity } from '../shared/format.js';
import { translator } from '../shared/messages/index.js';
import { nextDocumentNumber } from '../shared/sequence.js';
import type { ClaimRequest, FileRmaRequest, PhotoUploadRequest, StaffFilter } from './contract.js';
import { renderRmaPdf } from './pdf.js';
import * as repository from './repository.js';
import type { Actor, Rma, RmaNote, RmaPhoto } from './repository.js';
import {
  GUEST_LIMITS,
  MAX_PHOTOS,
  RMA_SERIES,
  allowedTransitions,
  claimDelta,
  claimValue,
  creditLines,
  deadlineFor,
  deadlineProblem,
  guestAttempt,
  guestClientDay,
  guestClientKey,
  holdsQuantities,
  isOpen,
  localizedInstructions,
  localizedTypeLabel,
  nextWake,
  photoProblem,
  reminderAt,
  returnableLines,
  rmaLineProblems,
  rmaStatuses,
  roundRobinPick,
  sameEmail,
  statusLabel,
  transitionAllowed,
  typeLabel,
  type PhotoType,
  type RmaStatus,
} from './rules.js';

export interface GuestCredentials {
  readonly orderNumber: string;
  readonly email: string;
  /** The caller's source address (`requestContext.http.sourceIp`): attempts are limited per client. */
  readonly sourceIp?: string;
}

const uploadUrlSeconds = 15 * 60;
const downloadUrlSeconds = 5 * 60;
/** Order states whose goods can come back (shipments only exist for these). */
const returnableOrderStatuses = ['placed', 'confirmed'];

const isStaff = (caller: Identity) => caller.role === 'back-office' || caller.role === 'sales-rep';
const actor = (caller: Identity): Actor => ({ sub: caller.sub, name: caller.name, role: caller.role });
export const rmaPdfKey = (companyId: string, rmaNumber: string) => `rmas/${companyId}/${rmaNumber}.pdf`;
const portalLink = (path: string) => (process.env.WEB_URL ? `\n${process.env.WEB_URL}${path}` : '');

/** Tells the assignee of a new claim, in their language (their own choice, else the seller country's). */
async function mailAssignee(assignee: NonNullable<Rma['assignee']>, rma: Rma, orderNumber: string, filedBy: Rma['filedBy']) {
  const language = await staffLanguage(assignee.sub);
  const t = translator(language);
  const ids = { number: rma.rmaNumber, order: orderNumber };
  const name = filedBy.guest ? t('mail.staff.guest', { name: filedBy.name }) : filedBy.name;
  await mailQuietly(
    {
      to: [assignee.email],
      subject: t('mail.staff.rma.new.subject', { ...ids, type: localizedTypeLabel(rma.type, t) }),
      text: `${t('mail.staff.rma.new.text', { ...ids, name, reason: rma.reason })}\n${t('mail.staff.rma.deadline', { date: formatDate(rma.deadlineAt, language) })}${portalLink('/console/rmas')}`,
    },
    { rmaId: rma.rmaId },
  );
}

/** The language of mails to whoever filed the claim: their own choice (guests: none), else the company's. */
const filerLanguage = (rma: Pick<Rma, 'companyId' | 'filedBy'>) => mailLanguage(rma.companyId, rma.filedBy.guest ? undefined : rma.filedBy.sub);

async function mailQuietly(mail: Mail, context: Record<string, unknown>) {
  if (mail.to.length === 0) return;
  try {
    await sendMail(mail);
  } catch (error) {
    logger.error('RMA e-mail failed', { error: error as Error, ...context });
  }
}

// ---------------------------------------------------------------------------------------------
// Presentation

async function photoLinks(photos: readonly RmaPhoto[]) {
  const bucket = config.bucketName('uploads');
  return Promise.all(
    photos.map(async (photo) => ({
      photoId: photo.photoId,
      fileName: photo.fileName,
      contentType: photo.contentType,
      size: photo.size,
      url: await getSignedUrl(s3(), new GetObjectCommand({ Bucket: bucket, Key: photo.key, ResponseContentDisposition: 'inline' }), {
        expiresIn: downloadUrlSeconds,
      }),
    })),
  );
}

/** The stored claim without storage keys, workflow marks and photo object keys. */
function visibleFields(rma: Rma) {
  const {
    pdfKey: _pdf,
    photos,
    notes: _notes,
    remindedRevision: _reminded,
    deadlineRevision: _revision,
    assignee: _assignee,
    filedBy: _filedBy,
    history: _history,
    ...visible
  } = rma;
  const amounts = claimValue(rma.lines);
  return { ...visible, photoCount: photos.length, value: { net: amounts.net, vat: amounts.vat, gross: amounts.gross } };
}

/** What the company and guests see: customer notes only, no e-mail addresses or staff ids. */
function customerSummary(rma: Rma) {
  return {
    ...visibleFields(rma),
    filedBy: { name: rma.filedBy.name, guest: rma.filedBy.guest },
    ...(rma.assignee ? { assignee: { name: rma.assignee.name } } : {}),
    notes: rma.notes
      .filter((note) => note.visibility === 'customer')
      .map(({ at, text, by }) => ({ at, text, visibility: 'customer' as const, by: { name: by.name } })),
    history: rma.history.map(({ by, ...entry }) => ({ ...entry, by: { name: by.name, role: by.role } })),
  };
}

function staffSummary(rma: Rma) {
  return {
    ...visibleFields(rma),
    filedBy: { name: rma.filedBy.name, guest: rma.filedBy.guest, email: rma.filedBy.email },
    ...(rma.assignee ? { assignee: rma.assignee } : {}),
    notes: rma.notes,
    history: rma.history,
    allowedTransitions: allowedTransitions(rma.status),
  };
}

async function customerDetail(rma: Rma) {
  return { ...customerSummary(rma), photos: await photoLinks(rma.photos) };
}

async function staffDetail(rma: Rma) {
  return { ...staffSummary(rma), photos: await photoLinks(rma.photos) };
}

// ---------------------------------------------------------------------------------------------
// Orders and returnable quantities

async function returnableOf(order: Order) {
  const claims = await repository.readClaims(order.companyId, order.orderId);
  return returnableLines(order, claims);
}

const orderView = async (order: Order) => ({
  orderId: order.orderId,
  orderNumber: order.orderNumber,
  companyId: order.companyId,
  createdAt: order.createdAt,
  status: order.status,
  lines: await returnableOf(order),
});

export async function returnableForOrder(caller: Identity, companyId: string, orderId: string) {
  await authorizedAccount(caller, companyId, 'view');
  const order = await findOrder(companyId, orderId);
  if (!order) throw notFound('Order');
  return orderView(order);
}

// ---------------------------------------------------------------------------------------------
// Photos

async function presignPhoto(companyId: string, request: PhotoUploadRequest, orderId?: string) {
  const problem = photoProblem(request.contentType, request.size);
  if (problem) throw badRequest(problem, 'Photos must be JPEG or PNG files of at most 10 MB');
  const uploadId = randomUUID();
  const safeName = request.fileName.replace(/[^\w.-]+/g, '_').slice(-100) || 'photo';
  const key = `rma-photos/${companyId}/${uploadId}/${safeName}`;
  const uploadUrl = await getSignedUrl(
    s3(),
    new PutObjectCommand({ Bucket: config.bucketName('uploads'), Key: key, ContentType: request.contentType, ContentLength: request.size }),
    { expiresIn: uploadUrlSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
  );
  await repository.savePhotoUpload(
    uploadId,
    { key, fileName: request.fileName, contentType: request.contentType, size: request.size, companyId, ...(orderId ? { orderId } : {}) },
    Math.floor(Date.now() / 1000) + 24 * 3600,
  );
  return {
    uploadId,
    uploadUrl,
    method: 'PUT' as const,
    headers: { 'content-type': request.contentType },
    expiresAt: new Date(Date.now() + uploadUrlSeconds * 1000).toISOString(),
  };
}

export async function requestPhotoUpload(caller: Identity, request: PhotoUploadRequest) {
  if (!caller.companyId) throw forbidden();
  return presignPhoto(caller.companyId, request);
}

/** The uploads really arrived, belong to this company (and order, for guests) and are what they claim to be. */
async function verifiedPhotos(uploadIds: readonly string[], companyId: string, orderId: string, guest: boolean): Promise<RmaPhoto[]> {
  if (uploadIds.length > MAX_PHOTOS) throw badRequest('TOO_MANY_PHOTOS', `At most ${MAX_PHOTOS} photos per claim`);
  if (new Set(uploadIds).size !== uploadIds.length) throw badRequest('PHOTO_INVALID', 'A photo is listed twice');
  const bucket = config.bucketName('uploads');
  return Promise.all(
    uploadIds.map(async (uploadId) => {
      const upload = await repository.findPhotoUpload(uploadId);
      if (!upload || upload.companyId !== companyId || (guest && upload.orderId !== orderId)) throw badRequest('PHOTO_MISSING', 'Upload the photo first');
      let size = 0;
      try {
        size = (await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: upload.key }))).ContentLength ?? 0;
      } catch (error) {
        if ((error as { name?: string }).name === 'NotFound') throw badRequest('PHOTO_MISSING', 'A photo upload did not arrive; upload it again');
        throw error;
      }
      const head = await (await s3().send(new GetObjectCommand({ Bucket: bucket, Key: upload.key, Range: 'bytes=0-15' }))).Body!.transformToByteArray();
      if (size !== Number(upload.size) || photoProblem(upload.contentType, size) || !matchesMagic(upload.contentType as PhotoType, head)) {
        throw badRequest('PHOTO_INVALID', 'Photos must be JPEG or PNG files of at most 10 MB');
      }
      return { photoId: uploadId, key: upload.key, fileName: upload.fileName, contentType: upload.contentType, size };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Filing

async function backOfficeStaff() {
  return (await listStaff()).filter((staff) => staff.role === 'back-office');
}

/** Starts the reminder/deadline workflow of one deadline revision (the execution name makes a repeat a no-op). */
async function scheduleReminder(rma: Pick<Rma, 'companyId' | 'rmaId' | 'deadlineAt' | 'deadlineRevision'>, now: Date) {
  const deadline = new Date(rma.deadlineAt);
  const remindAt = reminderAt(deadline, now);
  try {
    await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: config.stateMachineArn('rmaLifecycle'),
        name: `${rma.rmaId}-r${rma.deadlineRevision}`,
        input: JSON.stringify({
          companyId: rma.companyId,
          rmaId: rma.rmaId,
          revision: rma.deadlineRevision,
          reminderAt: remindAt.toISOString(),
          deadlineAt: rma.deadlineAt,
          reminderWakeAt: (nextWake(remindAt, now) ?? now).toISOString(),
          deadlineWakeAt: (nextWake(deadline, now) ?? now).toISOString(),
        }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

async function storePdf(rma: Rma): Promise<string> {
  const parties = await documentParties(rma.companyId);
  const key = rmaPdfKey(rma.companyId, rma.rmaNumber);
  const body = await renderRmaPdf(rma, parties.seller, parties.buyer, parties.language);
  await s3().send(new PutObjectCommand({ Bucket: config.bucketName('documents'), Key: key, Body: body, ContentType: 'application/pdf' }));
  return key;
}

async function fileFor(order: Order, request: ClaimRequest, filedBy: Rma['filedBy']) {
  if (!returnableOrderStatuses.includes(order.status))
    throw conflict('ORDER_NOT_RETURNABLE', `Order ${order.orderNumber} is ${order.status}; nothing of it can be returned`);
  if (request.lines.length === 0) throw badRequest('NO_LINES', 'Choose at least one line');
  const claims = await repository.readClaims(order.companyId, order.orderId);
  const returnable = returnableLines(order, claims);
  const problems = rmaLineProblems(returnable, request.lines);
  if (problems.length) throw badRequest('RMA_LINE_PROBLEMS', 'Some lines cannot be claimed as requested', problems);
  const photos = await verifiedPhotos(request.photoUploadIds ?? [], order.companyId, order.orderId, filedBy.guest);

  const now = new Date();
  const year = now.getUTCFullYear();
  const staff = await backOfficeStaff();
  const assignee = roundRobinPick(staff, staff.length ? await repository.nextAssignmentTicket() : 1);
  const priced = creditLines(order, request.lines);
  const rma: Rma = {
    rmaId: timeSortableId(now),
    rmaNumber: await nextDocumentNumber(RMA_SERIES, year),
    companyId: order.companyId,
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    type: request.type,
    status: 'filed',
    reason: request.reason,
    lines: priced.map((line) => ({ sku: line.sku, name: line.name, unit: line.unit, quantity: line.quantity, unitNet: line.unitNet, vatRate: line.vatRate })),
    photos,
    filedBy,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    deadlineAt: deadlineFor(request.type, now).toISOString(),
    deadlineRevision: 1,
    ...(assignee ? { assignee: { sub: assignee.sub, name: assignee.name, email: assignee.email } } : {}),
    history: [{ status: 'filed', at: now.toISOString(), by: { ...(filedBy.sub ? { sub: filedBy.sub } : {}), name: filedBy.name, role: filedBy.role } }],
    notes: [],
  };
  const shippedMilli = Object.fromEntries(returnable.map((line) => [line.sku, toMilli(line.shipped)]));
  const outcome = await repository.transact([
    { Put: { TableName: config.tableName(), Item: repository.rmaItem(rma), ConditionExpression: 'attribute_not_exists(PK)' } },
    repository.claimUpdate(rma.companyId, rma.orderId, claimDelta(request.lines), 1, shippedMilli),
    ...photos.map((photo) => repository.consumeUpload(photo.photoId)),
  ]);
  if (outcome === 'condition-failed') {
    const again = rmaLineProblems(returnableLines(order, await repository.readClaims(order.companyId, order.orderId)), request.lines);
    if (again.length) throw new AppError(409, 'RMA_QUANTITY_TAKEN', 'Another claim took some of these quantities meanwhile', again);
    throw badRequest('PHOTO_MISSING', 'A photo was used for another claim already');
  }

  let stored = rma;
  try {
    const pdfKey = await storePdf(rma);
    stored = (await repository.updateRma(rma.companyId, rma.rmaId, { pdfKey })) ?? rma;
  } catch (error) {
    // The claim stands; GET …/pdf renders it on demand.
    logger.error('RMA PDF failed', { error: error as Error, rmaId: rma.rmaId });
  }
  try {
    await scheduleReminder(rma, now);
  } catch (error) {
    // The claim stands; moving the deadline in the console schedules the reminder again.
    logger.error('RMA reminder workflow did not start', { error: error as Error, rmaId: rma.rmaId });
  }
  const deadlineDay = rma.deadlineAt.slice(0, 10);
  const language = await filerLanguage(rma);
  const t = translator(language);
  const ids = { number: rma.rmaNumber, order: order.orderNumber, type: localizedTypeLabel(rma.type, t) };
  await Promise.all([
    mailQuietly(
      {
        to: [filedBy.email],
        subject: t('mail.rma.received.subject', ids),
        text: `${t('mail.rma.received.text', ids)}\n${rma.lines.map((line) => `- ${formatQuantity(line.quantity, language)} ${line.unit} ${line.name} (${line.sku})`).join('\n')}\n\n${localizedInstructions(rma.type, rma.rmaNumber, t)}\n${t('mail.rma.received.decideBy', { date: formatDate(deadlineDay, language) })}${filedBy.guest ? '' : portalLink('/returns')}`,
      },
      { rmaId: rma.rmaId },
    ),
    ...(rma.assignee ? [mailAssignee(rma.assignee, rma, order.orderNumber, filedBy)] : []),
  ]);
  return customerSummary(stored);
}

export async function fileForCompany(caller: Identity, companyId: string, request: FileRmaRequest) {
  if (isStaff(caller) || caller.companyId !== companyId) throw forbidden('Only the company files claims for its orders');
  await authorizedAccount(caller, companyId, 'view');
  const order = await findOrder(companyId, request.orderId);
  if (!order) throw notFound('Order');
  return fileFor(order, request, { sub: caller.sub, name: caller.name, role: caller.role, email: caller.email, guest: false });
}

// ---------------------------------------------------------------------------------------------
// Guests: order number + the e-mail of the buyer who placed it

const guestMiss = () => notFound('Order');

/** 429 with the seconds to wait (the handler turns `retryAfterSeconds` into a Retry-After header). */
const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError(
    429,
    'TOO_MANY_ATTEMPTS',
    `Too many attempts; try again in ${retryAfterSeconds < 120 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`}`,
    { retryAfterSeconds },
  );

/**
 * Counts the attempt for this client and order number (patterns R6a/R6b), then finds the order. Each
 * attempt counts as a failure before the e-mail is compared, so parallel attempts queue up behind the
 * back-off; the right e-mail clears the client's counter for the order and gives its daily attempt back.
 * Another client (the rightful buyer) has its own counter and is never locked out by a stranger.
 * Unknown number, unknown order and a different e-mail all answer the same 404.
 */
async function guestOrder(credentials: GuestCredentials): Promise<Order> {
  const number = credentials.orderNumber.trim().toUpperCase().slice(0, 40);
  const client = guestClientKey(credentials.sourceIp);
  const now = new Date();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  for (let attempt = 0; ; attempt++) {
    const counter = await repository.readGuestCounter(client, number);
    const decision = guestAttempt(counter, nowSeconds);
    if (!decision.allowed) throw tooManyAttempts(decision.retryAfterSeconds);
    if (await repository.countGuestAttempt(client, number, counter, decision.next, nowSeconds)) break;
    // Many attempts of this client at the same moment: beyond a few rounds, make it wait a second.
    if (attempt >= 8) throw tooManyAttempts(1);
  }
  const { day, secondsLeft } = guestClientDay(now);
  if (!(await repository.countClientAttempt(client, day, GUEST_LIMITS.clientFailuresPerDay, nowSeconds + secondsLeft + 24 * 3600)))
    throw tooManyAttempts(secondsLeft);

  const reference = parseOrderNumber(number) ? await repository.findOrderByNumber(number) : undefined;
  const order = reference ? await findOrder(reference.companyId, reference.orderId) : undefined;
  if (!order || !sameEmail(order.placedBy.email, credentials.email)) throw guestMiss();
  await Promise.all([repository.clearGuestCounter(client, number), repository.uncountClientAttempt(client, day)]);
  return order;
}

export async function guestLookup(credentials: GuestCredentials) {
  const order = await guestOrder(credentials);
  const { companyId: _companyId, ...view } = await orderView(order);
  return view;
}

export async function guestPhotoUpload(credentials: GuestCredentials, request: PhotoUploadRequest) {
  const order = await guestOrder(credentials);
  return presignPhoto(order.companyId, request, order.orderId);
}

export async function guestFile(credentials: GuestCredentials, request: ClaimRequest) {
  const order = await guestOrder(credentials);
  const filed = await fileFor(order, request, { name: order.placedBy.name, role: 'guest', email: order.placedBy.email, guest: true });
  return {
    rmaId: filed.rmaId,
    rmaNumber: filed.rmaNumber,
    status: filed.status,
    type: filed.type,
    orderNumber: filed.orderNumber,
    deadlineAt: filed.deadlineAt,
    lines: filed.lines,
  };
}

// ---------------------------------------------------------------------------------------------
// Company and staff reads

async function readableRma(caller: Identity, companyId: string, rmaId: string) {
  await authorizedAccount(caller, companyId, 'view');
  const rma = await repository.findRma(companyId, rmaId);
  if (!rma) throw notFound('RMA');
  return rma;
}

export async function listForCompany(caller: Identity, companyId: string) {
  await authorizedAccount(caller, companyId, 'view');
  const rmas = await repository.listCompanyRmas(companyId);
  return { rmas: rmas.map((rma) => (isStaff(caller) ? staffSummary(rma) : customerSummary(rma))) };
}

export async function getForCompany(caller: Identity, companyId: string, rmaId: string) {
  const rma = await readableRma(caller, companyId, rmaId);
  return isStaff(caller) ? staffDetail(rma) : customerDetail(rma);
}

export async function pdfLink(caller: Identity, companyId: string, rmaId: string) {
  const rma = await readableRma(caller, companyId, rmaId);
  let key = rma.pdfKey;
  if (!key) {
    key = await storePdf(rma);
    await repository.updateRma(companyId, rmaId, { pdfKey: key });
  }
  const url = await getSignedUrl(
    s3(),
    new GetObjectCommand({ Bucket: config.bucketName('documents'), Key: key, ResponseContentDisposition: `inline; filename="${rma.rmaNumber}.pdf"` }),
    { expiresIn: downloadUrlSeconds },
  );
  return { rmaNumber: rma.rmaNumber, url, expiresInSeconds: downloadUrlSeconds };
}

/** The back-office queue: one GSI1 query per status (or the chosen one), newest first. */
export async function listForStaff(filter: StaffFilter) {
  const statuses = filter.status ? [filter.status] : rmaStatuses;
  const rmas = (await Promise.all(statuses.map((status) => repository.listByStatus(status)))).flat();
  rmas.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return {
    rmas: rmas
      .filter((rma) => !filter.type || rma.type === filter.type)
      .filter((rma) => !filter.assignee || (filter.assignee === 'none' ? !rma.assignee : rma.assignee?.sub === filter.assignee))
      .filter((rma) => filter.overdue === undefined || Boolean(rma.overdue) === filter.overdue)
      .map(staffSummary),
  };
}

export async function getForStaff(companyId: string, rmaId: string) {
  const rma = await repository.findRma(companyId, rmaId);
  if (!rma) throw notFound('RMA');
  return staffDetail(rma);
}

export async function assignees() {
  return { assignees: (await backOfficeStaff()).map((staff) => ({ sub: staff.sub, name: staff.name, email: staff.email })) };
}

// ---------------------------------------------------------------------------------------------
// Staff actions

async function staffRma(companyId: string, rmaId: string) {
  const rma = await repository.findRma(companyId, rmaId);
  if (!rma) throw notFound('RMA');
  return rma;
}

export async function assign(caller: Identity, companyId: string, rmaId: string, assigneeSub: string) {
  const rma = await staffRma(companyId, rmaId);
  const staff = (await backOfficeStaff()).find((candidate) => candidate.sub === assigneeSub);
  if (!staff) throw badRequest('UNKNOWN_ASSIGNEE', 'Assign the claim to a back-office user');
  const note: RmaNote = { at: new Date().toISOString(), by: actor(caller), text: `Assigned to ${staff.name}`, visibility: 'internal' };
  const updated = await repository.updateRma(
    companyId,
    rmaId,
    { assignee: { sub: staff.sub, name: staff.name, email: staff.email }, updatedAt: note.at },
    undefined,
    note,
  );
  if (!updated) throw notFound('RMA');
  if (staff.sub !== caller.sub) {
    // Staff mails: the staff member's own language, else the seller country's.
    const language = await staffLanguage(staff.sub);
    const t = translator(language);
    await mailQuietly(
      {
        to: [staff.email],
        subject: t('mail.staff.rma.assigned.subject', { number: rma.rmaNumber }),
        text: `${t('mail.staff.rma.assigned.text', { name: caller.name, type: localizedTypeLabel(rma.type, t), number: rma.rmaNumber, order: rma.orderNumber, date: formatDate(rma.deadlineAt, language) })}${portalLink('/console/rmas')}`,
      },
      { rmaId },
    );
  }
  return staffDetail(updated);
}

/** Issues (once per RMA) the credit note for exactly the claimed quantities at the order's prices. */
async function creditFor(rma: Rma) {
  const order = await findOrder(rma.companyId, rma.orderId);
  if (!order) throw notFound('Order');
  if (!order.invoiceNumber) throw conflict('NO_INVOICE', `Order ${order.orderNumber} has no invoice to credit yet`);
  const note = await issueCreditNote({
    companyId: rma.companyId,
    invoiceNumber: order.invoiceNumber,
    reason: `${rma.rmaNumber}: ${typeLabel(rma.type)} of order ${order.orderNumber}`,
    source: { kind: 'rma', id: rma.rmaId },
    lines: creditLines(order, rma.lines),
    order: invoiceOrderOf(order),
  });
  return { number: note.creditNoteNumber, gross: note.gross, issuedAt: note.issuedAt };
}

export async function changeStatus(caller: Identity, companyId: string, rmaId: string, to: RmaStatus, note?: string) {
  const rma = await staffRma(companyId, rmaId);
  if (!transitionAllowed(rma.status, to)) {
    throw conflict('INVALID_TRANSITION', `A claim that is ${rma.status} cannot become ${to} (allowed: ${allowedTransitions(rma.status).join(', ') || 'none'})`);
  }
  const at = new Date().toISOString();
  const extra: Record<string, unknown> = {};
  if (to === 'credited') extra.creditNote = await creditFor(rma);
  const releases = holdsQuantities(rma.status) && !holdsQuantities(to) ? [repository.claimUpdate(companyId, rma.orderId, claimDelta(rma.lines), -1)] : [];
  const moved = await repository.transition(rma, to, { status: to, at, by: actor(caller), ...(note ? { note } : {}) }, extra, releases);
  if (!moved) throw conflict('RMA_CHANGED', 'The claim was changed meanwhile; reload it');
  const credit = extra.creditNote as Rma['creditNote'] | undefined;
  // In the filer's language with a readable status ("Ware eingegangen", not `goods-received`).
  const language = await filerLanguage(rma);
  const t = translator(language);
  const status = statusLabel(to, t);
  await mailQuietly(
    {
      to: [rma.filedBy.email],
      subject: t('mail.rma.status.subject', { number: rma.rmaNumber, status }),
      text: `${t('mail.rma.status.text', { type: localizedTypeLabel(rma.type, t), number: rma.rmaNumber, order: rma.orderNumber, status })}${note ? `\n\n${note}` : ''}${credit ? `\n\n${t('mail.rma.credit', { number: credit.number, amount: formatMoney(credit.gross, language) })}` : ''}${rma.filedBy.guest ? '' : portalLink('/returns')}`,
    },
    { rmaId },
  );
  return getForStaff(companyId, rmaId);
}

export async function addNote(caller: Identity, companyId: string, rmaId: string, text: string, visibility: RmaNote['visibility']) {
  const rma = await staffRma(companyId, rmaId);
  const note: RmaNote = { at: new Date().toISOString(), by: actor(caller), text, visibility };
  const updated = await repository.updateRma(companyId, rmaId, { updatedAt: note.at }, undefined, note);
  if (!updated) throw notFound('RMA');
  if (visibility === 'customer') {
    await mailQuietly(
      {
        to: [rma.filedBy.email],
        subject: translator(await filerLanguage(rma))('mail.rma.message.subject', { number: rma.rmaNumber }),
        text: `${text}${rma.filedBy.guest ? '' : portalLink('/returns')}`,
      },
      { rmaId },
    );
  }
  return staffDetail(updated);
}

/** Staff move the deadline: a new revision, and a new reminder workflow run for it (older runs then do nothing). */
export async function moveDeadline(caller: Identity, companyId: string, rmaId: string, deadlineAt: string) {
  const rma = await staffRma(companyId, rmaId);
  if (!isOpen(rma.status)) throw conflict('RMA_NOT_OPEN', `The claim is ${rma.status}`);
  const now = new Date();
  const deadline = new Date(deadlineAt);
  const problem = deadlineProblem(deadline, new Date(rma.createdAt), now);
  if (problem)
    throw badRequest(problem, problem === 'DEADLINE_IN_PAST' ? 'The deadline must lie in the future' : 'The deadline may be at most a year after filing');
  const revision = rma.deadlineRevision + 1;
  const note: RmaNote = { at: now.toISOString(), by: actor(caller), text: `Deadline moved to ${deadline.toISOString()}`, visibility: 'internal' };
  const updated = await repository.updateRma(
    companyId,
    rmaId,
    { deadlineAt: deadline.toISOString(), deadlineRevision: revision, overdue: false, updatedAt: note.at },
    { expression: 'deadlineRevision = :current', values: { ':current': rma.deadlineRevision } },
    note,
  );
  if (!updated) throw conflict('RMA_CHANGED', 'The claim was changed meanwhile; reload it');
  await scheduleReminder(updated, now);
  return staffDetail(updated);
}

// ---------------------------------------------------------------------------------------------
// Workflow steps (functions/rma/workflow.ts)

export interface ReminderInput {
  readonly companyId: string;
  readonly rmaId: string;
  readonly revision: number;
  readonly reminderAt: string;
  readonly deadlineAt: string;
}

/** Still the current deadline revision and still open (else the step does nothing). */
async function current(input: ReminderInput) {
  const rma = await repository.findRma(input.companyId, input.rmaId);
  if (!rma) return { skip: 'gone' as const };
  if (rma.deadlineRevision !== input.revision) return { skip: 'deadline-moved' as const };
  if (!isOpen(rma.status)) return { skip: 'resolved' as const };
  return { rma };
}

export async function sendReminder(input: ReminderInput) {
  const wakeAt = nextWake(new Date(input.reminderAt), new Date());
  if (wakeAt) return { wakeAt: wakeAt.toISOString() };
  const found = await current(input);
  if (!found.rma) return { reminded: false, reason: found.skip };
  const { rma } = found;
  if (rma.remindedRevision === input.revision) return { reminded: false, reason: 'already-reminded' };
  if (!rma.assignee) return { reminded: false, reason: 'unassigned' };
  const language = await staffLanguage(rma.assignee.sub);
  const t = translator(language);
  const due = formatDateTime(rma.deadlineAt, language);
  await sendMail({
    to: [rma.assignee.email],
    subject: t('mail.staff.rma.reminder.subject', { number: rma.rmaNumber, date: due }),
    text: `${t('mail.staff.rma.reminder.text', { type: localizedTypeLabel(rma.type, t), number: rma.rmaNumber, order: rma.orderNumber, status: statusLabel(rma.status, t), date: due })}${portalLink('/console/rmas')}`,
  });
  await repository.updateRma(
    input.companyId,
    input.rmaId,
    { remindedRevision: input.revision },
    { expression: 'deadlineRevision = :rev', values: { ':rev': input.revision } },
  );
  return { reminded: true };
}

export async function checkDeadline(input: ReminderInput) {
  const wakeAt = nextWake(new Date(input.deadlineAt), new Date());
  if (wakeAt) return { wakeAt: wakeAt.toISOString() };
  const found = await current(input);
  if (!found.rma) return { overdue: false, reason: found.skip };
  const { rma } = found;
  const marked = await repository.updateRma(
    input.companyId,
    input.rmaId,
    { overdue: true },
    { expression: 'deadlineRevision = :rev AND (attribute_not_exists(overdue) OR overdue = :no)', values: { ':rev': input.revision, ':no': false } },
  );
  if (marked && rma.assignee) {
    const language = await staffLanguage(rma.assignee.sub);
    const t = translator(language);
    await sendMail({
      to: [rma.assignee.email],
      subject: t('mail.staff.rma.overdue.subject', { number: rma.rmaNumber }),
      text: `${t('mail.staff.rma.overdue.text', { number: rma.rmaNumber, order: rma.orderNumber, date: formatDateTime(rma.deadlineAt, language), status: statusLabel(rma.status, t) })}${portalLink('/console/rmas')}`,
    });
  }
  return { overdue: true };
}

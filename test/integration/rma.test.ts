import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, signIn, users } from '../support/api.js';
import { outbox } from '../support/accounts.js';
import { stockedSku } from '../support/orders.js';
import { samplePng, shippedOrder, uploadPhoto } from '../support/rma.js';

/** RMA / complaints (seed 002 "Reklamacje") through the HTTP API of the local stack. */
const company = 'mueller-bau';
const rmaNumber = /^RMA-\d{4}-\d{6}$/;

type Order = Awaited<ReturnType<typeof shippedOrder>>;

/** Credit of `claimed` at the order's unit prices: line nets, then VAT per rate half-up (what the credit note must show). */
function expectedCredit(order: Order, claimed: { sku: string; quantity: number }[]) {
  const nets = new Map<number, number>();
  for (const claim of claimed) {
    const line = order.lines.find((candidate) => candidate.sku === claim.sku)!;
    nets.set(line.vatRate, (nets.get(line.vatRate) ?? 0) + line.unitNet.amount * claim.quantity);
  }
  let net = 0;
  let vat = 0;
  for (const [rate, amount] of nets) {
    net += amount;
    vat += Math.round((amount * rate) / 10_000);
  }
  return { net, vat, gross: net + vat };
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const transition = (token: string, rmaId: string, to: string, note?: string) =>
  api(`/console/rmas/${company}/${rmaId}/transitions`, { token, method: 'POST', body: { to, ...(note ? { note } : {}) } });

describe('RMA / complaints', () => {
  let buyer: string;
  let backOffice: string;
  let skuA: string;
  let skuB: string;
  let order: Order;

  beforeAll(async () => {
    [buyer, backOffice] = await Promise.all([signIn(users.muellerBuyer), signIn(users.backOffice, 'console')]);
    skuA = await stockedSku(buyer, 'electrical', 10);
    skuB = await stockedSku(buyer, 'electrical', 10, [skuA]);
    // Ordered 8 A and 4 B; the first (partial) shipment carries 6 A and 1 B.
    order = await shippedOrder(
      buyer,
      backOffice,
      company,
      [
        { sku: skuA, quantity: '8' },
        { sku: skuB, quantity: '4' },
      ],
      [
        { sku: skuA, quantity: '6' },
        { sku: skuB, quantity: '1' },
      ],
    );
  }, 120_000);

  it('partial return of a partial shipment: returnable quantities, status history, credit note for exactly the returned goods', async () => {
    const returnable = await api(`/companies/${company}/orders/${order.orderId}/returnable`, { token: buyer });
    expect(returnable.status).toBe(200);
    expect(returnable.body.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sku: skuA, ordered: '8', shipped: '6', returnable: '6' }),
        expect.objectContaining({ sku: skuB, ordered: '4', shipped: '1', returnable: '1' }),
      ]),
    );

    const file = (lines: { sku: string; quantity: string }[], extra: Record<string, unknown> = {}) =>
      api(`/companies/${company}/rmas`, {
        token: buyer,
        method: 'POST',
        body: { orderId: order.orderId, type: 'return', reason: 'Ordered too much for the site', lines, ...extra },
      });
    const tooMuch = await file([
      { sku: skuA, quantity: '7' },
      { sku: skuB, quantity: '2' },
    ]);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.code).toBe('RMA_LINE_PROBLEMS');
    expect(tooMuch.body.error.details).toEqual([
      { sku: skuA, code: 'EXCEEDS_RETURNABLE', returnable: '6' },
      { sku: skuB, code: 'EXCEEDS_RETURNABLE', returnable: '1' },
    ]);
    expect((await file([{ sku: skuA, quantity: '1' }], { status: 'approved' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await file([{ sku: skuA, quantity: '1.5' }], { type: 'exchange' })).body.error.code).toBe('VALIDATION_FAILED');

    const photoId = await uploadPhoto('/rma/photo-uploads', buyer);
    const filed = await file(
      [
        { sku: skuA, quantity: '2' },
        { sku: skuB, quantity: '1' },
      ],
      { photoUploadIds: [photoId] },
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.rmaNumber).toMatch(rmaNumber);
    expect(filed.body).toMatchObject({ status: 'filed', type: 'return', orderNumber: order.orderNumber, photoCount: 1, filedBy: { guest: false } });
    expect(filed.body.assignee.name).toBe('Berta Backoffice');
    const rmaId = filed.body.rmaId as string;
    // Return deadline: 14 days.
    expect(Math.round((Date.parse(filed.body.deadlineAt) - Date.parse(filed.body.createdAt)) / 86_400_000)).toBe(14);

    // The photo is consumed: a second claim cannot reuse it.
    const reused = await file([{ sku: skuA, quantity: '1' }], { photoUploadIds: [photoId] });
    expect(reused.body.error.code).toBe('PHOTO_MISSING');

    const after = await api(`/companies/${company}/orders/${order.orderId}/returnable`, { token: buyer });
    expect(after.body.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sku: skuA, claimed: '2', returnable: '4' }),
        expect.objectContaining({ sku: skuB, claimed: '1', returnable: '0' }),
      ]),
    );

    const mails = await outbox();
    expect(mails.find((mail) => mail.to.includes(users.muellerBuyer) && mail.subject.includes(filed.body.rmaNumber))?.text).toMatch(/Originalverpackung/); // Müller Bau is German: so are its mails
    expect(mails.some((mail) => mail.to.includes(users.backOffice) && mail.subject.includes(filed.body.rmaNumber))).toBe(true);

    // Detail with a working photo link; the PDF through a short-lived link.
    const detail = await api(`/companies/${company}/rmas/${rmaId}`, { token: buyer });
    expect(detail.status).toBe(200);
    const photo = Buffer.from(await (await fetch(detail.body.photos[0].url)).arrayBuffer());
    expect(photo.equals(samplePng)).toBe(true);
    const pdf = await api(`/companies/${company}/rmas/${rmaId}/pdf`, { token: buyer });
    expect(pdf.status).toBe(200);
    expect(pdf.body.expiresInSeconds).toBe(300);
    const form = Buffer.from(await (await fetch(pdf.body.url)).arrayBuffer());
    expect(form.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The form in the German company's language
    const formText = execFileSync('pdftotext', ['-raw', '-', '-'], { input: form }).toString('utf8').replace(/\s+/g, ' ');
    for (const label of ['RMA-Nummer', 'Eingereicht am', 'Nächste Schritte', 'Menge', 'Reklamierter Wert', 'Seite 1 von 1'])
      expect(formText, label).toContain(label);

    // Staff workflow: no skipping the review, notes for the customer, credit at the order's prices.
    expect((await transition(backOffice, rmaId, 'credited')).body.error.code).toBe('INVALID_TRANSITION');
    expect((await transition(backOffice, rmaId, 'in-review')).status).toBe(200);
    const internal = await api(`/console/rmas/${company}/${rmaId}/notes`, {
      token: backOffice,
      method: 'POST',
      body: { text: 'Check the packaging first', visibility: 'internal' },
    });
    expect(internal.status).toBe(201);
    const toCustomer = await api(`/console/rmas/${company}/${rmaId}/notes`, {
      token: backOffice,
      method: 'POST',
      body: { text: 'Please use the enclosed label', visibility: 'customer' },
    });
    expect(toCustomer.status).toBe(201);
    expect((await transition(backOffice, rmaId, 'approved')).status).toBe(200);
    expect((await transition(backOffice, rmaId, 'goods-received', 'Arrived in Stuttgart, undamaged')).status).toBe(200);
    const credited = await transition(backOffice, rmaId, 'credited');
    expect(credited.status, JSON.stringify(credited.body)).toBe(200);
    const expected = expectedCredit(order, [
      { sku: skuA, quantity: 2 },
      { sku: skuB, quantity: 1 },
    ]);
    expect(credited.body.creditNote.number).toMatch(/^CN-\d{4}-\d{6}$/);
    expect(credited.body.creditNote.gross).toEqual({ amount: expected.gross, currency: 'EUR' });
    expect(credited.body.value.gross.amount).toBe(expected.gross);
    expect(credited.body.value.net.amount).toBe(expected.net);
    // The invoice's open amount went down by exactly the credit; the credit note is a company document.
    const invoice = await api(`/companies/${company}/invoices/${order.invoiceNumber}`, { token: buyer });
    expect(invoice.status, JSON.stringify(invoice.body)).toBe(200);
    expect(invoice.body.credited).toEqual({ amount: expected.gross, currency: 'EUR' });
    expect(invoice.body.open.amount).toBe(invoice.body.total.amount - expected.gross);
    expect((await api(`/companies/${company}/documents/credit-note/${credited.body.creditNote.number}`, { token: buyer })).status).toBe(200);
    expect((await transition(backOffice, rmaId, 'credited')).body.error.code).toBe('INVALID_TRANSITION');

    const seen = await api(`/companies/${company}/rmas/${rmaId}`, { token: buyer });
    expect(seen.body.status).toBe('credited');
    expect(seen.body.history.map((entry: { status: string }) => entry.status)).toEqual(['filed', 'in-review', 'approved', 'goods-received', 'credited']);
    expect(seen.body.notes.map((note: { text: string }) => note.text)).toEqual(['Please use the enclosed label']);
    expect(seen.body.assignee).toEqual({ name: 'Berta Backoffice' });
    expect((await outbox()).some((mail) => mail.to.includes(users.muellerBuyer) && mail.text.includes('Please use the enclosed label'))).toBe(true);
    // Status mails name the status in the company's language, never the code.
    const statusMails = (await outbox()).filter((mail) => mail.to.includes(users.muellerBuyer) && mail.subject.startsWith(`${seen.body.rmaNumber}:`));
    expect(statusMails.map((mail) => mail.subject)).toEqual(
      expect.arrayContaining([`${seen.body.rmaNumber}: Ware eingegangen`, `${seen.body.rmaNumber}: Gutgeschrieben`, `${seen.body.rmaNumber}: In Prüfung`]),
    );
    expect(statusMails.find((mail) => mail.subject.endsWith('Ware eingegangen'))?.text).toContain('den Status „Ware eingegangen“');
    expect(statusMails.some((mail) => /goods-received|in-review/.test(mail.subject + mail.text))).toBe(false);
    const listed = await api(`/companies/${company}/rmas`, { token: buyer });
    expect(listed.body.rmas.map((rma: { rmaId: string }) => rma.rmaId)).toContain(rmaId);
  }, 120_000);

  it('photos: type, size and content are checked', async () => {
    const ask = (contentType: string, size: number) => api('/rma/photo-uploads', { token: buyer, method: 'POST', body: { fileName: 'x', contentType, size } });
    expect((await ask('application/pdf', 1000)).body.error.code).toBe('PHOTO_TYPE_NOT_ALLOWED');
    expect((await ask('image/png', 10 * 1024 * 1024 + 1)).body.error.code).toBe('PHOTO_TOO_LARGE');
    const fake = await uploadPhoto('/rma/photo-uploads', buyer, {}, Buffer.from('this is not a png at all'), 'image/png');
    const filed = await api(`/companies/${company}/rmas`, {
      token: buyer,
      method: 'POST',
      body: { orderId: order.orderId, type: 'complaint', reason: 'Scratched', lines: [{ sku: skuA, quantity: '1' }], photoUploadIds: [fake] },
    });
    expect(filed.body.error.code).toBe('PHOTO_INVALID');
  });

  it('tenancy: another company, a buyer on staff routes, a rep of other companies', async () => {
    const filed = await api(`/companies/${company}/rmas`, {
      token: buyer,
      method: 'POST',
      body: { orderId: order.orderId, type: 'complaint', reason: 'Cable jacket cracked', lines: [{ sku: skuA, quantity: '1' }] },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const rmaId = filed.body.rmaId as string;
    const [nowakBuyer, nowakAdmin, rep] = await Promise.all([signIn(users.nowakBuyer), signIn(users.nowakAdmin), signIn(users.rep, 'console')]);

    for (const token of [nowakBuyer, nowakAdmin]) {
      expect((await api(`/companies/${company}/rmas`, { token })).status).toBe(403);
      expect((await api(`/companies/${company}/rmas/${rmaId}`, { token })).status).toBe(403);
      expect((await api(`/companies/${company}/rmas/${rmaId}/pdf`, { token })).status).toBe(403);
      expect((await api(`/companies/${company}/orders/${order.orderId}/returnable`, { token })).status).toBe(403);
      expect((await api(`/companies/nowak-instalacje/rmas/${rmaId}`, { token })).status).toBe(404);
      expect((await api(`/companies/nowak-instalacje/rmas/${rmaId}/pdf`, { token })).status).toBe(404);
      const foreign = await api(`/companies/${company}/rmas`, {
        token,
        method: 'POST',
        body: { orderId: order.orderId, type: 'return', reason: 'Not ours', lines: [{ sku: skuA, quantity: '1' }] },
      });
      expect(foreign.status).toBe(403);
      const ownPath = await api('/companies/nowak-instalacje/rmas', {
        token,
        method: 'POST',
        body: { orderId: order.orderId, type: 'return', reason: 'Not ours', lines: [{ sku: skuA, quantity: '1' }] },
      });
      expect(ownPath.status).toBe(404);
    }
    expect((await api(`/companies/nowak-instalacje/rmas`, { token: nowakBuyer })).body.rmas.map((rma: { rmaId: string }) => rma.rmaId)).not.toContain(rmaId);

    // Company users never reach the console routes.
    for (const [method, path, body] of [
      ['GET', '/console/rmas', undefined],
      ['GET', '/console/rma-assignees', undefined],
      ['GET', `/console/rmas/${company}/${rmaId}`, undefined],
      ['POST', `/console/rmas/${company}/${rmaId}/transitions`, { to: 'in-review' }],
      ['POST', `/console/rmas/${company}/${rmaId}/assignment`, { assigneeSub: 'x' }],
      ['POST', `/console/rmas/${company}/${rmaId}/notes`, { text: 'hi', visibility: 'customer' }],
      ['PUT', `/console/rmas/${company}/${rmaId}/deadline`, { deadlineAt: new Date(Date.now() + 86_400_000).toISOString() }],
    ] as const) {
      expect((await api(path, { token: buyer, method, ...(body ? { body } : {}) })).status, `${method} ${path}`).toBe(403);
      expect((await api(path, { method, ...(body ? { body } : {}) })).status, `${method} ${path} without token`).toBe(401);
    }
    // Staff console is back-office only; a rep reads the claims of assigned companies only.
    expect((await api('/console/rmas', { token: rep })).status).toBe(403);
    expect((await api(`/companies/${company}/rmas/${rmaId}`, { token: rep })).status).toBe(200);
    expect((await api('/companies/nowak-instalacje/rmas', { token: rep })).status).toBe(403);
    // Staff may not file in the company's name.
    expect(
      (
        await api(`/companies/${company}/rmas`, {
          token: backOffice,
          method: 'POST',
          body: { orderId: order.orderId, type: 'return', reason: 'x y z', lines: [{ sku: skuA, quantity: '1' }] },
        })
      ).status,
    ).toBe(403);

    // Rejecting releases the claimed quantity again.
    const before = await api(`/companies/${company}/orders/${order.orderId}/returnable`, { token: buyer });
    const claimedBefore = before.body.lines.find((line: { sku: string }) => line.sku === skuA).claimed;
    expect((await transition(backOffice, rmaId, 'rejected', 'Damage from improper installation')).status).toBe(200);
    const released = await api(`/companies/${company}/orders/${order.orderId}/returnable`, { token: buyer });
    expect(Number(released.body.lines.find((line: { sku: string }) => line.sku === skuA).claimed)).toBe(Number(claimedBefore) - 1);
  }, 60_000);

  it('guests file with order number and the e-mail of the buyer; a wrong e-mail looks like an unknown order', async () => {
    const wrongMail = await api('/rma/guest/lookup', { method: 'POST', body: { orderNumber: order.orderNumber, email: 'someone@else.example' } });
    const unknown = await api('/rma/guest/lookup', { method: 'POST', body: { orderNumber: 'ORD-2026-999998', email: users.muellerBuyer } });
    const malformed = await api('/rma/guest/lookup', { method: 'POST', body: { orderNumber: 'hello', email: users.muellerBuyer } });
    expect(wrongMail.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(wrongMail.body).toEqual(unknown.body);
    expect(malformed.body).toEqual(unknown.body);

    const credentials = { orderNumber: order.orderNumber.toLowerCase(), email: users.muellerBuyer.toUpperCase() };
    const lookup = await api('/rma/guest/lookup', { method: 'POST', body: credentials });
    expect(lookup.status, JSON.stringify(lookup.body)).toBe(200);
    expect(lookup.body.orderNumber).toBe(order.orderNumber);
    expect(lookup.body.companyId).toBeUndefined();
    expect(lookup.body.lines.find((line: { sku: string }) => line.sku === skuA).shipped).toBe('6');

    const photoId = await uploadPhoto('/rma/guest/photo-uploads', undefined, credentials);
    const wrongFiling = await api('/rma/guest/claims', {
      method: 'POST',
      body: { ...credentials, email: 'someone@else.example', type: 'warranty', reason: 'Stopped working', lines: [{ sku: skuA, quantity: '1' }] },
    });
    expect(wrongFiling.status).toBe(404);
    const filed = await api('/rma/guest/claims', {
      method: 'POST',
      body: { ...credentials, type: 'warranty', reason: 'Stopped working after a week', lines: [{ sku: skuA, quantity: '1' }], photoUploadIds: [photoId] },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.rmaNumber).toMatch(rmaNumber);
    expect(Math.round((Date.parse(filed.body.deadlineAt) - Date.now()) / 86_400_000)).toBe(30);
    const mail = await waitFor(async () =>
      (await outbox()).find((message) => message.subject.includes(filed.body.rmaNumber) && message.to.includes(users.muellerBuyer)),
    );
    expect(mail.text).toMatch(/Kaufbeleg/);
    // The company sees the guest's claim.
    const listed = await api(`/companies/${company}/rmas`, { token: buyer });
    expect(listed.body.rmas.find((rma: { rmaId: string }) => rma.rmaId === filed.body.rmaId)).toMatchObject({ filedBy: { guest: true }, photoCount: 1 });
  }, 60_000);

  it('guest attempts per client and order number are limited (unknown numbers too; more in rma-abuse.test.ts)', async () => {
    const orderNumber = `ORD-1999-${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
    // The local gateway takes the client from X-Forwarded-For: a client of its own, not the suite's 127.0.0.1.
    const headers = { 'x-forwarded-for': `192.0.2.${Math.floor(Math.random() * 250) + 1}` };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++)
      statuses.push((await api('/rma/guest/lookup', { method: 'POST', body: { orderNumber, email: 'probe@example.com' }, headers })).status);
    expect(statuses.slice(0, 6).every((status) => status === 404)).toBe(true);
    expect(statuses[6]).toBe(429);
  }, 60_000);

  it('RMA numbers stay unique under ~50 parallel filings, and claims never exceed what was shipped', async () => {
    const sku = await stockedSku(buyer, 'electrical', 60, [skuA, skuB]);
    const bulk = await shippedOrder(buyer, backOffice, company, [{ sku, quantity: '50' }], [{ sku, quantity: '48' }]);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        api(`/companies/${company}/rmas`, {
          token: buyer,
          method: 'POST',
          body: { orderId: bulk.orderId, type: 'complaint', reason: 'Bent pins', lines: [{ sku, quantity: '1' }] },
        }),
      ),
    );
    const created = results.filter((result) => result.status === 201);
    const refused = results.filter((result) => result.status !== 201);
    expect(created).toHaveLength(48);
    expect(refused.map((result) => result.body.error.code).every((code) => code === 'RMA_QUANTITY_TAKEN' || code === 'RMA_LINE_PROBLEMS')).toBe(true);
    const numbers = created.map((result) => result.body.rmaNumber as string);
    expect(new Set(numbers).size).toBe(48);
    for (const number of numbers) expect(number).toMatch(rmaNumber);
    const returnable = await api(`/companies/${company}/orders/${bulk.orderId}/returnable`, { token: buyer });
    expect(returnable.body.lines[0]).toMatchObject({ shipped: '48', claimed: '48', returnable: '0' });
  }, 180_000);

  it('the deadline workflow reminds the assignee and marks an open claim overdue', async () => {
    const filed = await api(`/companies/${company}/rmas`, {
      token: buyer,
      method: 'POST',
      body: { orderId: order.orderId, type: 'complaint', reason: 'Wrong colour', lines: [{ sku: skuA, quantity: '1' }] },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const { rmaId, rmaNumber: number } = filed.body as { rmaId: string; rmaNumber: string };
    const warranty = await api(`/companies/${company}/rmas`, {
      token: buyer,
      method: 'POST',
      body: { orderId: order.orderId, type: 'warranty', reason: 'Connector loose', lines: [{ sku: skuA, quantity: '1' }] },
    });
    expect(warranty.status, JSON.stringify(warranty.body)).toBe(201);
    const reminders = async () => (await outbox()).filter((mail) => mail.subject.startsWith(`Erinnerung: ${number}`) && mail.to.includes(users.backOffice));
    // Deadlines 14 and 30 days ahead: no reminder, nothing overdue yet (waits longer than 24.8 days are chunked).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await reminders()).toHaveLength(0);
    expect((await outbox()).some((mail) => mail.subject.includes(warranty.body.rmaNumber) && /Erinnerung|Überfällig|Reminder|Overdue/.test(mail.subject))).toBe(
      false,
    );
    expect((await api(`/console/rmas/${company}/${warranty.body.rmaId}`, { token: backOffice })).body.overdue).toBeUndefined();

    const path = `/console/rmas/${company}/${rmaId}/deadline`;
    expect((await api(path, { token: backOffice, method: 'PUT', body: { deadlineAt: new Date(Date.now() - 1000).toISOString() } })).body.error.code).toBe(
      'DEADLINE_IN_PAST',
    );
    // A deadline within the 48 h lead time: the reminder goes out at once.
    const moved = await api(path, { token: backOffice, method: 'PUT', body: { deadlineAt: new Date(Date.now() + 3600_000).toISOString() } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const first = await waitFor(async () => ((await reminders()).length > 0 ? await reminders() : undefined));
    expect(first).toHaveLength(1);
    // Staff mails in the seller country's language (DE): a readable status, never `filed`.
    expect(first[0]!.text).toContain('noch den Status „Eingereicht“');

    // A deadline a few seconds ahead: reminded again (new revision), then marked overdue when it passes.
    expect((await api(path, { token: backOffice, method: 'PUT', body: { deadlineAt: new Date(Date.now() + 3000).toISOString() } })).status).toBe(200);
    await waitFor(async () => ((await reminders()).length === 2 ? true : undefined));
    const overdue = await waitFor(async () => {
      const { body } = await api(`/console/rmas/${company}/${rmaId}`, { token: backOffice });
      return body.overdue === true ? body : undefined;
    });
    expect(overdue.status).toBe('filed');
    const queue = await api('/console/rmas?overdue=true&type=complaint', { token: backOffice });
    expect(queue.body.rmas.map((rma: { rmaId: string }) => rma.rmaId)).toContain(rmaId);
    expect((await outbox()).some((mail) => mail.subject === `Überfällig: ${number}`)).toBe(true);

    // A resolved claim is no longer reminded: reject it, move nothing; the old runs stay silent.
    expect((await transition(backOffice, rmaId, 'rejected')).status).toBe(200);
    expect((await api(path, { token: backOffice, method: 'PUT', body: { deadlineAt: new Date(Date.now() + 3600_000).toISOString() } })).body.error.code).toBe(
      'RMA_NOT_OPEN',
    );
  }, 90_000);

  it('back-office lists, filters and reassigns', async () => {
    const assignees = await api('/console/rma-assignees', { token: backOffice });
    expect(assignees.status).toBe(200);
    const berta = assignees.body.assignees.find((staff: { email: string }) => staff.email === users.backOffice);
    expect(berta).toBeDefined();
    const filed = await api('/console/rmas?status=filed', { token: backOffice });
    expect(filed.status).toBe(200);
    expect(filed.body.rmas.length).toBeGreaterThan(0);
    expect(filed.body.rmas.every((rma: { status: string }) => rma.status === 'filed')).toBe(true);
    const target = filed.body.rmas[0] as { rmaId: string; companyId: string };
    expect(
      (await api(`/console/rmas/${target.companyId}/${target.rmaId}/assignment`, { token: backOffice, method: 'POST', body: { assigneeSub: 'nobody' } })).body
        .error.code,
    ).toBe('UNKNOWN_ASSIGNEE');
    const assigned = await api(`/console/rmas/${target.companyId}/${target.rmaId}/assignment`, {
      token: backOffice,
      method: 'POST',
      body: { assigneeSub: berta.sub },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee.sub).toBe(berta.sub);
    expect((await api('/console/rmas?status=bogus', { token: backOffice })).body.error.code).toBe('VALIDATION_FAILED');
  });
});

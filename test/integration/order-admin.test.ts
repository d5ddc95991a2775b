import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { routes } from '../../lib/definitions/index.js';
import { api, signIn, users } from '../support/api.js';
import { erpEventsSince, outbox } from '../support/accounts.js';
import { settledOrder, stockedSku, totalOf } from '../support/orders.js';
import { confirmedOrder, notYetInvoiced, preliminaryOrder } from '../support/order-admin.js';

/** Back-office order administration (seed 004) and rep edits of preliminary orders (issue 6). */
const company = 'mueller-bau';
const base = (orderId: string, companyId = company) => `/console/orders/${companyId}/${orderId}`;

describe('shipments', () => {
  it('splits an order over two shipments, refuses over-shipping (also concurrently), mails the buyer and shows tracking to the buyer', async () => {
    const [buyer, backOffice, rep, nowakBuyer] = await Promise.all([
      signIn(users.muellerBuyer),
      signIn(users.backOffice, 'console'),
      signIn(users.rep, 'console'),
      signIn(users.nowakBuyer),
    ]);
    const first = await stockedSku(buyer, 'electrical', 10);
    const second = await stockedSku(buyer, 'electrical', 10, [first]);
    const order = await confirmedOrder(buyer, company, [
      { sku: first, quantity: '5' },
      { sku: second, quantity: '2' },
    ]);
    const shipments = `${base(order.orderId)}/shipments`;

    const one = await api(shipments, { token: backOffice, method: 'POST', body: { lines: [{ sku: first, quantity: '3' }], carrier: 'DHL' } });
    expect(one.status, JSON.stringify(one.body)).toBe(201);
    expect(one.body).toMatchObject({ shipmentNumber: `${order.orderNumber}-1`, status: 'prepared', carrier: 'DHL', lines: [{ sku: first, quantity: '3' }] });
    expect(one.body.deliveryNoteKey).toBe(`delivery-notes/${company}/${order.orderNumber}-1.pdf`);

    const tooMuch = await api(shipments, { token: backOffice, method: 'POST', body: { lines: [{ sku: first, quantity: '2.001' }], carrier: 'DHL' } });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('SHIPMENT_EXCEEDS_REMAINING');
    expect(tooMuch.body.error.details).toEqual([{ sku: first, code: 'EXCEEDS_REMAINING', remaining: '2' }]);
    const notOnOrder = await api(shipments, { token: backOffice, method: 'POST', body: { lines: [{ sku: 'NO-SUCH-SKU', quantity: '1' }], carrier: 'DHL' } });
    expect(notOnOrder.body.error.code).toBe('INVALID_SHIPMENT_LINES');

    // Three staff members ship the last 2 units of `first` at once: exactly one succeeds.
    const racing = await Promise.all(
      [1, 2, 3].map(() =>
        api(shipments, {
          token: backOffice,
          method: 'POST',
          body: {
            lines: [
              { sku: first, quantity: '2' },
              { sku: second, quantity: '2' },
            ],
            carrier: 'UPS',
            trackingNumber: '1Z999AA10123456784',
            trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
          },
        }),
      ),
    );
    expect(racing.map((response) => response.status).sort()).toEqual([201, 409, 409]);
    const two = racing.find((response) => response.status === 201)!.body;
    expect(two).toMatchObject({ shipmentNumber: `${order.orderNumber}-2`, status: 'shipped', trackingNumber: '1Z999AA10123456784' });
    for (const lost of racing.filter((response) => response.status === 409)) expect(lost.body.error.code).toBe('SHIPMENT_EXCEEDS_REMAINING');

    const staffView = await api(base(order.orderId), { token: backOffice });
    expect(staffView.status).toBe(200);
    expect(staffView.body.remaining).toEqual({ [first]: '0', [second]: '0' });
    expect(staffView.body.order.shipments).toHaveLength(2);

    // Forward-only status: prepared → shipped → delivered, never back.
    const shipped = await api(`${shipments}/${one.body.shipmentId}`, {
      token: backOffice,
      method: 'PATCH',
      body: { status: 'shipped', trackingNumber: 'JD014600006281234567' },
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', trackingNumber: 'JD014600006281234567' });
    expect(shipped.body.shippedAt).toBeTruthy();
    const delivered = await api(`${shipments}/${one.body.shipmentId}`, { token: rep, method: 'PATCH', body: { status: 'delivered' } });
    expect(delivered.body).toMatchObject({ status: 'delivered' });
    const back = await api(`${shipments}/${one.body.shipmentId}`, { token: backOffice, method: 'PATCH', body: { status: 'shipped' } });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('INVALID_SHIPMENT_TRANSITION');

    // Müller Bau is a German company: the buyer's mails are German, with readable statuses.
    const mails = (await outbox()).filter(
      (mail) => mail.to.includes(users.muellerBuyer) && mail.subject.includes(order.orderNumber) && mail.subject.startsWith('Sendung'),
    );
    expect(mails.map((mail) => mail.subject).sort()).toEqual(
      [
        `Sendung ${order.orderNumber}-1 zur Bestellung ${order.orderNumber}: In Vorbereitung`,
        `Sendung ${order.orderNumber}-1 zur Bestellung ${order.orderNumber}: Versandt`,
        `Sendung ${order.orderNumber}-1 zur Bestellung ${order.orderNumber}: Zugestellt`,
        `Sendung ${order.orderNumber}-2 zur Bestellung ${order.orderNumber}: Versandt`,
      ].sort(),
    );
    const secondMail = mails.find((mail) => mail.subject.endsWith(`-2 zur Bestellung ${order.orderNumber}: Versandt`))!.text;
    expect(secondMail).toContain('Sendungsnummer: 1Z999AA10123456784');
    expect(secondMail).toContain('Hallo ');
    expect(secondMail).toContain(`die Sendung ${order.orderNumber}-2 Ihrer Bestellung ${order.orderNumber} wurde versandt.`);

    // The buyer sees both shipments with tracking and downloads the delivery note; nobody else does.
    const mine = await api(`/companies/${company}/orders/${order.orderId}`, { token: buyer });
    expect(mine.body.shipments.map((shipment: { status: string }) => shipment.status)).toEqual(['delivered', 'shipped']);
    expect(mine.body.shipments[1].trackingUrl).toContain('1Z999AA10123456784');
    const note = await api(`/companies/${company}/orders/${order.orderId}/shipments/${two.shipmentId}/delivery-note`, { token: buyer });
    expect(note.status).toBe(200);
    expect(note.body.expiresInSeconds).toBe(300);
    const pdf = Buffer.from(await (await fetch(note.body.url)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // …in the German company's language
    const noteText = execFileSync('pdftotext', ['-raw', '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
    for (const label of [
      'LIEFERSCHEIN',
      `Lieferschein ${order.orderNumber}-2`,
      'LIEFERANSCHRIFT',
      'Versanddatum',
      'Menge',
      'Einzelpreis',
      'Warenwert (netto)',
      'Seite 1 von 1',
    ])
      expect(noteText, label).toContain(label);
    expect(noteText).toMatch(/\d,\d{2} €/);
    expect((await api(`/companies/${company}/orders/${order.orderId}/shipments/${two.shipmentId}/delivery-note`, { token: nowakBuyer })).status).toBe(403);
    expect((await api(`/companies/nowak-instalacje/orders/${order.orderId}/shipments/${two.shipmentId}/delivery-note`, { token: nowakBuyer })).status).toBe(
      404,
    );

    // Buyers never reach console routes.
    expect((await api(shipments, { token: buyer, method: 'POST', body: { lines: [{ sku: first, quantity: '1' }], carrier: 'DHL' } })).status).toBe(403);
    expect((await api(`${shipments}/${two.shipmentId}`, { token: buyer, method: 'PATCH', body: { status: 'delivered' } })).status).toBe(403);
  });

  it('ships only placed or confirmed orders, and a rep only for assigned companies', async () => {
    const [nowakBuyer, rep, backOffice, buyer] = await Promise.all([
      signIn(users.nowakBuyer),
      signIn(users.rep, 'console'),
      signIn(users.backOffice, 'console'),
      signIn(users.muellerBuyer),
    ]);
    const sku = await stockedSku(nowakBuyer, 'hand-tools', 5).catch(() => stockedSku(nowakBuyer, 'electrical', 5));
    const order = await confirmedOrder(nowakBuyer, 'nowak-instalacje', [{ sku, quantity: '1' }], {
      delivery: { kind: 'pickup', warehouseId: 'krakow' },
      paymentMethod: 'bank-prepayment',
    });
    const shipments = `${base(order.orderId, 'nowak-instalacje')}/shipments`;
    const byRep = await api(shipments, { token: rep, method: 'POST', body: { lines: [{ sku, quantity: '1' }], carrier: 'DPD' } });
    expect(byRep.status).toBe(404);
    expect((await api(base(order.orderId, 'nowak-instalacje'), { token: rep })).status).toBe(404);
    const created = await api(shipments, { token: backOffice, method: 'POST', body: { lines: [{ sku, quantity: '1' }], carrier: 'DPD' } });
    expect(created.status).toBe(201);
    expect((await api(`${shipments}/${created.body.shipmentId}`, { token: rep, method: 'PATCH', body: { status: 'shipped' } })).status).toBe(404);

    const preliminary = await preliminaryOrder(buyer, { email: users.muellerBuyer, name: 'Jonas Weber' }, company, [{ sku, quantity: '1' }]);
    const refused = await api(`${base(preliminary.orderId)}/shipments`, {
      token: backOffice,
      method: 'POST',
      body: { lines: [{ sku, quantity: '1' }], carrier: 'DPD' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ORDER_NOT_SHIPPABLE');
  });
});

describe('order administration', () => {
  it('internal notes, goodwill adjustments and added items: totals recomputed, credit kept in step, audited, re-sent to the ERP; notes never reach the buyer', async () => {
    const [buyer, backOffice, rep, nowakBuyer] = await Promise.all([
      signIn(users.muellerBuyer),
      signIn(users.backOffice, 'console'),
      signIn(users.rep, 'console'),
      signIn(users.nowakBuyer),
    ]);
    const sku = await stockedSku(buyer, 'electrical', 10);
    const extra = await stockedSku(buyer, 'electrical', 10, [sku]);
    // Not invoiced yet (placed, reservations held): goodwill moves the credit reservation, items may be added.
    // Invoiced orders: test/integration/order-admin-invoiced.test.ts.
    const order = await confirmedOrder(buyer, company, [{ sku, quantity: '4' }]);
    await notYetInvoiced(company, order.orderId);
    const since = Date.now();
    const creditBefore = (await api(`/companies/${company}/credit`, { token: buyer })).body.credit;
    const stockOf = async (code: string) => (await api(`/catalog/products/${code}`, { token: buyer })).body.availability.quantity as number;
    const extraStockBefore = await stockOf(extra);

    const secret = `Customer called, late delivery goodwill ${Date.now()}`;
    const note = await api(`${base(order.orderId)}/notes`, { token: rep, method: 'POST', body: { text: secret } });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ text: secret, author: { role: 'sales-rep' } });
    expect((await api(`${base(order.orderId)}/notes`, { token: buyer, method: 'POST', body: { text: 'x' } })).status).toBe(403);

    // Goodwill: never more than the net, reason required, stale versions refused.
    const tooMuch = await api(`${base(order.orderId)}/adjustments`, {
      token: backOffice,
      method: 'POST',
      body: { amount: { amount: order.net.amount + 1, currency: 'EUR' }, reason: 'too much' },
    });
    expect(tooMuch.body.error.code).toBe('ADJUSTMENT_EXCEEDS_TOTAL');
    const noReason = await api(`${base(order.orderId)}/adjustments`, { token: backOffice, method: 'POST', body: { amount: { amount: 100, currency: 'EUR' } } });
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
    const stale = await api(`${base(order.orderId)}/adjustments`, {
      token: backOffice,
      method: 'POST',
      body: { amount: { amount: 100, currency: 'EUR' }, reason: 'x', expectedVersion: 7 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('ORDER_CHANGED');

    const goodwill = Math.min(1000, order.net.amount);
    const adjusted = await api(`${base(order.orderId)}/adjustments`, {
      token: backOffice,
      method: 'POST',
      body: { amount: { amount: goodwill, currency: 'EUR' }, reason: secret, expectedVersion: 0 },
    });
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(201);
    const afterAdjustment = adjusted.body.order;
    expect(afterAdjustment.net.amount).toBe(order.net.amount - goodwill);
    expect(afterAdjustment.gross.amount).toBe(afterAdjustment.net.amount + afterAdjustment.vat.amount);
    const sum = (groups: { net: { amount: number }; vat: { amount: number } }[], key: 'net' | 'vat') =>
      groups.reduce((total, group) => total + group[key].amount, 0);
    expect(sum(afterAdjustment.vatBreakdown, 'net')).toBe(afterAdjustment.net.amount);
    expect(sum(afterAdjustment.vatBreakdown, 'vat')).toBe(afterAdjustment.vat.amount);
    expect(afterAdjustment.vat.amount).toBeLessThan(order.vat.amount);
    expect(afterAdjustment.version).toBe(1);

    // Two staff edits on the same version: the second is refused, nothing overwritten.
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        api(`${base(order.orderId)}/items`, { token: backOffice, method: 'POST', body: { lines: [{ sku: extra, quantity: '1' }], expectedVersion: 1 } }),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([201, 409]);
    const added = [a!, b!].find((response) => response.status === 201)!.body;
    expect(added.order.lines.map((line: { sku: string }) => line.sku)).toEqual([sku, extra]);
    expect(added.order.version).toBe(2);
    const addedNet = added.added[0].lineNet.amount as number;
    expect(added.order.net.amount).toBe(afterAdjustment.net.amount + addedNet);
    expect(added.order.orderDiscounts.find((discount: { name: string }) => discount.name === 'Goodwill discount').amount.amount).toBe(goodwill);

    // The added unit is reserved from stock, and the credit reservation follows the amount due, in the same transaction.
    expect(await stockOf(extra)).toBe(extraStockBefore - 1);
    const duplicate = await api(`${base(order.orderId)}/items`, {
      token: backOffice,
      method: 'POST',
      body: {
        lines: [
          { sku: extra, quantity: '1' },
          { sku: extra, quantity: '2' },
        ],
      },
    });
    expect(duplicate.body.error.code).toBe('DUPLICATE_LINE');
    const tooMany = await api(`${base(order.orderId)}/items`, {
      token: backOffice,
      method: 'POST',
      body: { lines: [{ sku: extra, quantity: String(extraStockBefore + 10) }] },
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('OUT_OF_STOCK');
    const creditAfter = (await api(`/companies/${company}/credit`, { token: buyer })).body.credit;
    expect(creditAfter.used.amount - creditBefore.used.amount).toBe(totalOf(added.order) - totalOf(order));
    expect(creditAfter.available.amount + creditAfter.used.amount).toBe(creditBefore.available.amount + creditBefore.used.amount);

    // The buyer sees the new totals and a goodwill discount, but never the note or the reason.
    const mine = await api(`/companies/${company}/orders/${order.orderId}`, { token: buyer });
    expect(mine.body.gross.amount).toBe(added.order.gross.amount);
    expect(JSON.stringify(mine.body)).not.toContain(secret);
    expect(mine.body.adjustments).toBeUndefined();
    const list = await api(`/companies/${company}/orders`, { token: buyer });
    expect(JSON.stringify(list.body)).not.toContain(secret);

    // Staff detail: notes and an audit trail with before/after.
    const detail = await api(base(order.orderId), { token: rep });
    expect(detail.body.notes.map((entry: { text: string }) => entry.text)).toEqual([secret]);
    const actions = detail.body.audit.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['note.added', 'adjustment.added', 'items.added']));
    const adjustmentAudit = detail.body.audit.find((entry: { action: string }) => entry.action === 'adjustment.added');
    expect(adjustmentAudit).toMatchObject({ actor: { role: 'back-office' }, before: { net: order.net }, after: { net: afterAdjustment.net } });
    expect(detail.body.order.adjustments[0]).toMatchObject({ reason: secret, amount: { amount: goodwill } });

    // Re-sent to the ERP, which accepts the message.
    const events = (await erpEventsSince(since)).filter((event) => event.type === 'order.changed' && event.data.orderId === order.orderId);
    expect(events.map((event) => event.data.change)).toEqual(['adjustment.added', 'items.added']);
    expect(events[1]!.data.order.gross).toEqual(added.order.gross);

    // Tenancy: buyers are forbidden, a rep of other companies and foreign buyers see nothing.
    expect((await api(base(order.orderId), { token: buyer })).status).toBe(403);
    expect((await api(base(order.orderId), { token: nowakBuyer })).status).toBe(403);
    expect(
      (await api(`${base(order.orderId)}/adjustments`, { token: nowakBuyer, method: 'POST', body: { amount: { amount: 1, currency: 'EUR' }, reason: 'x' } }))
        .status,
    ).toBe(403);
    expect((await api(base(order.orderId, 'nowak-instalacje'), { token: backOffice })).status).toBe(404);
  });

  it('searches orders by company, status, date and amount with cursors; reps only see their companies', async () => {
    const [buyer, backOffice, rep, nowakBuyer] = await Promise.all([
      signIn(users.muellerBuyer),
      signIn(users.backOffice, 'console'),
      signIn(users.rep, 'console'),
      signIn(users.nowakBuyer),
    ]);
    const sku = await stockedSku(buyer, 'electrical', 10);
    const small = await confirmedOrder(buyer, company, [{ sku, quantity: '1' }]);
    const large = await confirmedOrder(buyer, company, [{ sku, quantity: '3' }]);
    const from = small.createdAt;

    const byCompany = await api(`/console/orders?companyId=${company}&from=${encodeURIComponent(from)}`, { token: backOffice });
    expect(byCompany.status, JSON.stringify(byCompany.body)).toBe(200);
    expect(byCompany.body.orders.map((order: { orderId: string }) => order.orderId)).toEqual([large.orderId, small.orderId]);

    const amount = await api(`/console/orders?companyId=${company}&from=${encodeURIComponent(from)}&minTotal=${small.gross.amount + 1}`, { token: rep });
    expect(amount.body.orders.map((order: { orderId: string }) => order.orderId)).toEqual([large.orderId]);
    const upTo = await api(`/console/orders?companyId=${company}&from=${encodeURIComponent(from)}&maxTotal=${small.gross.amount}&status=confirmed`, {
      token: rep,
    });
    expect(upTo.body.orders.map((order: { orderId: string }) => order.orderId)).toEqual([small.orderId]);
    const none = await api(`/console/orders?companyId=${company}&from=${encodeURIComponent(from)}&status=cancelled`, { token: rep });
    expect(none.body.orders).toEqual([]);

    const page1 = await api(`/console/orders?status=confirmed&from=${encodeURIComponent(from)}&limit=1`, { token: backOffice });
    expect(page1.body.orders).toHaveLength(1);
    expect(page1.body.nextCursor).toBeTruthy();
    const page2 = await api(`/console/orders?status=confirmed&from=${encodeURIComponent(from)}&limit=1&cursor=${page1.body.nextCursor}`, { token: backOffice });
    expect(page2.body.orders[0].orderId).not.toBe(page1.body.orders[0].orderId);
    const foreignCursor = await api(`/console/orders?status=placed&limit=1&cursor=${page1.body.nextCursor}`, { token: backOffice });
    expect(foreignCursor.body.error.code).toBe('INVALID_CURSOR');

    // A rep searching by status only gets assigned companies' orders.
    const nowakSku = await stockedSku(nowakBuyer, 'electrical', 5);
    const nowakOrder = await confirmedOrder(nowakBuyer, 'nowak-instalacje', [{ sku: nowakSku, quantity: '1' }], {
      delivery: { kind: 'pickup', warehouseId: 'krakow' },
      paymentMethod: 'bank-prepayment',
    });
    const repView = await api(`/console/orders?status=confirmed&from=${encodeURIComponent(from)}&limit=100`, { token: rep });
    const repCompanies = new Set(repView.body.orders.map((order: { companyId: string }) => order.companyId));
    expect([...repCompanies]).toEqual([company]);
    const staffView = await api(`/console/orders?status=confirmed&from=${encodeURIComponent(from)}&limit=100`, { token: backOffice });
    expect(staffView.body.orders.map((order: { orderId: string }) => order.orderId)).toContain(nowakOrder.orderId);
    expect((await api('/console/orders?companyId=nowak-instalacje&status=confirmed', { token: rep })).status).toBe(404);
    expect((await api('/console/orders', { token: backOffice })).body.error.code).toBe('STATUS_OR_COMPANY_REQUIRED');
    expect((await api(`/console/orders?companyId=${company}`, { token: buyer })).status).toBe(403);
    expect((await api(`/console/orders?companyId=${company}&sort=asc`, { token: backOffice })).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('reps edit preliminary orders (lines, delivery address), then release them into the saga or cancel them', async () => {
    const [buyer, admin, rep] = await Promise.all([signIn(users.muellerBuyer), signIn(users.muellerAdmin), signIn(users.rep, 'console')]);
    const sku = await stockedSku(buyer, 'electrical', 10);
    const other = await stockedSku(buyer, 'electrical', 10, [sku]);
    const draft = await preliminaryOrder(buyer, { email: users.muellerBuyer, name: 'Jonas Weber' }, company, [{ sku, quantity: '1' }]);
    const address = await api(`/companies/${company}/delivery-addresses`, {
      token: admin,
      method: 'POST',
      body: { street: 'Baustelle Nord 7', postalCode: '70173', city: 'Stuttgart', country: 'DE' },
    });
    expect(address.status, JSON.stringify(address.body)).toBeLessThan(300);
    const addressId = address.body.deliveryAddresses.find((entry: { street: string }) => entry.street === 'Baustelle Nord 7').id as string;

    const edited = await api(base(draft.orderId), {
      token: rep,
      method: 'PATCH',
      body: {
        expectedVersion: 0,
        lines: [
          { sku, quantity: '2' },
          { sku: other, quantity: '1' },
        ],
        deliveryAddressId: addressId,
      },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const order = edited.body.order;
    expect(order.status).toBe('preliminary');
    expect(order.lines.map((line: { sku: string; quantity: string }) => [line.sku, line.quantity])).toEqual([
      [sku, '2'],
      [other, '1'],
    ]);
    expect(order.net.amount).toBe(
      order.lines.reduce((total: number, line: { lineNet: { amount: number } }) => total + line.lineNet.amount, 0) -
        order.orderDiscounts.reduce((total: number, discount: { amount: { amount: number } }) => total + discount.amount.amount, 0),
    );
    expect(order.delivery).toMatchObject({ kind: 'own-transport', addressId, address: { street: 'Baustelle Nord 7', city: 'Stuttgart' } });

    const stale = await api(base(draft.orderId), { token: rep, method: 'PATCH', body: { expectedVersion: 0, status: 'placing' } });
    expect(stale.body.error.code).toBe('ORDER_CHANGED');
    const foreignAddress = await api(base(draft.orderId), { token: rep, method: 'PATCH', body: { expectedVersion: 1, deliveryAddressId: 'not-an-address' } });
    expect(foreignAddress.body.error.code).toBe('UNKNOWN_DELIVERY_ADDRESS');
    const badStatus = await api(base(draft.orderId), { token: rep, method: 'PATCH', body: { expectedVersion: 1, status: 'confirmed' } });
    expect(badStatus.body.error.code).toBe('VALIDATION_FAILED');

    const since = Date.now();
    const released = await api(base(draft.orderId), { token: rep, method: 'PATCH', body: { expectedVersion: 1, status: 'placing' } });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body.order.status).toBe('placing');
    const settled = await settledOrder(buyer, company, draft.orderId);
    expect(settled.status).toBe('confirmed');
    expect(settled.gross).toEqual(order.gross);
    const changes = (await erpEventsSince(since))
      .filter(
        (event: { type: string; data?: { orderId?: string }; order?: { orderId?: string } }) =>
          event.data?.orderId === draft.orderId || event.order?.orderId === draft.orderId,
      )
      .map((event) => event.type);
    expect(changes).toEqual(expect.arrayContaining(['order.changed', 'order.placed']));
    const notEditable = await api(base(draft.orderId), { token: rep, method: 'PATCH', body: { expectedVersion: 2, lines: [{ sku, quantity: '1' }] } });
    expect(notEditable.body.error.code).toBe('ORDER_NOT_EDITABLE');

    const second = await preliminaryOrder(buyer, { email: users.muellerBuyer, name: 'Jonas Weber' }, company, [{ sku, quantity: '1' }]);
    const cancelled = await api(base(second.orderId), { token: rep, method: 'PATCH', body: { expectedVersion: 0, status: 'cancelled' } });
    expect(cancelled.body.order.status).toBe('cancelled');
    expect((await api(`/companies/${company}/orders/${second.orderId}`, { token: buyer })).body.status).toBe('cancelled');
    const audit = (await api(base(second.orderId), { token: rep })).body.audit;
    expect(audit[0]).toMatchObject({
      action: 'order.cancelled',
      actor: { role: 'sales-rep' },
      before: { status: 'preliminary' },
      after: { status: 'cancelled' },
    });
    const again = await api(base(second.orderId), { token: rep, method: 'PATCH', body: { expectedVersion: 1, status: 'placing' } });
    expect(again.body.error.code).toBe('ORDER_NOT_EDITABLE');
  });

  it('a preliminary order entered through the rep route is edited and released here', async () => {
    const [buyer, rep] = await Promise.all([signIn(users.muellerBuyer), signIn(users.rep, 'console')]);
    const sku = await stockedSku(buyer, 'electrical', 10);
    const entered = await api(`/console/companies/${company}/orders`, {
      token: rep,
      method: 'POST',
      body: { lines: [{ sku, quantity: '1' }], delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'on-account', preliminary: true },
      headers: { 'idempotency-key': `prelim-${Date.now()}` },
    });
    expect(entered.status, JSON.stringify(entered.body)).toBe(202);
    const orderId = entered.body.orderId as string;
    const edited = await api(base(orderId), { token: rep, method: 'PATCH', body: { expectedVersion: 0, lines: [{ sku, quantity: '3' }] } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.order.lines.map((line: { quantity: string }) => line.quantity)).toEqual(['3']);
    const pickupAddress = await api(base(orderId), { token: rep, method: 'PATCH', body: { expectedVersion: 1, deliveryAddressId: 'any' } });
    expect(pickupAddress.body.error.code).toBe('DELIVERY_ADDRESS_NOT_APPLICABLE');
    const released = await api(base(orderId), { token: rep, method: 'PATCH', body: { expectedVersion: 1, status: 'placing' } });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    const settled = await settledOrder(buyer, company, orderId);
    expect(settled).toMatchObject({ status: 'confirmed', lines: [{ sku, quantity: '3' }], gross: edited.body.order.gross });
  });
});

describe('tenancy of every order-administration route', () => {
  it('buyers and company admins get 403 on console routes, an unassigned rep 404, foreign buyers 403 on the delivery note', async () => {
    const [buyer, admin, nowakBuyer, rep2, backOffice] = await Promise.all([
      signIn(users.muellerBuyer),
      signIn(users.muellerAdmin),
      signIn(users.nowakBuyer),
      signIn('rep2@portal.example', 'console'),
      signIn(users.backOffice, 'console'),
    ]);
    const sku = await stockedSku(buyer, 'electrical', 5);
    const order = await confirmedOrder(buyer, company, [{ sku, quantity: '2' }]);
    const shipment = await api(`${base(order.orderId)}/shipments`, {
      token: backOffice,
      method: 'POST',
      body: { lines: [{ sku, quantity: '1' }], carrier: 'DHL' },
    });
    expect(shipment.status).toBe(201);
    const shipmentId = shipment.body.shipmentId as string;
    const cases: { route: string; path: string; method: string; body?: unknown }[] = [
      { route: 'GET /console/orders', path: `/console/orders?companyId=${company}`, method: 'GET' },
      { route: 'GET /console/orders/{companyId}/{orderId}', path: base(order.orderId), method: 'GET' },
      { route: 'PATCH /console/orders/{companyId}/{orderId}', path: base(order.orderId), method: 'PATCH', body: { expectedVersion: 1, status: 'cancelled' } },
      { route: 'POST /console/orders/{companyId}/{orderId}/notes', path: `${base(order.orderId)}/notes`, method: 'POST', body: { text: 'x' } },
      {
        route: 'POST /console/orders/{companyId}/{orderId}/adjustments',
        path: `${base(order.orderId)}/adjustments`,
        method: 'POST',
        body: { amount: { amount: 1, currency: 'EUR' }, reason: 'x' },
      },
      {
        route: 'POST /console/orders/{companyId}/{orderId}/items',
        path: `${base(order.orderId)}/items`,
        method: 'POST',
        body: { lines: [{ sku, quantity: '1' }] },
      },
      {
        route: 'POST /console/orders/{companyId}/{orderId}/shipments',
        path: `${base(order.orderId)}/shipments`,
        method: 'POST',
        body: { lines: [{ sku, quantity: '1' }], carrier: 'DHL' },
      },
      {
        route: 'PATCH /console/orders/{companyId}/{orderId}/shipments/{shipmentId}',
        path: `${base(order.orderId)}/shipments/${shipmentId}`,
        method: 'PATCH',
        body: { status: 'delivered' },
      },
    ];
    const mine = routes
      .filter((route) => route.context === 'orders' && route.path.startsWith('/console/orders'))
      .map((route) => `${route.method} ${route.path}`);
    expect(cases.map((entry) => entry.route).sort()).toEqual(mine.sort());
    for (const entry of cases) {
      for (const token of [buyer, admin, nowakBuyer])
        expect((await api(entry.path, { token, method: entry.method, body: entry.body })).status, entry.route).toBe(403);
      expect((await api(entry.path, { token: rep2, method: entry.method, body: entry.body })).status, entry.route).toBe(404);
    }
    // An unassigned rep searching by status sees nothing of other companies.
    expect((await api('/console/orders?status=confirmed', { token: rep2 })).body.orders).toEqual([]);
    // Nothing changed through all those refused calls.
    const after = await api(base(order.orderId), { token: backOffice });
    expect(after.body.order).toMatchObject({ version: 1, status: 'confirmed', lines: [{ sku, quantity: '2' }] });
    expect(after.body.notes).toEqual([]);

    const note = `/companies/${company}/orders/${order.orderId}/shipments/${shipmentId}/delivery-note`;
    expect((await api(note, { token: admin })).status).toBe(200);
    expect((await api(note, { token: nowakBuyer })).status).toBe(403);
    expect((await api(note, { token: rep2 })).status).toBe(403);
    expect(
      (await api(`/companies/${company}/orders/${order.orderId}/shipments/00000000-0000-4000-8000-000000000999/delivery-note`, { token: buyer })).status,
    ).toBe(404);
  });
});

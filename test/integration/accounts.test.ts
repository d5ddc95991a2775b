import { describe, expect, it } from 'vitest';
import { api, signIn, users } from '../support/api.js';
import { activate, address, cognitoUserCount, erpEventsSince, outbox, polishVatId, register, uniqueEmail, uploadLicence } from '../support/accounts.js';

const backOffice = () => signIn(users.backOffice, 'console');

describe('registration with licence upload', () => {
  it('goes from request to approved company with an invited admin who can sign in', async () => {
    const { response, email } = await register();
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('pending');
    const id = response.body.registrationId;

    const token = await backOffice();
    const queue = await api('/console/registrations?status=pending', { token });
    expect(queue.body.registrations.map((registration: { id: string }) => registration.id)).toContain(id);
    const detail = await api(`/console/registrations/${id}`, { token });
    expect(detail.body.contact.email).toBe(email);
    const licence = await fetch(detail.body.licence.url);
    expect(licence.status).toBe(200);
    expect((await licence.text()).startsWith('%PDF')).toBe(true);

    const approved = await api(`/console/registrations/${id}/approve`, { token, method: 'POST', body: { customerGroup: 'wholesale' } });
    expect(approved.status).toBe(200);
    const again = await api(`/console/registrations/${id}/approve`, { token, method: 'POST', body: { customerGroup: 'wholesale' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_DECIDED');

    const adminToken = await activate(email);
    const me = await api('/me', { token: adminToken });
    expect(me.body.user.role).toBe('company-admin');
    expect(me.body.company).toMatchObject({ id: approved.body.companyId, customerGroup: 'wholesale', billingAddress: address });
  });

  it('lets back-office reject with a reason, e-mails the contact and frees the e-mail address', async () => {
    const { response, email } = await register();
    const token = await backOffice();
    const rejected = await api(`/console/registrations/${response.body.registrationId}/reject`, {
      token,
      method: 'POST',
      body: { reason: 'No trade licence for hardware' },
    });
    expect(rejected.body.status).toBe('rejected');
    const mail = (await outbox()).find((message) => message.to.includes(email));
    expect(mail?.text).toContain('No trade licence for hardware');
    expect((await register({ email })).response.status).toBe(201);
  });

  it('rejects wrong upload types and sizes before presigning', async () => {
    const exe = await api('/registrations/licence-uploads', {
      method: 'POST',
      body: { fileName: 'x.exe', contentType: 'application/x-msdownload', size: 100 },
    });
    expect(exe.status).toBe(400);
    expect(exe.body.error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    const huge = await api('/registrations/licence-uploads', {
      method: 'POST',
      body: { fileName: 'x.pdf', contentType: 'application/pdf', size: 10 * 1024 * 1024 + 1 },
    });
    expect(huge.status).toBe(400);
    expect(huge.body.error.code).toBe('UPLOAD_TOO_LARGE');
  });

  it('rejects content that is not what was declared, and a missing upload', async () => {
    const { uploadId } = await uploadLicence(Buffer.from('MZ this is not a pdf at all'), 'application/pdf');
    const submit = (licenceUploadId: string, vatId = polishVatId()) =>
      api('/registrations', {
        method: 'POST',
        body: {
          company: { name: 'Fake Sp. z o.o.', vatId, country: 'PL' },
          contact: { name: 'X', email: uniqueEmail('fake') },
          billingAddress: address,
          licenceUploadId,
        },
      });
    const fake = await submit(uploadId!);
    expect(fake.status).toBe(400);
    expect(fake.body.error.code).toBe('LICENCE_INVALID');
    const missing = await submit('6f1c1a4e-0000-4000-8000-000000000000');
    expect(missing.body.error.code).toBe('LICENCE_MISSING');
    const badVat = await submit((await uploadLicence()).uploadId!, 'PL1234567890');
    expect(badVat.status).toBe(400);
    expect(badVat.body.error.code).toBe('INVALID_VAT_ID');
  });

  it('refuses a second registration for an e-mail that is in use', async () => {
    const taken = await register({ email: users.muellerBuyer });
    expect(taken.response.status).toBe(409);
    expect(taken.response.body.error.code).toBe('EMAIL_TAKEN');
  });

  it('is closed when the shop does not accept registrations', async () => {
    const token = await backOffice();
    await api('/console/shop', { token, method: 'PUT', body: { registrationOpen: false } });
    try {
      const presign = await api('/registrations/licence-uploads', { method: 'POST', body: { fileName: 'l.pdf', contentType: 'application/pdf', size: 100 } });
      expect(presign.status).toBe(403);
      expect(presign.body.error.code).toBe('REGISTRATION_CLOSED');
    } finally {
      await api('/console/shop', { token, method: 'PUT', body: { registrationOpen: true } });
    }
  });
});

describe('companies created by back-office', () => {
  it('creates company and admin together, or nothing when the e-mail is taken', async () => {
    const token = await backOffice();
    const before = await cognitoUserCount();
    const companiesBefore = (await api('/console/companies?limit=100', { token })).body.companies.length;
    const duplicate = await api('/console/companies', {
      token,
      method: 'POST',
      body: {
        company: { name: 'Dup GmbH', vatId: 'DE811907980', country: 'DE' },
        billingAddress: address,
        customerGroup: 'retail',
        admin: { email: users.nowakAdmin, name: 'Dup' },
      },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('EMAIL_TAKEN');
    expect(await cognitoUserCount()).toBe(before);
    expect((await api('/console/companies?limit=100', { token })).body.companies.length).toBe(companiesBefore);

    const email = uniqueEmail('erp-import');
    const created = await api('/console/companies', {
      token,
      method: 'POST',
      body: {
        company: { name: 'Import Bau AG', vatId: 'DE811907980', country: 'DE' },
        billingAddress: { ...address, country: 'DE', city: 'Ulm' },
        customerGroup: 'key-account',
        admin: { email, name: 'Ida Import' },
      },
    });
    expect(created.status).toBe(201);
    expect(await cognitoUserCount()).toBe(before + 1);
    const found = await api('/console/companies?q=import%20bau', { token });
    expect(found.body.companies.map((company: { id: string }) => company.id)).toEqual([created.body.companyId]);
    expect((await api('/console/companies?q=ulm', { token })).body.companies.length).toBeGreaterThanOrEqual(1);
  });

  it('assigns a sales rep who then sees the company and appears as personal manager', async () => {
    const token = await backOffice();
    const reps = (await api('/console/reps', { token })).body.reps;
    const ewa = reps.find((rep: { email: string }) => rep.email === 'rep2@portal.example');
    const patched = await api('/console/companies/nowak-instalacje', { token, method: 'PATCH', body: { repSub: ewa.sub, customerGroup: 'wholesale' } });
    expect(patched.status).toBe(200);
    try {
      const repToken = await signIn('rep2@portal.example', 'console');
      expect((await api('/console/companies', { token: repToken })).body.companies.map((company: { id: string }) => company.id)).toEqual(['nowak-instalacje']);
      const me = await api('/me', { token: await signIn(users.nowakBuyer) });
      expect(me.body.company.manager).toEqual({ name: 'Ewa Handlowiec', email: 'rep2@portal.example', phone: '+48 12 555 0199' });
      expect(me.body.company.customerGroup).toBe('wholesale');
    } finally {
      await api('/console/companies/nowak-instalacje', { token, method: 'PATCH', body: { repSub: null, customerGroup: 'retail' } });
    }
    const repToken = await signIn('rep2@portal.example', 'console');
    expect((await api('/console/companies', { token: repToken })).body.companies).toEqual([]);
    expect((await api('/companies/nowak-instalacje', { token: repToken })).status).toBe(403);
  });
});

describe('sub-accounts', () => {
  it('lets the company admin invite, re-role, limit, disable and re-enable employees', async () => {
    const token = await signIn(users.muellerAdmin);
    const email = uniqueEmail('lager');
    const invited = await api('/companies/mueller-bau/users', {
      token,
      method: 'POST',
      body: { email, name: 'Lea Lager', role: 'buyer', orderLimit: { amount: 250_000, currency: 'EUR' } },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email, role: 'buyer', enabled: true, orderLimit: { amount: 250_000, currency: 'EUR' } });
    const buyerToken = await activate(email);
    expect((await api('/me', { token: buyerToken })).body.company.id).toBe('mueller-bau');

    const sub = invited.body.sub;
    const promoted = await api(`/companies/mueller-bau/users/${sub}`, { token, method: 'PATCH', body: { role: 'super-user', orderLimit: null } });
    expect(promoted.body).toMatchObject({ role: 'super-user', orderLimit: null });
    const disabled = await api(`/companies/mueller-bau/users/${sub}`, { token, method: 'PATCH', body: { enabled: false } });
    expect(disabled.body.enabled).toBe(false);
    await expect(activate(email, 'Another-Passw0rd-1')).rejects.toThrow();
    const enabled = await api(`/companies/mueller-bau/users/${sub}`, { token, method: 'PATCH', body: { enabled: true } });
    expect(enabled.body.enabled).toBe(true);

    const audit = await api('/companies/mueller-bau/audit', { token });
    expect(audit.body.entries.map((entry: { action: string }) => entry.action)).toEqual(expect.arrayContaining(['user.invited', 'user.updated']));
  });

  it('keeps the last admin and refuses duplicate e-mails without creating anything', async () => {
    const token = await signIn(users.nowakAdmin);
    const list = await api('/companies/nowak-instalacje/users', { token });
    const admin = list.body.users.find((user: { email: string }) => user.email === users.nowakAdmin);
    const demote = await api(`/companies/nowak-instalacje/users/${admin.sub}`, { token, method: 'PATCH', body: { role: 'buyer' } });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('LAST_ADMIN');

    const before = await cognitoUserCount();
    const duplicate = await api('/companies/nowak-instalacje/users', { token, method: 'POST', body: { email: users.muellerBuyer, name: 'X', role: 'buyer' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('EMAIL_TAKEN');
    expect(await cognitoUserCount()).toBe(before);
    expect((await api('/companies/nowak-instalacje/users', { token })).body.users.length).toBe(list.body.users.length);

    const badRole = await api('/companies/nowak-instalacje/users', {
      token,
      method: 'POST',
      body: { email: uniqueEmail('x'), name: 'X', role: 'back-office' },
    });
    expect(badRole.status).toBe(400);
  });
});

describe('master data', () => {
  it('keeps addresses and IBAN-checked bank accounts and tells the ERP about every change', async () => {
    const since = Date.now();
    const token = await signIn(users.nowakAdmin);
    const added = await api('/companies/nowak-instalacje/delivery-addresses', {
      token,
      method: 'POST',
      body: { name: 'Budowa Nowa Huta', street: 'al. Solidarności 1', postalCode: '31-977', city: 'Kraków', country: 'PL' },
    });
    expect(added.status).toBe(201);
    const site = added.body.deliveryAddresses.find((entry: { name?: string }) => entry.name === 'Budowa Nowa Huta');
    const bad = await api('/companies/nowak-instalacje/bank-accounts', {
      token,
      method: 'POST',
      body: { iban: 'PL61109010140000071219812875', holder: 'Nowak' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_IBAN');
    const bank = await api('/companies/nowak-instalacje/bank-accounts', {
      token,
      method: 'POST',
      body: { iban: 'DE89 3704 0044 0532 0130 00', holder: 'Nowak Instalacje', bic: 'COBADEFFXXX' },
    });
    expect(bank.status).toBe(201);
    const badVat = await api('/companies/nowak-instalacje', { token, method: 'PATCH', body: { vatId: 'PL5260250996' } });
    expect(badVat.body.error.code).toBe('INVALID_VAT_ID');
    const removed = await api(`/companies/nowak-instalacje/delivery-addresses/${site.id}`, { token, method: 'DELETE' });
    expect(removed.body.deliveryAddresses.some((entry: { id: string }) => entry.id === site.id)).toBe(false);

    const events = (await erpEventsSince(since)).filter((event) => event.type === 'customer.masterdata.changed' && event.data.companyId === 'nowak-instalacje');
    expect(events.map((event) => event.data.change)).toEqual(['delivery-address.added', 'bank-account.added', 'delivery-address.removed']);
    expect(events[1]!.data.company.bankAccounts.some((entry: { iban: string }) => entry.iban === 'DE89370400440532013000')).toBe(true);

    const buyer = await signIn(users.nowakBuyer);
    const company = await api('/companies/nowak-instalacje', { token: buyer });
    expect(company.body.bankAccounts.length).toBeGreaterThanOrEqual(2);
  });

  it('records a rep acting on behalf of a company with both identities', async () => {
    const rep = await signIn(users.rep, 'console');
    const changed = await api('/companies/mueller-bau/billing-address', {
      token: rep,
      method: 'PUT',
      body: { street: 'Industriestraße 14', postalCode: '70565', city: 'Stuttgart', country: 'DE' },
    });
    expect(changed.status).toBe(200);
    const audit = await api('/companies/mueller-bau/audit', { token: await signIn(users.muellerAdmin) });
    const repMe = await api('/me', { token: rep });
    expect(audit.body.entries[0]).toMatchObject({ action: 'billing-address.changed', onBehalf: true, actor: { role: 'sales-rep', sub: repMe.body.user.sub } });
    expect((await api('/companies/nowak-instalacje/billing-address', { token: rep, method: 'PUT', body: address })).status).toBe(403);
    expect(
      (await api('/companies/mueller-bau/bank-accounts', { token: rep, method: 'POST', body: { iban: 'DE89370400440532013000', holder: 'x' } })).status,
    ).toBe(403);
  });

  it('stores the per-user session timeout', async () => {
    const token = await signIn(users.muellerBuyer);
    expect((await api('/me', { token })).body.user.sessionTimeoutMinutes).toBe(60);
    const saved = await api('/me/preferences', { token, method: 'PUT', body: { sessionTimeoutMinutes: 15 } });
    expect(saved.body.user.sessionTimeoutMinutes).toBe(15);
    expect((await api('/me/preferences', { token, method: 'PUT', body: { sessionTimeoutMinutes: 1 } })).status).toBe(400);
    await api('/me/preferences', { token, method: 'PUT', body: { sessionTimeoutMinutes: 60 } });
  });

  it("keeps order limits in the company's currency: EUR for Müller, PLN for Nowak", async () => {
    const [mueller, nowak] = await Promise.all([signIn(users.muellerAdmin), signIn(users.nowakAdmin)]);
    expect((await api('/companies/mueller-bau', { token: mueller })).body.currency).toBe('EUR');
    expect((await api('/companies/nowak-instalacje', { token: nowak })).body.currency).toBe('PLN');
    const { body } = await api('/companies/nowak-instalacje/users', { token: nowak });
    const buyer = (body.users as { sub: string; email: string; orderLimit: unknown }[]).find((user) => user.email === users.nowakBuyer)!;
    const inEuro = await api(`/companies/nowak-instalacje/users/${buyer.sub}`, {
      token: nowak,
      method: 'PATCH',
      body: { orderLimit: { amount: 100_000, currency: 'EUR' } },
    });
    expect(inEuro.status).toBe(400);
    expect(inEuro.body.error).toMatchObject({ code: 'CURRENCY_MISMATCH', details: { expected: 'PLN', got: 'EUR' } });
    const inZloty = await api(`/companies/nowak-instalacje/users/${buyer.sub}`, {
      token: nowak,
      method: 'PATCH',
      body: { orderLimit: { amount: 100_000, currency: 'PLN' } },
    });
    expect(inZloty.body.orderLimit).toEqual({ amount: 100_000, currency: 'PLN' });
    await api(`/companies/nowak-instalacje/users/${buyer.sub}`, { token: nowak, method: 'PATCH', body: { orderLimit: buyer.orderLimit } });
  });

  it("stores the user's language; until chosen it follows the company's country", async () => {
    const [mueller, nowak] = await Promise.all([signIn(users.muellerBuyer), signIn(users.nowakBuyer)]);
    expect((await api('/me', { token: mueller })).body.user).toMatchObject({ language: 'de', languageChosen: false });
    expect((await api('/me', { token: nowak })).body.user).toMatchObject({ language: 'pl', languageChosen: false });
    const chosen = await api('/me/preferences', { token: mueller, method: 'PUT', body: { language: 'en' } });
    expect(chosen.body.user).toMatchObject({ language: 'en', languageChosen: true, sessionTimeoutMinutes: 60 });
    const refused = await api('/me/preferences', { token: mueller, method: 'PUT', body: { language: 'fr' } });
    expect(refused.status).toBe(400);
    expect((await api('/me/preferences', { token: mueller, method: 'PUT', body: {} })).status).toBe(400);
    const cleared = await api('/me/preferences', { token: mueller, method: 'PUT', body: { language: null } });
    expect(cleared.body.user).toMatchObject({ language: 'de', languageChosen: false });
  });
});

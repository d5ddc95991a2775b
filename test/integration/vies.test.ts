import { execFileSync } from 'node:child_process';
import { AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { address, polishVatId, register, uniqueEmail } from '../support/accounts.js';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
import { fillCart, placeOrder, settledOrder } from '../support/orders.js';

/**
 * VIES checks (issue 13 item 5) through the HTTP API against the local VIES contract server
 * (local/vies.ts): reverse charge only with a valid VIES answer, its evidence stored on the company
 * and copied onto the order; otherwise domestic VAT and the reason at checkout.
 */

type ViesAnswer = 'valid' | 'invalid' | 'MS_UNAVAILABLE' | 'TIMEOUT' | 'SLOW';

async function viesAnswers(vatId: string, answer: ViesAnswer, extra: { name?: string; address?: string } = {}) {
  const response = await fetch(`${stack().viesEndpoint}/_control/answers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ vatId, answer, ...extra }),
  });
  expect(response.status).toBe(200);
}

async function viesRequestsFor(vatId: string): Promise<Record<string, unknown>[]> {
  const { requests } = (await (await fetch(`${stack().viesEndpoint}/_control/requests`)).json()) as { requests: Record<string, unknown>[] };
  return requests.filter((request) => `${String(request.countryCode)}${String(request.vatNumber)}` === vatId);
}

const password = 'Vies-Passw0rd-2026';

/** A fresh Polish wholesale company (created by back office, so the first VIES check runs) with its admin signed in. */
async function polishCompany(vatId: string) {
  const backOffice = await signIn(users.backOffice, 'console');
  const adminEmail = uniqueEmail('vies-admin');
  const created = await api('/console/companies', {
    token: backOffice,
    method: 'POST',
    body: {
      company: { name: `Hydraulika ${vatId} Sp. z o.o.`, vatId, country: 'PL' },
      billingAddress: address,
      customerGroup: 'wholesale',
      admin: { email: adminEmail, name: 'Ola Kowalska' },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const companyId = created.body.companyId as string;
  const cognito = new CognitoIdentityProviderClient(awsConfig(stack().cognitoEndpoint));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: stack().env.USER_POOL_ID, Username: adminEmail, Password: password, Permanent: true }));
  cognito.destroy();
  return { companyId, backOffice, token: await signIn(adminEmail, 'shop', password) };
}

const quote = async (token: string) => (await api('/pricing/quote', { token, method: 'POST', body: { lines: [{ sku: 'HAN-0211', quantity: 2 }] } })).body;
const company = async (token: string, companyId: string) => (await api(`/companies/${companyId}`, { token })).body;

async function runRecheck(now: string) {
  const sfn = new SFNClient(awsConfig(stack().sfnEndpoint));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: stack().stateMachineArns.vatRecheck, input: JSON.stringify({ now }) }));
  for (let tries = 0; tries < 300; tries++) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') {
      sfn.destroy();
      return execution;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('The VIES re-check did not finish');
}

describe('VIES check of the buyer VAT ID before reverse charge', () => {
  it('a valid Polish buyer gets reverse charge with the VIES evidence, copied onto the order and its invoice note', async () => {
    const vatId = polishVatId();
    await viesAnswers(vatId, 'valid', { name: 'HYDRAULIKA SP. Z O.O.', address: 'UL. DŁUGA 1\n00-001 WARSZAWA' });
    const { companyId, token } = await polishCompany(vatId);

    const profile = await company(token, companyId);
    expect(profile.vatCheck).toMatchObject({
      vatId,
      status: 'valid',
      evidence: { vatId, source: 'VIES', valid: true, name: 'HYDRAULIKA SP. Z O.O.', address: 'UL. DŁUGA 1\n00-001 WARSZAWA' },
    });
    const evidence = profile.vatCheck.evidence;
    expect(evidence.consultationNumber).toMatch(/^WAPI[A-Z0-9]+$/);
    // The requester is the seller's own VAT ID (shop settings), which is what earns the consultation number.
    expect((await viesRequestsFor(vatId)).at(-1)).toMatchObject({
      countryCode: 'PL',
      vatNumber: vatId.slice(2),
      requesterMemberStateCode: 'DE',
      requesterNumber: '136695976',
    });

    await fillCart(token, [{ sku: 'HAN-0211', quantity: 2 }]);
    const preview = await api('/checkout/preview', { token, method: 'POST', body: { delivery: { kind: 'pickup', warehouseId: 'krakow' } } });
    expect(preview.status).toBe(200);
    expect(preview.body.cart.quote.reverseCharge).toMatchObject({ applies: true, evidence: { consultationNumber: evidence.consultationNumber } });
    expect(preview.body.cart.quote.reverseCharge.explanation).toContain(`consultation number ${evidence.consultationNumber}`);
    expect(preview.body.cart.quote.vat.amount).toBe(0);

    const placed = await placeOrder(token, { delivery: { kind: 'pickup', warehouseId: 'krakow' }, paymentMethod: 'bank-prepayment' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    const order = await settledOrder(token, companyId, placed.body.orderId);
    expect(order.reverseCharge.applies).toBe(true);
    expect(order.vatEvidence).toEqual(evidence);
    expect(order.reverseCharge.explanation).toContain(
      `VAT ID checked via VIES on ${evidence.requestDate.slice(0, 10)}, consultation number ${evidence.consultationNumber}`,
    );
    expect(order.vat.amount).toBe(0);

    // The invoice shows the check: a line in the PDF and a note in the e-invoice XML.
    const line = `VAT ID checked via VIES on ${evidence.requestDate.slice(0, 10)}, consultation number ${evidence.consultationNumber}`;
    let xmlLink = await api(`/companies/${companyId}/documents/invoice/${order.invoiceNumber}?format=xml`, { token });
    for (let attempt = 0; xmlLink.status === 404 && attempt < 50; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      xmlLink = await api(`/companies/${companyId}/documents/invoice/${order.invoiceNumber}?format=xml`, { token });
    }
    expect(xmlLink.status).toBe(200);
    const xml = await (await fetch(xmlLink.body.url)).text();
    expect(xml).toContain(line);
    expect(xml).toContain('<ram:CategoryCode>AE</ram:CategoryCode>');
    const pdfLink = await api(`/companies/${companyId}/documents/invoice/${order.invoiceNumber}`, { token });
    const pdf = Buffer.from(await (await fetch(pdfLink.body.url)).arrayBuffer());
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
    expect(text).toContain(line);
  });

  it('an invalid VAT ID gets no reverse charge: 19 % VAT and the reason in the checkout preview', async () => {
    const vatId = polishVatId(); // well-formed, unknown to VIES: "not valid"
    const { companyId, token } = await polishCompany(vatId);
    expect((await company(token, companyId)).vatCheck).toMatchObject({ vatId, status: 'invalid' });
    expect((await company(token, companyId)).vatCheck.evidence).toBeUndefined();

    await fillCart(token, [{ sku: 'HAN-0211', quantity: 2 }]);
    const preview = await api('/checkout/preview', { token, method: 'POST', body: { delivery: { kind: 'pickup', warehouseId: 'krakow' } } });
    expect(preview.status).toBe(200);
    const priced = preview.body.cart.quote;
    expect(priced.reverseCharge.applies).toBe(false);
    expect(priced.reverseCharge.reason).toMatchObject({ code: 'VAT_ID_INVALID' });
    expect(priced.reverseCharge.reason.message).toContain(vatId);
    expect(priced.lines[0].vatRate).toBe(1900);
    expect(priced.vat.amount).toBe(Math.round((priced.net.amount * 19) / 100));
    expect(priced.lines[0].explanation.at(-1)).toMatch(/^No reverse charge: VIES reports VAT ID/);
  });

  it('VIES unavailable: recent valid evidence keeps reverse charge; without evidence there is none', async () => {
    const vatId = polishVatId();
    await viesAnswers(vatId, 'valid');
    const withEvidence = await polishCompany(vatId);
    const before = (await company(withEvidence.token, withEvidence.companyId)).vatCheck.evidence;
    await viesAnswers(vatId, 'MS_UNAVAILABLE');
    const rechecked = await api(`/console/companies/${withEvidence.companyId}/vat-check`, { token: withEvidence.backOffice, method: 'POST' });
    expect(rechecked.status).toBe(200);
    expect(rechecked.body.vatCheck).toMatchObject({ vatId, status: 'unavailable', error: 'MS_UNAVAILABLE', evidence: before });
    expect(rechecked.body.vatConfirmation).toMatchObject({ confirmed: true });
    const kept = await quote(withEvidence.token);
    expect(kept.reverseCharge).toMatchObject({ applies: true, evidence: before });
    expect(kept.vat.amount).toBe(0);

    const unknownVatId = polishVatId();
    await viesAnswers(unknownVatId, 'SLOW'); // answers only after the client's timeout
    const without = await polishCompany(unknownVatId);
    expect((await company(without.token, without.companyId)).vatCheck).toMatchObject({ vatId: unknownVatId, status: 'unavailable', error: 'TIMEOUT' });
    const none = await quote(without.token);
    expect(none.reverseCharge.applies).toBe(false);
    expect(none.reverseCharge.reason).toMatchObject({ code: 'VAT_ID_NOT_CONFIRMED' });
    expect(none.vat.amount).toBeGreaterThan(0);
  });

  it('a change of the VAT ID is checked at once: the old evidence never covers the new ID', async () => {
    const firstVatId = polishVatId();
    await viesAnswers(firstVatId, 'valid');
    const { companyId, token } = await polishCompany(firstVatId);
    expect((await quote(token)).reverseCharge.applies).toBe(true);

    const unregistered = polishVatId();
    const changed = await api(`/companies/${companyId}`, { token, method: 'PATCH', body: { vatId: unregistered } });
    expect(changed.status).toBe(200);
    expect(changed.body.vatId).toBe(unregistered);
    expect(changed.body.vatCheck).toMatchObject({ vatId: unregistered, status: 'invalid' });
    const afterInvalid = await quote(token);
    expect(afterInvalid.reverseCharge).toMatchObject({ applies: false, reason: { code: 'VAT_ID_INVALID' } });

    const registered = polishVatId();
    await viesAnswers(registered, 'valid');
    const backOffice = await signIn(users.backOffice, 'console');
    const edited = await api(`/companies/${companyId}`, { token: backOffice, method: 'PATCH', body: { vatId: registered } });
    expect(edited.status).toBe(200);
    expect(edited.body.vatCheck).toMatchObject({ vatId: registered, status: 'valid', evidence: { vatId: registered } });
    expect((await quote(token)).reverseCharge).toMatchObject({ applies: true, evidence: { vatId: registered } });
    expect((await viesRequestsFor(registered)).length).toBe(1);
  });

  it('the scheduled re-check asks VIES again once a check is due and drops reverse charge when VIES says no', async () => {
    const vatId = polishVatId();
    await viesAnswers(vatId, 'valid');
    const { companyId, token } = await polishCompany(vatId);
    const asked = (await viesRequestsFor(vatId)).length;

    // Not due yet: a run now leaves the company alone.
    expect((await runRecheck(new Date().toISOString())).status).toBe('SUCCEEDED');
    expect((await viesRequestsFor(vatId)).length).toBe(asked);

    // 31 days later the check is due; meanwhile the company was deregistered.
    await viesAnswers(vatId, 'invalid');
    const later = new Date(Date.now() + 31 * 86_400_000).toISOString();
    const run = await runRecheck(later);
    expect(run.status).toBe('SUCCEEDED');
    expect((await viesRequestsFor(vatId)).length).toBe(asked + 1);
    expect((await company(token, companyId)).vatCheck).toMatchObject({ vatId, status: 'invalid', lastAttemptAt: later });
    expect((await quote(token)).reverseCharge).toMatchObject({ applies: false, reason: { code: 'VAT_ID_INVALID' } });
  });

  it('approving a registration checks the VAT ID with VIES before the first order', async () => {
    const vatId = polishVatId();
    await viesAnswers(vatId, 'valid', { name: 'NOWY HURT SP. Z O.O.' });
    const { response } = await register({ vatId });
    expect(response.status).toBe(201);
    const backOffice = await signIn(users.backOffice, 'console');
    const approved = await api(`/console/registrations/${response.body.registrationId}/approve`, {
      token: backOffice,
      method: 'POST',
      body: { customerGroup: 'wholesale' },
    });
    expect(approved.status).toBe(200);
    const created = await company(backOffice, approved.body.companyId);
    expect(created.vatCheck).toMatchObject({ vatId, status: 'valid', evidence: { vatId, name: 'NOWY HURT SP. Z O.O.' } });
    expect((await viesRequestsFor(vatId)).length).toBe(1);
  });

  it('only back office triggers a re-check, and an unknown company is 404', async () => {
    const buyer = await signIn(users.nowakAdmin);
    const rep = await signIn(users.rep, 'console');
    const before = (await company(buyer, 'nowak-instalacje')).vatCheck;
    const asked = (await viesRequestsFor('PL5260250995')).length;
    expect((await api('/console/companies/nowak-instalacje/vat-check', { token: buyer, method: 'POST' })).status).toBe(403);
    expect((await api('/console/companies/nowak-instalacje/vat-check', { token: rep, method: 'POST' })).status).toBe(403);
    expect((await viesRequestsFor('PL5260250995')).length).toBe(asked);
    expect((await company(buyer, 'nowak-instalacje')).vatCheck).toEqual(before);
    const backOffice = await signIn(users.backOffice, 'console');
    const missing = await api('/console/companies/no-such-company/vat-check', { token: backOffice, method: 'POST' });
    expect(missing.status).toBe(404);
  });
});

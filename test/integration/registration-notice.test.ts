import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { users } from '../support/api.js';
import { outbox, polishVatId, register } from '../support/accounts.js';

/** The subject of the back-office notice in any of its languages (functions/shared/messages 'mail.staff.registration.subject'). */
const noticeSubject = /^(?:New account request|Neue Kontoanfrage|Nowy wniosek o konto): (.+)$/;

describe('a submitted registration (issue 17 item 6)', () => {
  it('acknowledges the applicant and notifies back office by e-mail', async () => {
    const name = `Hurtownia Powiadomień ${randomBytes(3).toString('hex')} Sp. z o.o.`;
    const vatId = polishVatId();
    const { response, email } = await register({ name, vatId });
    expect(response.status).toBe(201);

    const messages = await outbox();
    const acknowledgement = messages.find((message) => message.to.includes(email));
    expect(acknowledgement?.subject).toContain(name);

    const notices = messages.filter((message) => noticeSubject.exec(message.subject)?.[1] === name);
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(notice.to).toContain(users.backOffice);
    expect(notice.to).not.toContain(email);
    // Who asked and for what, so back office can triage from the inbox; the link leads to the review queue.
    expect(notice.text).toContain(email);
    expect(notice.text).toContain('Jan Kowalski');
    expect(notice.text).toContain(vatId);
    expect(notice.text).toContain('Warszawa');
    expect(notice.text).toMatch(/\/console\/registrations$/);
  });

  it('sends no notice when the registration is refused', async () => {
    const name = `Hurtownia Bez VAT ${randomBytes(3).toString('hex')}`;
    const { response } = await register({ name, vatId: 'PL123' });
    expect(response.status).toBe(400);
    expect((await outbox()).some((message) => noticeSubject.exec(message.subject)?.[1] === name)).toBe(false);
  });
});

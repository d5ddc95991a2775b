import { describe, expect, it } from 'vitest';
import { invitationMail } from '../../functions/accounts/invitations.js';
import { invitationMail as memberInvitationMail } from '../../functions/accounts/membership-invitations.js';
import type { MemberInvitation } from '../../functions/accounts/membership-rules.js';
import { languages } from '../../functions/shared/locale.js';
import { translator } from '../../functions/shared/messages/index.js';
import { resetCodePattern, resetSubjectPattern, temporaryPasswordPattern } from '../support/accounts.js';

/**
 * The remaining e-mails in the recipient's language (issue 16 item 3): invitations, membership
 * invitations, password reset, approvals, registration and staff notices read German and Polish, and
 * the test helpers that read passwords and codes out of mails understand every language.
 */

const invitee = { email: 'anna@example.com', name: 'Anna', role: 'buyer' as const, companyId: 'c1', companyName: 'Nowak Sp. z o.o.' };

describe('invitation mail (temporary password)', () => {
  it('is written in the company language and the helper finds the password in each', () => {
    const polish = invitationMail({ ...invitee, language: 'pl' }, 'Xy7-secret!');
    expect(polish.subject).toBe('Twoje konto dla Nowak Sp. z o.o.');
    expect(polish.text).toContain('Dzień dobry Anna,');
    expect(polish.text).toContain('Hasło tymczasowe: Xy7-secret!');
    const german = invitationMail({ ...invitee, companyName: 'Müller Bau GmbH', language: 'de' }, 'Xy7-secret!');
    expect(german.subject).toBe('Ihr Konto für Müller Bau GmbH');
    expect(german.text).toContain('Vorläufiges Passwort: Xy7-secret!');
    for (const language of languages) {
      expect(temporaryPasswordPattern.exec(invitationMail({ ...invitee, language }, 'Xy7-secret!').text)?.[1]).toBe('Xy7-secret!');
    }
  });
});

describe('membership invitation mail', () => {
  const invitation: MemberInvitation = {
    companyId: 'mueller',
    companyName: 'Müller Bau GmbH',
    sub: 'u1',
    email: 'jan@nowak.example',
    role: 'super-user',
    homeCompanyId: 'nowak',
    invitedBy: { sub: 'a1', name: 'Max Müller' },
    invitedAt: '2026-12-01T10:00:00.000Z',
    expiresAt: Date.parse('2026-12-15T10:00:00Z') / 1000,
  };

  it('names the role in words and the expiry as a local date', () => {
    const polish = memberInvitationMail(invitation, 'Jan', 'pl');
    expect(polish.subject).toBe('Müller Bau GmbH zaprasza Cię jako: superużytkownik');
    expect(polish.text).toContain('Zaproszenie wygasa 15.12.2026.');
    const german = memberInvitationMail({ ...invitation, role: 'company-admin' }, 'Jan', 'de');
    expect(german.subject).toBe('Müller Bau GmbH lädt Sie als Firmenadministrator ein');
    expect(german.text).toContain('läuft am 15.12.2026 ab');
    const english = memberInvitationMail({ ...invitation, role: 'buyer' }, 'Jan', 'en');
    expect(english.subject).toMatch(/Müller Bau.*invites you as buyer/);
    expect(english.text).toContain('15 Dec 2026');
    for (const mail of [polish, german, english]) expect(mail.subject + mail.text).not.toMatch(/super-user|company-admin|2026-12-15/);
  });
});

describe('catalog texts of the other mails', () => {
  it('password reset: subject and code line match the test helpers in every language', () => {
    for (const language of languages) {
      const t = translator(language);
      expect(t('mail.reset.subject')).toMatch(resetSubjectPattern);
      expect(resetCodePattern.exec(t('mail.reset.code', { code: '123456' }))?.[1]).toBe('123456');
    }
    expect(translator('de')('mail.reset.validity', { minutes: 15 })).toContain('15 Minuten');
  });

  it('approvals, rejections, registration and staff notices in German and Polish', () => {
    const de = translator('de');
    const pl = translator('pl');
    expect(de('mail.approval.subject', { order: 'ORD-1', level: 1, levels: 2 })).toBe('Bestellung ORD-1 wartet auf Ihre Freigabe (Stufe 1 von 2)');
    expect(pl('mail.approval.subject', { order: 'ORD-1', level: 1, levels: 2 })).toBe('Zamówienie ORD-1 czeka na Twoją akceptację (poziom 1 z 2)');
    expect(de('mail.rejected.subject', { order: 'ORD-1' })).toBe('Bestellung ORD-1 wurde abgelehnt');
    expect(pl('mail.registration.received.subject', { company: 'Hurt' })).toBe('Twój wniosek o konto dla Hurt');
    expect(de('mail.staff.rma.overdue.subject', { number: 'RMA-1' })).toBe('Überfällig: RMA-1');
    expect(pl('mail.staff.rma.reminder.text', { type: 'zwrot', number: 'RMA-1', order: 'ORD-1', status: 'Zgłoszone', date: '02.12.2026' })).toContain(
      'ma nadal status „Zgłoszone”',
    );
  });
});

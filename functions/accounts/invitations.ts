import type { Role } from '../../lib/definitions/index.js';
import { createDirectoryUser, deleteDirectoryUser, temporaryPassword } from '../shared/directory.js';
import type { Language } from '../shared/locale.js';
import { logger } from '../shared/logger.js';
import { sendMail } from '../shared/mail.js';
import { translator } from '../shared/messages/index.js';
import { transact, type put } from './repository.js';

type TransactItem = ReturnType<typeof put>;

export interface Invitee {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly companyId?: string;
  readonly companyName: string;
  /** The language of the invitation e-mail (the company's; a registration's applicant: its country's). */
  readonly language: Language;
}

/** The invitation e-mail with the temporary password, in the invitee's language. */
export function invitationMail(invitee: Invitee, password: string): { subject: string; text: string } {
  const t = translator(invitee.language);
  const text = [
    t('mail.greeting', { name: invitee.name }),
    '',
    t('mail.invitation.created', { company: invitee.companyName }),
    '',
    process.env.WEB_URL ? t('mail.invitation.signIn', { url: process.env.WEB_URL }) : t('mail.invitation.signInShop'),
    t('mail.invitation.email', { email: invitee.email }),
    t('mail.invitation.password', { password }),
    '',
    t('mail.invitation.change'),
  ].join('\n');
  return { subject: t('mail.invitation.subject', { company: invitee.companyName }), text };
}

/**
 * Creates a user in Cognito and, in one DynamoDB transaction, the portal's records (`records(sub)`).
 * If the transaction fails, the Cognito user is deleted again: both exist or neither does.
 * The invitation e-mail with the temporary password goes out after both succeeded.
 */
export async function inviteUser(invitee: Invitee, records: (sub: string) => TransactItem[]): Promise<string> {
  const password = temporaryPassword();
  const { language: _language, ...user } = invitee;
  const sub = await createDirectoryUser({ ...user, temporaryPassword: password });
  try {
    await transact(records(sub), 'EMAIL_TAKEN', 'A user or pending registration already uses this e-mail address');
  } catch (error) {
    await deleteDirectoryUser(invitee.email).catch((cleanup: unknown) =>
      logger.error('Could not remove the Cognito user after a failed invitation', { error: cleanup as Error, email: invitee.email }),
    );
    throw error;
  }
  try {
    await sendMail({ to: [invitee.email], ...invitationMail(invitee, password) });
  } catch (error) {
    logger.error('Invitation e-mail failed', { error: error as Error, email: invitee.email });
  }
  return sub;
}

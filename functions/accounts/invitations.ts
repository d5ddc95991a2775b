import type { Role } from '../../lib/definitions/index.js';
import { createDirectoryUser, deleteDirectoryUser, temporaryPassword } from '../shared/directory.js';
import { logger } from '../shared/logger.js';
import { sendMail } from '../shared/mail.js';
import { transact, type put } from './repository.js';

type TransactItem = ReturnType<typeof put>;

export interface Invitee {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly companyId?: string;
  readonly companyName: string;
}

function invitationText(invitee: Invitee, password: string): string {
  const shopUrl = process.env.WEB_URL ?? 'the shop';
  return [
    `Hello ${invitee.name},`,
    '',
    `an account for ${invitee.companyName} has been created for you.`,
    '',
    `Sign in at ${shopUrl} with`,
    `E-mail: ${invitee.email}`,
    `Temporary password: ${password}`,
    '',
    'You will be asked to choose your own password at the first sign-in.',
  ].join('\n');
}

/**
 * Creates a user in Cognito and, in one DynamoDB transaction, the portal's records (`records(sub)`).
 * If the transaction fails, the Cognito user is deleted again: both exist or neither does.
 * The invitation e-mail with the temporary password goes out after both succeeded.
 */
export async function inviteUser(invitee: Invitee, records: (sub: string) => TransactItem[]): Promise<string> {
  const password = temporaryPassword();
  const sub = await createDirectoryUser({ ...invitee, temporaryPassword: password });
  try {
    await transact(records(sub), 'EMAIL_TAKEN', 'A user or pending registration already uses this e-mail address');
  } catch (error) {
    await deleteDirectoryUser(invitee.email).catch((cleanup: unknown) =>
      logger.error('Could not remove the Cognito user after a failed invitation', { error: cleanup as Error, email: invitee.email }),
    );
    throw error;
  }
  try {
    await sendMail({ to: [invitee.email], subject: `Your account for ${invitee.companyName}`, text: invitationText(invitee, password) });
  } catch (error) {
    logger.error('Invitation e-mail failed', { error: error as Error, email: invitee.email });
  }
  return sub;
}

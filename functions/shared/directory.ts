import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '../../lib/definitions/index.js';
import { cognito } from './clients.js';
import { config } from './config.js';
import { conflict } from './errors.js';

/**
 * The user directory port (Cognito user pool). Role = `custom:role` attribute + the group of the same
 * name; identityFromClaims only accepts a role both carry, so both always change together.
 */
export function temporaryPassword(): string {
  // Meets the pool policy: ≥ 12 chars with upper, lower and digits.
  return `${randomBytes(9).toString('base64url')}Aa7`;
}

export interface NewDirectoryUser {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly companyId?: string;
  readonly temporaryPassword: string;
}

/** The attributes a portal user carries; the role attribute always matches the group of the same name. */
export function directoryAttributes(user: Pick<NewDirectoryUser, 'email' | 'name' | 'role' | 'companyId'>) {
  return [
    { Name: 'email', Value: user.email },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'name', Value: user.name },
    { Name: 'custom:role', Value: user.role },
    ...(user.companyId ? [{ Name: 'custom:companyId', Value: user.companyId }] : []),
  ];
}

/** Creates the user without Cognito's own invitation (we send ours through the mail port). Returns `sub`. */
export async function createDirectoryUser(user: NewDirectoryUser): Promise<string> {
  const UserPoolId = config.userPoolId();
  let sub: string | undefined;
  try {
    const created = await cognito().send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: user.email,
        MessageAction: 'SUPPRESS',
        TemporaryPassword: user.temporaryPassword,
        UserAttributes: directoryAttributes(user),
      }),
    );
    sub = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
    if (!sub) throw new Error('Cognito returned no sub');
    await cognito().send(new AdminAddUserToGroupCommand({ UserPoolId, Username: user.email, GroupName: user.role }));
    return sub;
  } catch (error) {
    if (error instanceof UsernameExistsException) throw conflict('EMAIL_TAKEN', 'A user with this e-mail address already exists');
    if (sub) await deleteDirectoryUser(user.email).catch(() => undefined);
    throw error;
  }
}

export async function deleteDirectoryUser(email: string): Promise<void> {
  await cognito().send(new AdminDeleteUserCommand({ UserPoolId: config.userPoolId(), Username: email }));
}

export async function setDirectoryUserEnabled(email: string, enabled: boolean): Promise<void> {
  const input = { UserPoolId: config.userPoolId(), Username: email };
  await cognito().send(enabled ? new AdminEnableUserCommand(input) : new AdminDisableUserCommand(input));
}

export async function changeDirectoryRole(email: string, from: Role, to: Role): Promise<void> {
  const UserPoolId = config.userPoolId();
  await cognito().send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: to }));
  await cognito().send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username: email, UserAttributes: [{ Name: 'custom:role', Value: to }] }));
  await cognito().send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: email, GroupName: from }));
}

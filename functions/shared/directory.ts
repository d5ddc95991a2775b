import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '../../lib/definitions/index.js';
import { cognito } from './clients/cognito.js';
import { config } from './config.js';
import { conflict } from './errors.js';
import { logger } from './logger.js';

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

/**
 * Enables or disables the sign-in. Disabling also signs the user out everywhere (refresh and access
 * tokens revoked); ID tokens already issued stay valid by signature until they expire, which is why
 * every request also checks the user record (shared/account-status.ts).
 */
export async function setDirectoryUserEnabled(email: string, enabled: boolean): Promise<void> {
  const input = { UserPoolId: config.userPoolId(), Username: email };
  if (enabled) {
    await cognito().send(new AdminEnableUserCommand(input));
    return;
  }
  await cognito().send(new AdminDisableUserCommand(input));
  await signOutEverywhere(email);
}

/** AdminUserGlobalSignOut; cognito-local does not implement it, so locally its refusal is only logged. */
export async function signOutEverywhere(email: string): Promise<void> {
  try {
    await cognito().send(new AdminUserGlobalSignOutCommand({ UserPoolId: config.userPoolId(), Username: email }));
  } catch (error) {
    if (!config.isLocalStack()) throw error;
    logger.info('Global sign-out not supported by the local Cognito emulator', { error: (error as Error).message });
  }
}

export async function changeDirectoryRole(email: string, from: Role, to: Role): Promise<void> {
  const UserPoolId = config.userPoolId();
  await cognito().send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: to }));
  await cognito().send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username: email, UserAttributes: [{ Name: 'custom:role', Value: to }] }));
  await cognito().send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: email, GroupName: from }));
}

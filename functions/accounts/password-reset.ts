import { badRequest } from '../shared/errors.js';
import { signOutEverywhere } from '../shared/directory.js';
import { logger } from '../shared/logger.js';
import { sendMail } from '../shared/mail.js';
import { translator } from '../shared/messages/index.js';
import * as directory from './auth-directory.js';
import * as store from './auth-repository.js';
import { readShopSettings } from './repository.js';
import { mailLanguage, staffLanguage } from './service.js';
import { actorOf } from './sign-in.js';
import { attemptWindow, decideResetCode, hashResetCode, newResetCode, newSalt, normalizeEmail, passwordPolicyProblem, resetCodes } from './sign-in-rules.js';
import type { NewPasswordRequest, ResetRequest } from './contract.js';

/**
 * Forgot / reset password with a one-time code by e-mail. The portal issues and checks the code
 * itself (only its salted hash is stored) and sets the new password with AdminSetUserPassword, so the
 * flow is the same on AWS and on the local emulator. The answer never tells whether an account exists.
 */

const invalidCode = () => badRequest('RESET_CODE_INVALID', 'The code is wrong, expired or already used; request a new one');

export async function requestReset(input: ResetRequest): Promise<{ sent: true }> {
  const email = normalizeEmail(input.email);
  const account = await store.findAccountByEmail(email);
  if (!account || !account.enabled || account.technical) return { sent: true };
  const window = attemptWindow(Date.now(), resetCodes.issueWindowSeconds);
  if (!(await store.reserveResetIssue(email, window, resetCodes.maxPerHour))) {
    logger.warn('Password reset limit reached', { companyId: account.companyId });
    return { sent: true };
  }
  const code = newResetCode();
  const salt = newSalt();
  await store.putResetCode(email, {
    codeHash: hashResetCode(code, salt),
    salt,
    attempts: 0,
    expiresAt: Math.floor(Date.now() / 1000) + resetCodes.lifetimeSeconds,
    sub: account.sub,
    ...(account.companyId ? { companyId: account.companyId } : {}),
  });
  try {
    // In the person's language: their own choice, else their company's (staff: the seller country's).
    const [shop, language] = await Promise.all([
      readShopSettings().then((settings) => settings.name),
      account.companyId ? mailLanguage(account.companyId, account.sub) : staffLanguage(account.sub),
    ]);
    const t = translator(language);
    await sendMail({
      to: [account.email],
      subject: t('mail.reset.subject'),
      text: [
        t('mail.greeting', { name: account.name }),
        '',
        t(input.client === 'console' ? 'mail.reset.textConsole' : 'mail.reset.text', { shop }),
        '',
        t('mail.reset.code', { code }),
        '',
        t('mail.reset.validity', { minutes: resetCodes.lifetimeSeconds / 60 }),
      ].join('\n'),
    });
  } catch (error) {
    logger.error('Password reset e-mail failed', { error: error as Error });
  }
  return { sent: true };
}

export async function resetPassword(input: NewPasswordRequest): Promise<{ reset: true }> {
  const email = normalizeEmail(input.email);
  const problem = passwordPolicyProblem(input.newPassword);
  if (problem) throw badRequest('PASSWORD_POLICY', `The new password needs ${problem}`);
  const stored = await store.findResetCode(email);
  const decision = decideResetCode(stored, input.code, Date.now());
  if (decision === 'invalid') throw invalidCode();
  if (decision === 'wrong') {
    await store.countWrongResetCode(email, stored!.codeHash, resetCodes.maxWrongAttempts);
    throw invalidCode();
  }
  // Right code: use it up first (exactly one reset per code, even when two arrive at once).
  if (!(await store.consumeResetCode(email, stored!.codeHash, resetCodes.maxWrongAttempts))) throw invalidCode();
  const account = await store.findAccountBySub(stored!.companyId, stored!.sub);
  if (!account || !account.enabled || account.technical) throw invalidCode();
  try {
    await directory.setPermanentPassword(account.email, input.newPassword);
  } catch (error) {
    // Give the code back: nothing changed.
    await store.putResetCode(email, stored!).catch(() => undefined);
    if (error instanceof directory.DirectoryRefused && error.reason === 'password-policy')
      throw badRequest('PASSWORD_POLICY', 'The new password does not meet the password policy');
    throw error;
  }
  // Whoever knew the old password is out: every session that started before now ends, also on Cognito.
  await store.revokeSessions(account, Math.floor(Date.now() / 1000), { actor: actorOf(account), entry: { action: 'password.reset' } });
  await signOutEverywhere(account.email);
  return { reset: true };
}

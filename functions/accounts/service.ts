import type { Identity } from '../shared/auth.js';
import { presentAccount } from './companies.js';
import * as repository from './repository.js';
import type { ShopSettings } from './rules.js';

export const getShopSettings = (): Promise<ShopSettings> => repository.readShopSettings();

export const changeShopSettings = (caller: Identity, changes: Partial<Omit<ShopSettings, 'currency'>>) =>
  repository.updateShopSettings(changes, caller.sub);

export async function describeCaller(caller: Identity) {
  const [profile, account] = await Promise.all([
    repository.findUserItem(caller.companyId, caller.sub),
    caller.companyId ? repository.findAccount(caller.companyId) : Promise.resolve(undefined),
  ]);
  return {
    user: {
      sub: caller.sub,
      email: caller.email,
      name: typeof profile?.name === 'string' ? profile.name : caller.name,
      role: caller.role,
      sessionTimeoutMinutes: repository.sessionTimeoutOf(profile),
    },
    ...(account ? { company: await presentAccount(account) } : {}),
  };
}

export async function setPreferences(caller: Identity, preferences: { sessionTimeoutMinutes: number }) {
  await repository.updatePreferences(caller.companyId, caller.sub, preferences.sessionTimeoutMinutes);
  return describeCaller(caller);
}

import type { Identity } from '../shared/auth.js';
import { forbidden, notFound } from '../shared/errors.js';
import * as repository from './repository.js';
import { mayAccessCompany, type Company, type ShopSettings } from './rules.js';

export const getShopSettings = (): Promise<ShopSettings> => repository.readShopSettings();

export const changeShopSettings = (caller: Identity, changes: Partial<Omit<ShopSettings, 'currency'>>) =>
  repository.updateShopSettings(changes, caller.sub);

export async function getCompanyFor(caller: Identity, companyId: string): Promise<Company> {
  const assigned = caller.role === 'sales-rep' && (await repository.isAssignedToRep(companyId, caller.sub));
  if (!mayAccessCompany(caller, companyId, assigned)) throw forbidden('You have no access to this company');
  const company = await repository.findCompany(companyId);
  if (!company) throw notFound('Company');
  return company;
}

export async function describeCaller(caller: Identity) {
  const [profile, company] = await Promise.all([
    repository.findUser(caller.companyId, caller.sub),
    caller.companyId ? repository.findCompany(caller.companyId) : Promise.resolve(undefined),
  ]);
  return {
    user: { sub: caller.sub, email: caller.email, name: profile?.name ?? caller.name, role: caller.role },
    ...(company ? { company } : {}),
  };
}

/** Back-office sees every company; a sales rep only their own. */
export function listCompaniesFor(caller: Identity, limit: number, cursor?: string) {
  if (caller.role === 'back-office') return repository.listAllCompanies(limit, cursor);
  if (caller.role === 'sales-rep') return repository.listRepCompanies(caller.sub, limit, cursor);
  throw forbidden();
}

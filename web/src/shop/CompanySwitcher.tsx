/**
 * Header control for users who work for several companies: picks the active company. Every API call
 * then carries it (X-Active-Company); the page reloads so cart, prices, orders and lists are read
 * again for the new company.
 */
import { createContext, useContext } from 'react';
import { rememberActiveCompany } from '../activeCompany.js';
import type { Me } from '../types.js';

/** The active company's id for components deep in the shop (undefined for guests and staff). */
export const ActiveCompanyContext = createContext<string | undefined>(undefined);
export const useActiveCompanyId = (): string | undefined => useContext(ActiveCompanyContext);

const roleLabels: Record<string, string> = { 'company-admin': 'admin', 'super-user': 'super user', buyer: 'buyer' };

/** Detail pages of one company's documents make no sense in another company: go to their list. */
const pathAfterSwitch = (pathname: string): string => {
  const detail = /^\/(orders|quotes|pools|lists)\/.+/.exec(pathname);
  return detail ? `/${detail[1]}` : pathname;
};

export const CompanySwitcher = ({ me }: { me: Me | undefined }) => {
  const companies = me?.companies ?? [];
  if (!me || companies.length < 2) return null;
  const active = me.activeCompanyId ?? companies.find((company) => company.home)?.companyId;

  const switchTo = (companyId: string) => {
    if (companyId === active) return;
    const chosen = companies.find((company) => company.companyId === companyId);
    rememberActiveCompany(me.user.sub, chosen?.home ? undefined : companyId);
    // The chosen agreement belongs to the old company (web/src/shop/pricing.tsx keeps it here).
    try {
      sessionStorage.removeItem('b2b-portal.agreement.shop');
    } catch {
      // Storage unavailable: nothing was kept.
    }
    window.location.assign(pathAfterSwitch(window.location.pathname));
  };

  return (
    <label className="company-switcher">
      <span className="visually-hidden">Active company</span>
      <select value={active} onChange={(event) => switchTo(event.target.value)} data-testid="company-switcher" aria-label="Active company">
        {companies.map((company) => (
          <option key={company.companyId} value={company.companyId}>
            {company.name} ({roleLabels[company.role] ?? company.role})
          </option>
        ))}
      </select>
    </label>
  );
};

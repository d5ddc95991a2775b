/**
 * Header control for users who work for several companies: picks the active company. Every API call
 * then carries it (X-Active-Company); the page reloads so cart, prices, orders and lists are read
 * again for the new company.
 */
import { createContext, useContext } from 'react';
import { rememberActiveCompany } from '../activeCompany.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import type { Me } from '../types.js';

/** The active company's id for components deep in the shop (undefined for guests and staff). */
export const ActiveCompanyContext = createContext<string | undefined>(undefined);
export const useActiveCompanyId = (): string | undefined => useContext(ActiveCompanyContext);

const roleLabels: Record<string, MessageKey> = {
  'company-admin': 'catalog.company.role.companyAdmin',
  'super-user': 'catalog.company.role.superUser',
  buyer: 'catalog.company.role.buyer',
};

/** Detail pages of one company's documents make no sense in another company: go to their list. */
const pathAfterSwitch = (pathname: string): string => {
  const detail = /^\/(orders|quotes|pools|lists)\/.+/.exec(pathname);
  return detail ? `/${detail[1]}` : pathname;
};

export const CompanySwitcher = ({ me }: { me: Me | undefined }) => {
  const t = useT();
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
      <span className="visually-hidden">{t('catalog.company.active')}</span>
      <select value={active} onChange={(event) => switchTo(event.target.value)} data-testid="company-switcher" aria-label={t('catalog.company.active')}>
        {companies.map((company) => (
          <option key={company.companyId} value={company.companyId}>
            {t('catalog.company.option', { company: company.name, role: roleLabels[company.role] ? t(roleLabels[company.role]!) : company.role })}
          </option>
        ))}
      </select>
    </label>
  );
};

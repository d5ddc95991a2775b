/**
 * A company's account: master data, addresses, bank accounts, users, audit trail. Used by the shop
 * (`/account`, the signed-in company user) and the console (`/console/companies/<id>`, a sales rep
 * or back office acting on behalf of the company) — the API client carries the right token.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { ApiError, type ApiClient } from '../api.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import type { CompanyDetail, Me, Role } from '../types.js';
import { useAsync } from '../useAsync.js';
import { ApprovalRulesSection } from './ApprovalRulesSection.js';
import { ArticleNumbersSection } from './ArticleNumbersSection.js';
import { AuditSection } from './AuditSection.js';
import { BmecatDownload } from './BmecatDownload.js';
import { BudgetsSection, CostCentresSection } from './BudgetsSection.js';
import { CreditSection } from './CreditSection.js';
import { BankAccountsSection, BillingAddressSection, DeliveryAddressesSection, MasterDataSection } from './CompanySections.js';
import { ManagerBox } from './ManagerBox.js';
import { MembersSection } from './MembersSection.js';
import { canEditBankAccounts, canEditMasterData, canManageUsers, canSeeAudit, canSeeUsers, roleLabel } from './permissions.js';
import { PreferencesSection } from './PreferencesSection.js';
import { PunchoutSection } from './PunchoutSection.js';
import { CompanySecuritySection, TwoFactorSection } from './TwoFactorSection.js';
import { UsersSection } from './UsersSection.js';

interface AccountPageProps {
  api: ApiClient;
  companyId: string;
  viewer: { role: Role; sub: string };
  /** Shop only: the signed-in user's profile, for the preferences box. */
  me?: Me;
  onMeChanged?: (me: Me) => void;
  /** Called after the company's data changed (e.g. to refresh the header). */
  onCompanyChanged?: (company: CompanyDetail) => void;
  /** Above the title (e.g. a breadcrumb in the console). */
  before?: ReactNode;
  /** Console: staff act on behalf of the company. */
  onBehalf?: boolean;
}

export const AccountPage = ({ api, companyId, viewer, me, onMeChanged, onCompanyChanged, before, onBehalf = false }: AccountPageProps) => {
  const t = useT();
  const company = useAsync((signal) => api.getCompany(companyId, signal), [companyId]);
  const [auditVersion, setAuditVersion] = useState(0);
  const bumpAudit = useCallback(() => setAuditVersion((n) => n + 1), []);
  const setData = company.setData;
  const changed = useCallback(
    (updated: CompanyDetail) => {
      setData(updated);
      bumpAudit();
      onCompanyChanged?.(updated);
    },
    [setData, bumpAudit, onCompanyChanged],
  );

  if (company.loading) return <Loading label={t('account.page.loading')} />;
  if (company.error || !company.data) {
    if (company.error instanceof ApiError && company.error.status === 404) {
      return (
        <section className="card narrow">
          {before}
          <h1>{t('account.page.notFound')}</h1>
          <p className="muted">{t('account.page.notFoundText', { companyId })}</p>
        </section>
      );
    }
    return <ErrorBox error={company.error} onRetry={company.reload} />;
  }
  const data = company.data;
  const role = viewer.role;
  const masterEditable = canEditMasterData(role);
  const sectionProps = { api, company: data, onChanged: changed };

  return (
    <div className="account-page" data-testid="account-page">
      {before}
      <header className="section-header">
        <div>
          <h1>{onBehalf ? data.name : t('account.page.title')}</h1>
          <p className="muted">
            {onBehalf ? t('account.page.onBehalf', { role: roleLabel(role) }) : t('account.page.signedInAs', { company: data.name, role: roleLabel(role) })}
          </p>
        </div>
      </header>
      <div className="account-grid">
        <div className="account-main">
          <MasterDataSection {...sectionProps} editable={masterEditable} />
          <BillingAddressSection {...sectionProps} editable={masterEditable} />
          <DeliveryAddressesSection {...sectionProps} editable={masterEditable} />
          <BankAccountsSection {...sectionProps} editable={canEditBankAccounts(role)} />
          {canSeeUsers(role) && (
            <UsersSection api={api} companyId={data.id} currency={data.currency} manage={canManageUsers(role)} viewerSub={viewer.sub} onChanged={bumpAudit} />
          )}
          {canManageUsers(role) && <MembersSection api={api} companyId={data.id} onChanged={bumpAudit} />}
          {canManageUsers(role) && !onBehalf && (
            <CompanySecuritySection
              api={api}
              company={data}
              onChanged={(updated) => {
                changed(updated);
                // The requirement applies to employees of their home company: keep the viewer's own status in step.
                const home = me?.companies?.find((entry) => entry.home)?.companyId ?? me?.company?.id;
                if (me && onMeChanged && home === updated.id) onMeChanged({ ...me, user: { ...me.user, mfaRequired: updated.mfaRequired === true } });
              }}
              viewerMfaEnabled={me?.user.mfaEnabled}
            />
          )}
          {!onBehalf && <ArticleNumbersSection api={api} companyId={data.id} manage={role === 'company-admin'} />}
          {canSeeAudit(role) && <AuditSection api={api} companyId={data.id} version={auditVersion} />}
          {role === 'company-admin' && !onBehalf && (
            <>
              <ApprovalRulesSection api={api} companyId={data.id} currency={data.currency} />
              <CostCentresSection api={api} companyId={data.id} />
              <BudgetsSection api={api} companyId={data.id} currency={data.currency} />
              <PunchoutSection api={api} companyId={data.id} />
            </>
          )}
        </div>
        <aside className="account-side">
          {data.manager ? (
            <ManagerBox manager={data.manager} title={onBehalf ? t('account.page.salesRep') : t('account.page.manager')} />
          ) : (
            !onBehalf && (
              <section className="card panel">
                <h2>{t('account.page.manager')}</h2>
                <p className="muted small">{t('account.page.noManager')}</p>
              </section>
            )
          )}
          <CreditSection api={api} companyId={data.id} manage={onBehalf && role === 'back-office'} ledgerSize={onBehalf ? 10 : 5} />
          {!onBehalf && (role === 'company-admin' || role === 'super-user') && <BmecatDownload api={api} companyId={data.id} />}
          {me && onMeChanged && <PreferencesSection api={api} me={me} onSaved={onMeChanged} />}
          {me && onMeChanged && <TwoFactorSection client="shop" me={me} onMeChanged={onMeChanged} />}
        </aside>
      </div>
    </div>
  );
};

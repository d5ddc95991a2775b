/**
 * A company's account: master data, addresses, bank accounts, users, audit trail. Used by the shop
 * (`/account` with one page per area under `/account/<section>`, the signed-in company user) and the
 * console (`/console/companies/<id>`, a sales rep or back office acting on behalf of the company: every
 * section on one page) — the API client carries the right token.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { Link } from '../router.js';
import './accountNav.css';
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
import { DocumentsSection } from './DocumentsSection.js';
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
  /**
   * Shop: the account area's page (`/account` is `overview`, `/account/<section>` the others) with a
   * sub-navigation; without it (console) every section is on one page.
   */
  section?: string;
}

/** The account area's pages in navigation order; `overview` is `/account` itself. */
export const accountSections = [
  'overview',
  'users',
  'addresses',
  'bank-accounts',
  'approvals',
  'budgets',
  'punchout',
  'article-numbers',
  'documents',
  'security',
] as const;
export type AccountSection = (typeof accountSections)[number];

export const accountSectionPath = (section: AccountSection): string => (section === 'overview' ? '/account' : `/account/${section}`);

/** Which pages a role sees in the shop's account area. */
export const visibleAccountSections = (role: Role): AccountSection[] =>
  accountSections.filter((section) => {
    if (section === 'users') return canSeeUsers(role);
    if (section === 'approvals' || section === 'budgets' || section === 'punchout') return role === 'company-admin';
    return true;
  });

const sectionLabelKey = {
  overview: 'account.nav.overview',
  users: 'account.nav.users',
  addresses: 'account.nav.addresses',
  'bank-accounts': 'account.nav.bankAccounts',
  approvals: 'account.nav.approvals',
  budgets: 'account.nav.budgets',
  punchout: 'account.nav.punchout',
  'article-numbers': 'account.nav.articleNumbers',
  documents: 'account.nav.documents',
  security: 'account.nav.security',
} as const satisfies Record<AccountSection, string>;

const AccountNav = ({ role, current }: { role: Role; current: string }) => {
  const t = useT();
  return (
    <nav className="account-nav" aria-label={t('account.nav.label')} data-testid="account-nav">
      <ul>
        {visibleAccountSections(role).map((section) => (
          <li key={section}>
            <Link
              to={accountSectionPath(section)}
              className={section === current ? 'account-nav-link active' : 'account-nav-link'}
              aria-current={section === current ? 'page' : undefined}
              data-testid={`account-nav-${section}`}
            >
              {t(sectionLabelKey[section])}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
};

export const AccountPage = ({ api, companyId, viewer, me, onMeChanged, onCompanyChanged, before, onBehalf = false, section }: AccountPageProps) => {
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

  const companySecurity = canManageUsers(role) && !onBehalf && (
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
  );
  const users = canSeeUsers(role) && (
    <UsersSection api={api} companyId={data.id} currency={data.currency} manage={canManageUsers(role)} viewerSub={viewer.sub} onChanged={bumpAudit} />
  );
  const members = canManageUsers(role) && <MembersSection api={api} companyId={data.id} onChanged={bumpAudit} />;
  const audit = canSeeAudit(role) && <AuditSection api={api} companyId={data.id} version={auditVersion} />;
  const manager = data.manager ? (
    <ManagerBox manager={data.manager} title={onBehalf ? t('account.page.salesRep') : t('account.page.manager')} />
  ) : (
    !onBehalf && (
      <section className="card panel">
        <h2>{t('account.page.manager')}</h2>
        <p className="muted small">{t('account.page.noManager')}</p>
      </section>
    )
  );
  const credit = <CreditSection api={api} companyId={data.id} manage={onBehalf && role === 'back-office'} ledgerSize={onBehalf ? 10 : 5} />;
  const bmecat = !onBehalf && (role === 'company-admin' || role === 'super-user') && <BmecatDownload api={api} companyId={data.id} />;
  const preferences = me && onMeChanged && <PreferencesSection api={api} me={me} onSaved={onMeChanged} />;
  const twoFactor = me && onMeChanged && <TwoFactorSection client="shop" me={me} onMeChanged={onMeChanged} />;
  const header = (
    <header className="section-header">
      <div>
        <h1>{onBehalf ? data.name : t('account.page.title')}</h1>
        <p className="muted">
          {onBehalf ? t('account.page.onBehalf', { role: roleLabel(role) }) : t('account.page.signedInAs', { company: data.name, role: roleLabel(role) })}
        </p>
      </div>
    </header>
  );

  if (section !== undefined) {
    const known = (visibleAccountSections(role) as string[]).includes(section) ? (section as AccountSection) : undefined;
    let main: ReactNode;
    let side: ReactNode = null;
    switch (known) {
      case 'overview':
        main = (
          <>
            <MasterDataSection {...sectionProps} editable={masterEditable} />
            {audit}
          </>
        );
        side = (
          <>
            {manager}
            {credit}
            {bmecat}
          </>
        );
        break;
      case 'users':
        main = (
          <>
            {users}
            {members}
          </>
        );
        break;
      case 'addresses':
        main = (
          <>
            <BillingAddressSection {...sectionProps} editable={masterEditable} />
            <DeliveryAddressesSection {...sectionProps} editable={masterEditable} />
          </>
        );
        break;
      case 'bank-accounts':
        main = <BankAccountsSection {...sectionProps} editable={canEditBankAccounts(role)} />;
        break;
      case 'approvals':
        main = <ApprovalRulesSection api={api} companyId={data.id} currency={data.currency} />;
        break;
      case 'budgets':
        main = (
          <>
            <CostCentresSection api={api} companyId={data.id} />
            <BudgetsSection api={api} companyId={data.id} currency={data.currency} />
          </>
        );
        break;
      case 'punchout':
        main = <PunchoutSection api={api} companyId={data.id} />;
        break;
      case 'article-numbers':
        main = <ArticleNumbersSection api={api} companyId={data.id} manage={role === 'company-admin'} />;
        break;
      case 'documents':
        main = <DocumentsSection api={api} companyId={data.id} />;
        break;
      case 'security':
        main = (
          <>
            {twoFactor}
            {companySecurity}
            {preferences}
          </>
        );
        break;
      default:
        main = (
          <section className="card panel" data-testid="account-section-not-found">
            <h2>{t('account.nav.notFound')}</h2>
            <p className="muted">{t('account.nav.notFoundText')}</p>
            <Link to="/account">{t('account.nav.backToOverview')}</Link>
          </section>
        );
    }
    return (
      <div className="account-page" data-testid="account-page" data-section={known ?? 'unknown'}>
        {before}
        {header}
        <AccountNav role={role} current={known ?? ''} />
        <div className={side ? 'account-grid' : 'account-single'}>
          <div className="account-main">{main}</div>
          {side && <aside className="account-side">{side}</aside>}
        </div>
      </div>
    );
  }

  return (
    <div className="account-page" data-testid="account-page">
      {before}
      {header}
      <div className="account-grid">
        <div className="account-main">
          <MasterDataSection {...sectionProps} editable={masterEditable} />
          <BillingAddressSection {...sectionProps} editable={masterEditable} />
          <DeliveryAddressesSection {...sectionProps} editable={masterEditable} />
          <BankAccountsSection {...sectionProps} editable={canEditBankAccounts(role)} />
          {users}
          {members}
          {companySecurity}
          {!onBehalf && <ArticleNumbersSection api={api} companyId={data.id} manage={role === 'company-admin'} />}
          {audit}
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
          {manager}
          {credit}
          {bmecat}
          {preferences}
          {twoFactor}
        </aside>
      </div>
    </div>
  );
};

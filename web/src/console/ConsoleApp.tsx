/** Staff console (sales reps, back office): own sign-in, companies, registrations, company accounts, discounts, group buying, shop settings. */
import { Fragment, useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { AccountPage } from '../account/AccountPage.js';
import { roleLabels } from '../account/permissions.js';
import { PreferencesSection } from '../account/PreferencesSection.js';
import { MfaSetupPrompt, TwoFactorSection } from '../account/TwoFactorSection.js';
import { LoginForm } from '../components/LoginForm.js';
import { Navigate } from '../components/Navigate.js';
import { ErrorBox, Loading, SessionEndedNotice } from '../components/Status.js';
import { Link, navigate, type AppLocation } from '../router.js';
import { useServices, useSession, useSessionExpired } from '../services.js';
import { companyRoles, type Me, type ShopSettings } from '../types.js';
import { useAsync } from '../useAsync.js';
import { useIdleSignOut } from '../useIdleSignOut.js';
import { LanguageSwitcher } from '../components/LanguageSwitcher.js';
import { useLanguage, useT } from '../i18n/I18n.js';
import { CatalogImportPanel } from './CatalogImportPanel.js';
import { ProductMediaPanel } from './ProductMediaPanel.js';
import { CompaniesPanel } from './CompaniesPanel.js';
import { DiscountsPanel } from './DiscountsPanel.js';
import { OrderAdminView } from './OrderAdminDetail.js';
import { OrdersPanel } from './OrdersPanel.js';
import { OrderOnBehalfForm } from './OrderOnBehalfForm.js';
import { PaymentsPanel } from './PaymentsPanel.js';
import { PoolDetailView, PoolsPanel } from './PoolsPanel.js';
import { QuoteDetailView, QuotesPanel } from './QuotesPanel.js';
import { RegistrationDetailView, RegistrationsPanel } from './RegistrationsPanel.js';
import { RmaDetailView, RmaPanel } from './RmaPanel.js';
import { ShopSettingsPanel } from './ShopSettingsPanel.js';
import { VatCheckPanel } from './VatCheckPanel.js';

export { roleLabels };

export const ConsoleApp = ({ location }: { location: AppLocation }) => {
  const { api, auth } = useServices();
  const session = useSession(auth.console);
  const sessionExpired = useSessionExpired(auth.console);
  const t = useT();
  const [notice, setNotice] = useState<string | null>(null);
  const shop = useAsync((signal) => api.console.getShop(signal), []);
  const shopName = shop.data?.name;
  const staffOnly = useCallback(() => {
    setNotice(t('console.staffOnlySignedOut'));
    auth.console.signOut();
  }, [auth, t]);

  useEffect(() => {
    document.title = shopName ? t('console.documentTitle', { shop: shopName }) : t('console.title');
  }, [shopName, t]);

  const { pathname } = location;
  if (pathname === '/console/login') {
    if (session) return <Navigate to="/console" />;
    return (
      <div className="app app-console">
        <ConsoleTopbar shopName={shopName} />
        <main className="container main">
          <div className="login-page">
            {!notice && sessionExpired && <SessionEndedNotice onDismiss={auth.console.dismissExpiry} message={auth.console.sessionEndMessage()} />}
            {notice && (
              <div className="alert alert-warn" role="alert" data-testid="console-notice">
                {notice}
              </div>
            )}
            <LoginForm
              auth={auth.console}
              title={t('console.title')}
              subtitle={t('console.login.subtitle')}
              signInFailedHint={t('console.login.failedHint')}
              onSignedIn={() => {
                setNotice(null);
                navigate('/console');
              }}
              footer={
                <p className="login-footer">
                  {t('console.login.customer')} <Link to="/">{t('console.login.goToShop')}</Link>
                </p>
              }
            />
          </div>
        </main>
      </div>
    );
  }
  if (!session) return <Navigate to="/console/login" />;

  return (
    <ConsoleHome
      key={session.signedInAt}
      pathname={pathname}
      query={location.query}
      shopName={shopName}
      shopCurrency={shop.data?.currency}
      email={session.email}
      onStaffOnly={staffOnly}
      onShopSaved={shop.setData}
    />
  );
};

interface ConsoleTopbarProps {
  shopName: string | undefined;
  signedIn?: boolean;
  me?: Me | undefined;
  email?: string;
}

const ConsoleTopbar = ({ shopName, signedIn = false, me, email }: ConsoleTopbarProps) => {
  const { api, auth, config } = useServices();
  const t = useT();
  return (
    <header className="topbar topbar-dark">
      <div className="container topbar-inner">
        <Link to="/console" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{shopName ?? t('console.brandFallback')}</span>
          <span className="brand-tag">{t('console.title')}</span>
        </Link>
        {config.outboxUrl && (
          <a href={config.outboxUrl} target="_blank" rel="noopener noreferrer" className="outbox-link" data-testid="outbox-link">
            {t('console.outbox')}
          </a>
        )}
        {!signedIn && (
          <div className="topbar-actions">
            <LanguageSwitcher />
          </div>
        )}
        {signedIn && (
          <div className="topbar-actions">
            <LanguageSwitcher save={(language) => api.console.updatePreferences({ language })} />
            {me && (
              <div className="user-info" data-testid="console-user">
                <span className="user-name">{me.user.name}</span>{' '}
                <span className="user-meta">
                  <span className="role-badge">{roleLabels[me.user.role] ?? me.user.role}</span> {me.user.email || email}
                </span>
              </div>
            )}
            <button
              type="button"
              className="btn btn-ghost"
              data-testid="logout"
              onClick={() => {
                auth.console.signOut();
                navigate('/console/login');
              }}
            >
              {t('console.logOut')}
            </button>
          </div>
        )}
      </div>
    </header>
  );
};

interface ConsoleHomeProps {
  pathname: string;
  query: URLSearchParams;
  shopName: string | undefined;
  shopCurrency: string | undefined;
  email: string;
  onStaffOnly: () => void;
  onShopSaved: (shop: ShopSettings) => void;
}

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const NotFound = () => {
  const t = useT();
  return (
    <section className="card narrow">
      <h1>{t('console.notFound')}</h1>
      <Link to="/console">{t('console.backToConsole')}</Link>
    </section>
  );
};

const ConsoleTabs = ({ pathname, backOffice }: { pathname: string; backOffice: boolean }) => {
  const t = useT();
  const tabs = [
    {
      to: '/console',
      label: t('console.tab.companies'),
      testId: 'tab-companies',
      active: pathname === '/console' || pathname.startsWith('/console/companies'),
    },
    ...(backOffice
      ? [
          {
            to: '/console/registrations',
            label: t('console.tab.registrations'),
            testId: 'tab-registrations',
            active: pathname.startsWith('/console/registrations'),
          },
        ]
      : []),
    { to: '/console/orders', label: t('console.tab.orders'), testId: 'tab-orders', active: pathname.startsWith('/console/orders') },
    { to: '/console/quotes', label: t('console.tab.quotes'), testId: 'tab-quotes', active: pathname.startsWith('/console/quotes') },
    { to: '/console/discounts', label: t('console.tab.discounts'), testId: 'tab-discounts', active: pathname === '/console/discounts' },
    ...(backOffice ? [{ to: '/console/pools', label: t('console.tab.pools'), testId: 'tab-pools', active: pathname.startsWith('/console/pools') }] : []),
    ...(backOffice ? [{ to: '/console/rmas', label: t('console.tab.rmas'), testId: 'tab-rmas', active: pathname.startsWith('/console/rmas') }] : []),
    ...(backOffice ? [{ to: '/console/payments', label: t('console.tab.payments'), testId: 'tab-payments', active: pathname === '/console/payments' }] : []),
    ...(backOffice
      ? [
          {
            to: '/console/catalog-imports',
            label: t('console.tab.catalogImport'),
            testId: 'tab-catalog-import',
            active: pathname === '/console/catalog-imports',
          },
        ]
      : []),
    ...(backOffice
      ? [{ to: '/console/product-media', label: t('console.tab.productMedia'), testId: 'tab-product-media', active: pathname === '/console/product-media' }]
      : []),
    { to: '/console/preferences', label: t('console.tab.preferences'), testId: 'tab-preferences', active: pathname === '/console/preferences' },
  ];
  return (
    <nav className="tabs" aria-label={t('console.tabs')}>
      {tabs.map((tab) => (
        <Link key={tab.to} to={tab.to} className={tab.active ? 'tab active' : 'tab'} aria-current={tab.active ? 'page' : undefined} data-testid={tab.testId}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
};

const ConsoleHome = ({ pathname, query, shopName, shopCurrency, email, onStaffOnly, onShopSaved }: ConsoleHomeProps) => {
  const { api, auth } = useServices();
  const t = useT();
  const session = useSession(auth.console);
  // 403 MFA_SETUP_REQUIRED shows the setup prompt; after it the profile and the page load again.
  const mfaSetupRequired = useSyncExternalStore(auth.console.subscribe, auth.console.mfaSetupRequired);
  const dataVersion = useSyncExternalStore(auth.console.subscribe, auth.console.getDataVersion);
  const me = useAsync((signal) => api.console.getMe(signal), [dataVersion]);
  const isCompanyUser = me.data !== undefined && companyRoles.includes(me.data.user.role);
  useIdleSignOut(auth.console, session, isCompanyUser ? undefined : me.data?.user.sessionTimeoutMinutes);
  const { adopt } = useLanguage();
  const meData = me.data;
  useEffect(() => {
    if (meData) adopt(meData.user);
  }, [meData, adopt]);

  useEffect(() => {
    if (isCompanyUser) onStaffOnly();
  }, [isCompanyUser, onStaffOnly]);

  let content;
  if (me.loading) content = <Loading label={t('console.loadingProfile')} />;
  else if (me.error || !me.data) content = <ErrorBox error={me.error} onRetry={me.reload} />;
  else if (isCompanyUser) content = <div className="alert alert-warn">{t('console.staffOnly')}</div>;
  else if (mfaSetupRequired)
    content = (
      <MfaSetupPrompt
        client="console"
        onSignOut={() => {
          auth.console.signOut();
          navigate('/console/login');
        }}
      />
    );
  else {
    const user = me.data.user;
    const role = user.role;
    const backOffice = role === 'back-office';
    let page;
    if (pathname === '/console') {
      page = (
        <>
          <header className="section-header">
            <div>
              <h1>{t('console.welcome', { name: user.name.split(' ')[0] || user.name })}</h1>
              <p className="muted">{t('console.signedInAs', { role: roleLabels[role] ?? role })}</p>
            </div>
          </header>
          <div className={backOffice ? 'console-grid' : undefined}>
            <CompaniesPanel backOffice={backOffice} />
            {backOffice && <ShopSettingsPanel onSaved={onShopSaved} />}
          </div>
        </>
      );
    } else if (pathname === '/console/registrations' && backOffice) {
      page = <RegistrationsPanel filter={query.get('status')} />;
    } else if (pathname.startsWith('/console/registrations/') && backOffice) {
      const id = safeDecode(pathname.slice('/console/registrations/'.length));
      page = <RegistrationDetailView key={id} registrationId={id} />;
    } else if (/^\/console\/companies\/[^/]+\/order$/.test(pathname)) {
      const orderCompanyId = safeDecode(pathname.slice('/console/companies/'.length, -'/order'.length));
      page = <OrderOnBehalfForm key={orderCompanyId} companyId={orderCompanyId} />;
    } else if (pathname.startsWith('/console/companies/')) {
      const companyId = safeDecode(pathname.slice('/console/companies/'.length));
      page = (
        <AccountPage
          key={companyId}
          api={api.console}
          companyId={companyId}
          viewer={{ role, sub: user.sub }}
          onBehalf
          before={
            <>
              <nav className="breadcrumb" aria-label={t('console.breadcrumb')}>
                <Link to="/console">{t('console.tab.companies')}</Link>
                <span aria-hidden="true">/</span>
                <span className="mono">{companyId}</span>
                <span aria-hidden="true">·</span>
                <Link to={`/console/companies/${encodeURIComponent(companyId)}/order`} data-testid="company-new-order">
                  {t('console.orderForCustomer')}
                </Link>
              </nav>
              <VatCheckPanel companyId={companyId} canRecheck={backOffice} />
            </>
          }
        />
      );
    } else if (pathname === '/console/orders') {
      page = <OrdersPanel />;
    } else if (/^\/console\/orders\/[^/]+\/[^/]+$/.test(pathname)) {
      const [orderCompanyId = '', adminOrderId = ''] = pathname.slice('/console/orders/'.length).split('/').map(safeDecode);
      page = <OrderAdminView key={adminOrderId} companyId={orderCompanyId} orderId={adminOrderId} />;
    } else if (pathname === '/console/quotes') {
      page = <QuotesPanel />;
    } else if (/^\/console\/quotes\/[^/]+\/[^/]+$/.test(pathname)) {
      const [quoteCompanyId = '', offerId = ''] = pathname.slice('/console/quotes/'.length).split('/').map(safeDecode);
      page = <QuoteDetailView key={offerId} companyId={quoteCompanyId} offerId={offerId} />;
    } else if (pathname === '/console/discounts') {
      page = <DiscountsPanel canEdit={backOffice} currency={shopCurrency} />;
    } else if (pathname === '/console/pools' && backOffice) {
      page = <PoolsPanel currency={shopCurrency} />;
    } else if (pathname.startsWith('/console/pools/') && backOffice) {
      const poolId = safeDecode(pathname.slice('/console/pools/'.length));
      page = <PoolDetailView key={poolId} poolId={poolId} />;
    } else if (pathname === '/console/payments' && backOffice) {
      page = <PaymentsPanel />;
    } else if (pathname === '/console/catalog-imports' && backOffice) {
      page = <CatalogImportPanel />;
    } else if (pathname === '/console/product-media' && backOffice) {
      page = <ProductMediaPanel />;
    } else if (pathname === '/console/rmas' && backOffice) {
      page = <RmaPanel />;
    } else if (/^\/console\/rmas\/[^/]+\/[^/]+$/.test(pathname) && backOffice) {
      const [rmaCompanyId = '', rmaId = ''] = pathname.slice('/console/rmas/'.length).split('/').map(safeDecode);
      page = <RmaDetailView key={rmaId} companyId={rmaCompanyId} rmaId={rmaId} />;
    } else if (pathname === '/console/preferences') {
      page = (
        <div className="narrow-column">
          <PreferencesSection api={api.console} me={me.data} onSaved={me.setData} />
          <TwoFactorSection client="console" me={me.data} onMeChanged={me.setData} />
        </div>
      );
    } else {
      page = <NotFound />;
    }
    content = (
      <>
        <ConsoleTabs pathname={pathname} backOffice={backOffice} />
        <Fragment key={dataVersion}>{page}</Fragment>
      </>
    );
  }

  return (
    <div className="app app-console">
      <ConsoleTopbar shopName={shopName} signedIn me={isCompanyUser ? undefined : me.data} email={email} />
      <main className="container main">{content}</main>
    </div>
  );
};

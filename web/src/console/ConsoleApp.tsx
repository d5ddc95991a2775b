/** Staff console (sales reps, back office): own sign-in, companies list, shop settings. */
import { useCallback, useEffect, useState } from 'react';
import { LoginForm } from '../components/LoginForm.js';
import { Navigate } from '../components/Navigate.js';
import { ErrorBox, Loading, SessionEndedNotice } from '../components/Status.js';
import { Link, navigate, type AppLocation } from '../router.js';
import { useServices, useSession, useSessionExpired } from '../services.js';
import { companyRoles, type Me, type Role, type ShopSettings } from '../types.js';
import { useAsync } from '../useAsync.js';
import { CompaniesPanel } from './CompaniesPanel.js';
import { ShopSettingsPanel } from './ShopSettingsPanel.js';

export const roleLabels: Record<Role, string> = {
  'company-admin': 'Company admin',
  buyer: 'Buyer',
  'sales-rep': 'Sales representative',
  'back-office': 'Back office',
};

const STAFF_ONLY = 'This console is for staff only. You have been signed out — customers please use the shop.';

export const ConsoleApp = ({ location }: { location: AppLocation }) => {
  const { api, auth } = useServices();
  const session = useSession(auth.console);
  const sessionExpired = useSessionExpired(auth.console);
  const [notice, setNotice] = useState<string | null>(null);
  const shop = useAsync((signal) => api.console.getShop(signal), []);
  const shopName = shop.data?.name;
  const staffOnly = useCallback(() => {
    setNotice(STAFF_ONLY);
    auth.console.signOut();
  }, [auth]);

  useEffect(() => {
    document.title = shopName ? `${shopName} · Staff console` : 'Staff console';
  }, [shopName]);

  const { pathname } = location;
  if (pathname === '/console/login') {
    if (session) return <Navigate to="/console" />;
    return (
      <div className="app app-console">
        <ConsoleTopbar shopName={shopName} />
        <main className="container main">
          <div className="login-page">
            {!notice && sessionExpired && <SessionEndedNotice onDismiss={auth.console.dismissExpiry} />}
            {notice && (
              <div className="alert alert-warn" role="alert" data-testid="console-notice">
                {notice}
              </div>
            )}
            <LoginForm
              auth={auth.console}
              title="Staff console"
              subtitle="Sign in with your staff account."
              onSignedIn={() => {
                setNotice(null);
                navigate('/console');
              }}
              footer={
                <p className="login-footer">
                  Customer? <Link to="/">Go to the shop</Link>
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
      shopName={shopName}
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
  const { auth } = useServices();
  return (
    <header className="topbar topbar-dark">
      <div className="container topbar-inner">
        <Link to="/console" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{shopName ?? 'B2B Portal'}</span>
          <span className="brand-tag">Staff console</span>
        </Link>
        {signedIn && (
          <div className="topbar-actions">
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
              Log out
            </button>
          </div>
        )}
      </div>
    </header>
  );
};

interface ConsoleHomeProps {
  pathname: string;
  shopName: string | undefined;
  email: string;
  onStaffOnly: () => void;
  onShopSaved: (shop: ShopSettings) => void;
}

const ConsoleHome = ({ pathname, shopName, email, onStaffOnly, onShopSaved }: ConsoleHomeProps) => {
  const { api } = useServices();
  const me = useAsync((signal) => api.console.getMe(signal), []);
  const isCompanyUser = me.data !== undefined && companyRoles.includes(me.data.user.role);

  useEffect(() => {
    if (isCompanyUser) onStaffOnly();
  }, [isCompanyUser, onStaffOnly]);

  let content;
  if (me.loading) content = <Loading label="Loading your profile…" />;
  else if (me.error || !me.data) content = <ErrorBox error={me.error} onRetry={me.reload} />;
  else if (isCompanyUser) content = <div className="alert alert-warn">This console is for staff only.</div>;
  else if (pathname !== '/console') {
    content = (
      <section className="card narrow">
        <h1>Page not found</h1>
        <Link to="/console">← Back to the console</Link>
      </section>
    );
  } else {
    const role = me.data.user.role;
    content = (
      <>
        <header className="section-header">
          <div>
            <h1>Welcome, {me.data.user.name.split(' ')[0] || me.data.user.name}</h1>
            <p className="muted">Signed in as {roleLabels[role] ?? role}.</p>
          </div>
        </header>
        <div className={role === 'back-office' ? 'console-grid' : undefined}>
          <CompaniesPanel />
          {role === 'back-office' && <ShopSettingsPanel onSaved={onShopSaved} />}
        </div>
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

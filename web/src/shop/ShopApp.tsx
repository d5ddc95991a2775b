/** Buyer shop: header, catalog, product detail, sign-in, login wall for login-only shops. */
import { useEffect } from 'react';
import { LoginForm } from '../components/LoginForm.js';
import { Navigate } from '../components/Navigate.js';
import { ErrorBox, Loading, SessionEndedNotice } from '../components/Status.js';
import { Link, navigate, type AppLocation } from '../router.js';
import { useServices, useSession, useSessionExpired } from '../services.js';
import type { Me, ShopSettings } from '../types.js';
import { useAsync } from '../useAsync.js';
import { Catalog } from './Catalog.js';
import { LoginWall, RegistrationPlaceholder } from './LoginWall.js';
import { ProductDetail } from './ProductDetail.js';

export const ShopApp = ({ location }: { location: AppLocation }) => {
  const { api, auth } = useServices();
  const session = useSession(auth.shop);
  const sessionExpired = useSessionExpired(auth.shop);
  const sessionKey = session ? String(session.signedInAt) : 'guest';
  const shop = useAsync((signal) => api.shop.getShop(signal), []);
  const me = useAsync((signal) => (session ? api.shop.getMe(signal) : undefined), [sessionKey]);

  useEffect(() => {
    if (shop.data) document.title = shop.data.name;
  }, [shop.data]);

  if (shop.loading) return <Loading label="Loading shop…" />;
  if (shop.error || !shop.data) {
    return (
      <div className="container page-error">
        <ErrorBox error={shop.error} onRetry={shop.reload}>
          The shop is not available right now.
        </ErrorBox>
      </div>
    );
  }
  const settings = shop.data;
  const { pathname } = location;
  const signedIn = session !== null;

  let content;
  let showLogin = true;
  if (pathname === '/login') {
    showLogin = false;
    content = signedIn ? (
      <Navigate to="/" />
    ) : (
      <div className="login-page">
        <LoginForm
          auth={auth.shop}
          title={`Sign in to ${settings.name}`}
          subtitle="Sign in with your business account to see your prices and availability."
          onSignedIn={() => navigate('/')}
          footer={
            settings.registrationOpen ? (
              <p className="login-footer">
                New customer?{' '}
                <Link to="/register" data-testid="request-account">
                  Request an account
                </Link>
              </p>
            ) : undefined
          }
        />
      </div>
    );
  } else if (pathname === '/register') {
    content = <RegistrationPlaceholder shop={settings} />;
  } else if (settings.loginOnly && !signedIn) {
    showLogin = false;
    content = <LoginWall shop={settings} />;
  } else if (pathname === '/') {
    content = (
      <Catalog shop={settings} signedIn={signedIn} sessionKey={sessionKey} selectedCategoryId={location.query.get('category')} />
    );
  } else if (pathname.startsWith('/products/')) {
    const sku = safeDecode(pathname.slice('/products/'.length));
    content = <ProductDetail key={sku} sku={sku} shop={settings} signedIn={signedIn} sessionKey={sessionKey} />;
  } else {
    content = (
      <section className="card narrow">
        <h1>Page not found</h1>
        <p className="muted">The page you are looking for does not exist.</p>
        <Link to="/">← Back to the catalog</Link>
      </section>
    );
  }

  return (
    <div className="app app-shop">
      <ShopHeader shop={settings} me={me.data} email={session?.email} showLogin={showLogin} />
      <main className="container main">
        {sessionExpired && <SessionEndedNotice onDismiss={auth.shop.dismissExpiry} />}
        {content}
      </main>
      <footer className="footer">
        <div className="container">
          {settings.name} · Business customers only · Prices in {settings.currency}
        </div>
      </footer>
    </div>
  );
};

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

interface ShopHeaderProps {
  shop: ShopSettings;
  me: Me | undefined;
  email: string | undefined;
  showLogin: boolean;
}

const ShopHeader = ({ shop, me, email, showLogin }: ShopHeaderProps) => {
  const { auth } = useServices();
  const signedIn = email !== undefined;
  return (
    <header className="topbar">
      <div className="container topbar-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{shop.name}</span>
        </Link>
        <div className="topbar-actions">
          {signedIn ? (
            <>
              <div className="user-info">
                <span className="user-name">{me?.user.name ?? email}</span>{' '}
                <span className="user-meta">
                  {me?.company && <span className="user-company">{me.company.name} · </span>}
                  <span data-testid="current-user">{me?.user.email ?? email}</span>
                </span>
              </div>
              <button type="button" className="btn btn-ghost" data-testid="logout" onClick={() => auth.shop.signOut()}>
                Log out
              </button>
            </>
          ) : (
            showLogin && (
              <Link to="/login" className="btn btn-primary" data-testid="login-link">
                Log in
              </Link>
            )
          )}
        </div>
      </div>
    </header>
  );
};

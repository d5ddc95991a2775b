/**
 * Buyer shop: header (with the agreement every price is calculated for and the cart badge), catalog,
 * product detail, quick quote, cart, checkout, orders, group buying, sign-in, registration, company account, login
 * wall for login-only shops.
 */
import { Fragment, useCallback, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { AccountPage } from '../account/AccountPage.js';
import { DocumentsSection } from '../account/DocumentsSection.js';
import { MfaSetupPrompt } from '../account/TwoFactorSection.js';
import { Approvals } from './Approvals.js';
import { LoginForm } from '../components/LoginForm.js';
import { Navigate } from '../components/Navigate.js';
import { ErrorBox, Loading, SessionEndedNotice } from '../components/Status.js';
import { LanguageSwitcher } from '../components/LanguageSwitcher.js';
import { useLanguage, useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { Link, navigate, type AppLocation } from '../router.js';
import { useServices, useSession, useSessionExpired } from '../services.js';
import type { CompanyDetail, Me, ShopSettings } from '../types.js';
import { useAsync } from '../useAsync.js';
import { useIdleSignOut } from '../useIdleSignOut.js';
import { CartProvider, useCart } from './cart.js';
import { CartPage } from './CartPage.js';
import { ActiveCompanyContext, CompanySwitcher } from './CompanySwitcher.js';
import { RequisitionLists } from './RequisitionLists.js';
import { Catalog } from './Catalog.js';
import { Checkout } from './Checkout.js';
import { GroupBuying } from './GroupBuying.js';
import { OrderList, OrderPage } from './Orders.js';
import { LoginWall } from './LoginWall.js';
import { AgreementSelect, isCompanyUser, PricingProvider, usePricing } from './pricing.js';
import { ProductDetail } from './ProductDetail.js';
import { SearchBox } from './SearchBox.js';
import { SearchPage } from './SearchPage.js';
import { QuickQuote } from './QuickQuote.js';
import { QuotePage, QuoteList } from './Quotes.js';
import { Registration } from './Registration.js';
import { GuestReturn, NewReturn, ReturnList, ReturnPage } from './Returns.js';
import { CheckoutOrTransfer, PunchoutBanner, PunchoutStart } from './Punchout.js';
import { InvitationsBanner, InvitationsPage } from './Invitations.js';

export const ShopApp = ({ location }: { location: AppLocation }) => {
  const { api, auth } = useServices();
  const t = useT();
  const { adopt } = useLanguage();
  const session = useSession(auth.shop);
  const sessionExpired = useSessionExpired(auth.shop);
  // After a completed MFA setup (403 MFA_SETUP_REQUIRED before) everything keyed by the session loads again.
  const dataVersion = useSyncExternalStore(auth.shop.subscribe, auth.shop.getDataVersion);
  const mfaSetupRequired = useSyncExternalStore(auth.shop.subscribe, auth.shop.mfaSetupRequired);
  const sessionKey = session ? `${session.signedInAt}${dataVersion > 0 ? `:${dataVersion}` : ''}` : 'guest';
  const shop = useAsync((signal) => api.shop.getShop(signal), []);
  const me = useAsync((signal) => (session ? api.shop.getMe(signal) : undefined), [sessionKey]);
  useIdleSignOut(auth.shop, session, me.data?.user.sessionTimeoutMinutes);
  const meData = me.data;
  const setMe = me.setData;
  // Keep the header in step with edits on the account page (without reloading /me).
  const companyChanged = useCallback(
    (company: CompanyDetail) => {
      if (meData?.company) setMe({ ...meData, company: { ...meData.company, name: company.name, vatId: company.vatId } });
    },
    [meData, setMe],
  );

  useEffect(() => {
    if (shop.data) document.title = shop.data.name;
  }, [shop.data]);
  useEffect(() => {
    if (meData) adopt(meData.user);
  }, [meData, adopt]);

  if (shop.loading) return <Loading label={t('shell.loadingShop')} />;
  if (shop.error || !shop.data) {
    return (
      <div className="container page-error">
        <ErrorBox error={shop.error} onRetry={shop.reload}>
          {t('shell.shopUnavailable')}
        </ErrorBox>
      </div>
    );
  }
  const settings = shop.data;
  const { pathname } = location;
  const signedIn = session !== null;

  let content;
  let showLogin = true;
  if (mfaSetupRequired && signedIn && pathname !== '/punchout/start') {
    content = <MfaSetupPrompt client="shop" onSignOut={() => auth.shop.signOut()} />;
  } else if (pathname === '/punchout/start') {
    showLogin = false;
    content = <PunchoutStart code={location.query.get('code') ?? ''} />;
  } else if (pathname === '/login') {
    showLogin = false;
    content = signedIn ? (
      <Navigate to="/" />
    ) : (
      <div className="login-page">
        <LoginForm
          auth={auth.shop}
          title={t('shell.signInTo', { shop: settings.name })}
          subtitle={t('shell.signInSubtitle')}
          onSignedIn={() => navigate('/')}
          footer={
            settings.registrationOpen ? (
              <p className="login-footer">
                {t('shell.newCustomer')}{' '}
                <Link to="/register" data-testid="request-account">
                  {t('shell.requestAccount')}
                </Link>
              </p>
            ) : undefined
          }
        />
      </div>
    );
  } else if (pathname === '/register') {
    content = signedIn ? <Navigate to="/account" /> : <Registration shop={settings} />;
  } else if (pathname === '/returns/guest') {
    content = <GuestReturn />;
  } else if (settings.loginOnly && !signedIn) {
    showLogin = false;
    content = <LoginWall shop={settings} />;
  } else if (pathname === '/account' || pathname.startsWith('/account/')) {
    if (!signedIn) {
      showLogin = false;
      content = (
        <div className="login-page">
          <LoginForm auth={auth.shop} title={t('shell.accountSignIn')} subtitle={t('shell.accountSignInSubtitle')} />
        </div>
      );
    } else if (me.loading) {
      content = <Loading label={t('shell.loadingAccount')} />;
    } else if (me.error || !me.data) {
      content = <ErrorBox error={me.error} onRetry={me.reload} />;
    } else if (!me.data.company) {
      content = (
        <section className="card narrow">
          <h1>{t('shell.myAccount')}</h1>
          <p className="muted">{t('shell.noCompany')}</p>
        </section>
      );
    } else {
      content = (
        <AccountPage
          key={me.data.company.id}
          api={api.shop}
          companyId={me.data.company.id}
          viewer={{ role: me.data.user.role, sub: me.data.user.sub }}
          me={me.data}
          onMeChanged={me.setData}
          onCompanyChanged={companyChanged}
          section={pathname === '/account' ? 'overview' : pathname.slice('/account/'.length)}
        />
      );
    }
  } else if (companyPages.some((page) => page.matches(pathname))) {
    const page = companyPages.find((candidate) => candidate.matches(pathname))!;
    if (!signedIn) {
      showLogin = false;
      content = (
        <div className="login-page">
          <LoginForm auth={auth.shop} title={t(page.signInTitle)} subtitle={t(page.signInSubtitle)} />
        </div>
      );
    } else if (me.loading) {
      content = <Loading label={t('shell.loadingAccount')} />;
    } else if (me.error || !me.data) {
      content = <ErrorBox error={me.error} onRetry={me.reload} />;
    } else if (!isCompanyUser(me.data) || !me.data.company) {
      content = (
        <section className="card narrow">
          <h1>{t(page.title)}</h1>
          <p className="muted">{t('shell.companyPageOnly', { page: t(page.title) })}</p>
        </section>
      );
    } else {
      content = page.render(pathname, { ...me.data, company: me.data.company });
    }
  } else if (pathname === '/search') {
    content = <SearchPage shop={settings} signedIn={signedIn} sessionKey={sessionKey} query={location.query} />;
  } else if (pathname === '/') {
    content = <Catalog shop={settings} signedIn={signedIn} sessionKey={sessionKey} selectedCategoryId={location.query.get('category')} />;
  } else if (pathname.startsWith('/products/')) {
    const sku = safeDecode(pathname.slice('/products/'.length));
    content = <ProductDetail key={sku} sku={sku} shop={settings} signedIn={signedIn} sessionKey={sessionKey} />;
  } else {
    content = (
      <section className="card narrow">
        <h1>{t('shell.notFound')}</h1>
        <p className="muted">{t('shell.notFoundText')}</p>
        <Link to="/">{t('shell.backToCatalog')}</Link>
      </section>
    );
  }

  return (
    <PricingProvider email={session?.email} me={me.data} sessionKey={sessionKey}>
      <CartProvider enabled={signedIn && isCompanyUser(me.data)} sessionKey={sessionKey}>
        <ActiveCompanyContext.Provider value={signedIn && isCompanyUser(me.data) ? me.data?.company?.id : undefined}>
          <div className="app app-shop">
            <ShopHeader
              shop={settings}
              me={me.data}
              email={session?.email}
              showLogin={showLogin}
              pathname={pathname}
              searchQuery={pathname === '/search' ? (location.query.get('q') ?? '') : ''}
            />
            <main className="container main">
              {sessionExpired && <SessionEndedNotice onDismiss={auth.shop.dismissExpiry} message={auth.shop.sessionEndMessage()} />}
              <PunchoutBanner />
              {signedIn && isCompanyUser(me.data) && pathname !== '/invitations' && <InvitationsBanner sessionKey={sessionKey} />}
              <Fragment key={dataVersion}>{content}</Fragment>
            </main>
            <ShopFooter shop={settings} />
          </div>
        </ActiveCompanyContext.Provider>
      </CartProvider>
    </PricingProvider>
  );
};

type CompanyMe = Me & { company: NonNullable<Me['company']> };

/** Shop pages for users of a customer company (sign-in form for guests, a notice for staff). */
interface CompanyPage {
  matches: (pathname: string) => boolean;
  title: MessageKey;
  signInTitle: MessageKey;
  signInSubtitle: MessageKey;
  render: (pathname: string, me: CompanyMe) => ReactNode;
}

const orderIdOf = (pathname: string): string => safeDecode(pathname.slice('/orders/'.length));
const poolIdOf = (pathname: string): string => safeDecode(pathname.slice('/pools/'.length));
/** `/quotes/<offerId>` or, from the e-mail link, `/quotes/<companyId>/<offerId>`. */
const quoteIdOf = (pathname: string): string => safeDecode(pathname.slice('/quotes/'.length).split('/').pop() ?? '');

/** Matches a page under `prefix` with something after it (`/orders/<id>`, not `/orders/`). */
const below = (prefix: string) => (pathname: string) => pathname.startsWith(prefix) && pathname.length > prefix.length;

const companyPages: readonly CompanyPage[] = [
  {
    matches: (pathname) => pathname === '/invitations',
    title: 'shell.page.invitations',
    signInTitle: 'shell.page.invitations.signIn',
    signInSubtitle: 'shell.page.invitations.subtitle',
    render: (_pathname, me) => <InvitationsPage me={me} />,
  },
  {
    matches: (pathname) => pathname === '/returns',
    title: 'shell.page.returns',
    signInTitle: 'shell.page.returns.signIn',
    signInSubtitle: 'shell.page.returns.subtitle',
    render: (_pathname, me) => <ReturnList key={me.company.id} companyId={me.company.id} />,
  },
  {
    matches: below('/returns/new/'),
    title: 'shell.page.return',
    signInTitle: 'shell.page.newReturn.signIn',
    signInSubtitle: 'shell.page.returns.subtitle',
    render: (pathname, me) => <NewReturn key={pathname} companyId={me.company.id} orderId={safeDecode(pathname.slice('/returns/new/'.length))} />,
  },
  {
    matches: below('/returns/'),
    title: 'shell.page.return',
    signInTitle: 'shell.page.return.signIn',
    signInSubtitle: 'shell.page.returns.subtitle',
    render: (pathname, me) => <ReturnPage key={pathname} companyId={me.company.id} rmaId={safeDecode(pathname.slice('/returns/'.length))} />,
  },
  {
    matches: (pathname) => pathname === '/quote',
    title: 'shell.page.quickQuote',
    signInTitle: 'shell.page.quickQuote.signIn',
    signInSubtitle: 'shell.page.quickQuote.subtitle',
    render: () => <QuickQuote />,
  },
  {
    matches: (pathname) => pathname === '/cart',
    title: 'shell.page.cart',
    signInTitle: 'shell.page.cart.signIn',
    signInSubtitle: 'shell.page.cart.subtitle',
    render: () => <CartPage />,
  },
  {
    matches: (pathname) => pathname === '/checkout',
    title: 'shell.page.checkout',
    signInTitle: 'shell.page.checkout.signIn',
    signInSubtitle: 'shell.page.cart.subtitle',
    render: (_pathname, me) => (
      <CheckoutOrTransfer>
        <Checkout key={me.user.sub} companyCountry={me.company.country} />
      </CheckoutOrTransfer>
    ),
  },
  {
    matches: (pathname) => pathname === '/orders',
    title: 'shell.page.orders',
    signInTitle: 'shell.page.orders.signIn',
    signInSubtitle: 'shell.page.orders.subtitle',
    render: (_pathname, me) => <OrderList key={me.company.id} companyId={me.company.id} canApprove={me.user.role === 'company-admin'} />,
  },
  {
    matches: below('/orders/'),
    title: 'shell.page.order',
    signInTitle: 'shell.page.order.signIn',
    signInSubtitle: 'shell.page.orders.subtitle',
    render: (pathname, me) => (
      <OrderPage key={orderIdOf(pathname)} companyId={me.company.id} orderId={orderIdOf(pathname)} canApprove={me.user.role === 'company-admin'} />
    ),
  },
  {
    matches: (pathname) => pathname === '/documents',
    title: 'shell.page.documents',
    signInTitle: 'shell.page.documents.signIn',
    signInSubtitle: 'shell.page.documents.subtitle',
    render: (_pathname, me) => <DocumentsPage key={me.company.id} companyId={me.company.id} />,
  },
  {
    matches: (pathname) => pathname === '/approvals',
    title: 'shell.page.approvals',
    signInTitle: 'shell.page.approvals.signIn',
    signInSubtitle: 'shell.page.approvals.subtitle',
    render: (_pathname, me) => <Approvals key={me.company.id} companyId={me.company.id} />,
  },
  {
    matches: (pathname) => pathname === '/lists' || pathname.startsWith('/lists/'),
    title: 'shell.page.lists',
    signInTitle: 'shell.page.lists.signIn',
    signInSubtitle: 'shell.page.lists.subtitle',
    render: (pathname, me) => (
      <RequisitionLists
        key={me.company.id}
        companyId={me.company.id}
        {...(pathname.length > '/lists/'.length ? { listId: safeDecode(pathname.slice('/lists/'.length)) } : {})}
      />
    ),
  },
  {
    matches: (pathname) => pathname === '/quotes',
    title: 'shell.page.quotes',
    signInTitle: 'shell.page.quotes.signIn',
    signInSubtitle: 'shell.page.quotes.subtitle',
    render: (_pathname, me) => <QuoteList key={me.company.id} companyId={me.company.id} />,
  },
  {
    matches: below('/quotes/'),
    title: 'shell.page.quote',
    signInTitle: 'shell.page.quote.signIn',
    signInSubtitle: 'shell.page.quotes.subtitle',
    render: (pathname, me) => (
      <QuotePage
        key={quoteIdOf(pathname)}
        companyId={me.company.id}
        offerId={quoteIdOf(pathname)}
        canAccept={me.user.role === 'company-admin' || me.user.role === 'buyer' || me.user.role === 'super-user'}
      />
    ),
  },
  {
    matches: (pathname) => pathname === '/pools',
    title: 'shell.page.pools',
    signInTitle: 'shell.page.pools.signIn',
    signInSubtitle: 'shell.page.pools.subtitle',
    render: (_pathname, me) => <GroupBuying key={me.company.id} role={me.user.role} />,
  },
  {
    matches: below('/pools/'),
    title: 'shell.page.pools',
    signInTitle: 'shell.page.pools.signIn',
    signInSubtitle: 'shell.page.pools.subtitle',
    render: (pathname, me) => <GroupBuying key={`${me.company.id}/${poolIdOf(pathname)}`} poolId={poolIdOf(pathname)} role={me.user.role} />,
  },
];

const DocumentsPage = ({ companyId }: { companyId: string }) => {
  const { api } = useServices();
  const t = useT();
  return (
    <div className="documents-page" data-testid="documents-page">
      <header className="section-header">
        <div>
          <h1>{t('shell.page.documents')}</h1>
          <p className="muted">{t('shell.page.documents.intro')}</p>
        </div>
      </header>
      <DocumentsSection api={api.shop} companyId={companyId} />
    </div>
  );
};

const ShopFooter = ({ shop }: { shop: ShopSettings }) => {
  const { selected } = usePricing();
  const t = useT();
  return (
    <footer className="footer">
      <div className="container">
        {t('shell.footer', { shop: shop.name, currency: selected?.currency ?? shop.currency })} ·{' '}
        <Link to="/returns/guest" data-testid="guest-rma-link">
          {t('shell.guestReturn')}
        </Link>
      </div>
    </footer>
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
  pathname: string;
  /** The words of the results page (empty elsewhere), shown in the search box. */
  searchQuery: string;
}

const ShopHeader = ({ shop, me, email, showLogin, pathname, searchQuery }: ShopHeaderProps) => {
  const { api, auth } = useServices();
  const t = useT();
  const signedIn = email !== undefined;
  // A login-only shop shows guests nothing to search; a punchout start has no header actions yet.
  const searchable = (signedIn || !shop.loginOnly) && pathname !== '/punchout/start';
  // Phones: the account actions, the tabs and the agreement fold into a menu under one button.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: delegation only: the links inside are the controls; a link chosen in the menu closes it, also when it leads to the page already shown.
    <header
      className={menuOpen ? 'topbar menu-open' : 'topbar'}
      onClick={(event) => {
        if (menuOpen && (event.target as HTMLElement).closest('a')) setMenuOpen(false);
      }}
    >
      <div className="container topbar-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{shop.name}</span>
        </Link>
        {searchable && <SearchBox query={searchQuery} />}
        <div className="topbar-quick">
          {signedIn && <CartBadge />}
          <button
            type="button"
            className="btn btn-ghost menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="shop-menu"
            onClick={() => setMenuOpen((open) => !open)}
            data-testid="menu-toggle"
          >
            {t(menuOpen ? 'shell.menuClose' : 'shell.menu')}
          </button>
        </div>
        <div className="topbar-actions" id="shop-menu">
          {signedIn ? (
            <>
              {me?.company?.manager && (
                <a
                  className="header-manager"
                  href={`mailto:${me.company.manager.email}`}
                  data-testid="header-manager"
                  title={t(me.company.manager.phone ? 'shell.managerTitlePhone' : 'shell.managerTitle', me.company.manager)}
                >
                  <span className="header-manager-label">{t('shell.yourManager')}</span>
                  <span className="header-manager-name">{me.company.manager.name}</span>
                  {me.company.manager.phone && <span className="header-manager-phone">{me.company.manager.phone}</span>}
                </a>
              )}
              <div className="user-info">
                <span className="user-name">{me?.user.name ?? email}</span>{' '}
                <span className="user-meta">
                  {me?.company && <span className="user-company">{me.company.name} · </span>}
                  <span data-testid="current-user">{me?.user.email ?? email}</span>
                </span>
              </div>
              <CompanySwitcher me={me} />
              <LanguageSwitcher save={(language) => api.shop.updatePreferences({ language })} />
              <Link to="/account" className="btn btn-ghost" data-testid="account-link">
                {t('shell.myAccount')}
              </Link>
              <button type="button" className="btn btn-ghost" data-testid="logout" onClick={() => auth.shop.signOut()}>
                {t('shell.logOut')}
              </button>
            </>
          ) : (
            <>
              <LanguageSwitcher />
              {showLogin && shop.registrationOpen && (
                <Link to="/register" className="btn btn-ghost" data-testid="register-link">
                  {t('shell.requestAccount')}
                </Link>
              )}
              {showLogin && (
                <Link to="/login" className="btn btn-primary" data-testid="login-link">
                  {t('shell.logIn')}
                </Link>
              )}
            </>
          )}
        </div>
      </div>
      {signedIn && isCompanyUser(me) && (
        <div className="subbar">
          <div className="container subbar-inner">
            <nav className="subnav" aria-label={t('shell.navLabel')}>
              <Link to="/" className={pathname === '/' || pathname.startsWith('/products/') ? 'subnav-link active' : 'subnav-link'} data-testid="catalog-link">
                {t('shell.nav.catalog')}
              </Link>
              <Link to="/quote" className={pathname === '/quote' ? 'subnav-link active' : 'subnav-link'} data-testid="quote-link">
                {t('shell.page.quickQuote')}
              </Link>
              <Link to="/cart" className={pathname === '/cart' || pathname === '/checkout' ? 'subnav-link active' : 'subnav-link'} data-testid="cart-nav-link">
                {t('shell.page.cart')}
              </Link>
              <Link
                to="/orders"
                className={pathname === '/orders' || pathname.startsWith('/orders/') ? 'subnav-link active' : 'subnav-link'}
                data-testid="orders-link"
              >
                {t('shell.page.orders')}
              </Link>
              <Link to="/returns" className={pathname.startsWith('/returns') ? 'subnav-link active' : 'subnav-link'} data-testid="returns-link">
                {t('shell.nav.returns')}
              </Link>
              <Link
                to="/lists"
                className={pathname === '/lists' || pathname.startsWith('/lists/') ? 'subnav-link active' : 'subnav-link'}
                data-testid="lists-link"
              >
                {t('shell.page.lists')}
              </Link>
              <Link to="/documents" className={pathname === '/documents' ? 'subnav-link active' : 'subnav-link'} data-testid="documents-link">
                {t('shell.page.documents')}
              </Link>
              <Link to="/approvals" className={pathname === '/approvals' ? 'subnav-link active' : 'subnav-link'} data-testid="approvals-link">
                {t('shell.page.approvals')}
              </Link>
              <Link
                to="/quotes"
                className={pathname === '/quotes' || pathname.startsWith('/quotes/') ? 'subnav-link active' : 'subnav-link'}
                data-testid="quotes-link"
              >
                {t('shell.page.quotes')}
              </Link>
              <Link
                to="/pools"
                className={pathname === '/pools' || pathname.startsWith('/pools/') ? 'subnav-link active' : 'subnav-link'}
                data-testid="pools-link"
              >
                {t('shell.page.pools')}
              </Link>
            </nav>
            <AgreementSelect />
          </div>
        </div>
      )}
    </header>
  );
};

/** Header link to the cart with the number of lines. */
const CartBadge = () => {
  const cart = useCart();
  const t = useT();
  if (!cart.enabled) return null;
  return (
    <Link to="/cart" className="btn btn-ghost cart-badge" data-testid="cart-link" aria-label={t('shell.cartBadge', { count: cart.count })}>
      {t('shell.page.cart')}
      <span className={cart.count > 0 ? 'cart-count' : 'cart-count empty'} data-testid="cart-count">
        {cart.count}
      </span>
    </Link>
  );
};

import { lazy, Suspense, useEffect, useState } from 'react';
import { loadConfig } from './config.js';
import { ErrorBox, Loading } from './components/Status.js';
import { useLocation } from './router.js';
import { I18nProvider, useT } from './i18n/I18n.js';
import { createServices, ServicesContext, type Services } from './services.js';

// Buyers never download the console and staff never the shop: one bundle each.
const ConsoleApp = lazy(() => import('./console/ConsoleApp.js').then((module) => ({ default: module.ConsoleApp })));
const ShopApp = lazy(() => import('./shop/ShopApp.js').then((module) => ({ default: module.ShopApp })));

/** Config and services are created once per page load (StrictMode runs effects twice). */
let servicesPromise: Promise<Services> | undefined;
const getServices = (): Promise<Services> => {
  servicesPromise ??= loadConfig()
    .then(createServices)
    .catch((error: unknown) => {
      servicesPromise = undefined;
      throw error;
    });
  return servicesPromise;
};

const isConsolePath = (pathname: string): boolean => pathname === '/console' || pathname.startsWith('/console/');

export const App = () => (
  <I18nProvider>
    <Portal />
  </I18nProvider>
);

const Portal = () => {
  const t = useT();
  const [services, setServices] = useState<Services | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const location = useLocation();

  useEffect(() => {
    let active = true;
    setError(null);
    getServices().then(
      (loaded) => active && setServices(loaded),
      (failure: unknown) => active && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      active = false;
    };
  }, [attempt]);

  if (error) {
    return (
      <div className="container page-error">
        <h1>{t('common.portalFailed')}</h1>
        <ErrorBox onRetry={() => setAttempt((n) => n + 1)}>{error}</ErrorBox>
      </div>
    );
  }
  if (!services) return <Loading label={t('common.starting')} />;

  return (
    <ServicesContext.Provider value={services}>
      <Suspense fallback={<Loading />}>{isConsolePath(location.pathname) ? <ConsoleApp location={location} /> : <ShopApp location={location} />}</Suspense>
    </ServicesContext.Provider>
  );
};

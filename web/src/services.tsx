/** Per-app singletons built from /config.json: auth clients and API clients for shop and console. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import { ApiClient } from './api.js';
import { AuthClient, type Session } from './auth.js';
import type { ClientKind, RuntimeConfig } from './types.js';

export interface Services {
  config: RuntimeConfig;
  auth: Record<ClientKind, AuthClient>;
  api: Record<ClientKind, ApiClient>;
}

export const createServices = (config: RuntimeConfig): Services => {
  const shopAuth = new AuthClient(config, 'shop');
  const consoleAuth = new AuthClient(config, 'console');
  return {
    config,
    auth: { shop: shopAuth, console: consoleAuth },
    api: { shop: new ApiClient(config.apiBaseUrl, shopAuth), console: new ApiClient(config.apiBaseUrl, consoleAuth) },
  };
};

export const ServicesContext = createContext<Services | null>(null);

export const useServices = (): Services => {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesContext');
  return services;
};

/** The current session of an auth client; re-renders on sign-in, refresh and sign-out. */
export const useSession = (auth: AuthClient): Session | null => useSyncExternalStore(auth.subscribe, auth.getSession);

/** Whether the last session ended on its own (refresh failed, token rejected) and the notice is not dismissed. */
export const useSessionExpired = (auth: AuthClient): boolean => useSyncExternalStore(auth.subscribe, auth.sessionExpired);

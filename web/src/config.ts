import type { RuntimeConfig } from './types.js';

const requiredKeys = ['apiBaseUrl', 'region', 'userPoolId', 'shopClientId', 'consoleClientId', 'cognitoEndpoint'] as const;

/** Loads `/config.json` (written by the deployment or the local stack). */
export const loadConfig = async (): Promise<RuntimeConfig> => {
  const response = await fetch('/config.json', { cache: 'no-store', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Could not load /config.json (HTTP ${response.status})`);
  const data = (await response.json()) as Partial<Record<string, unknown>>;
  const missing = requiredKeys.filter((key) => typeof data[key] !== 'string' || data[key] === '');
  if (missing.length > 0) throw new Error(`/config.json is missing ${missing.join(', ')}`);
  const config = data as unknown as RuntimeConfig;
  return { ...config, apiBaseUrl: config.apiBaseUrl.replace(/\/+$/, '') };
};

/**
 * The app's settings, from /config.json beside index.html: written by the CDK
 * app at deploy time (API URL, Cognito, Stripe's publishable key), served by
 * `npm start` locally. Loaded once before the first render; nothing about the
 * environment is baked into the bundle.
 */
import type { WebConfig } from '@shifa/contracts';
import { WEB_CONFIG_PATH } from '@shifa/contracts/web-paths';
import { createContext, useContext } from 'react';

export type { WebConfig };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The shape the app relies on, checked by hand: the schema itself lives in @shifa/contracts (zod),
 * and the CDK app validates the file against it before deploying; here a few bytes of checks
 * keep a broken file from becoming a blank page, without shipping zod to every tourist.
 */
export function checkConfig(value: unknown): WebConfig {
  const problems: string[] = [];
  if (!isRecord(value)) throw new Error(`${WEB_CONFIG_PATH} is not a JSON object`);
  if (typeof value.apiUrl !== 'string' || value.apiUrl.endsWith('/')) {
    problems.push('apiUrl must be a URL without a trailing slash, or ""');
  }
  const auth = value.auth;
  if (!isRecord(auth) || (auth.provider !== 'cognito' && auth.provider !== 'local')) {
    problems.push('auth.provider must be "cognito" or "local"');
  } else {
    for (const key of ['authorizeUrl', 'tokenUrl', 'clientId'] as const) {
      if (typeof auth[key] !== 'string' || auth[key] === '') problems.push(`auth.${key} is missing`);
    }
    if (!Array.isArray(auth.scopes) || !auth.scopes.includes('openid')) {
      problems.push('auth.scopes must include openid');
    }
  }
  const payments = value.payments;
  if (!isRecord(payments)) problems.push('payments is missing');
  else if (payments.provider === 'simulator') {
    if (typeof payments.apiUrl !== 'string' || typeof payments.publishableKey !== 'string') {
      problems.push('payments.apiUrl and payments.publishableKey are required for the simulator');
    }
  } else if (payments.provider === 'stripe') {
    if (payments.publishableKey !== null && typeof payments.publishableKey !== 'string') {
      problems.push('payments.publishableKey must be a string or null');
    }
  } else problems.push('payments.provider must be "stripe" or "simulator"');
  if (problems.length > 0) throw new Error(`${WEB_CONFIG_PATH}: ${problems.join('; ')}`);
  return value as WebConfig;
}

export async function loadConfig(fetcher: typeof fetch = fetch): Promise<WebConfig> {
  const response = await fetcher(WEB_CONFIG_PATH, {
    headers: { accept: 'application/json' },
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`${WEB_CONFIG_PATH}: HTTP ${response.status}`);
  return checkConfig(await response.json());
}

const ConfigContext = createContext<WebConfig | undefined>(undefined);
export const ConfigProvider = ConfigContext.Provider;

export function useConfig(): WebConfig {
  const config = useContext(ConfigContext);
  if (config === undefined) throw new Error('useConfig outside ConfigProvider');
  return config;
}

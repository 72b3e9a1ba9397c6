/**
 * The LOCAL-ONLY endpoints `npm start` adds under /_local/: demo users to sign
 * in as, a token for one, and where the payment simulator listens. They do not
 * exist on AWS; there, sign-in goes through Cognito (a seam this app leaves
 * open in session.tsx) and payments through Stripe.js.
 */
import type {
  DemoUserList,
  LocalTokenBody,
  LocalTokenResponse,
  LocalWebConfig,
} from '@shifa/local/local-web-api';

export type { DemoUserView } from '@shifa/local/local-web-api';
export type { LocalTokenResponse, LocalWebConfig };

/** Undefined when the server has no /_local/ endpoints (any deployment but a local run). */
async function localGet<T>(path: string): Promise<T | undefined> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  // A static host answers unknown paths with its index.html: that too means "not a local run".
  const json = /^application\/json\b/.test(response.headers.get('content-type') ?? '');
  if (response.status === 404 || (response.ok && !json)) return undefined;
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const demoUsers = () => localGet<DemoUserList>('/_local/demo-users');

let config: Promise<LocalWebConfig | undefined> | undefined;
export const localConfig = (): Promise<LocalWebConfig | undefined> => {
  config ??= localGet<LocalWebConfig>('/_local/config').catch((error: unknown) => {
    config = undefined;
    throw error;
  });
  return config;
};

export async function demoToken(userId: string): Promise<LocalTokenResponse> {
  const body: LocalTokenBody = { userId };
  const response = await fetch('/_local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`/_local/token: HTTP ${response.status}`);
  return (await response.json()) as LocalTokenResponse;
}

/**
 * The LOCAL-ONLY demo sign-in that `npm start` offers in Cognito's place: the
 * demo users to choose from, and the choice sent back to the local
 * authorisation server with the OAuth request it handed to the picker. Neither
 * endpoint exists on AWS, where Cognito's managed login asks for a password.
 */
import type { DemoUserList, LocalAuthorizeBody, LocalAuthorizeResponse } from '@shifa/local/local-web-api';

export type { DemoUserView } from '@shifa/local/local-web-api';

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      | { error?: { message?: string } }
      | undefined;
    throw new Error(body?.error?.message ?? `${path}: HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

export const demoUsers = () => json<DemoUserList>('/_local/demo-users');

/** The picker's answer: the browser then goes to `redirectTo`, the app's callback with a code. */
export function chooseDemoUser(userId: string, request: string): Promise<LocalAuthorizeResponse> {
  const body: LocalAuthorizeBody = { userId, request };
  return json<LocalAuthorizeResponse>('/_local/oauth2/authorize', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * LOCAL-ONLY endpoints under /_local/, served by `npm start` and never deployed:
 * the CDK app knows nothing of them and API Gateway has no such routes. They let
 * the web app sign in as a demo user (a token from the same local issuer that
 * `npm run token` uses) and find the payment simulator. On AWS, Cognito signs
 * users in and the web app gets its settings from the stack's outputs.
 */
import type { ErrorResponse } from '@shifa/contracts';
import { DEMO_USERS, type DemoUser } from './demo/users';
import type { LocalIssuer } from './issuer';
import {
  type DemoUserList,
  type DemoUserView,
  LOCAL_PREFIX,
  LocalTokenBody,
  type LocalTokenResponse,
  type LocalWebConfig,
} from './local-web-api';

export type LocalRequest = {
  method: string;
  path: string;
  contentType: string | undefined;
  body: Buffer;
  /** The peer's address: tokens are handed out only to this machine. */
  remoteAddress: string | undefined;
};

export type LocalReply = { status: number; body: unknown };

export type LocalEndpoints = (request: LocalRequest) => Promise<LocalReply>;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function problem(status: number, code: string, message: string): LocalReply {
  const body: ErrorResponse = { error: { code, message } };
  return { status, body };
}

/** The `exp` the issuer wrote into the token, as an ISO instant. */
function expiryOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    exp: number;
  };
  return new Date(payload.exp * 1000).toISOString();
}

const view = (user: DemoUser): DemoUserView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  organisation: user.organisation,
});

export function createLocalEndpoints(options: {
  issuer: LocalIssuer;
  payments: LocalWebConfig['payments'];
  users?: readonly DemoUser[];
}): LocalEndpoints {
  const users = options.users ?? DEMO_USERS;
  return async (request) => {
    const name = request.path.slice(LOCAL_PREFIX.length);
    if (name === 'demo-users') {
      if (request.method !== 'GET') return problem(405, 'method_not_allowed', 'use GET /_local/demo-users');
      const body: DemoUserList = { users: users.map(view) };
      return { status: 200, body };
    }
    if (name === 'config') {
      if (request.method !== 'GET') return problem(405, 'method_not_allowed', 'use GET /_local/config');
      const body: LocalWebConfig = { payments: options.payments };
      return { status: 200, body };
    }
    if (name === 'token') {
      if (request.method !== 'POST') return problem(405, 'method_not_allowed', 'use POST /_local/token');
      if (request.remoteAddress === undefined || !LOOPBACK.test(request.remoteAddress)) {
        return problem(403, 'local_only', 'demo tokens are handed out only to this machine');
      }
      // JSON only: a cross-site form post cannot send it without a CORS preflight, which is never granted.
      if (!/^application\/json\b/i.test(request.contentType ?? '')) {
        return problem(415, 'unsupported_media_type', 'send the body as application/json');
      }
      let input: unknown;
      try {
        input = JSON.parse(request.body.toString('utf8'));
      } catch {
        return problem(400, 'invalid_json', 'the body is not valid JSON');
      }
      const parsed = LocalTokenBody.safeParse(input);
      if (!parsed.success) return problem(400, 'validation_failed', 'send {"userId": "<a demo user id>"}');
      const user = users.find((candidate) => candidate.id === parsed.data.userId);
      if (user === undefined) {
        return problem(404, 'demo_user_not_found', `no demo user "${parsed.data.userId}"`);
      }
      const token = await options.issuer.sign(user);
      const body: LocalTokenResponse = { token, expiresAt: expiryOf(token), user: view(user) };
      return { status: 200, body };
    }
    return problem(404, 'route_not_found', `no local endpoint ${request.method} ${request.path}`);
  };
}

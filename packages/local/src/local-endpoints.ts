/**
 * LOCAL-ONLY endpoints, served by `npm start` and never deployed: the CDK app
 * knows nothing of them and API Gateway has no such routes.
 * - GET /config.json: the web app's settings (WebConfig), as the CDK app writes
 *   them beside the deployed app: same-origin API, the local sign-in, the
 *   payment simulator (or Stripe test mode).
 * - /_local/oauth2/authorize and /_local/oauth2/token: the local issuer as an
 *   OAuth 2.0 server with PKCE (oauth.ts), in Cognito's place.
 * - GET /_local/demo-users and POST /_local/oauth2/authorize: the demo-user
 *   picker the authorise endpoint hands the sign-in to.
 */
import {
  type ErrorResponse,
  WEB_AUTH_CALLBACK_PATH,
  WEB_CONFIG_PATH,
  type WebConfig,
  type WebPaymentsConfig,
} from '@shifa/contracts';
import { DEMO_USERS, type DemoUser } from './demo/users';
import type { LocalIssuer } from './issuer';
import {
  type DemoUserList,
  type DemoUserView,
  LOCAL_PREFIX,
  LocalAuthorizeBody,
  type LocalAuthorizeResponse,
} from './local-web-api';
import { createLocalAuthorisationServer, LOCAL_LOGIN_PAGE, LOCAL_SCOPES } from './oauth';

export type LocalRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: Buffer;
  /** The peer's address: sign-ins are granted only to this machine. */
  remoteAddress: string | undefined;
};

/** A JSON body, or none (a redirect). */
export type LocalReply = { status: number; body?: unknown; headers?: Record<string, string> };

export type LocalEndpoints = {
  /** Whether a path is one of these endpoints (so the server does not look for an API route). */
  handles(path: string): boolean;
  handle(request: LocalRequest): Promise<LocalReply>;
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const AUTHORIZE = `${LOCAL_PREFIX}oauth2/authorize`;
const TOKEN = `${LOCAL_PREFIX}oauth2/token`;

function problem(status: number, code: string, message: string): LocalReply {
  const body: ErrorResponse = { error: { code, message } };
  return { status, body };
}

const redirect = (location: string): LocalReply => ({ status: 302, headers: { location } });

const view = (user: DemoUser): DemoUserView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  organisation: user.organisation,
});

function parseJson(request: LocalRequest): { ok: true; value: unknown } | { ok: false; reply: LocalReply } {
  // JSON only: a cross-site form post cannot send it without a CORS preflight, which is never granted.
  if (!/^application\/json\b/i.test(request.contentType ?? '')) {
    return { ok: false, reply: problem(415, 'unsupported_media_type', 'send the body as application/json') };
  }
  try {
    return { ok: true, value: JSON.parse(request.body.toString('utf8')) };
  } catch {
    return { ok: false, reply: problem(400, 'invalid_json', 'the body is not valid JSON') };
  }
}

export function createLocalEndpoints(options: {
  issuer: LocalIssuer;
  payments: WebPaymentsConfig;
  users?: readonly DemoUser[];
}): LocalEndpoints {
  const users = options.users ?? DEMO_USERS;
  const oauth = createLocalAuthorisationServer({
    issuer: options.issuer,
    users,
    callbackPath: WEB_AUTH_CALLBACK_PATH,
  });
  const config: WebConfig = {
    apiUrl: '',
    auth: {
      provider: 'local',
      authorizeUrl: AUTHORIZE,
      tokenUrl: TOKEN,
      clientId: oauth.clientId,
      scopes: [...LOCAL_SCOPES],
    },
    payments: options.payments,
  };

  const only = (method: string, request: LocalRequest): LocalReply | undefined =>
    request.method === method
      ? undefined
      : problem(405, 'method_not_allowed', `use ${method} ${request.path}`);

  async function handle(request: LocalRequest): Promise<LocalReply> {
    const { path } = request;
    if (path === WEB_CONFIG_PATH) return only('GET', request) ?? { status: 200, body: config };
    if (path === `${LOCAL_PREFIX}demo-users`) {
      const body: DemoUserList = { users: users.map(view) };
      return only('GET', request) ?? { status: 200, body };
    }
    if (path === AUTHORIZE && request.method === 'GET') {
      const checked = oauth.check(request.query);
      if (checked.kind === 'refused') return problem(400, checked.error, checked.description);
      if (checked.kind === 'redirect_error') return redirect(checked.location);
      // The request goes on untouched to the picker, which sends it back with the chosen user.
      return redirect(`${LOCAL_LOGIN_PAGE}?${request.query.toString()}`);
    }
    if (path === AUTHORIZE && request.method === 'POST') {
      if (request.remoteAddress === undefined || !LOOPBACK.test(request.remoteAddress)) {
        return problem(403, 'local_only', 'demo users sign in only on this machine');
      }
      const json = parseJson(request);
      if (!json.ok) return json.reply;
      const parsed = LocalAuthorizeBody.safeParse(json.value);
      if (!parsed.success) {
        return problem(400, 'validation_failed', 'send {"userId": "<demo user id>", "request": "<query>"}');
      }
      const checked = oauth.check(new URLSearchParams(parsed.data.request));
      if (checked.kind === 'refused') return problem(400, checked.error, checked.description);
      if (checked.kind === 'redirect_error') {
        const body: LocalAuthorizeResponse = { redirectTo: checked.location };
        return { status: 200, body };
      }
      const user = users.find((candidate) => candidate.id === parsed.data.userId);
      if (user === undefined) {
        return problem(404, 'demo_user_not_found', `no demo user "${parsed.data.userId}"`);
      }
      const body: LocalAuthorizeResponse = { redirectTo: oauth.grant(checked.request, user) };
      return { status: 200, body };
    }
    if (path === AUTHORIZE) return problem(405, 'method_not_allowed', `use GET or POST ${AUTHORIZE}`);
    if (path === TOKEN) {
      const wrong = only('POST', request);
      if (wrong !== undefined) return wrong;
      const reply = await oauth.token(request.contentType, request.body.toString('utf8'));
      return { status: reply.status, body: reply.body };
    }
    return problem(404, 'route_not_found', `no local endpoint ${request.method} ${path}`);
  }

  return {
    handles: (path) => path === WEB_CONFIG_PATH || path.startsWith(LOCAL_PREFIX),
    handle,
  };
}

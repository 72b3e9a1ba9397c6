/**
 * The API's `$default` route: whatever no declared route matched. It answers 405
 * with `Allow` when the path exists under another method, else 404, in the same
 * error shape as every other response.
 */
import { MethodNotAllowedError, NotFoundError } from '@shifa/domain';
import { httpHandler, matchRoute } from '@shifa/http';
import { fallbackRoute, routes } from '../routes';

export const handler = httpHandler({ ...fallbackRoute, auth: 'public' }, async ({ event }) => {
  const { method, path } = event.requestContext.http;
  const match = matchRoute(routes, method, path);
  if (match.kind === 'wrong_method') {
    throw new MethodNotAllowedError(
      match.allowed,
      `${method} is not allowed on ${path}; use ${match.allowed.join(' or ')}`,
    );
  }
  throw new NotFoundError('route_not_found', `no route answers ${method} ${path}`);
});

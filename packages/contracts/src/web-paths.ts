/**
 * Paths the web app and its hosts agree on; free of zod so the web bundle can
 * import them (`@shifa/contracts/web-paths`) without the schemas.
 */

/** Where the OAuth callback lands in the web app; registered with Cognito as a callback URL. */
export const WEB_AUTH_CALLBACK_PATH = '/auth/callback';
/** The file the web app loads its settings from, at the root of the site. */
export const WEB_CONFIG_PATH = '/config.json';

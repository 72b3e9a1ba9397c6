/**
 * The web app's settings, read at start-up from `/config.json` beside its
 * index.html: where the API is, how users sign in, how cards are paid. The CDK
 * app writes this file when it deploys the app (values from the stack, never
 * baked into the bundle); `npm start` serves one for the local engines. Sign-in
 * is the same OAuth 2.0 authorisation code flow with PKCE in both: Cognito's
 * managed login on AWS, the local issuer's demo-user picker on a laptop.
 */
import * as z from 'zod';

export { WEB_AUTH_CALLBACK_PATH, WEB_CONFIG_PATH } from './web-paths';

const UrlOrPath = z
  .string()
  .refine((value) => value.startsWith('/') || /^https?:\/\//.test(value), 'an absolute URL or a path');

export const WebAuthConfig = z.object({
  /** `cognito` on AWS; `local` for the demo users of `npm start` (the app then says it is a demo). */
  provider: z.enum(['cognito', 'local']),
  authorizeUrl: UrlOrPath,
  tokenUrl: UrlOrPath,
  /** Ends the identity provider's own session too; optional. */
  logoutUrl: UrlOrPath.optional(),
  /** The public app client (no secret); also the audience of the tokens the API accepts. */
  clientId: z.string().min(1),
  scopes: z.array(z.string().min(1)).min(1),
});
export type WebAuthConfig = z.infer<typeof WebAuthConfig>;

export const WebPaymentsConfig = z.discriminatedUnion('provider', [
  /** The local Stripe simulator: the app confirms PaymentIntents there with Stripe's test cards. */
  z.object({
    provider: z.literal('simulator'),
    apiUrl: z.string().min(1),
    publishableKey: z.string().min(1),
  }),
  /** Stripe itself: the app mounts Stripe's Payment Element; null until a key is configured. */
  z.object({ provider: z.literal('stripe'), publishableKey: z.string().min(1).nullable() }),
]);
export type WebPaymentsConfig = z.infer<typeof WebPaymentsConfig>;

export const WebConfig = z.object({
  /** Base URL of the HTTP API without a trailing slash; '' when it shares the app's origin. */
  apiUrl: z.string().refine((value) => value === '' || /^https?:\/\/[^?#]*[^/?#]$/.test(value), {
    message: "an http(s) URL without a trailing slash, or '' for the app's own origin",
  }),
  auth: WebAuthConfig,
  payments: WebPaymentsConfig,
});
export type WebConfig = z.infer<typeof WebConfig>;

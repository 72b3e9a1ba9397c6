/**
 * Shapes of the LOCAL-ONLY endpoints under /_local/ that the web app uses on a
 * laptop: the demo users it lets you sign in as, a token for one of them, and
 * where the payment simulator listens. Nothing here exists on AWS, where
 * Cognito signs users in and Stripe.js talks to Stripe. Kept free of Node
 * imports so the web app can take its types from here.
 */
import { Role } from '@shifa/contracts';
import * as z from 'zod';

export const LOCAL_PREFIX = '/_local/';

export const DemoUserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  organisation: z.string().nullable(),
});
export type DemoUserView = z.infer<typeof DemoUserView>;

export const DemoUserList = z.object({ users: z.array(DemoUserView) });
export type DemoUserList = z.infer<typeof DemoUserList>;

export const LocalTokenBody = z.strictObject({ userId: z.string().min(1).max(128) });
export type LocalTokenBody = z.infer<typeof LocalTokenBody>;

export const LocalTokenResponse = z.object({
  /** An ID token signed by the local issuer, used as `Authorization: Bearer …`. */
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: DemoUserView,
});
export type LocalTokenResponse = z.infer<typeof LocalTokenResponse>;

export const LocalWebConfig = z.object({
  payments: z.discriminatedUnion('provider', [
    /** The local Stripe simulator: the web app confirms PaymentIntents there with test cards. */
    z.object({ provider: z.literal('simulator'), apiUrl: z.string(), publishableKey: z.string() }),
    /** Real Stripe test mode: the web app would mount Stripe's Payment Element with this key. */
    z.object({ provider: z.literal('stripe'), publishableKey: z.string().nullable() }),
  ]),
});
export type LocalWebConfig = z.infer<typeof LocalWebConfig>;

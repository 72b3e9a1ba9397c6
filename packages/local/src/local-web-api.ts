/**
 * Shapes of the LOCAL-ONLY endpoints under /_local/ that the web app's demo
 * sign-in uses on a laptop: the demo users it lets you sign in as, and the
 * picker's answer to an OAuth authorisation request. Nothing here exists on
 * AWS, where Cognito's managed login takes the picker's place. Kept free of
 * Node imports so the web app can take its types from here.
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

/**
 * The demo-user picker's answer to an authorisation request: who the user chose to be, and the
 * request's query string exactly as GET /_local/oauth2/authorize received it.
 */
export const LocalAuthorizeBody = z.strictObject({
  userId: z.string().min(1).max(128),
  request: z.string().max(4096),
});
export type LocalAuthorizeBody = z.infer<typeof LocalAuthorizeBody>;

/** Where the browser goes next: the app's callback with a one-time code, or with an OAuth error. */
export const LocalAuthorizeResponse = z.object({ redirectTo: z.string() });
export type LocalAuthorizeResponse = z.infer<typeof LocalAuthorizeResponse>;

/** The stream publisher's settings, from the environment, read once and checked. */
import * as z from 'zod';

const PublisherEnv = z.object({
  EVENT_BUS_NAME: z.string().min(1, 'EVENT_BUS_NAME must name the EventBridge bus events are put on'),
  /** Set only off AWS: the local bus, which speaks EventBridge's PutEvents. */
  EVENTBRIDGE_ENDPOINT: z.url().optional(),
});

export type PublisherConfig = { busName: string; endpoint: string | undefined };

export function readPublisherConfig(env: NodeJS.ProcessEnv): PublisherConfig {
  const parsed = PublisherEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`event publisher configuration is invalid: ${problems}`);
  }
  return { busName: parsed.data.EVENT_BUS_NAME, endpoint: parsed.data.EVENTBRIDGE_ENDPOINT };
}

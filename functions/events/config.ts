/** The stream publisher's settings: which bus events go on, and where it is when it is the local bus. */
import { settings } from '@shifa/runtime';
import * as z from 'zod';

export type PublisherConfig = { busName: string; endpoint: string | undefined };

export const publisherSettings = /* @__PURE__ */ settings('event publisher', () =>
  z
    .object({
      EVENT_BUS_NAME: z
        .string({ error: 'EVENT_BUS_NAME must name the EventBridge bus events are put on' })
        .min(1, 'EVENT_BUS_NAME must name the EventBridge bus events are put on'),
      /** Set only off AWS: the local bus, which speaks EventBridge's PutEvents. */
      EVENTBRIDGE_ENDPOINT: z.url().optional(),
    })
    .transform(
      (env): PublisherConfig => ({ busName: env.EVENT_BUS_NAME, endpoint: env.EVENTBRIDGE_ENDPOINT }),
    ),
);

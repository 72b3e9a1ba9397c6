/**
 * Telling a tourist something by email, behind one interface: on AWS through
 * Amazon SES (SESv2), locally into a mailbox file (.local-data/mailbox.jsonl,
 * read with `npm run mailbox`). Which one is configuration: NOTIFY_FROM_EMAIL
 * (a verified SES identity) selects SES, MAILBOX_FILE the mailbox.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Language } from '@shifa/contracts';
import { captureClient, settings } from '@shifa/runtime';
import * as z from 'zod';

export type OutgoingMessage = { to: string; language: Language; subject: string; text: string };

export interface Notifier {
  notify(message: OutgoingMessage): Promise<void>;
}

/** One JSON object per line, appended: the local stand-in for an outbox. */
export function mailboxNotifier(file: string, now: () => Date = () => new Date()): Notifier {
  return {
    async notify(message) {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify({ at: now().toISOString(), ...message })}\n`, { mode: 0o600 });
    },
  };
}

export function sesNotifier(options: { from: string; client?: SESv2Client }): Notifier {
  const client = options.client ?? captureClient(new SESv2Client({}));
  return {
    async notify(message) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
              Headers: [{ Name: 'Content-Language', Value: message.language }],
            },
          },
        }),
      );
    },
  };
}

export const notifySettings = /* @__PURE__ */ settings('notifications', () =>
  z.object({
    NOTIFY_FROM_EMAIL: z.email().optional(),
    MAILBOX_FILE: z.string().min(1).optional(),
  }),
);

const notifiers = new WeakMap<object, Notifier>();

/** The notifier this unit's settings ask for: SES on AWS, the mailbox file locally. */
export function notifier(): Notifier {
  const env = notifySettings();
  let configured = notifiers.get(env);
  if (configured === undefined) {
    if (env.NOTIFY_FROM_EMAIL !== undefined) configured = sesNotifier({ from: env.NOTIFY_FROM_EMAIL });
    else if (env.MAILBOX_FILE !== undefined) configured = mailboxNotifier(env.MAILBOX_FILE);
    else throw new Error('no notifier: set NOTIFY_FROM_EMAIL (SES) or MAILBOX_FILE (local mailbox)');
    notifiers.set(env, configured);
  }
  return configured;
}

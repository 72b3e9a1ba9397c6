/** The two notifiers: SES (against a mocked SESv2) and the local mailbox file. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mailboxNotifier, sesNotifier } from './notifier';

const ses = mockClient(SESv2Client);
const message = {
  to: 'aigerim@example.kz',
  language: 'kk' as const,
  subject: 'bk-7q2m брондауы расталды',
  text: 'Жақсы жаңалық…\n\nShifa',
};
const dir = mkdtempSync(join(tmpdir(), 'shifa-mailbox-'));

beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('notifiers', () => {
  it('sends plain-text UTF-8 mail through SES from the configured identity, in the tourist’s language', async () => {
    await sesNotifier({ from: 'bookings@shifa.example', client: new SESv2Client({}) }).notify(message);

    expect(ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input)).toEqual([
      {
        FromEmailAddress: 'bookings@shifa.example',
        Destination: { ToAddresses: ['aigerim@example.kz'] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
            Headers: [{ Name: 'Content-Language', Value: 'kk' }],
          },
        },
      },
    ]);
  });

  it('passes an SES failure on, so the event is retried', async () => {
    ses.on(SendEmailCommand).rejects(new Error('Throttling'));

    await expect(
      sesNotifier({ from: 'bookings@shifa.example', client: new SESv2Client({}) }).notify(message),
    ).rejects.toThrow('Throttling');
  });

  it('appends one JSON line per message to the mailbox, creating its folder', async () => {
    const file = join(dir, 'nested', 'mailbox.jsonl');
    const mailbox = mailboxNotifier(file, () => new Date('2027-02-01T09:00:00.000Z'));

    await mailbox.notify(message);
    await mailbox.notify({ ...message, subject: 'second' });

    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { at: '2027-02-01T09:00:00.000Z', ...message },
      { at: '2027-02-01T09:00:00.000Z', ...message, subject: 'second' },
    ]);
  });
});

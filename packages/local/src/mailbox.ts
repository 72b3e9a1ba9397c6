/**
 * `npm run mailbox [-- N] [-- --to email]`: the last N (default 10) messages
 * the local runtime sent tourists, from .local-data/mailbox.jsonl (or MAILBOX_FILE).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MAILBOX_FILE } from './paths';

type Message = { at: string; to: string; language: string; subject: string; text: string };

const { values, positionals } = parseArgs({
  options: { to: { type: 'string' } },
  allowPositionals: true,
});
const count = Number(positionals[0] ?? 10);
const file = process.env.MAILBOX_FILE ?? MAILBOX_FILE;

if (!Number.isInteger(count) || count < 1) {
  console.error('usage: npm run mailbox -- [how many, default 10] [--to email]');
  process.exit(2);
}
if (!existsSync(file)) {
  console.log(`No mail yet (${file} does not exist): book something with npm start running.`);
  process.exit(0);
}
const messages = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Message)
  .filter(
    (message) =>
      values.to === undefined || message.to === values.to.toLowerCase() || message.to === values.to,
  );
const shown = messages.slice(-count);
for (const message of shown) {
  console.log(`── ${message.at}  to ${message.to}  (${message.language})`);
  console.log(`Subject: ${message.subject}\n`);
  console.log(`${message.text}\n`);
}
console.log(`${shown.length} of ${messages.length} message(s) in ${file}`);

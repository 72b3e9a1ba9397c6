/**
 * `npm run metrics [-- --minutes N] [-- --file path]`: per route of the running marketplace, its
 * requests, 4xx and 5xx and their rates, and latency p50 and p99, with the business metrics added
 * up, from the EMF lines `npm start` appends to .local-data/metrics.jsonl (METRICS_FILE), the very
 * lines CloudWatch turns into metrics on AWS. Without --minutes, everything in the file.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { formatSummary, summarise } from './metrics-summary';
import { METRICS_FILE } from './paths';

const { values } = parseArgs({ options: { minutes: { type: 'string' }, file: { type: 'string' } } });
const file = values.file ?? process.env.METRICS_FILE ?? METRICS_FILE;
const minutes = values.minutes === undefined ? undefined : Number(values.minutes);

if (minutes !== undefined && !(Number.isFinite(minutes) && minutes > 0)) {
  console.error('usage: npm run metrics -- [--minutes N] [--file path]');
  process.exit(2);
}
if (!existsSync(file)) {
  console.log(`No metrics yet (${file} does not exist): start Shifa with npm start and use it.`);
  process.exit(0);
}
const lines: string[] = [];
for await (const line of createInterface({
  input: createReadStream(file, 'utf8'),
  crlfDelay: Number.POSITIVE_INFINITY,
})) {
  lines.push(line);
}
const summary = summarise(lines, minutes === undefined ? {} : { since: Date.now() - minutes * 60_000 });
if (summary.routes.length === 0 && summary.business.length === 0) {
  console.log(`No requests ${minutes === undefined ? '' : `in the last ${minutes} minutes `}in ${file}.`);
} else {
  console.log(formatSummary(summary));
}
console.log(`\nfrom ${file}${minutes === undefined ? '' : `, the last ${minutes} minutes`}`);

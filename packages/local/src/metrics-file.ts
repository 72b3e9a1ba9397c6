/**
 * Where `npm start` puts the functions' metric lines: appended to a file, one EMF object per line,
 * as a Lambda function prints them to CloudWatch Logs.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type MetricsSink, setMetricsSink } from '@shifa/runtime';

export type MetricsFile = { readonly file: string; close(): Promise<void> };

/** From now on, every metric line this process publishes is appended to `file`. */
export function writeMetricsTo(file: string): MetricsFile {
  mkdirSync(dirname(file), { recursive: true });
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  const sink: MetricsSink = (line) => {
    stream.write(`${line}\n`);
  };
  const previous = setMetricsSink(sink);
  let closed: Promise<void> | undefined;
  return {
    file,
    // Every line written is on disk once this resolves; closing again waits for the same.
    close: () => {
      closed ??= new Promise<void>((done) => {
        setMetricsSink(previous);
        stream.end(done);
      });
      return closed;
    },
  };
}

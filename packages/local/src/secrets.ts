/** Local-only keys (those that seal health data), made once and kept under .local-data/. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { newLocalKey } from '@shifa/sealing';

/**
 * The local health-data keys as HEALTH_DATA_KEYS takes them: the file's content, made with one key on
 * first use, readable by its owner only. To rotate, append a line (`name:` and 32 random bytes in
 * base64) and restart: the new key seals from then on, the older ones still open.
 */
export function localKeys(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, `${newLocalKey('local-1')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}

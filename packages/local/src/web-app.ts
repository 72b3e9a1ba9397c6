/**
 * The web app for `npm start`: web/dist, built first with Vite's JS API when it
 * is missing or older than the app's sources, so a fresh clone serves the app
 * without a separate build step and an edited one never serves stale pages.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

export const WEB_DIR = join(ROOT, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), 0);
}

function isStale(): boolean {
  const built = join(WEB_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((name) => join(WEB_DIR, name));
  return Math.max(...sources.map(newestChange)) > statSync(built).mtimeMs;
}

/** The folder to serve; builds it first when needed. Throws when the build fails. */
export async function ensureWebApp(log: (line: string) => void): Promise<string> {
  if (isStale()) {
    log('Building the web app (web/dist)…');
    const { build } = await import('vite');
    await build({ root: WEB_DIR, configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
  }
  return WEB_DIST;
}

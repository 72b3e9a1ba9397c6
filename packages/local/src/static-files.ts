/**
 * Serves the built web app from the local server, so the app and the API share
 * one origin on a laptop (no CORS). Only requests no API route answers reach
 * it. A path that is not a file gets index.html, so the app's own routes load,
 * but only when a browser navigates there (it accepts text/html): a program
 * asking for an unknown API path still gets the API's JSON 404.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** Vite puts content-hashed files under assets/: they never change, so browsers may keep them. */
const IMMUTABLE = /^\/assets\//;

type Found = { bytes: Buffer; type: string };

/** The file at `path`, or a folder's index.html (so `/` is the app, whatever the client accepts). */
async function fileAt(path: string): Promise<Found | undefined> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return await fileAt(join(path, 'index.html'));
    if (!info.isFile()) return undefined;
    const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    return { bytes: await readFile(path), type };
  } catch {
    return undefined;
  }
}

const wantsHtml = (request: IncomingMessage) => /\btext\/html\b/.test(request.headers.accept ?? '');

/** Answers the request from `dir` and returns true, or returns false and leaves it to the API. */
export async function serveStatic(
  dir: string,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<boolean> {
  const root = resolve(dir);
  let relative: string;
  try {
    relative = decodeURIComponent(path);
  } catch {
    return false;
  }
  const target = resolve(join(root, relative));
  const inside = target === root || target.startsWith(root + sep);
  let found = inside ? await fileAt(target) : undefined;
  let cache = IMMUTABLE.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache';
  if (found === undefined) {
    if (!wantsHtml(request)) return false;
    found = await fileAt(join(root, 'index.html'));
    if (found === undefined) return false;
    cache = 'no-cache';
  }
  response.writeHead(200, {
    'content-type': found.type,
    'content-length': String(found.bytes.length),
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  });
  response.end(request.method === 'HEAD' ? undefined : found.bytes);
  return true;
}

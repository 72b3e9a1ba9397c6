/**
 * Which URLs a hospital may have its bookings pushed to. Webhooks carry
 * personal and health data, so only HTTPS to a public host; plain HTTP only to
 * this machine, and only where the local runtime allows it (the demo receiver).
 * Addresses inside private, loopback and link-local ranges are refused, so the
 * sender cannot be pointed at the network it runs in. Names are not resolved
 * here: a public name that resolves to a private address is the one thing this
 * check cannot see.
 */
import { ValidationError } from '../errors';

export type EndpointRules = {
  /** Let http://localhost and http://127.0.0.1 through (LOCAL_ALLOW_HTTP_WEBHOOKS, never on AWS). */
  readonly allowHttpLocalhost: boolean;
};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isPrivateIpv4(host: string): boolean {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return false;
  const [a = 0, b = 0] = parts;
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

function isInternalHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (LOCAL_HOSTS.has(host) || host.endsWith('.localhost') || host.endsWith('.internal')) return true;
  if (host.startsWith('[')) return true; // IPv6 literals: none is needed for a hospital's public endpoint
  if (/^[0-9.]+$/.test(host)) return isPrivateIpv4(host) || host.split('.').length !== 4;
  return false;
}

const refuse = (message: string) =>
  new ValidationError('invalid_webhook_url', `the webhook URL cannot be used: ${message}`, [
    { path: 'url', message },
  ]);

/** The URL, parsed, if a hospital's webhook may point at it; a 400 `invalid_webhook_url` saying why otherwise. */
export function checkWebhookUrl(text: string, rules: EndpointRules): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('not an absolute URL');
  }
  if (url.username !== '' || url.password !== '') throw refuse('credentials do not belong in the URL');
  if (url.hash !== '') throw refuse('a URL with a #fragment is not an endpoint');
  const local = LOCAL_HOSTS.has(url.hostname.toLowerCase());
  if (url.protocol === 'http:') {
    if (local && rules.allowHttpLocalhost) return url;
    throw refuse(
      local
        ? 'plain http is accepted only by the local runtime with LOCAL_ALLOW_HTTP_WEBHOOKS on; use https'
        : 'use https: bookings carry personal and health data',
    );
  }
  if (url.protocol !== 'https:') throw refuse('use https');
  if (isInternalHost(url.hostname) && !(local && rules.allowHttpLocalhost)) {
    throw refuse('the host must be a public name or address, not a private, loopback or internal one');
  }
  return url;
}

/**
 * The local server's throttle behaves as API Gateway's per-route throttle: a bucket of the route's
 * burst, refilled at its rate, shared by every caller; an empty bucket answers 429 with Retry-After.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type RouteDeclaration, routes, throttleOf } from '@shifa/functions/routes';
import { describe, expect, it } from 'vitest';
import { createApiServer, routeThrottle } from './api-server';
import { ephemeralIssuer } from './issuer';

const routeOf = (id: string) => routes.find((route) => route.id === id) as RouteDeclaration;

describe('routeThrottle', () => {
  it('lets a route’s burst through at once, then one request per 1/rate seconds', () => {
    let now = 0;
    const throttled = routeThrottle(() => now);
    const holds = routeOf('createBooking');
    const { rateLimit, burstLimit } = throttleOf(holds);

    const burst = Array.from({ length: burstLimit }, () => throttled(holds));
    const over = throttled(holds);
    now += 1000 / rateLimit;
    const refilled = throttled(holds);

    expect(burst.every((wait) => wait === undefined)).toBe(true);
    expect(over).toBe(1);
    expect(refilled).toBeUndefined();
  });

  it('keeps one bucket per route: a busy route does not throttle another', () => {
    const throttled = routeThrottle(() => 0);
    const holds = routeOf('createBooking');
    for (let n = 0; n < throttleOf(holds).burstLimit + 1; n += 1) throttled(holds);

    expect(throttled(holds)).toBe(1);
    expect(throttled(routeOf('listPackages'))).toBeUndefined();
  });

  it('is generous on the public catalog and tight on holds', () => {
    expect(throttleOf(routeOf('listPackages')).rateLimit).toBeGreaterThan(
      throttleOf(routeOf('createBooking')).rateLimit,
    );
  });
});

describe('the local server with throttle on', () => {
  it('answers 429 {"message"} with Retry-After once a route’s burst is spent', async () => {
    const server = createApiServer({ issuer: await ephemeralIssuer(), throttle: true });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      // Holds have the smallest burst; the throttle comes before the authorizer, as on API Gateway.
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bookings`;
      const { burstLimit } = throttleOf(routeOf('createBooking'));
      const answers = [];
      // Sequential, so the bucket refills no faster than the test can tell.
      for (let n = 0; n < burstLimit + 20; n += 1) {
        const answer = await fetch(url, { method: 'POST' });
        answers.push({
          status: answer.status,
          retryAfter: answer.headers.get('retry-after'),
          body: await answer.text(),
        });
      }
      const refused = answers.find((answer) => answer.status === 429);

      expect(answers[0]?.status).toBe(401);
      expect(refused).toEqual({ status: 429, retryAfter: '1', body: '{"message":"Too Many Requests"}' });
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});

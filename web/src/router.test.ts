import { describe, expect, it } from 'vitest';
import { matchPath } from './router';

describe('matchPath', () => {
  it('names the parameters of a matching path, decoded', () => {
    expect(matchPath('/tours/:packageId/book/:departureId', '/tours/kz-urumqi/book/d%2D1')).toEqual({
      packageId: 'kz-urumqi',
      departureId: 'd-1',
    });
  });

  it('refuses paths of another length or with other literals', () => {
    expect(matchPath('/trips/:bookingId', '/trips')).toBeUndefined();
    expect(matchPath('/trips/:bookingId', '/tours/abc')).toBeUndefined();
  });

  it('refuses a malformed escape instead of throwing', () => {
    expect(matchPath('/trips/:bookingId', '/trips/%E0%A4%A')).toBeUndefined();
  });

  it('treats a trailing slash as the same path', () => {
    expect(matchPath('/trips', '/trips/')).toEqual({});
  });
});

/** The local HTTP API on a free port, for tests that go through real HTTP. */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createApiServer } from '@shifa/local/api-server';
import { afterAll, beforeAll } from 'vitest';

export type TestApi = {
  url: (path: string) => string;
  get: (
    path: string,
    headers?: Record<string, string>,
  ) => Promise<{ status: number; headers: Headers; body: unknown }>;
};

export function useApi(): TestApi {
  const server = createApiServer();
  let base = '';
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });
  const url = (path: string) => `${base}${path}`;
  return {
    url,
    get: async (path, headers = {}) => {
      const response = await fetch(url(path), { headers });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text === '' ? undefined : JSON.parse(text),
      };
    },
  };
}

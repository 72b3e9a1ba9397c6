/** The web app's unit tests (pure modules, no browser): `npx vitest run --root web`. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'web', include: ['src/**/*.test.ts'], environment: 'node' },
});

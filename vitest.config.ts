/**
 * One test run, three projects: fast unit tests of pure code, integration tests
 * through the real handlers and HTTP server against DynamoDB Local, and
 * infrastructure tests of the synthesized CDK stack.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // The web app's own unit tests (pure modules, no browser).
      'web/vitest.config.ts',
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'events/src/**/*.test.ts', 'functions/**/*.test.ts'],
          // Modules that read storage settings at load need a name; unit tests never reach a table.
          env: { TABLE_NAME: 'unit-tests', POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_REGION: 'us-east-1' },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/table-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['infra/test/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});

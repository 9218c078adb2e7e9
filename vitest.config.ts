import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code and need nothing running; tests/ holds the integration and browser
// suites, which share one throw-away Redis and ClickHouse started by the global setup.
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['streaming/**/*.test.ts', 'schemas/**/*.test.ts', 'src/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 30_000
        }
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000
        }
      }
    ]
  }
});

import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; tests/ holds the integration and browser suites that start real servers.
export default defineConfig({
  test: {
    include: ['streaming/**/*.test.ts', 'schemas/**/*.test.ts', 'src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks'
  }
});

import { defineConfig } from 'vitest/config';
import { browserTag, SkippedBrowserTests } from './test/helpers/chromium.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'cli/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'build/**', '.docusaurus/**'],
    testTimeout: 30_000,
    hookTimeout: 300_000,
    pool: 'forks',
    tags: [browserTag()],
    reporters: ['default', new SkippedBrowserTests()],
  },
});

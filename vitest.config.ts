import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // End-to-end tests build whole sites; give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: [...configDefaults.exclude, 'tests/browser/**'] },
      },
      {
        // Quality gates on a built site, most of them in Chromium (docs: README "Quality checks").
        // The global setup builds the site once per run and serves it on 127.0.0.1.
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/helpers/global-setup.ts'],
          // After the unit tests, in a group of their own: two files at a time, since most of
          // their time is Chromium's (another process), not the worker's.
          sequence: { groupOrder: 1 },
          maxWorkers: 2,
        },
      },
    ],
  },
});

/** Two projects run the same decorator suite under both TypeScript decorator modes. */
const moduleNameMapper = {
  '^decotel$': '<rootDir>/src/index.ts',
  '^decotel/browser$': '<rootDir>/src/browser.ts',
};
const transform = (tsconfig) => ({
  '^.+\\.ts$': ['ts-jest', { tsconfig, diagnostics: { warnOnly: false } }],
});

/** @type {import('jest').Config} */
module.exports = {
  coverageProvider: 'v8',
  // Files that run only inside a real browser or SharedWorker are covered by the Chromium tests.
  collectCoverageFrom: [
    'src/**/*.ts',
    '!src/**/*.d.ts',
    '!src/browser/idb.browser.ts',
    '!src/browser/open-engine-port.browser.ts',
    '!src/browser/worker.browser.ts',
    '!src/browser/get-telemetry-logger.browser.ts',
  ],
  coverageThreshold: { global: { lines: 90, branches: 90 } },
  coverageReporters: ['text-summary', 'lcov'],
  projects: [
    {
      displayName: 'standard',
      testEnvironment: 'node',
      roots: ['<rootDir>/__tests__'],
      testMatch: ['**/*.test.ts'],
      moduleNameMapper,
      transform: transform('<rootDir>/tsconfig.json'),
    },
    {
      displayName: 'legacy-decorators',
      testEnvironment: 'node',
      roots: ['<rootDir>/__tests__/decorators'],
      // *.test.legacy.ts: tests that only compile with experimentalDecorators (tsconfig.json leaves them out).
      testMatch: ['**/*.test.ts', '**/*.test.legacy.ts'],
      moduleNameMapper,
      transform: transform('<rootDir>/tsconfig.legacy.json'),
    },
  ],
};

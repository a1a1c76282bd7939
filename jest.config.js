/**
 * Two projects run the same decorator suite under both TypeScript decorator modes; a third runs
 * the tracker and decorator suites on the modules that browser builds take instead of Node's.
 */
const moduleNameMapper = {
  '^decotel$': '<rootDir>/src/index.ts',
  '^decotel/browser$': '<rootDir>/src/browser.ts',
};
/**
 * The modules browser builds take in place of their Node version (scripts/browser-build.cjs),
 * mapped in: the 'browser-modules' project runs the tracker and decorator suites on them. The
 * default platform is left out, since these suites run in Node, with Node's platform.
 */
const { BROWSER_MODULES } = require('./scripts/browser-build.cjs');
const browserModuleMapper = Object.fromEntries(
  Object.entries(BROWSER_MODULES)
    .filter(([node]) => !node.endsWith('/default-platform.ts'))
    .map(([node, browser]) => {
      const [dir, base] = node.replace(/^src\//, '').replace(/\.ts$/, '').split('/');
      return [`^(?:\\./|(?:\\.\\./)+(?:src/)?${dir}/)${base}$`, `<rootDir>/${browser}`];
    }),
);
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
    {
      displayName: 'browser-modules',
      testEnvironment: 'node',
      roots: ['<rootDir>/__tests__/tracker', '<rootDir>/__tests__/decorators'],
      testMatch: ['**/*.test.ts'],
      // What only Node's versions do (pooled ids, the anchored wall clock) is tested in 'standard' alone.
      testPathIgnorePatterns: ['/ids\\.test\\.ts$', '/wall-clock\\.test\\.ts$'],
      moduleNameMapper: { ...moduleNameMapper, ...browserModuleMapper },
      transform: transform('<rootDir>/tsconfig.json'),
    },
  ],
};

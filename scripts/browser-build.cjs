// The esbuild options every browser build of decotel shares: scripts/build-browser.mjs (the worker,
// dist/decotel-browser.js, the size-check pages), scripts/build.mjs (the dist/esm modules) and the
// Chromium tests (__tests__/browser/browser-harness.ts), so that the tests run what ships.
// CommonJS, so that both the build scripts (ESM) and ts-jest (CommonJS) can load it.
'use strict';
const { resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');

/** What browser builds import in place of minimatch and eventemitter3: small shims of the same rules. */
const BROWSER_ALIASES = {
  minimatch: './src/browser/minimatch-shim.ts',
  eventemitter3: './src/browser/eventemitter3-shim.ts',
};

/**
 * Modules that browser builds take in place of the Node version (STYLE.md §1, as OpenTelemetry's
 * `platform/{node,browser}`): each exports the same names and gives the same results; the Node
 * version is tuned for a server's hot path (issue #10), the browser one is small (DESIGN.md §8).
 * __tests__/tracker/browser-modules.test.ts holds each pair to one contract.
 */
const BROWSER_MODULES = {
  'src/tracker/ids.ts': 'src/tracker/ids.browser.ts',
  'src/tracker/wall-clock.ts': 'src/tracker/wall-clock.browser.ts',
  'src/tracker/event-parts.ts': 'src/tracker/event-parts.browser.ts',
  'src/tracker/clean-plain.ts': 'src/tracker/clean-plain.browser.ts',
  'src/tracker/default-platform.ts': 'src/tracker/default-platform.browser.ts',
};
const byPath = new Map(Object.entries(BROWSER_MODULES).map(([node, browser]) => [resolve(ROOT, node), resolve(ROOT, browser)]));

/** The browser module (absolute path) that replaces the module of a relative import, or undefined. */
function browserModuleFor(resolveDir, importPath) {
  return byPath.get(`${resolve(resolveDir, importPath)}.ts`);
}

/** An esbuild plugin that bundles each module's browser version (BROWSER_MODULES) in its place. */
const browserModules = {
  name: 'decotel-browser-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = browserModuleFor(args.resolveDir, args.path);
      return path === undefined ? undefined : { path };
    });
  },
};

/**
 * `options` with what every browser build adds: the shims, the browser modules (after the
 * caller's plugins, which may resolve relative imports themselves), short names for `_` members
 * (internal, STYLE.md) and class fields as constructor assignments, which drops the declarations
 * of fields without initializers. The last two change no behaviour; both save bytes (DESIGN.md §8).
 */
function browserBuildOptions(options) {
  return {
    ...options,
    alias: { ...options.alias, ...BROWSER_ALIASES },
    plugins: [...(options.plugins ?? []), browserModules],
    mangleProps: /^_[a-z]/,
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
  };
}

module.exports = { BROWSER_ALIASES, BROWSER_MODULES, browserModuleFor, browserBuildOptions };

// Builds dist/: CommonJS and ESM bundles of each entry (dependencies stay external), type
// declarations, and the browser bundles (issue 8). Run by `npm run build`.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

rmSync('dist', { recursive: true, force: true });
const pkg = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync('package.json', 'utf8')));
const external = Object.keys(pkg.dependencies ?? {});
const common = { bundle: true, platform: 'node', target: 'node18', sourcemap: true, external, logLevel: 'warning' };

// The browser bundles: the worker, dist/decotel-browser.js and the size-check pages.
const { buildBrowser, buildForBrowser } = await import('./build-browser.mjs');
const { BROWSER_ALIASES, browserModuleFor } = (await import('./browser-build.cjs')).default;
await buildBrowser();

const nodeEntries = ['src/index.ts', 'src/browser.ts'];
await build({ ...common, entryPoints: nodeEntries, format: 'cjs', outdir: 'dist/cjs', outbase: 'src' });
await build({ ...common, entryPoints: ['src/index.ts'], format: 'esm', outdir: 'dist/esm', outbase: 'src' });
await buildBrowserModules();
// The nearest package.json of each module is this one: it must repeat "sideEffects": false for bundlers.
writeFileSync('dist/esm/package.json', JSON.stringify({ type: 'module', sideEffects: false }) + '\n');
writeFileSync('dist/cjs/package.json', JSON.stringify({ type: 'commonjs' }) + '\n');

// The CLI is one self-contained file; its runtime dependencies stay external.
await build({ ...common, entryPoints: ['src/cli/main.ts'], format: 'cjs', outfile: 'dist/cjs/cli/main.js', banner: { js: '#!/usr/bin/env node' } });
chmodSync('dist/cjs/cli/main.js', 0o755);


execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
console.log('built dist/');

/**
 * `decotel/browser` as ESM is one file per module (dist/esm/browser.js and what it imports), not
 * one pre-bundled file: a bundler then drops, module by module ("sideEffects": false), what a page
 * does not use, as the size check measures (scripts/build-browser.mjs). Built for the browser,
 * ES2022, with `minimatch` and `eventemitter3` replaced by small shims of the same rules
 * (src/browser/*-shim.ts) and the modules that have a browser version importing it instead
 * (BROWSER_MODULES), so that no bundler setting is needed, and with the other options of every
 * browser build (`buildForBrowser`): `_` members are named as in dist/decotel-browser.js.
 * Node takes dist/cjs/browser.js instead (the "node" condition of package.json), whose names are
 * those of the Node entry's, with which server-side rendering shares the tracker.
 */
async function buildBrowserModules() {
  const alias = BROWSER_ALIASES;
  const shimFilter = new RegExp(`^(${Object.keys(alias).join('|')})$`);
  const graph = await buildForBrowser({ bundle: true, write: false, metafile: true, platform: 'browser', external, entryPoints: ['src/browser.ts'], outdir: 'dist/esm', logLevel: 'warning' });
  const modules = Object.keys(graph.metafile.inputs).filter((f) => f.startsWith('src/'));
  // Each module is built alone: relative imports stay imports, with the `.js` that ESM needs.
  const importOf = (importer, file) => `${relative(dirname(importer), file).replace(/\.ts$/, '').replace(/^(?!\.)/, './')}.js`;
  const relativeImports = {
    name: 'relative-imports',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const browser = browserModuleFor(args.resolveDir, args.path);
        return { path: browser === undefined ? `${args.path}.js` : importOf(args.importer, browser), external: true };
      });
      b.onResolve({ filter: shimFilter }, (args) => ({ path: importOf(args.importer, resolve(alias[args.path])), external: true }));
    },
  };
  await buildForBrowser({ bundle: true, platform: 'browser', target: 'es2022', sourcemap: true, external, logLevel: 'warning', format: 'esm', entryPoints: modules, outdir: 'dist/esm', outbase: 'src', plugins: [relativeImports] });
}

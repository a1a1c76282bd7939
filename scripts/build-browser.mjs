// Builds the browser artifacts (issue 8): the SharedWorker script `dist/decotel-worker.js` (the
// `decotel/worker` export, a ready file users serve), `dist/decotel-browser.js` (the whole
// browser entry as one ES module, for pages without a bundler, e.g. examples/browser), and
// minified ESM bundles of two sample pages whose min+gzip sizes the CI size check holds to
// budgets (`dist/size-check/`, __tests__/browser/size.test.ts).
// scripts/build.mjs calls buildBrowser(); `node scripts/build-browser.mjs <outDir>` builds elsewhere.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import shared from './browser-build.cjs';

const { browserBuildOptions } = shared;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Budgets in bytes of decotel a page carries, min+gzip (DESIGN.md §8, issue 8); the worker whole. */
export const BUDGETS = { logger: 3 * 1024, tracking: 12 * 1024, worker: 16 * 1024 };

/** Short names given to `_` members so far, so that every browser build of one run names them alike. */
const mangleCache = {};

/**
 * esbuild's `build` with the options every browser build of decotel shares
 * (`browserBuildOptions`, scripts/browser-build.cjs, which the browser tests build with too) and
 * one mangle cache for all: a page that mixes the published modules with
 * `dist/decotel-browser.js` still shares one tracker.
 */
export async function buildForBrowser(options) {
  const result = await build({ ...browserBuildOptions(options), mangleCache });
  Object.assign(mangleCache, result.mangleCache);
  return result;
}

/** Sample pages: what a user's bundler would keep of `decotel/browser`. */
export const PAGES = {
  // A page that also uses the tracker and every decorator.
  tracking: `import { getTelemetryLogger, telemetry, TrackDuration, TrackFunction, TrackError, Tracked, NoTrack, withTracking } from 'decotel/browser';
getTelemetryLogger();
telemetry.track('page.viewed', { path: location.pathname });
@Tracked('cart')
class Cart {
  @TrackDuration('cart.total') total() { return 1; }
  @TrackFunction('cart.add') add(id: string) { return id; }
  @TrackError('cart.pay') pay() { return 2; }
  @NoTrack() help() { return 3; }
}
export const cart = new Cart();
export const load = withTracking('page.load', () => fetch('/data'));`,
  // A page that only logs records.
  logger: `import { getTelemetryLogger } from 'decotel/browser';
const logger = getTelemetryLogger({ service: { name: 'web' } });
logger.logEvent({ event_name: 'page.viewed', params: { path: location.pathname } });`,
};

/**
 * What the sample pages import, inert: a page built against this instead of decotel is the page's
 * own code plus what esbuild adds for decorator syntax (its lowering helpers). The difference
 * between the two builds is what the page carries of decotel, the figure the budgets are about.
 */
const INERT_DECOTEL = `const d = () => (v) => v;
export const TrackDuration = d, TrackFunction = d, TrackError = d, Tracked = d, NoTrack = d;
export const withTracking = (_name, fn) => fn;
export const telemetry = { track() {} };
export const getTelemetryLogger = () => ({ logEvent() {} });`;
const inertDecotel = {
  name: 'inert-decotel',
  setup(b) {
    b.onResolve({ filter: /^decotel\/browser$/ }, () => ({ path: 'decotel-browser', namespace: 'inert' }));
    b.onLoad({ filter: /.*/, namespace: 'inert' }, () => ({ contents: INERT_DECOTEL, loader: 'js' }));
  },
};

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  minify: true,
  treeShaking: true,
  platform: 'browser',
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
  alias: { 'decotel/browser': './src/browser.ts' },
};

/** Builds the worker and the sample pages into `outDir`; returns their sizes. */
export async function buildBrowser(outDir = join(ROOT, 'dist')) {
  mkdirSync(join(outDir, 'size-check'), { recursive: true });
  const sizes = {};
  // The pages first: the short names of `_` members go to what they use (one mangle cache).
  for (const [name, contents] of Object.entries(PAGES)) {
    const stdin = { contents, loader: 'ts', resolveDir: ROOT, sourcefile: `${name}-page.ts` };
    const page = await buildForBrowser({ ...common, stdin, format: 'esm', write: false, metafile: true });
    const own = await buildForBrowser({ ...common, stdin, format: 'esm', write: false, plugins: [inertDecotel] });
    sizes[name] = emit(join(outDir, 'size-check', `${name}-page.min.js`), page.outputFiles[0].contents);
    // min+gzip of the page without decotel, and what decotel adds to it.
    sizes[name].ownGzip = emit(join(outDir, 'size-check', `${name}-page-own.min.js`), own.outputFiles[0].contents).gzip;
    sizes[name].decotelGzip = sizes[name].gzip - sizes[name].ownGzip;
    // The modules of decotel with code in the page, for the size check to say what is in it.
    const [output] = Object.values(page.metafile.outputs);
    sizes[name].modules = Object.entries(output.inputs).flatMap(([file, { bytesInOutput }]) => (file.startsWith('src/') && bytesInOutput > 0 ? [file] : []));
  }
  const worker = await buildForBrowser({ ...common, entryPoints: ['src/browser/worker.browser.ts'], format: 'iife', write: false });
  sizes.worker = emit(join(outDir, 'decotel-worker.js'), worker.outputFiles[0].contents);
  const standalone = await buildForBrowser({ ...common, entryPoints: ['src/browser.ts'], format: 'esm', write: false });
  sizes.standalone = emit(join(outDir, 'decotel-browser.js'), standalone.outputFiles[0].contents);
  writeFileSync(join(outDir, 'size-check', 'sizes.json'), `${JSON.stringify({ budgets: BUDGETS, sizes }, null, 2)}\n`);
  return sizes;
}

function emit(file, bytes) {
  writeFileSync(file, bytes);
  return { min: bytes.length, gzip: gzipSync(bytes).length };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const sizes = await buildBrowser(process.argv[2] ? resolve(process.argv[2]) : undefined);
  // The figures, without the module lists (in sizes.json).
  console.log(JSON.stringify(Object.fromEntries(Object.entries(sizes).map(([name, { modules: _modules, ...figures }]) => [name, figures]))));
}

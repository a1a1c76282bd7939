import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, tempDir } from './browser-harness';

// The size check (issue 8): scripts/build-browser.mjs builds, with esbuild (bundle, minify, ESM,
// tree-shaking), the worker and two sample pages of `decotel/browser`, and each page again with
// decotel replaced by inert stand-ins (the page's own code and esbuild's decorator helpers). What
// a page carries of decotel, min+gzip, is the difference, and must stay within budget; the worker
// is counted whole. For reference: Sentry's browser client 20 KB, OpenTelemetry's logs SDK with
// its OTLP exporter 13.6 KB.
jest.setTimeout(60_000);

const KB = 1024;
/** The modules browser builds take in place of Node's (scripts/browser-build.cjs). */
const { BROWSER_MODULES }: { BROWSER_MODULES: Record<string, string> } = require('../../scripts/browser-build.cjs');
const out = tempDir('decotel-size-');
let sizes: Record<string, { min: number; gzip: number; ownGzip?: number; decotelGzip?: number; modules?: string[] }>;

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-browser.mjs'), out.path], { cwd: ROOT, stdio: 'pipe' });
  sizes = JSON.parse(readFileSync(join(out.path, 'size-check/sizes.json'), 'utf8')).sizes;
});

afterAll(() => out.remove());

function gzipOf(file: string): number {
  return gzipSync(readFileSync(join(out.path, file))).length;
}

describe('browser bundle sizes (min+gzip)', () => {
  it('measures what a page carries of decotel as the page minus the same page without decotel', () => {
    for (const page of ['logger', 'tracking']) {
      const own = gzipOf(`size-check/${page}-page-own.min.js`);
      expect(gzipOf(`size-check/${page}-page.min.js`)).toBe(sizes[page].gzip);
      expect(own).toBe(sizes[page].ownGzip);
      expect(own).toBeLessThan(sizes[page].gzip / 5);
      expect(sizes[page].decotelGzip).toBe(sizes[page].gzip - own);
    }
    // The inert page keeps the decorator syntax, so esbuild's decorator helpers are not counted as decotel.
    expect(readFileSync(join(out.path, 'size-check/tracking-page-own.min.js'), 'utf8')).toMatch(/addInitializer/);
  });

  it('keeps a page that imports only getTelemetryLogger within 3 KB of decotel', () => {
    expect(sizes.logger.decotelGzip).toBeLessThanOrEqual(3 * KB);
  });

  it('keeps the logger page free of the tracker, yaml and minimatch', () => {
    const code = readFileSync(join(out.path, 'size-check/logger-page.min.js'), 'utf8');
    expect(code).not.toMatch(/session\.start|YAMLParseError|minimatch|eventemitter/i);
  });

  it('keeps SHA-256, the full glob compiler and eventemitter3 out of a tracking page that does not call withConfigValidation()', () => {
    const page = readFileSync(join(out.path, 'size-check/tracking-page.min.js'), 'utf8');
    const whole = readFileSync(join(out.path, 'decotel-browser.js'), 'utf8');
    // SHA-256's first round constant (0x428a2f98, minified to decimal) and a POSIX class name of the glob compiler.
    for (const marker of ['1116352408', 'xdigit']) {
      expect(whole).toContain(marker);
      expect(page).not.toContain(marker);
    }
    expect(page).not.toMatch(/eventemitter|_eventsCount/i);
  });

  it('keeps what a page that also uses track and the decorators carries of decotel within 12 KB', () => {
    expect(sizes.tracking.decotelGzip).toBeLessThanOrEqual(12 * KB);
  });

  it('builds the page with the browser version of each module that has one, never the Node version', () => {
    const modules = sizes.tracking.modules!;
    expect(modules).toEqual(expect.arrayContaining(['src/tracker/tracker.ts', 'src/decorators/wrap-method.ts', 'src/tracker/ids.browser.ts', 'src/tracker/event-parts.browser.ts']));
    for (const node of Object.keys(BROWSER_MODULES)) expect(modules).not.toContain(node);
  });

  it('keeps the worker within 16 KB', () => {
    expect(gzipOf('decotel-worker.js')).toBe(sizes.worker.gzip);
    expect(sizes.worker.gzip).toBeLessThanOrEqual(16 * KB);
  });
});

import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** Files of the browser SDK that `decotel collect` serves at the root, for pages without a bundler. */
export const BROWSER_ASSETS: readonly string[] = Object.freeze(['decotel-worker.js', 'decotel-browser.js']);
/** Where `--static DIR` is mounted. */
export const STATIC_MOUNT = '/app/';

const TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
});

/** The package's `dist/`, from the bundled CLI (`dist/cjs/cli`) or from the sources (`src/cli`). */
export function findAssetsDir(from: string = __dirname): string | undefined {
  return [resolve(from, '../..'), resolve(from, '../../dist')].find((dir) => existsSync(join(dir, BROWSER_ASSETS[0])));
}

/**
 * Serves `GET /decotel-worker.js`, `/decotel-browser.js` from `assetsDir` and `/app/*` from
 * `staticDir`; returns false when the path is none of those. Never serves outside the folders.
 */
export function serveStatic(path: string, res: ServerResponse, dirs: { assetsDir?: string; staticDir?: string }): boolean {
  let file: string | undefined;
  if (dirs.assetsDir !== undefined && BROWSER_ASSETS.includes(path.slice(1))) file = join(dirs.assetsDir, path.slice(1));
  else if (dirs.staticDir !== undefined && (path.startsWith(STATIC_MOUNT) || path === STATIC_MOUNT.slice(0, -1))) {
    const root = resolve(dirs.staticDir);
    const wanted = resolve(root, `.${decodeURIComponent(path.slice(STATIC_MOUNT.length - 1))}`);
    if (wanted !== root && !wanted.startsWith(root + sep)) return false;
    file = existsSync(wanted) && statSync(wanted).isDirectory() ? join(wanted, 'index.html') : wanted;
  }
  if (file === undefined || !existsSync(file) || !statSync(file).isFile()) return false;
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
  res.end(readFileSync(file));
  return true;
}

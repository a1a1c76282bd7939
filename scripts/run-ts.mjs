// Runs a TypeScript file with Node: esbuild bundles it (dependencies external) to a temp file.
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Inside the repo, so that the bundle's bare imports resolve from its node_modules.
const CACHE = fileURLToPath(new URL('../node_modules/.cache/decotel-run/', import.meta.url));

export function runTs(entry, args = [], options = {}) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  mkdirSync(CACHE, { recursive: true });
  const outfile = join(mkdtempSync(CACHE), 'main.cjs');
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node18', outfile, external: [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)], logLevel: 'warning', sourcemap: 'inline' });
  return spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], { stdio: 'inherit', ...options });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = runTs(process.argv[2], process.argv.slice(3));
  process.exitCode = result.status ?? 1;
}

// Builds dist/: CommonJS and ESM bundles of each entry (dependencies stay external), type
// declarations, and the browser bundles (issue 8). Run by `npm run build`.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const pkg = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync('package.json', 'utf8')));
const external = Object.keys(pkg.dependencies ?? {});
const common = { bundle: true, platform: 'node', target: 'node18', sourcemap: true, external, logLevel: 'warning' };

const nodeEntries = ['src/index.ts', 'src/browser.ts'];
await build({ ...common, entryPoints: nodeEntries, format: 'cjs', outdir: 'dist/cjs', outbase: 'src' });
await build({ ...common, entryPoints: nodeEntries, format: 'esm', outdir: 'dist/esm', outbase: 'src' });
writeFileSync('dist/esm/package.json', JSON.stringify({ type: 'module' }) + '\n');
writeFileSync('dist/cjs/package.json', JSON.stringify({ type: 'commonjs' }) + '\n');

// The CLI is one self-contained file; its runtime dependencies stay external.
await build({ ...common, entryPoints: ['src/cli/main.ts'], format: 'cjs', outfile: 'dist/cjs/cli/main.js', banner: { js: '#!/usr/bin/env node' } });
chmodSync('dist/cjs/cli/main.js', 0o755);

if (existsSync('scripts/build-browser.mjs')) await import('./build-browser.mjs');
else {
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/decotel-worker.js', '// The decotel SharedWorker is built by scripts/build-browser.mjs.\n');
}

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
console.log('built dist/');

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const RUNTIME_DEPENDENCIES = ['eventemitter3', 'minimatch', 'reflect-metadata', 'tslib', 'yaml'];

/**
 * Builds and packs decotel, installs the tarball into a scratch project (its dependencies linked
 * from this repo, so no network is needed) and loads it with both `import` and `require`.
 */
describe('the npm package', () => {
  let project: string;

  beforeAll(() => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
    const out = mkdtempSync(join(tmpdir(), 'decotel-pack-'));
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() as string;
    project = join(out, 'project');
    const pkgDir = join(project, 'node_modules', 'decotel');
    mkdirSync(pkgDir, { recursive: true });
    execFileSync('tar', ['-xzf', join(out, tarball), '-C', pkgDir, '--strip-components=1']);
    for (const dep of RUNTIME_DEPENDENCIES) symlinkSync(join(ROOT, 'node_modules', dep), join(project, 'node_modules', dep), 'dir');
  }, 180_000);

  it('declares exactly the allowed runtime dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules/decotel/package.json'), 'utf8')) as { dependencies: Record<string, string>; exports: Record<string, unknown>; bin: Record<string, string> };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(RUNTIME_DEPENDENCIES);
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './browser', './package.json', './worker']);
    expect(pkg.bin).toHaveProperty('decotel');
  });

  it('shares one tracker between import and require in one process', () => {
    writeFileSync(
      join(project, 'main.mjs'),
      [
        "import { createRequire } from 'node:module';",
        "import { telemetry, MemoryDestination, Tracker } from 'decotel';",
        'const require = createRequire(import.meta.url);',
        "const cjs = require('decotel');",
        'const memory = new MemoryDestination();',
        'cjs.telemetry.addDestination(memory);',
        "telemetry.track('esm.event');",
        "cjs.telemetry.track('cjs.event');",
        'console.log(JSON.stringify({ same: telemetry === cjs.telemetry, instance: Tracker.getInstance() === cjs.Tracker.getInstance(), names: memory.events.map((e) => e.name), sequences: memory.events.map((e) => e.sequence) }));',
      ].join('\n'),
    );
    const out = JSON.parse(execFileSync(process.execPath, ['main.mjs'], { cwd: project, encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toEqual({ same: true, instance: true, names: ['esm.event', 'cjs.event'], sequences: [1, 2] });
  });

  it('ships a decotel bin that prints its usage', () => {
    const out = execFileSync(process.execPath, [join(project, 'node_modules/decotel/dist/cjs/cli/main.js'), 'help'], { encoding: 'utf8' });
    expect(out).toContain('Usage: decotel <command>');
  });

  it('resolves decotel/browser without Node built-ins in the bundle', () => {
    const code = readFileSync(join(project, 'node_modules/decotel/dist/esm/browser.js'), 'utf8');
    expect(code).not.toMatch(/from ["']node:/);
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', "import * as b from 'decotel/browser'; console.log(typeof b.Tracker)"], { cwd: project, encoding: 'utf8' });
    expect(out.trim()).toBe('function');
  });

  it('gives Node (server-side rendering) a decotel/browser that shares the tracker of decotel', () => {
    writeFileSync(
      join(project, 'ssr.mjs'),
      [
        "import { telemetry as nodeTelemetry, MemoryDestination } from 'decotel';",
        "import { telemetry, withTracking } from 'decotel/browser';",
        'const memory = new MemoryDestination();',
        'nodeTelemetry.addDestination(memory);',
        "withTracking('ssr.render', () => 1)();",
        "telemetry.track('ssr.tracked');",
        'console.log(JSON.stringify({ same: telemetry === nodeTelemetry, names: memory.events.map((e) => e.name) }));',
      ].join('\n'),
    );
    const out = JSON.parse(execFileSync(process.execPath, ['ssr.mjs'], { cwd: project, encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toEqual({ same: true, names: ['ssr.render.started', 'ssr.render.completed', 'ssr.tracked'] });
  });

  it('bundles the published browser modules, whose internal names are shortened alike, into a working page', async () => {
    const { build } = await import('esbuild');
    const entry = [
      "import { telemetry, MemoryDestination, TrackDuration } from 'decotel/browser';",
      'const memory = new MemoryDestination();',
      'telemetry.addDestination(memory);',
      "class Cart { @TrackDuration('cart.total') total() { return 2; } }",
      'new Cart().total();',
      "telemetry.track('page.viewed', { password: 'hunter2' });",
      'console.log(JSON.stringify(memory.events.map((e) => [e.name, e.properties])));',
    ].join('\n');
    const bundle = await build({ stdin: { contents: entry, loader: 'ts', resolveDir: project }, bundle: true, platform: 'browser', target: 'es2022', format: 'esm', write: false, logLevel: 'silent' });
    const code = bundle.outputFiles[0].text;
    // The modules come from dist/esm, built for the browser: `_record` and its kin are renamed there.
    expect(code).not.toMatch(/\.(_recordCall|_platform|_reporter)\b/);
    writeFileSync(join(project, 'page.mjs'), code);
    const out = JSON.parse(execFileSync(process.execPath, ['page.mjs'], { cwd: project, encoding: 'utf8' })) as unknown;
    expect(out).toEqual([
      ['cart.total.started', {}],
      ['cart.total.completed', {}],
      ['page.viewed', { password: '[REDACTED]' }],
    ]);
  });
});


import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCollector } from '../../src/cli/collect-server.node';
import type { Collector } from '../../src/cli/collect-server.node';
import { findAssetsDir } from '../../src/cli/collect-static.node';

describe('decotel collect static files', () => {
  let collector: Collector;
  let assets: string;

  beforeAll(async () => {
    assets = mkdtempSync(join(tmpdir(), 'decotel-assets-'));
    writeFileSync(join(assets, 'decotel-worker.js'), 'self.worker = 1;');
    writeFileSync(join(assets, 'decotel-browser.js'), 'export const x = 1;');
    collector = await startCollector({ port: 0, assetsDir: assets, staticDir: resolve(__dirname, '../../examples/browser') });
  });

  afterAll(() => collector.close());

  it('serves the browser SDK files and the --static folder at /app/', async () => {
    const worker = await fetch(`${collector.url}/decotel-worker.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
    await expect(worker.text()).resolves.toBe('self.worker = 1;');
    const page = await fetch(`${collector.url}/app/`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    await expect(page.text()).resolves.toContain('decotel in the browser');
    const script = await fetch(`${collector.url}/app/app.js`);
    await expect(script.text()).resolves.toContain('getTelemetryLogger');
  });

  it('never serves outside its folders', async () => {
    for (const path of ['/app/../../package.json', '/app/%2e%2e/%2e%2e/package.json', '/package.json', '/app/missing.js']) {
      const res = await fetch(`${collector.url}${path}`);
      expect(res.status).toBe(404);
    }
  });

  it('finds the package dist from the bundled CLI folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'decotel-pkg-'));
    mkdirSync(join(root, 'dist', 'cjs', 'cli'), { recursive: true });
    writeFileSync(join(root, 'dist', 'decotel-worker.js'), '');
    expect(findAssetsDir(join(root, 'dist', 'cjs', 'cli'))).toBe(join(root, 'dist'));
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    expect(findAssetsDir(join(root, 'src', 'cli'))).toBe(join(root, 'dist'));
    expect(findAssetsDir(tmpdir())).toBeUndefined();
  });
});

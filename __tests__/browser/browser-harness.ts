// Test support for the Chromium suites: builds the browser bundles with esbuild, serves them with
// a scriptable config and ingestion endpoint on 127.0.0.1, and launches Debian's Chromium.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, LaunchOptions, Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const LAUNCH: LaunchOptions = { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS };

/** The options every browser build of decotel shares (scripts/browser-build.cjs). */
const shared: { browserBuildOptions<T extends object>(options: T): T } = require('../../scripts/browser-build.cjs');

/**
 * The esbuild options of every browser build of decotel (scripts/build-browser.mjs): the shims,
 * the browser modules, short names for `_` members, and class fields as constructor
 * assignments, so that the tests run what ships.
 */
export const BROWSER_OPTIONS = shared.browserBuildOptions({ alias: { 'decotel/browser': './src/browser.ts' } });

/** One request the ingestion endpoint received. */
export interface Received {
  path: string;
  contentType: string;
  body: { session_id?: string; installation_id?: string; service?: Record<string, unknown>; events?: Array<Record<string, any>> };
  /** Sent by a page's sendBeacon/keepalive rather than by the worker's fetch. */
  fromPage: boolean;
}

/** Builds `decotel-worker.js` and the test page script; returns their code. */
export async function buildBundles(): Promise<{ worker: string; page: string }> {
  const common = { absWorkingDir: ROOT, bundle: true, platform: 'browser' as const, target: 'es2022', write: false, logLevel: 'warning' as const, ...BROWSER_OPTIONS };
  const [worker, page] = await Promise.all([
    build({ ...common, entryPoints: ['src/browser/worker.browser.ts'], format: 'iife', minify: true }),
    build({ ...common, entryPoints: ['__tests__/browser/fixtures/test-page.ts'], format: 'iife' }),
  ]);
  return { worker: worker.outputFiles![0].text, page: page.outputFiles![0].text };
}

/**
 * The HTTP side of a test: pages, the worker script, `GET /v1/config?s=<scenario>` answering
 * `configs[scenario]` (500 when it is `null`), and `POST /v1/events` answering `ingestStatus`.
 */
export class TestServer {
  readonly received: Received[] = [];
  readonly configHits: string[] = [];
  configs: Record<string, object | null> = { default: {} };
  /** Extra files by path, e.g. the example page. */
  readonly files = new Map<string, { type: string; body: string }>();
  ingestStatus = 200;
  private readonly _server: Server;
  private _url = '';

  constructor(private readonly _bundles: { worker: string; page: string }) {
    this._server = createServer((req, res) => this._handle(req, res));
  }

  get url(): string {
    return this._url;
  }

  async start(): Promise<void> {
    await new Promise<void>((done) => this._server.listen(0, '127.0.0.1', done));
    this._url = `http://127.0.0.1:${(this._server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this._server.closeAllConnections();
    await new Promise((done) => this._server.close(done));
  }

  /** Events received so far (all requests), optionally only those whose name matches. */
  events(filter?: (name: string) => boolean): Array<Record<string, any>> {
    return this.received.flatMap((r) => r.body.events ?? []).filter((e) => filter === undefined || filter(e.name));
  }

  /** Waits until `check` is true, polling; fails after `timeoutMs`. */
  async waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(this.received.map((r) => r.body.events?.map((e) => e.name)))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private _handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this._url);
    if (req.method === 'GET' && url.pathname === '/v1/config') {
      const scenario = url.searchParams.get('s') ?? 'default';
      this.configHits.push(scenario);
      const config = this.configs[scenario];
      if (config === null || config === undefined) return void res.writeHead(500).end('no config');
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(config));
    }
    if (req.method === 'POST' && url.pathname === '/v1/events') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.ingestStatus >= 200 && this.ingestStatus < 300) {
          this.received.push({ path: url.pathname, contentType: req.headers['content-type'] ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')), fromPage: req.headers['sec-fetch-mode'] === 'no-cors' });
        }
        res.writeHead(this.ingestStatus).end();
      });
      return;
    }
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    const file = this.files.get(url.pathname);
    if (file !== undefined) return void res.writeHead(200, { 'Content-Type': file.type }).end(file.body);
    if (url.pathname === '/decotel-worker.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(this._bundles.worker);
    if (url.pathname === '/page.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(this._bundles.page);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><html><head><meta charset="utf-8"><title>decotel test</title><script src="/page.js"></script></head><body>test</body></html>');
    }
    res.writeHead(404).end();
  }
}

/** Page errors and console errors/warnings, per page, for the "no page errors" rule. */
export class PageWatch {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  watch(page: Page): Page {
    page.on('pageerror', (err) => this.errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.errors.push(`console.error: ${msg.text()}`);
      if (msg.type() === 'warning') this.warnings.push(msg.text());
    });
    return page;
  }
}

/** Opens the test page of `server` in `context`, watched. */
export async function openPage(context: BrowserContext, server: TestServer, watch: PageWatch): Promise<Page> {
  const page = watch.watch(await context.newPage());
  await page.goto(`${server.url}/index.html`);
  return page;
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

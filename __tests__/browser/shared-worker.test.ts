import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BROWSER_OPTIONS, LAUNCH, PageWatch, ROOT, TestServer, buildBundles, openPage } from './browser-harness';

// Real parts: Debian's Chromium, the worker built by esbuild, a node HTTP endpoint (issue 8).
jest.setTimeout(60_000);

let browser: Browser;
let server: TestServer;
let context: BrowserContext | undefined;
let watch: PageWatch;

beforeAll(async () => {
  const [bundles, launched] = await Promise.all([buildBundles(), chromium.launch(LAUNCH)]);
  browser = launched;
  server = new TestServer(bundles);
  await server.start();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  server.received.length = 0;
  server.configHits.length = 0;
  server.ingestStatus = 200;
  watch = new PageWatch();
  context = await browser.newContext();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  // No page errors in any test.
  if (watch.errors.length > 0) throw new Error(`page errors: ${watch.errors.join('; ')}`);
});

/** Opens the logger in `page` with `options` (scenario `s` picks the remote config). */
async function openLogger(page: Page, s = 'default', options: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(([scenario, opts]) => {
    (window as any).logger = (window as any).decotel.getTelemetryLogger({ configUrl: `/v1/config?s=${scenario}`, flushIntervalMs: 60_000, ...opts });
  }, [s, options] as const);
}

function log(page: Page, record: object): Promise<void> {
  return page.evaluate((r) => (window as any).logger.logEvent(r), record);
}

function flush(page: Page, timeoutMs = 5_000): Promise<{ delivered: number; pending: number }> {
  return page.evaluate((ms) => (window as any).logger.flush(ms), timeoutMs);
}

/** The worker's counters, asked for on a port of its own. */
function workerStats(page: Page): Promise<any> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const worker = new SharedWorker('/decotel-worker.js', { name: 'decotel' });
        worker.port.onmessage = (e) => e.data.t === 'stats' && resolve(e.data.s);
        worker.port.postMessage({ t: 'stats', n: 1 });
      }),
  );
}

describe('getTelemetryLogger() in Chromium', () => {
  it('shares one worker and one config fetch between two tabs', async () => {
    server.configs.shared = { rollout_percent: 100 };
    const [a, b] = [await openPage(context!, server, watch), await openPage(context!, server, watch)];
    await openLogger(a, 'shared', { service: { name: 'web', version: '1.2.3' } });
    await openLogger(b, 'shared');
    await log(a, { event_name: 'tab.a', params: { n: 1 }, status: 'SUCCESS', duration_ms: 12, timestamp_ns: 1_700_000_000_123_456_789n });
    await log(b, { event_name: 'tab.b' });
    expect(await a.evaluate(() => (window as any).logger.getConfig())).toMatchObject({ rollout_percent: 100, ingestion_url: '/v1/events', format: 'json' });
    expect(await flush(b)).toEqual({ delivered: 2, pending: 0 });
    expect(server.configHits).toEqual(['shared']);
    const events = server.events();
    expect(events.map((e) => e.name).sort()).toEqual(['tab.a', 'tab.b']);
    expect(new Set(server.received.map((r) => r.body.session_id)).size).toBe(1);
    expect(new Set(events.map((e) => e.sessionId))).toEqual(new Set([server.received[0].body.session_id]));
    expect(server.received[0]).toMatchObject({ contentType: 'text/plain', body: { service: { name: 'web', version: '1.2.3' }, installation_id: expect.any(String) } });
    expect(events.find((e) => e.name === 'tab.a')).toMatchObject({
      category: 'tab',
      severity: 'info',
      status: 'success',
      durationMs: 12,
      properties: { n: 1 },
      timestampNs: '1700000000123456789',
      timestamp: '2023-11-14T22:13:20.123Z',
    });
    expect(await a.evaluate(() => (window as any).logger.isInitialized())).toBe(true);
  });

  it('routes track() and the decorators of the page to the same worker', async () => {
    const page = await openPage(context!, server, watch);
    await openLogger(page);
    await page.evaluate(() => {
      const { decotel, Cart } = window as any;
      decotel.telemetry.track('page.viewed', { path: '/cart' });
      const cart = new Cart();
      cart.total();
      cart.add('sku-1');
      cart.help();
      try {
        cart.pay();
      } catch {
        // expected
      }
      return decotel.withTracking('page.load', () => 1)();
    });
    await flush(page);
    const names = server.events().map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['page.viewed', 'cart.total.completed', 'cart.add.completed', 'cart.pay.failed', 'page.load.completed']));
    expect(names.some((n) => n.startsWith('cart.help'))).toBe(false);
    expect(server.events((n) => n === 'cart.pay.failed')[0]).toMatchObject({ severity: 'error', status: 'failure', error: { type: 'Error', message: 'card declined' } });
  });

  it('sends nothing for disabled events and counts them as disabled', async () => {
    server.configs.filtered = { disable_events: ['debug.*', '!(app.*|debug.*)'] };
    const page = await openPage(context!, server, watch);
    await openLogger(page, 'filtered');
    for (const name of ['debug.x', 'debug.a.b', 'other.y', 'app.kept']) await log(page, { event_name: name });
    await flush(page);
    expect(server.events().map((e) => e.name)).toEqual(['app.kept']);
    expect(await workerStats(page)).toMatchObject({ received: 4, delivered: 1, dropped: { disabled: 3 }, pending: 0 });
  });

  it('sends nothing with rollout_percent 0, nor with disable_telemetry', async () => {
    server.configs.rollout0 = { rollout_percent: 0 };
    const page = await openPage(context!, server, watch);
    await openLogger(page, 'rollout0');
    await log(page, { event_name: 'app.a' });
    await page.evaluate(() => (window as any).decotel.telemetry.track('app.b'));
    expect(await flush(page)).toEqual({ delivered: 0, pending: 0 });
    expect(await workerStats(page)).toMatchObject({ dropped: { sampled: 2 } });
    // The last tab hiding sends nothing either.
    await page.close({ runBeforeUnload: true });
    server.configs.off = { disable_telemetry: true };
    const other = await browser.newContext();
    const off = watch.watch(await other.newPage());
    await off.goto(`${server.url}/index.html`);
    await openLogger(off, 'off');
    await log(off, { event_name: 'app.c' });
    expect(await flush(off)).toEqual({ delivered: 0, pending: 0 });
    expect(await workerStats(off)).toMatchObject({ dropped: { disabled: 1 } });
    await other.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(server.received).toEqual([]);
  });

  it('sends nothing and resolves getConfig() with null when the config cannot be fetched', async () => {
    server.configs.broken = null;
    const page = await openPage(context!, server, watch);
    await openLogger(page, 'broken');
    await log(page, { event_name: 'app.a' });
    expect(await page.evaluate(() => (window as any).logger.getConfig())).toBeNull();
    expect(await page.evaluate(() => (window as any).logger.isInitialized())).toBe(true);
    expect(await flush(page)).toEqual({ delivered: 0, pending: 1 });
    expect(server.received).toEqual([]);
  });

  it('sends what is undelivered with sendBeacon when the last tab closes', async () => {
    const page = await openPage(context!, server, watch);
    await openLogger(page);
    await page.waitForFunction(() => (window as any).logger.isInitialized());
    for (let i = 0; i < 5; i++) await log(page, { event_name: 'closing.event', params: { i } });
    await page.evaluate(() => (window as any).decotel.telemetry.track('closing.tracked'));
    await page.close({ runBeforeUnload: true });
    await server.waitFor(() => server.events().length >= 6, 10_000, '6 beaconed events');
    expect(server.received.every((r) => r.fromPage && r.contentType === 'text/plain')).toBe(true);
    expect(server.events().map((e) => e.properties.i ?? e.name)).toEqual([0, 1, 2, 3, 4, 'closing.tracked']);
  });

  it('gives the last tab the events of a tab closed before it, and beacons them when it closes', async () => {
    const first = await openPage(context!, server, watch);
    await openLogger(first);
    await first.waitForFunction(() => (window as any).logger.isInitialized());
    const last = await openPage(context!, server, watch);
    await openLogger(last);
    await last.waitForFunction(() => (window as any).logger.isInitialized());
    await log(first, { event_name: 'first.tab' });
    // Once the worker has stored it, the event is no longer the first tab's to send.
    await first.waitForFunction(() => (window as any).logger.destination.inQueue() === 0);
    await first.close({ runBeforeUnload: true });
    await new Promise((r) => setTimeout(r, 200));
    // Closing a tab while another is visible sends nothing: the worker still holds the event.
    expect(server.received).toEqual([]);
    await log(last, { event_name: 'last.tab' });
    await last.close({ runBeforeUnload: true });
    await server.waitFor(() => server.events().length >= 2, 10_000, 'both tabs\' events');
    expect(server.events().map((e) => e.name).sort()).toEqual(['first.tab', 'last.tab']);
    expect(server.received.every((r) => r.fromPage)).toBe(true);
  });

  it('drops a record without event_name with one warning and never throws, and sends params made safe and scrubbed', async () => {
    const page = await openPage(context!, server, watch);
    await openLogger(page);
    const returned = await page.evaluate(() => {
      const { logger } = window as any;
      const cyclic: any = { fn: () => 1, node: document.body, sym: Symbol('s'), password: 'hunter2', big: 10n, contact: 'ann@example.com' };
      cyclic.self = cyclic;
      return [logger.logEvent({}), logger.logEvent({ event_name: 42 }), logger.logEvent(null), logger.logEvent({ event_name: 'ok.cyclic', params: cyclic })];
    });
    expect(returned).toEqual([undefined, undefined, undefined, undefined]);
    await flush(page);
    expect(watch.warnings.filter((w) => w.includes('event_name'))).toHaveLength(1);
    expect(server.events()).toEqual([expect.objectContaining({ name: 'ok.cyclic', properties: { node: '[BODY]', password: '[REDACTED]', big: '10', contact: '[REDACTED_EMAIL]', self: '[Circular]' } })]);
  });
});

describe('examples/browser', () => {
  it('feeds one stream from two tabs of the example page', async () => {
    const standalone = await build({ absWorkingDir: ROOT, entryPoints: ['src/browser.ts'], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, ...BROWSER_OPTIONS });
    server.files.set('/decotel-browser.js', { type: 'text/javascript', body: standalone.outputFiles[0].text });
    for (const [name, type] of [['index.html', 'text/html'], ['app.js', 'text/javascript']]) {
      server.files.set(`/example/${name}`, { type, body: readFileSync(join(ROOT, 'examples/browser', name), 'utf8') });
    }
    const tabs: Page[] = [];
    for (let i = 0; i < 2; i++) {
      const tab = watch.watch(await context!.newPage());
      await tab.goto(`${server.url}/example/index.html`);
      await tab.waitForFunction(() => document.querySelector('#ready')?.textContent === 'yes');
      await tab.click('#log');
      await tab.click('#track');
      await tab.click('#fail');
      tabs.push(tab);
    }
    await tabs[1].click('#flush');
    await tabs[1].waitForFunction(() => document.querySelector('#out')?.textContent?.includes('flush:'));
    const events = server.events();
    expect(events.map((e) => e.name).sort()).toEqual(['example.clicked', 'example.clicked', 'example.pay.failed', 'example.pay.failed', 'example.pay.started', 'example.pay.started', 'example.tracked', 'example.tracked']);
    expect(new Set(events.map((e) => e.sessionId)).size).toBe(1);
    expect(new Set(events.filter((e) => e.name === 'example.tracked').map((e) => e.context.tab)).size).toBe(2);
    expect(server.configHits).toEqual(['default']);
  });
});

describe('getTelemetryLogger() without SharedWorker', () => {
  it('runs the same engine in the page, with exactly one warning', async () => {
    await context!.addInitScript(() => {
      delete (window as any).SharedWorker;
    });
    const page = await openPage(context!, server, watch);
    await openLogger(page, 'default', { service: { name: 'fallback' } });
    await log(page, { event_name: 'fallback.a' });
    await page.evaluate(() => (window as any).decotel.telemetry.track('fallback.b'));
    expect(await flush(page)).toEqual({ delivered: 2, pending: 0 });
    expect(server.events().map((e) => e.name)).toEqual(['fallback.a', 'fallback.b']);
    expect(server.received[0].body.service).toEqual({ name: 'fallback' });
    expect(watch.warnings.filter((w) => w.startsWith('decotel:'))).toEqual(['decotel: no SharedWorker: telemetry runs in this page']);
  });
});

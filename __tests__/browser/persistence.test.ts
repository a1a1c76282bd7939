import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, PageWatch, TestServer, buildBundles, tempDir } from './browser-harness';

// A persistent Chromium profile: what IndexedDB holds survives a browser restart (issue 8).
jest.setTimeout(60_000);

let server: TestServer;
const profile = tempDir('decotel-profile-');

beforeAll(async () => {
  server = new TestServer(await buildBundles());
  await server.start();
});

afterAll(async () => {
  await server?.stop();
  profile.remove();
});

async function launch(watch: PageWatch): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile.path, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = watch.watch(context.pages()[0] ?? (await context.newPage()));
  await page.goto(`${server.url}/index.html`);
  await page.evaluate(() => {
    (window as any).logger = (window as any).decotel.getTelemetryLogger({ flushIntervalMs: 60_000 });
  });
  await page.waitForFunction(() => (window as any).logger.isInitialized());
  return { context, page };
}

function storedInstallationId(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('decotel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('installationId');
          get.onsuccess = () => resolve(get.result as string);
        };
      }),
  );
}

describe('the worker across a browser restart', () => {
  it('sends after a restart what was logged while the endpoint was down', async () => {
    const watch = new PageWatch();
    server.ingestStatus = 503;
    const first = await launch(watch);
    await first.page.evaluate(() => {
      for (let i = 0; i < 3; i++) (window as any).logger.logEvent({ event_name: 'offline.event', params: { i } });
    });
    // The worker tries (and fails); the events are in IndexedDB once flush() resolves.
    expect(await first.page.evaluate(() => (window as any).logger.flush(1_500))).toEqual({ delivered: 0, pending: 3 });
    const installationId = await storedInstallationId(first.page);
    await first.context.close();
    expect(server.events()).toEqual([]);

    server.ingestStatus = 200;
    const second = await launch(watch);
    await server.waitFor(() => server.events().length >= 3, 15_000, 'the 3 stored events');
    expect(server.events().map((e) => e.properties.i)).toEqual([0, 1, 2]);
    expect(server.received[0].body.installation_id).toBe(installationId);
    // Acknowledged events are deleted: nothing is pending, nothing comes twice. (The replay may
    // still be waiting for its answer: flush() waits for it, and counts it delivered then.)
    const flushed = await second.page.evaluate(() => (window as any).logger.flush(2_000));
    expect(flushed.pending).toBe(0);
    expect([0, 3]).toContain(flushed.delivered);
    expect(server.events()).toHaveLength(3);
    await second.context.close();
    expect(watch.errors.filter((e) => !e.includes('503'))).toEqual([]);
  });
});

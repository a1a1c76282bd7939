import { TestServer } from './browser-harness';

// The page side in Node, through the fallback path: no SharedWorker, so getTelemetryLogger() runs
// the worker script's engine in this "page". A fake document drives visibility and pagehide, and
// navigator.sendBeacon is recorded (Chromium does the real thing in shared-worker.test.ts).
jest.setTimeout(30_000);

let server: TestServer;
const beacons: Array<{ url: string; body: string }> = [];
const g = globalThis as any;
const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
const win = new EventTarget();
// Node keeps the process alive while a MessagePort is open: close the fallback's channel at the end.
const channels: MessageChannel[] = [];
const RealMessageChannel = MessageChannel;

beforeAll(async () => {
  server = new TestServer({ worker: '', page: '' });
  server.configs.page = { disable_events: ['debug.*'] };
  await server.start();
  g.MessageChannel = class extends RealMessageChannel {
    constructor() {
      super();
      channels.push(this);
    }
  };
  g.document = doc;
  g.addEventListener = win.addEventListener.bind(win);
  g.removeEventListener = win.removeEventListener.bind(win);
  Object.defineProperty(g, 'navigator', { configurable: true, value: { userAgent: 'node', sendBeacon: (url: string, blob: Blob) => Boolean(blob.text().then((body) => beacons.push({ url, body }))) } });
});

afterAll(async () => {
  for (const c of channels) {
    c.port1.close();
    c.port2.close();
  }
  g.MessageChannel = RealMessageChannel;
  delete g.document;
  delete g.addEventListener;
  delete g.removeEventListener;
  delete g.navigator;
  await server.stop();
});

function hide(): void {
  doc.visibilityState = 'hidden';
  doc.dispatchEvent(new Event('visibilitychange'));
}

describe('getTelemetryLogger() without SharedWorker', () => {
  it('runs the engine of the worker script in the page, warns once, and beacons when the page hides', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await import('../../src/browser/worker.browser');
    const { getTelemetryLogger } = await import('../../src/browser/get-telemetry-logger.browser');
    const logger = getTelemetryLogger({ workerUrl: `${server.url}/decotel-worker.js`, configUrl: `${server.url}/v1/config?s=page`, flushIntervalMs: 60_000, installationId: false });
    expect(getTelemetryLogger()).toBe(logger);
    expect(warn.mock.calls).toEqual([['decotel: no SharedWorker: telemetry runs in this page']]);
    expect(await logger.getConfig()).toMatchObject({ disable_events: ['debug.*'] });
    logger.logEvent({ event_name: 'page.shown' });
    logger.logEvent({ event_name: 'debug.noise' });
    const { Tracker } = await import('../../src/tracker/tracker');
    Tracker.getInstance().track('page.tracked');
    await new Promise((r) => setTimeout(r, 100));
    // The only visible page holds every undelivered record; hiding sends them (and not the disabled one).
    hide();
    logger.logEvent({ event_name: 'page.after_hide' });
    win.dispatchEvent(new Event('pagehide'));
    logger.logEvent({ event_name: 'page.in_pagehide' });
    await new Promise((r) => setTimeout(r, 50));
    const names = beacons.flatMap((b) => JSON.parse(b.body).events.map((e: { name: string }) => e.name));
    expect(names).toEqual(['page.shown', 'page.tracked', 'page.after_hide', 'page.in_pagehide']);
    expect(beacons.every((b) => b.url === `${server.url}/v1/events`)).toBe(true);
    expect(server.received).toEqual([]);
    warn.mockRestore();
  });
});

describe('sendBeacons()', () => {
  it('falls back to fetch with keepalive when sendBeacon refuses', async () => {
    const { sendBeacons } = await import('../../src/browser/send-beacons.browser');
    const fetchMock = jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(null, { status: 204 }));
    const saved = g.navigator;
    Object.defineProperty(g, 'navigator', { configurable: true, value: { sendBeacon: () => false } });
    try {
      sendBeacons('http://x.test/v1/events', '{"events":[', ']}', ['{"a":1}']);
      expect(fetchMock).toHaveBeenCalledWith('http://x.test/v1/events', { method: 'POST', body: '{"events":[{"a":1}]}', keepalive: true, headers: { 'Content-Type': 'text/plain' } });
    } finally {
      Object.defineProperty(g, 'navigator', { configurable: true, value: saved });
      fetchMock.mockRestore();
    }
  });
});

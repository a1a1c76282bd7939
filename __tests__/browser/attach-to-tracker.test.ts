import { createHash } from 'node:crypto';
import { attachToTracker } from '../../src/browser/attach-to-tracker.browser';
import type { Destination } from '../../src/destinations/destination';
import type { TelemetryEvent } from '../../src/tracker/event';

// Each jest test file has its own global: no tracker exists until one is asked for.
function recorder(): Destination & { names: string[] } {
  const names: string[] = [];
  return { name: 'browser-worker', names, handle: (e: TelemetryEvent) => void names.push(e.name) };
}

describe('attachToTracker()', () => {
  it('routes a tracker created later, and stays routed when configure() replaces the destinations', async () => {
    const dest = recorder();
    attachToTracker(dest);
    const { Tracker } = await import('../../src/tracker/tracker');
    const tracker = Tracker.getInstance();
    expect(Tracker.getInstance()).toBe(tracker);
    const { withConfigValidation } = await import('../../src/browser/with-config-validation');
    expect(withConfigValidation()).toBe(tracker);
    tracker.track('page.viewed');
    tracker.configure({ config: { telemetry: { destinations: { mem: { type: 'memory', events: ['*'] } } } } });
    tracker.track('after.configure');
    expect(dest.names).toEqual(['page.viewed', 'session.start', 'after.configure']);
    expect(tracker.getDestination('mem')).toBeDefined();
    tracker.reset();
  });

  it('routes a tracker that already exists', async () => {
    const { Tracker } = await import('../../src/tracker/tracker');
    const dest = recorder();
    attachToTracker(dest);
    Tracker.getInstance().track('now');
    expect(dest.names).toEqual(['now']);
    Tracker.getInstance().reset();
  });
});

describe('createBrowserPlatform()', () => {
  it('reads configuration objects only, and installs window handlers for installGlobalHandlers()', async () => {
    const target = new EventTarget();
    const g = globalThis as any;
    g.addEventListener = target.addEventListener.bind(target);
    g.removeEventListener = target.removeEventListener.bind(target);
    try {
      const { Tracker } = await import('../../src/tracker/tracker');
      const { createBrowserPlatform } = await import('../../src/browser/browser-platform.browser');
      const { ConfigError } = await import('../../src/errors');
      const { installConfigValidation } = await import('../../src/browser/with-config-validation');
      const platform = createBrowserPlatform();
      expect(platform.hash).toBeUndefined();
      const telemetry = new Tracker(platform);
      expect(() => telemetry.configure({ configPath: 'telemetry.config.yaml' })).toThrow(ConfigError);
      // Without withConfigValidation(), an object is refused with a ConfigError naming it; no config means the defaults.
      const refused = (() => {
        try {
          telemetry.configure({ config: { telemetry: {} } });
        } catch (err) {
          return err;
        }
      })();
      expect(refused).toBeInstanceOf(ConfigError);
      expect(refused).toMatchObject({ code: 'INVALID_VALUE', path: 'config', message: expect.stringMatching(/withConfigValidation\(\)/) });
      expect(telemetry.configure().config.destinations).toEqual([]);
      installConfigValidation(telemetry);
      expect(() => telemetry.configure({ config: { telemetry: { destinations: { mem: { type: 'nope' } } } } })).toThrow(ConfigError);
      telemetry.configure({
        config: { telemetry: { privacy: { hash_keys: ['user_id'], hash_salt: 's' }, sampling: { rules: [{ events: ['noise.*'], rate: 0 }] }, destinations: { mem: { type: 'memory', events: ['error.*', 'user.*', 'noise.*'] } } } },
      });
      // withConfigValidation() brought the SHA-256 that hash_keys need and the sampler (the platform has neither of its own).
      telemetry.track('user.seen', { user_id: 'u-1' });
      telemetry.track('noise.tick');
      expect(telemetry.stats().destinations.mem.dropped).toEqual({ sampled: 1 });
      telemetry.installGlobalHandlers();
      const error = Object.assign(new Event('error'), { error: new RangeError('boom'), message: 'boom' });
      target.dispatchEvent(error);
      target.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: new Error('nope') }));
      const mem = telemetry.getDestination('mem') as unknown as { events: TelemetryEvent[] };
      expect(mem.events.map((e) => [e.name, e.severity, e.error?.type])).toEqual([
        ['user.seen', 'info', undefined],
        ['error.uncaught', 'critical', 'RangeError'],
        ['error.unhandled_rejection', 'critical', 'Error'],
      ]);
      expect(mem.events[0].properties).toEqual({ user_id: createHash('sha256').update('su-1').digest('hex').slice(0, 16) });
      await telemetry.shutdown(100);
      target.dispatchEvent(error);
      expect(mem.events).toHaveLength(3);
    } finally {
      delete g.addEventListener;
      delete g.removeEventListener;
    }
  });
});

describe('telemetry (browser entry)', () => {
  it('is the shared tracker, and leaves the platform alone when evaluated in Node (SSR)', async () => {
    const { telemetry } = await import('../../src/browser/instance.browser');
    const { Tracker } = await import('../../src/tracker/tracker');
    expect(telemetry).toBe(Tracker.getInstance());
    let message = '';
    try {
      telemetry.configure({ configPath: 'x.yaml' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toMatch(/the browser reads no files/);
    telemetry.reset();
  });
});

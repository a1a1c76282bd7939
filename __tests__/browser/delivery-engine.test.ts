import { DeliveryEngine } from '../../src/browser/delivery-engine.browser';
import type { EngineParts } from '../../src/browser/delivery-engine.browser';
import { EventLog } from '../../src/browser/event-log.browser';
import { fetchRemoteConfig } from '../../src/browser/fetch-remote-config.browser';
import type { TelemetryEvent } from '../../src/tracker/event';
import { TestServer } from './browser-harness';

// The engine of the worker, run in Node against a real HTTP endpoint (no IndexedDB: the log is in memory).
let server: TestServer;
let sequence = 0;

beforeAll(async () => {
  server = new TestServer({ worker: '', page: '' });
  await server.start();
});

afterAll(() => server.stop());

beforeEach(() => {
  server.received.length = 0;
  server.configHits.length = 0;
  server.ingestStatus = 200;
});

const event = (name: string): TelemetryEvent => ({ id: `e${++sequence}`, name, category: name.split('.')[0], severity: 'info', timestamp: new Date().toISOString(), properties: {}, context: {}, sessionId: '', sequence: 0 });

function engine(scenario: string, extra: Partial<EngineParts> = {}): { engine: DeliveryEngine; accepted: string[]; settled: string[] } {
  const accepted: string[] = [];
  const settled: string[] = [];
  const e = new DeliveryEngine({
    options: { configUrl: `${server.url}/v1/config?s=${scenario}`, flushIntervalMs: 60_000, installationId: 'auto', service: { name: 'web' } },
    openLog: (hooks) => EventLog.open(hooks),
    fetchConfig: (url) => fetchRemoteConfig(url),
    listener: { accepted: (events) => accepted.push(...events.map((x) => x.name)), settled: (ids) => settled.push(...ids) },
    retry: { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 20 },
    ...extra,
  });
  return { engine: e, accepted, settled };
}

describe('DeliveryEngine', () => {
  it('gives events the session id and a sequence, sends them and forgets what was delivered', async () => {
    server.configs.plain = {};
    const { engine: e, accepted, settled } = engine('plain');
    const early = event('app.early');
    void e.receive(early);
    await e.ready;
    await e.receive(event('app.late'));
    expect(await e.flush(2_000)).toEqual({ delivered: 2, pending: 0 });
    expect(server.events().map((x) => [x.name, x.sequence, x.sessionId])).toEqual([
      ['app.early', 1, e.sessionId],
      ['app.late', 2, e.sessionId],
    ]);
    expect(server.received[0]).toMatchObject({ contentType: 'text/plain', body: { session_id: e.sessionId, service: { name: 'web' }, installation_id: expect.any(String) } });
    expect(accepted).toEqual(['app.early', 'app.late']);
    expect(settled).toContain(early.id);
    expect(e.stats()).toEqual({ received: 2, delivered: 2, dropped: {}, pending: 0 });
  });

  it('scrubs the free text of logger records, as the privacy defaults do, and leaves the tracker\'s events to their own stage', async () => {
    server.configs.scrub = {};
    const { engine: e } = engine('scrub');
    const params = { note: 'mail ann@example.com', auth: 'Bearer abcdefghijklmnop', nested: { list: ['bob@example.org'] }, n: 1 };
    const record = { ...event('app.record'), properties: structuredClone(params) };
    const tracked = { ...event('app.tracked'), properties: structuredClone(params) };
    await e.ready;
    await e.receive(record, true);
    await e.receive(tracked);
    expect(await e.flush(2_000)).toEqual({ delivered: 2, pending: 0 });
    const sent = Object.fromEntries(server.events().map((x) => [x.name, x.properties]));
    expect(sent['app.record']).toEqual({ note: 'mail [REDACTED_EMAIL]', auth: 'Bearer [REDACTED]', nested: { list: ['[REDACTED_EMAIL]'] }, n: 1 });
    expect(sent['app.tracked']).toEqual(params);
  });

  it('sends nothing, and keeps the events, when the config cannot be fetched', async () => {
    server.configs.down = null;
    const { engine: e } = engine('down');
    await e.receive(event('app.a'));
    await e.ready;
    expect(e.config).toBeNull();
    expect(e.kit()).toBeUndefined();
    expect(await e.flush(500)).toEqual({ delivered: 0, pending: 1 });
    expect(server.received).toEqual([]);
  });

  it('drops disabled events, and every event out of the rollout or with telemetry disabled', async () => {
    server.configs.globs = { disable_events: ['debug.*', '*.secret'] };
    server.configs.out = { rollout_percent: 10 };
    server.configs.off = { disable_telemetry: true };
    const globs = engine('globs').engine;
    const out = engine('out', { random: () => 0.5 }).engine;
    const off = engine('off').engine;
    for (const e of [globs, out, off]) for (const name of ['debug.x', 'user.secret', 'app.ok']) void e.receive(event(name));
    await Promise.all([globs.flush(2_000), out.flush(2_000), off.flush(2_000)]);
    expect(server.events().map((x) => x.name)).toEqual(['app.ok']);
    expect([globs.stats().dropped, out.stats().dropped, off.stats().dropped]).toEqual([{ disabled: 2 }, { sampled: 3 }, { disabled: 3 }]);
    expect([out.kit(), off.kit()]).toEqual([expect.objectContaining({ json: true }), undefined]);
  });

  it('drops a batch the endpoint rejects, and keeps one it could not deliver for a later try', async () => {
    server.configs.plain = {};
    const { engine: e, settled } = engine('plain', { options: { configUrl: `${server.url}/v1/config?s=plain`, flushIntervalMs: 300, installationId: 'auto' } });
    await e.ready;
    server.ingestStatus = 400;
    const rejected = event('app.rejected');
    await e.receive(rejected);
    expect(await e.flush(2_000)).toEqual({ delivered: 0, pending: 0 });
    expect(settled).toEqual([rejected.id]);
    server.ingestStatus = 503;
    await e.receive(event('app.retried'));
    expect(await e.flush(2_000)).toEqual({ delivered: 0, pending: 1 });
    expect(e.stats().dropped).toEqual({ rejected: 1 });
    expect(e.undelivered().map(([, rec]) => JSON.parse(rec).name)).toEqual(['app.retried']);
    server.ingestStatus = 200;
    // The next tick of the batch timer replays what the log kept.
    await server.waitFor(() => server.events().length === 1, 3_000, 'the kept event');
    expect(server.events()[0].name).toBe('app.retried');
  });

  it('tells the last visible page how to send undelivered events in the configured format', async () => {
    server.configs.otlp = { format: 'otlp', disable_events: ['debug.*'], ingestion_url: '/v1/logs' };
    const { engine: e } = engine('otlp', { options: { configUrl: `${server.url}/v1/config?s=otlp`, flushIntervalMs: 60_000, installationId: false } });
    await e.ready;
    void e.receive(event('app.a'));
    const kit = e.kit()!;
    expect(kit).toMatchObject({ url: `${server.url}/v1/logs`, json: false, sessionId: e.sessionId });
    expect(new RegExp(kit.off).test('debug.x')).toBe(true);
    const body = JSON.parse(kit.pre + e.undelivered().map(([, rec]) => rec).join(',') + kit.suf);
    expect(body.resourceLogs[0].scopeLogs[0].logRecords[0].eventName).toBe('app.a');
    expect(JSON.stringify(body)).not.toContain('installation_id');
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, createHttpDestination, HttpBatchSink } from 'decotel';
import type { Destination } from 'decotel';
import { makeEvent, makeEvents, recordingContext, TEST_RESOURCE } from '../../helpers/events';
import { SPOOL_OVERFLOW_HOLD_FACTOR } from '../../../src/destinations/http/http-batch-sink-options';
import type { RecordingContext } from '../../helpers/events';
import { idsOf, OK, startFaultServer } from '../../helpers/fault-server';
import type { FaultServer } from '../../helpers/fault-server';
import { seededRandom } from '../../helpers/seeded-random';

jest.setTimeout(20_000);

let server: FaultServer;
let dir: string;
let made: Destination[];

beforeEach(async () => {
  server = await startFaultServer();
  dir = mkdtempSync(join(tmpdir(), 'decotel-http-'));
  made = [];
});

afterEach(async () => {
  await Promise.all(made.map((d) => d.shutdown?.(300)));
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function create(options: Record<string, unknown>, ctx: RecordingContext = recordingContext()): Destination {
  const d = createHttpDestination({ name: 'collector', url: `${server.url}/v1/events`, ...options }, ctx) as Destination;
  made.push(d);
  return d;
}

const session = (id: string): RecordingContext => recordingContext({ ...TEST_RESOURCE, sessionId: id });
const ids = (count: number, from = 1): string[] => makeEvents(count, from).map((e) => e.id);

describe('createHttpDestination()', () => {
  describe('options', () => {
    it('builds an HttpBatchSink from the camelCase options of the YAML', async () => {
      const d = create({ format: 'json', headers: { 'X-Key': 'k' }, batch: { maxSize: 2, flushIntervalMs: 60_000, maxQueueSize: 10 }, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 1_000 });
      expect(d).toBeInstanceOf(HttpBatchSink);
      for (const e of makeEvents(3)) d.handle(e);
      await server.waitFor(() => server.accepted.length === 1);
      expect(idsOf(server.accepted[0])).toEqual(ids(2));
      expect(server.accepted[0].headers['x-key']).toBe('k');
    });

    it('sends OTLP and Umami bodies when asked', async () => {
      const otlp = create({ format: 'otlp', batch: { maxSize: 1 } });
      otlp.handle(makeEvents(1)[0]);
      const umami = create({ format: 'umami', websiteId: 'site-1', hostname: 'shop.example', batch: { maxSize: 5 } });
      umami.handle(makeEvents(1)[0]);
      await server.waitFor(() => server.accepted.length === 2);
      const bodies = server.accepted.map((r) => JSON.parse(r.body));
      expect(bodies.some((b) => Array.isArray(b.resourceLogs))).toBe(true);
      expect(bodies.find((b) => b.type === 'event')?.payload).toMatchObject({ website: 'site-1', hostname: 'shop.example', name: 'test.event' });
    });

    it.each([
      [{ url: undefined }, 'MISSING_KEY', 'telemetry.destinations.collector.url'],
      [{ url: '  ' }, 'MISSING_KEY', 'telemetry.destinations.collector.url'],
      [{ format: 'xml' }, 'INVALID_VALUE', 'telemetry.destinations.collector.format'],
      [{ format: 'umami' }, 'MISSING_KEY', 'telemetry.destinations.collector.website_id'],
      [{ batch: { maxSize: 0 } }, 'OUT_OF_RANGE', 'telemetry.destinations.collector.batch.max_size'],
      [{ retry: { maxRetries: -1 } }, 'OUT_OF_RANGE', 'telemetry.destinations.collector.retry.max_retries'],
      [{ timeoutMs: 1.5 }, 'OUT_OF_RANGE', 'telemetry.destinations.collector.timeout_ms'],
      [{ spoolMaxBytes: 'big' }, 'OUT_OF_RANGE', 'telemetry.destinations.collector.spool_max_bytes'],
      [{ spoolDir: 42 }, 'INVALID_TYPE', 'telemetry.destinations.collector.spool_dir'],
      [{ headers: ['a'] }, 'INVALID_TYPE', 'telemetry.destinations.collector.headers'],
      [{ headers: { A: 1 } }, 'INVALID_TYPE', 'telemetry.destinations.collector.headers.A'],
    ])('%j – throws %s at %s', (options, code, path) => {
      const attempt = (): unknown => createHttpDestination({ name: 'collector', url: 'http://127.0.0.1:9/x', ...options }, recordingContext());
      expect(attempt).toThrow(ConfigError);
      try {
        attempt();
      } catch (err) {
        expect(err).toMatchObject({ code, path, line: 0, column: 0 });
      }
    });
  });

  describe('spool_dir', () => {
    it('spools what overflows a full queue and what runs out of retries, and sends it once the receiver is back', async () => {
      let down = true;
      server.script(() => (down ? { status: 503 } : OK));
      const ctx = session('s-overflow');
      // 25 queued, 25 staged for the spool: the overflow of one synchronous burst is staged for the spool's write.
      const d = create({ batch: { maxSize: 5, maxQueueSize: 25, flushIntervalMs: 100 }, retry: { maxRetries: 0 }, spoolDir: dir }, ctx);
      for (const e of makeEvents(50)) d.handle(e);
      await server.waitFor(() => server.requests.length >= 2);
      expect(ctx.drops).toEqual({});
      down = false;
      await server.waitFor(() => new Set(server.accepted.flatMap(idsOf)).size === 50, 5_000);
      // The client counts a delivery once it has read the response.
      await server.waitFor(() => ctx.deliveredCount >= 50);
      expect(ctx.drops).toEqual({});
      await server.waitFor(() => readdirSync(dir).every((f) => f.endsWith('.owner')));
    });

    it('spools a synchronous burst of ten queues beyond a full queue without dropping any (#7)', async () => {
      let down = true;
      server.script(() => (down ? { status: 503 } : OK));
      const ctx = session('s-burst');
      const d = create({ batch: { maxSize: 50, maxQueueSize: 100, flushIntervalMs: 100 }, retry: { maxRetries: 0 }, spoolDir: dir }, ctx);
      for (const e of makeEvents(100 + 100 * SPOOL_OVERFLOW_HOLD_FACTOR)) d.handle(e);
      // Beyond what the spool may hold in memory, the next event of the same burst is dropped and counted.
      d.handle(makeEvent(5_000));
      expect(ctx.drops).toEqual({ queue_full: 1 });
      down = false;
      await server.waitFor(() => new Set(server.accepted.flatMap(idsOf)).size === 1_100, 15_000);
      expect(ctx.drops).toEqual({ queue_full: 1 });
    });

    it('spools what is left at shutdown, and the next start sends it first', async () => {
      server.script(() => 'hang');
      const first = create({ batch: { maxSize: 10 }, timeoutMs: 30_000, spoolDir: dir }, session('s-first'));
      for (const e of makeEvents(30, 1, { sessionId: 's-first' })) first.handle(e);
      await server.waitFor(() => server.requests.length === 1);
      // The last SPOOL_RESERVE_MS of the time (at most half) is kept for the fsync'd write.
      await expect(first.shutdown?.(1_500)).resolves.toEqual({ delivered: 0, pending: 0, spooled: 30 });
      expect(readdirSync(dir)).toEqual(['s-first.jsonl']);

      server.script(() => OK);
      const second = create({ batch: { maxSize: 100 }, spoolDir: dir }, session('s-second'));
      for (const e of makeEvents(3, 1_000, { sessionId: 's-second' })) second.handle(e);
      await second.flush?.(2_000);
      await server.waitFor(() => server.accepted.length >= 2);
      const [replayed, own] = server.accepted.map((r) => JSON.parse(r.body));
      expect(replayed.session_id).toBe('s-first');
      expect(replayed.events.map((e: { id: string }) => e.id)).toEqual(ids(30));
      expect(own.session_id).toBe('s-second');
      // The spooled file is gone; the second session never needed a file of its own.
      expect(readdirSync(dir)).toEqual([]);
    });

    it('waits in flush() for a replay of spooled events in flight, and counts it delivered', async () => {
      server.script(() => 'hang');
      const first = create({ batch: { maxSize: 5 }, timeoutMs: 30_000, spoolDir: dir }, session('s-first'));
      for (const e of makeEvents(5, 1, { sessionId: 's-first' })) first.handle(e);
      await server.waitFor(() => server.requests.length === 1);
      await expect(first.shutdown?.(1_000)).resolves.toMatchObject({ spooled: 5 });

      // The next start replays the file at once; its answer comes 300 ms after the request.
      server.script(() => ({ status: 200, body: '{}', delayMs: 300 }));
      const second = create({ batch: { maxSize: 100 }, spoolDir: dir }, session('s-second'));
      await server.waitFor(() => server.requests.length === 2);
      await expect(second.flush?.(5_000)).resolves.toEqual({ delivered: 5, pending: 0 });
      expect(readdirSync(dir)).toEqual([]);
    });

    it('drops what the spool cannot hold under the reason it was spooled for', async () => {
      server.script(() => 'hang');
      const ctx = session('s-small');
      const d = create({ batch: { maxSize: 5, maxQueueSize: 5 }, timeoutMs: 30_000, spoolDir: dir, spoolMaxBytes: 1_000 }, ctx);
      for (const e of makeEvents(40)) d.handle(e);
      await server.waitFor(() => (ctx.drops.queue_full ?? 0) > 0);
      const result = await d.shutdown?.(1_500);
      const drops = (ctx.drops.queue_full ?? 0) + (ctx.drops.shutdown_timeout ?? 0);
      const spooled = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
      const stored = spooled.map((f) => readFileSync(join(dir, f), 'utf8').trimEnd().split('\n').length).reduce((a, b) => a + b, 0);
      expect(stored).toBeLessThan(5);
      // Every event is accounted for: on disk or counted as dropped, under its reason.
      expect(drops + stored).toBe(40);
      expect(ctx.drops.shutdown_timeout).toBeGreaterThan(0);
      expect(result).toMatchObject({ delivered: 0, pending: 0 });
      expect(ctx.warnings).toEqual([expect.stringContaining('max_queue_size (5)')]);
    });

    it('delivers every event id through seeded chaos with no retries at all, thanks to the spool', async () => {
      const chaos = seededRandom(99);
      server.script(() => (chaos() < 0.4 ? { status: 503 } : OK));
      const ctx = session('s-chaos');
      const d = create({ batch: { maxSize: 20, flushIntervalMs: 50 }, retry: { maxRetries: 0 }, spoolDir: dir }, ctx);
      for (const e of makeEvents(1_000)) d.handle(e);
      await server.waitFor(() => new Set(server.accepted.flatMap(idsOf)).size === 1_000, 10_000);
      expect(ctx.drops).toEqual({});
    });
  });
});

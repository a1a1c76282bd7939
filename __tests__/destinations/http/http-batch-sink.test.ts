import { HttpBatchSink } from 'decotel';
import type { EventSpool, HttpBatchSinkOptions } from 'decotel';
import { createOtlpFormat } from '../../../src/destinations/http/format-otlp';
import { createUmamiFormat } from '../../../src/destinations/http/format-umami';
import { makeEvent, makeEvents, recordingContext } from '../../helpers/events';
import type { RecordingContext } from '../../helpers/events';
import { idsOf, OK, startFaultServer } from '../../helpers/fault-server';
import type { FaultServer } from '../../helpers/fault-server';

const LONG_MS = 60_000;

jest.setTimeout(15_000);

let server: FaultServer;
let sinks: HttpBatchSink[] = [];
let ctx: RecordingContext;

beforeEach(async () => {
  server = await startFaultServer();
  ctx = recordingContext();
});

afterEach(async () => {
  await Promise.all(sinks.map((s) => s.shutdown(200)));
  sinks = [];
  await server.close();
});

function sink(options: Partial<HttpBatchSinkOptions> = {}): HttpBatchSink {
  const s = new HttpBatchSink({ url: `${server.url}/v1/events`, flushIntervalMs: LONG_MS, baseDelayMs: 10, context: ctx, ...options });
  sinks.push(s);
  return s;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const acceptedIds = (): string[] => server.accepted.flatMap(idsOf);
const idsFor = (from: number, count: number): string[] => makeEvents(count, from).map((e) => e.id);

describe('HttpBatchSink', () => {
  describe('batching', () => {
    it('sends a batch as soon as max_size events wait, and keeps the rest queued', async () => {
      const s = sink({ maxBatchSize: 10 });
      for (const e of makeEvents(25)) s.handle(e);
      await server.waitFor(() => ctx.deliveredCount === 20);
      await sleep(50);
      expect(server.requests).toHaveLength(2);
      expect(server.accepted.map((r) => idsOf(r).length)).toEqual([10, 10]);
      expect(s.inQueue()).toBe(5);
    });

    it('sends a partial batch when the flush timer fires', async () => {
      const s = sink({ maxBatchSize: 100, flushIntervalMs: 150 });
      const start = Date.now();
      for (const e of makeEvents(3)) s.handle(e);
      await server.waitFor(() => server.accepted.length === 1);
      const waited = server.accepted[0].at - start;
      expect(waited).toBeGreaterThanOrEqual(140);
      expect(waited).toBeLessThan(1_000);
      expect(idsOf(server.accepted[0])).toEqual(idsFor(1, 3));
    });

    it('starts a send at once for an event of severity error or above', async () => {
      const s = sink({ maxBatchSize: 100 });
      s.handle(makeEvent(1));
      s.handle(makeEvent(2, { name: 'payment.failed', severity: 'error' }));
      await server.waitFor(() => server.accepted.length === 1);
      expect(idsOf(server.accepted[0])).toEqual(idsFor(1, 2));
    });

    it('posts the json envelope with the batch identity and the configured headers', async () => {
      const s = sink({ maxBatchSize: 2, headers: { Authorization: 'Bearer t0k', 'content-type': 'text/xml' } });
      s.handle(makeEvent(1));
      s.handle(makeEvent(2));
      await server.waitFor(() => server.accepted.length === 1);
      const req = server.accepted[0];
      expect(req.method).toBe('POST');
      expect(req.path).toBe('/v1/events');
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers.authorization).toBe('Bearer t0k');
      const body = JSON.parse(req.body);
      expect(body).toMatchObject({ session_id: 'session-1', sdk: { name: 'decotel' }, service: { name: 'checkout' }, platform: { runtime: 'node' } });
      expect(Date.parse(body.sent_at)).not.toBeNaN();
      expect(body.events).toEqual([makeEvent(1), makeEvent(2)]);
    });

    it('sends one request per event with the umami format', async () => {
      const s = sink({ format: createUmamiFormat({ websiteId: 'w-1' }), maxBatchSize: 50 });
      for (const e of makeEvents(3)) s.handle(e);
      await server.waitFor(() => server.accepted.length === 3);
      expect(server.accepted.map((r) => JSON.parse(r.body).payload.data.i)).toEqual([1, 2, 3]);
    });

    it('sends OTLP JSON with the otlp format', async () => {
      const s = sink({ format: createOtlpFormat(), maxBatchSize: 2 });
      s.handle(makeEvent(1));
      s.handle(makeEvent(2));
      await server.waitFor(() => server.accepted.length === 1);
      expect(JSON.parse(server.accepted[0].body).resourceLogs[0].scopeLogs[0].logRecords).toHaveLength(2);
    });
  });

  describe('retries', () => {
    it('keeps order across a 503, a 429 and a reset connection', async () => {
      const faults = [{ status: 503 }, { status: 429, headers: { 'Retry-After': '0' } }, 'reset' as const];
      server.script((i) => faults[i] ?? OK);
      const s = sink({ maxBatchSize: 5, maxRetries: 3 });
      for (const e of makeEvents(20)) s.handle(e);
      await expect(s.flush(5_000)).resolves.toEqual({ delivered: 20, pending: 0 });
      expect(acceptedIds()).toEqual(idsFor(1, 20));
      expect(ctx.retriedCount).toBe(3);
      expect(ctx.drops).toEqual({});
      expect(idsOf(server.requests[0])).toEqual(idsOf(server.requests[3]));
    });

    it('waits base_delay_ms × 2^(n−1) between attempts', async () => {
      server.script((i) => (i < 2 ? { status: 503 } : OK));
      const s = sink({ maxBatchSize: 1, baseDelayMs: 150, random: () => 0.5 });
      s.handle(makeEvent(1));
      await server.waitFor(() => server.accepted.length === 1);
      const [a, b, c] = server.requests.map((r) => r.at);
      // Timers never fire early; the upper bounds leave room for a busy machine.
      expect(b - a).toBeGreaterThanOrEqual(145);
      expect(b - a).toBeLessThan(550);
      expect(c - b).toBeGreaterThanOrEqual(295);
      expect(c - b).toBeLessThan(700);
    });

    it('lets Retry-After replace the computed delay, under max_delay_ms', async () => {
      server.script((i) => (i === 0 ? { status: 429, headers: { 'Retry-After': '0' } } : i === 1 ? { status: 503, headers: { 'Retry-After': '30' } } : OK));
      const s = sink({ maxBatchSize: 1, baseDelayMs: 2_000, maxDelayMs: 250 });
      s.handle(makeEvent(1));
      await server.waitFor(() => server.accepted.length === 1);
      const [a, b, c] = server.requests.map((r) => r.at);
      expect(b - a).toBeLessThan(1_000);
      expect(c - b).toBeGreaterThanOrEqual(245);
      expect(c - b).toBeLessThan(1_000);
    });

    it('drops a batch the receiver rejects with a 4xx as rejected, without retrying', async () => {
      server.script((i) => (i === 0 ? { status: 400, body: '{"error":"bad batch"}' } : OK));
      const s = sink({ maxBatchSize: 3 });
      for (const e of makeEvents(6)) s.handle(e);
      await s.flush(2_000);
      expect(ctx.drops).toEqual({ rejected: 3 });
      expect(ctx.retriedCount).toBe(0);
      expect(acceptedIds()).toEqual(idsFor(4, 3));
      expect(ctx.errors[0]).toMatchObject({ code: 'HTTP_STATUS', message: expect.stringContaining('400: {"error":"bad batch"}') });
    });

    it('gives a batch max_retries + 1 attempts, then drops it as retry_exhausted', async () => {
      server.script(() => ({ status: 503 }));
      const s = sink({ maxBatchSize: 4, maxRetries: 2, baseDelayMs: 1 });
      for (const e of makeEvents(4)) s.handle(e);
      await s.flush(2_000);
      expect(server.requests).toHaveLength(3);
      expect(ctx.retriedCount).toBe(2);
      expect(ctx.drops).toEqual({ retry_exhausted: 4 });
      expect(ctx.errors).toHaveLength(1);
      expect(s.inQueue()).toBe(0);
    });

    it('times a request out after timeout_ms and retries it', async () => {
      server.script((i) => (i === 0 ? 'hang' : OK));
      const s = sink({ maxBatchSize: 1, timeoutMs: 100, maxRetries: 1, baseDelayMs: 1 });
      s.handle(makeEvent(1));
      await server.waitFor(() => ctx.deliveredCount === 1);
      expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(95);
    });

    it('reports an unreachable receiver as HTTP_NETWORK', async () => {
      const s = new HttpBatchSink({ url: 'http://127.0.0.1:1/v1/events', maxRetries: 0, context: ctx, flushIntervalMs: LONG_MS });
      sinks.push(s);
      s.handle(makeEvent(1));
      await s.flush(2_000);
      expect(ctx.drops).toEqual({ retry_exhausted: 1 });
      expect(ctx.errors[0]).toMatchObject({ code: 'HTTP_NETWORK' });
    });

    it('drops a batch that cannot be encoded as rejected', async () => {
      const s = sink({ maxBatchSize: 1 });
      s.handle(makeEvent(1, { properties: { big: 10n } }));
      await s.flush(1_000);
      expect(ctx.drops).toEqual({ rejected: 1 });
      expect(ctx.errors[0]).toMatchObject({ code: 'INTERNAL' });
    });
  });

  describe('bounded queue', () => {
    it('drops new events past max_queue_size, counts them exactly, and warns once per burst', async () => {
      // Slow answers keep the first batch in flight while the test fills the queue again.
      server.script(() => ({ status: 200, body: '{}', delayMs: 400 }));
      const s = sink({ maxBatchSize: 5, maxQueueSize: 10 });
      for (const e of makeEvents(30)) s.handle(e);
      expect(ctx.drops).toEqual({ queue_full: 20 });
      expect(s.inQueue()).toBe(10);
      expect(ctx.warnings).toEqual([]);
      await server.waitFor(() => server.requests.length === 1);
      expect(ctx.warnings).toEqual([expect.stringContaining('dropped 20 event(s) because max_queue_size (10) was reached')]);
      // The pump took 5, so the queue has room for 5: a second burst of 7 drops 2.
      for (const e of makeEvents(7, 100)) s.handle(e);
      expect(ctx.drops).toEqual({ queue_full: 22 });
      await s.flush(3_000);
      expect(ctx.warnings).toHaveLength(2);
      expect(ctx.warnings[1]).toContain('dropped 2 event(s)');
      expect(ctx.deliveredCount).toBe(15);
      expect(acceptedIds()).toEqual([...idsFor(1, 10), ...idsFor(100, 5)]);
    });

    it('keeps memory flat in a long outage: the queue never passes max_queue_size', async () => {
      server.script(() => ({ status: 503 }));
      const max = 1_000;
      const s = sink({ maxBatchSize: 100, maxQueueSize: max, maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 });
      const gc = exposeGc();
      gc();
      const heapBefore = process.memoryUsage().heapUsed;
      const total = 200_000;
      let peak = 0;
      for (let i = 1; i <= total; i += 1) {
        s.handle(makeEvent(i, { properties: { i, payload: 'x'.repeat(200) } }));
        if (i % 2_000 === 0) {
          peak = Math.max(peak, s.inQueue());
          await new Promise((r) => setImmediate(r));
        }
      }
      peak = Math.max(peak, s.inQueue());
      gc();
      const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
      expect(peak).toBeLessThanOrEqual(max + 100);
      // 200 000 retained events of ~400 bytes would be ~80 MB.
      expect(grownMb).toBeLessThan(20);
      const dropped = (ctx.drops.queue_full ?? 0) + (ctx.drops.retry_exhausted ?? 0);
      expect(ctx.deliveredCount).toBe(0);
      expect(dropped + s.inQueue()).toBe(total);
      expect(server.requests.length).toBeGreaterThan(0);
    });
  });

  describe('flush() and shutdown()', () => {
    it('flush() resolves within its bound against a receiver that hangs', async () => {
      server.script(() => 'hang');
      const s = sink({ maxBatchSize: 10, timeoutMs: 30_000 });
      for (const e of makeEvents(15)) s.handle(e);
      const start = Date.now();
      const result = await s.flush(300);
      const took = Date.now() - start;
      expect(took).toBeGreaterThanOrEqual(290);
      expect(took).toBeLessThan(900);
      expect(result).toEqual({ delivered: 0, pending: 15 });
    });

    it('shutdown() aborts the request in flight, resolves within its bound and counts shutdown_timeout', async () => {
      server.script(() => 'hang');
      const s = sink({ maxBatchSize: 10, timeoutMs: 30_000 });
      for (const e of makeEvents(15)) s.handle(e);
      await server.waitFor(() => server.requests.length === 1);
      const start = Date.now();
      const result = await s.shutdown(300);
      expect(Date.now() - start).toBeLessThan(900);
      expect(result).toEqual({ delivered: 0, pending: 0, spooled: 0 });
      expect(ctx.drops).toEqual({ shutdown_timeout: 15 });
      expect(s.shutdown(10)).toBe(s.shutdown(20));
      s.handle(makeEvent(99));
      expect(ctx.drops).toEqual({ shutdown_timeout: 16 });
    });

    it('shutdown() interrupts a retry wait', async () => {
      server.script(() => ({ status: 503 }));
      const s = sink({ maxBatchSize: 1, baseDelayMs: 20_000, maxDelayMs: 20_000 });
      s.handle(makeEvent(1));
      await server.waitFor(() => server.requests.length === 1);
      const start = Date.now();
      await s.shutdown(200);
      expect(Date.now() - start).toBeLessThan(800);
      expect(ctx.drops).toEqual({ shutdown_timeout: 1 });
    });

    it('shutdown() delivers everything a healthy receiver takes in time', async () => {
      const s = sink({ maxBatchSize: 100 });
      for (const e of makeEvents(250)) s.handle(e);
      await expect(s.shutdown(3_000)).resolves.toEqual({ delivered: 250, pending: 0, spooled: 0 });
      expect(acceptedIds()).toEqual(idsFor(1, 250));
    });

    it('flush() resolves at once with nothing queued', async () => {
      const s = sink();
      await expect(s.flush(1_000)).resolves.toEqual({ delivered: 0, pending: 0 });
    });
  });

  describe('spool', () => {
    it('takes any EventSpool: overflow goes to it, and what it refuses or fails on is dropped and reported', async () => {
      server.script(() => 'hang');
      const stored: string[] = [];
      let calls = 0;
      const spool: EventSpool = {
        append: async (events) => {
          calls += 1;
          if (calls === 1) throw new Error('disk on fire');
          const take = events.slice(0, 2);
          stored.push(...take.map((e) => e.id));
          return take.length;
        },
        next: async () => undefined,
        hasPending: () => false,
        close: async () => undefined,
      };
      const s = sink({ maxBatchSize: 5, maxQueueSize: 5, timeoutMs: 30_000, spool });
      for (const e of makeEvents(8)) s.handle(e);
      await server.waitFor(() => server.requests.length === 1);
      // The first 3 overflowed into a failing spool; now 5 fill the queue and 3 overflow, of which the spool takes 2.
      expect(ctx.errors).toEqual([expect.objectContaining({ message: 'disk on fire' })]);
      expect(ctx.drops).toEqual({ queue_full: 3 });
      for (const e of makeEvents(8, 100)) s.handle(e);
      await server.waitFor(() => stored.length === 2);
      expect(stored).toEqual(idsFor(105, 2));
      expect(ctx.drops).toEqual({ queue_full: 4 });
      // At shutdown the aborted batch and the queue (10) go to the spool, which takes 2.
      await expect(s.shutdown(300)).resolves.toEqual({ delivered: 0, pending: 0, spooled: 2 });
      expect(ctx.drops).toEqual({ queue_full: 4, shutdown_timeout: 8 });
    });
  });

  describe('bind()', () => {
    it('reports to the context the tracker binds', async () => {
      const s = new HttpBatchSink({ url: `${server.url}/v1/events`, maxBatchSize: 1 });
      sinks.push(s);
      s.bind(ctx);
      s.handle(makeEvent(1));
      await s.flush(1_000);
      expect(ctx.deliveredCount).toBe(1);
      expect(s).toMatchObject({ name: 'http', type: 'http' });
    });

    it('works without any context, with a session of its own', async () => {
      const s = new HttpBatchSink({ url: `${server.url}/v1/events`, maxBatchSize: 1 });
      sinks.push(s);
      s.handle(makeEvent(1));
      await expect(s.flush(1_000)).resolves.toEqual({ delivered: 1, pending: 0 });
      expect(JSON.parse(server.accepted[0].body).session_id).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});

/** `global.gc`, made available without --expose-gc. */
function exposeGc(): () => void {
  require('node:v8').setFlagsFromString('--expose-gc');
  return require('node:vm').runInNewContext('gc') as () => void;
}

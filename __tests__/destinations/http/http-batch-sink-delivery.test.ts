import { HttpBatchSink } from 'decotel';
import { makeEvents, recordingContext } from '../../helpers/events';
import { idsOf, OK, startFaultServer } from '../../helpers/fault-server';
import type { FaultAction, FaultServer } from '../../helpers/fault-server';
import { seededRandom } from '../../helpers/seeded-random';

// Large runs: generous per-test time on a busy machine; each test asserts its own bounds.
jest.setTimeout(30_000);

let server: FaultServer;

afterEach(async () => {
  await server.close();
});

describe('HttpBatchSink delivery', () => {
  it('loses none of 100 000 events sent in one burst to a healthy receiver', async () => {
    server = await startFaultServer();
    const ctx = recordingContext();
    const total = 100_000;
    const sink = new HttpBatchSink({ url: `${server.url}/v1/events`, maxBatchSize: 1_000, maxQueueSize: total, context: ctx });
    const start = Date.now();
    for (const e of makeEvents(total)) sink.handle(e);
    const result = await sink.shutdown(15_000);
    expect(result).toEqual({ delivered: total, pending: 0, spooled: 0 });
    expect(Date.now() - start).toBeLessThan(15_000);
    const seen = new Set(server.accepted.flatMap(idsOf));
    expect(seen.size).toBe(total);
    expect(ctx.drops).toEqual({});
    expect(ctx.deliveredCount).toBe(total);
  });

  it('accounts for every event of a burst larger than the queue at the defaults', async () => {
    server = await startFaultServer();
    const ctx = recordingContext();
    const total = 100_000;
    const sink = new HttpBatchSink({ url: `${server.url}/v1/events`, context: ctx });
    for (const e of makeEvents(total)) sink.handle(e);
    await sink.shutdown(15_000);
    expect(ctx.deliveredCount).toBe(10_000);
    expect(ctx.drops).toEqual({ queue_full: 90_000 });
    expect(ctx.warnings).toEqual([expect.stringContaining('dropped 90000 event(s)')]);
    expect(server.accepted.flatMap(idsOf)).toEqual(makeEvents(10_000).map((e) => e.id));
  });

  it('delivers every event id, in order, through random 503s, 429s and resets (seeded chaos)', async () => {
    const chaos = seededRandom(20_250_101);
    server = await startFaultServer(() => {
      const r = chaos();
      const fault: FaultAction = r < 0.12 ? { status: 503 } : r < 0.24 ? { status: 429, headers: { 'Retry-After': '0' } } : r < 0.34 ? 'reset' : OK;
      return fault;
    });
    const ctx = recordingContext();
    const total = 5_000;
    const sink = new HttpBatchSink({
      url: `${server.url}/v1/events`,
      maxBatchSize: 50,
      maxRetries: 10,
      baseDelayMs: 1,
      maxDelayMs: 5,
      random: seededRandom(7),
      context: ctx,
    });
    for (const e of makeEvents(total)) sink.handle(e);
    await expect(sink.shutdown(20_000)).resolves.toMatchObject({ delivered: total, pending: 0 });
    const faults = server.requests.filter((r) => r.action !== OK).length;
    expect(faults).toBeGreaterThan(20);
    expect(ctx.retriedCount).toBe(faults);
    // One request in flight at a time: the accepted batches arrive in order, each id once.
    const ids = server.accepted.flatMap(idsOf);
    expect(ids).toEqual(makeEvents(total).map((e) => e.id));
    expect(ctx.drops).toEqual({});
  });
});

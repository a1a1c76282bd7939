import { DecotelError, EventCategory, MemoryDestination, Tracker, telemetry } from 'decotel';
import type { DecotelError as DecotelErrorType, Destination, DropNotice, TelemetryEvent } from 'decotel';
import * as ids from '../../src/tracker/ids';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function memory(routing?: Parameters<typeof telemetry.addDestination>[1], name = 'mem'): MemoryDestination {
  const m = new MemoryDestination({ name });
  telemetry.addDestination(m, routing);
  return m;
}

beforeEach(() => telemetry.reset());

describe('Tracker', () => {
  describe('getInstance()', () => {
    it('returns the telemetry object kept under the global symbol', () => {
      expect(Tracker.getInstance()).toBe(telemetry);
      expect((globalThis as Record<symbol, unknown>)[Symbol.for('decotel.tracker')]).toBe(telemetry);
    });
  });

  describe('track()', () => {
    it('builds an event with id, sequence, session, category, severity and timestamp', () => {
      const m = memory();
      expect(telemetry.track('generation.completed', { tokens: 12 })).toBeUndefined();
      telemetry.track('payment.failed', {}, { category: EventCategory.PAYMENT });
      const [a, b] = m.events;
      expect(a).toMatchObject({ name: 'generation.completed', category: 'generation', severity: 'info', properties: { tokens: 12 }, sequence: 1, sessionId: telemetry.sessionId });
      expect(a.id).toMatch(UUID_V4);
      expect(a.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(b).toMatchObject({ category: 'payment', severity: 'error', sequence: 2 });
      expect(b.id).not.toBe(a.id);
    });

    it('takes the severity and timestamp options', () => {
      const m = memory();
      telemetry.track('x.y', undefined, { severity: 'warning', timestamp: Date.UTC(2024, 0, 2, 3, 4, 5, 6) });
      telemetry.track('x.z', undefined, { timestamp: 'not a date', severity: 'bogus' as never });
      expect(m.events[0]).toMatchObject({ severity: 'warning', timestamp: '2024-01-02T03:04:05.006Z', properties: {} });
      expect(m.events[1].severity).toBe('info');
      expect(Number.isNaN(Date.parse(m.events[1].timestamp))).toBe(false);
    });

    it('never throws on hostile values and makes them safe and bounded', () => {
      const m = memory();
      const circular: Record<string, unknown> = { a: 1 };
      circular.self = circular;
      const getter = Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('nope'); } });
      const huge = 'x'.repeat(5 * 1024 * 1024);
      const props = { circular, big: 10n, sym: Symbol('s'), fn: function named() {}, getter, huge, date: new Date(0), err: new TypeError('bad'), list: Array.from({ length: 150 }, (_, i) => i) };
      expect(() => telemetry.track('hostile.event', props)).not.toThrow();
      const p = m.events[0].properties as Record<string, any>;
      expect(p.circular).toEqual({ a: 1, self: '[Circular]' });
      expect(p.big).toBe('10');
      expect(p.sym).toBe('Symbol(s)');
      expect(p.fn).toBe('[Function named]');
      expect(p.getter.boom).toBe('[Thrown: Error: nope]');
      expect(p.huge.length).toBeLessThan(9 * 1024);
      expect(p.huge).toMatch(/…\[truncated 5234688 chars\]$/);
      expect(p.date).toBe('1970-01-01T00:00:00.000Z');
      expect(p.err).toEqual({ type: 'TypeError', message: 'bad' });
      expect(p.list).toHaveLength(101);
      expect(p.list[100]).toBe('…[truncated 50 items]');
      expect(() => JSON.stringify(m.events[0])).not.toThrow();
    });

    it('ignores a non-string name without throwing', () => {
      const m = memory();
      expect(() => telemetry.track(undefined as unknown as string)).not.toThrow();
      expect(m.events).toHaveLength(0);
    });

    it('redacts default secret keys with no privacy section', () => {
      const m = memory();
      telemetry.track('user.login', { user: 'ann', password: 'hunter2', nested: [{ Authorization: 'Bearer abc' }] });
      expect(m.events[0].properties).toEqual({ user: 'ann', password: '[REDACTED]', nested: [{ Authorization: '[REDACTED]' }] });
    });

    it('costs no clock read and no id when no destination takes the event', () => {
      memory({ events: ['user.*'] });
      // Event ids come from the pooled generator (issue #10).
      const uuid = jest.spyOn(ids, 'fastRandomId');
      const iso = jest.spyOn(Date.prototype, 'toISOString');
      const now = jest.spyOn(Date, 'now');
      // Timestamps come from the monotonic clock (#10).
      const mono = jest.spyOn(performance, 'now');
      for (let i = 0; i < 100; i++) telemetry.track('debug.noise', { i });
      expect(uuid).not.toHaveBeenCalled();
      expect(iso).not.toHaveBeenCalled();
      expect(now).not.toHaveBeenCalled();
      expect(mono).not.toHaveBeenCalled();
      uuid.mockRestore();
      iso.mockRestore();
      now.mockRestore();
      mono.mockRestore();
    });
  });

  describe('routing', () => {
    it('sends each event to the destinations whose globs take it; exclude wins', () => {
      const users = memory({ events: ['user.*'], exclude: ['user.debug.*'] }, 'users');
      const failures = memory({ events: ['*.failed', '{a,b}.x', 'c?.y', '!(debug).z'] }, 'failures');
      for (const n of ['user.login', 'user.login.failed', 'user.debug.trace', 'a.x', 'b.x', 'cd.y', 'info.z', 'debug.z', 'other']) telemetry.track(n);
      expect(users.events.map((e) => e.name)).toEqual(['user.login', 'user.login.failed']);
      expect(failures.events.map((e) => e.name)).toEqual(['user.login.failed', 'a.x', 'b.x', 'cd.y', 'info.z']);
    });

    it('applies min severity per destination', () => {
      const m = memory({ events: ['*'], minSeverity: 'warning' });
      telemetry.track('a.b');
      telemetry.track('a.c', {}, { severity: 'warning' });
      telemetry.track('a.failed');
      expect(m.events.map((e) => e.name)).toEqual(['a.c', 'a.failed']);
      expect(telemetry.stats().destinations.mem.received).toBe(2);
    });

    it('isolates a destination that throws, counts it and reports an error event', () => {
      const errors: DecotelErrorType[] = [];
      telemetry.on('error', (e) => errors.push(e));
      const broken: Destination = { name: 'broken', handle: () => { throw new Error('disk full'); } };
      telemetry.addDestination(broken);
      const m = memory();
      telemetry.track('order.placed');
      expect(m.events).toHaveLength(1);
      expect(telemetry.stats().destinations.broken).toMatchObject({ received: 1, failed: 1, delivered: 0 });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(DecotelError);
      expect(errors[0]).toMatchObject({ code: 'DESTINATION_FAILED' });
      expect(errors[0].message).toContain('disk full');
    });
  });

  describe('context', () => {
    it('merges the global context into every event and clears it', () => {
      const m = memory();
      telemetry.setContext({ region: 'eu', token: 's3cret' });
      telemetry.setContext({ app: 'shop' });
      expect(telemetry.getContext()).toEqual({ region: 'eu', token: 's3cret', app: 'shop' });
      telemetry.track('a.b', { app: 'override' });
      telemetry.clearContext();
      telemetry.track('a.c');
      expect(m.events[0].context).toEqual({ region: 'eu', token: '[REDACTED]', app: 'shop' });
      expect(m.events[0].properties).toEqual({ app: 'override' });
      expect(m.events[1].context).toEqual({});
    });

    it('captures the context when the event is tracked, not later', () => {
      const m = memory();
      telemetry.setContext({ step: 1 });
      telemetry.track('a.b');
      telemetry.setContext({ step: 2 });
      expect(m.events[0].context).toEqual({ step: 1 });
    });
  });

  describe('captureException()', () => {
    it('records error.captured with type, message and a stable hash', () => {
      const m = memory();
      const make = (id: number) => new RangeError(`order ${id} out of range`);
      telemetry.captureException(make(1), { orderId: 1 });
      telemetry.captureException(make(2));
      telemetry.captureException('plain string');
      const [a, b, c] = m.events;
      expect(a).toMatchObject({ name: 'error.captured', severity: 'error', properties: { orderId: 1 }, error: { type: 'RangeError', message: 'order 1 out of range' } });
      expect(a.error?.hash).toMatch(/^[0-9a-f]{16}$/);
      expect(b.error?.hash).toBe(a.error?.hash);
      expect(a.error?.stack).toBeUndefined();
      expect(c.error).toMatchObject({ type: 'string', message: 'plain string' });
    });
  });

  describe('flush() and shutdown()', () => {
    it('flush resolves with delivered and pending counts', async () => {
      let held: TelemetryEvent[] = [];
      let ctx: Parameters<NonNullable<MemoryDestination['bind']>>[0] | undefined;
      const slow = { name: 'slow', bind: (c: typeof ctx) => (ctx = c), handle: (e: TelemetryEvent) => void held.push(e), inQueue: () => held.length, flush: async () => { ctx?.delivered(held.length); held = []; } };
      telemetry.addDestination(slow as unknown as Destination);
      telemetry.track('a.b');
      telemetry.track('a.c');
      const flushes: unknown[] = [];
      telemetry.on('flush', (r) => flushes.push(r));
      await expect(telemetry.flush()).resolves.toEqual({ delivered: 2, pending: 0 });
      expect(flushes).toEqual([{ delivered: 2, pending: 0 }]);
    });

    it('flush resolves within its bound against a destination that never finishes', async () => {
      telemetry.addDestination({ name: 'hang', handle: () => undefined, inQueue: () => 3, flush: () => new Promise(() => undefined) });
      const started = Date.now();
      await expect(telemetry.flush(50)).resolves.toEqual({ delivered: 0, pending: 3 });
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('shutdown emits session.end once, returns the same promise, and stops tracking', async () => {
      const m = memory();
      telemetry.configure({ config: { telemetry: {} } });
      const closed: string[] = [];
      telemetry.addDestination({ name: 'closer', handle: () => undefined, shutdown: async () => void closed.push('closer') });
      const first = telemetry.shutdown();
      expect(telemetry.shutdown()).toBe(first);
      await first;
      telemetry.track('after.shutdown');
      const names = m.events.map((e) => e.name);
      expect(names.filter((n) => n === 'session.end')).toHaveLength(1);
      expect(names).not.toContain('after.shutdown');
      expect(m.events.find((e) => e.name === 'session.end')?.durationMs).toBeGreaterThanOrEqual(0);
      expect(closed).toEqual(['closer']);
    });
  });

  describe('configure()', () => {
    it('emits session.start and builds destinations from a config object', () => {
      const seen: string[] = [];
      telemetry.on('event', (e) => seen.push(e.name));
      telemetry.configure({ config: { telemetry: { destinations: { mem: { type: 'memory', events: ['*'] } } } } });
      const m = telemetry.getDestination<MemoryDestination>('mem');
      expect(m).toBeInstanceOf(MemoryDestination);
      expect(m?.events.map((e) => e.name)).toEqual(['session.start']);
      expect(seen).toEqual(['session.start']);
      expect(m?.events[0].category).toBe('system');
    });

    it('registers custom destination types usable from the config', () => {
      const got: TelemetryEvent[] = [];
      let opts: Record<string, unknown> = {};
      telemetry.registerDestinationType('sink', (o) => {
        opts = o;
        return { handle: (e) => void got.push(e) };
      });
      telemetry.configure({ config: { telemetry: { destinations: { s: { type: 'sink', events: ['a.*'], some_option: 3 } } } } });
      telemetry.track('a.b');
      expect(got.map((e) => e.name)).toEqual(['a.b']);
      expect(opts).toMatchObject({ name: 's', someOption: 3 });
      expect(telemetry.getDestination('s')).toBeDefined();
    });

    it('rejects a bad destination type registration with DECORATOR-free DESTINATION_TYPE errors', () => {
      expect(() => telemetry.registerDestinationType('', () => ({ handle: () => undefined }))).toThrow(expect.objectContaining({ code: 'DESTINATION_TYPE' }));
      expect(() => telemetry.registerDestinationType('x', 'nope' as never)).toThrow(DecotelError);
      expect(() => telemetry.addDestination({} as Destination)).toThrow(expect.objectContaining({ code: 'DESTINATION_TYPE' }));
    });
  });

  describe('stats() and lifecycle events', () => {
    it('counts a memory destination that evicts its oldest event as queue_full', () => {
      const drops: DropNotice[] = [];
      telemetry.on('drop', (d) => drops.push(d));
      const m = new MemoryDestination({ name: 'small', maxEvents: 2 });
      telemetry.addDestination(m);
      for (let i = 0; i < 5; i++) telemetry.track('n.x', { i });
      expect(m.events.map((e) => e.properties.i)).toEqual([3, 4]);
      expect(telemetry.stats().destinations.small).toEqual({ received: 5, delivered: 5, dropped: { queue_full: 3 }, retried: 0, failed: 0, inQueue: 0 });
      expect(drops).toHaveLength(3);
      expect(drops[0]).toEqual({ destination: 'small', reason: 'queue_full', count: 1 });
    });

    it('keeps other listeners and the caller safe from a throwing listener', () => {
      const m = memory();
      const errors: DecotelErrorType[] = [];
      const after: string[] = [];
      telemetry.on('event', () => { throw new Error('listener bug'); });
      telemetry.on('event', (e) => after.push(e.name));
      telemetry.on('error', (e) => errors.push(e));
      expect(() => telemetry.track('a.b')).not.toThrow();
      expect(m.events).toHaveLength(1);
      expect(after).toEqual(['a.b']);
      expect(errors[0]).toMatchObject({ code: 'LISTENER_FAILED' });
    });

    it('off() removes a listener', () => {
      memory();
      const seen: string[] = [];
      const listener = (e: TelemetryEvent) => seen.push(e.name);
      telemetry.on('event', listener).off('event', listener);
      telemetry.track('a.b');
      expect(seen).toEqual([]);
    });
  });

  describe('reset()', () => {
    it('clears destinations, context, counters, listeners and the session', () => {
      memory();
      telemetry.setContext({ a: 1 });
      const seen: string[] = [];
      telemetry.on('event', (e) => seen.push(e.name));
      const session = telemetry.sessionId;
      telemetry.track('a.b');
      telemetry.reset();
      const m = memory();
      telemetry.track('a.c');
      expect(seen).toEqual(['a.b']);
      expect(telemetry.sessionId).not.toBe(session);
      expect(m.events[0]).toMatchObject({ sequence: 1, context: {} });
      expect(Object.keys(telemetry.stats().destinations)).toEqual(['mem']);
    });
  });

  describe('EventCategory', () => {
    it('is a frozen object of plain strings', () => {
      expect(Object.isFrozen(EventCategory)).toBe(true);
      expect(EventCategory.USER).toBe('user');
      expect(Object.values(EventCategory).every((v) => typeof v === 'string')).toBe(true);
    });
  });
});

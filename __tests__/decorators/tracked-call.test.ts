import { TrackDuration, TrackError, telemetry } from 'decotel';
import { DECORATOR_MODE, eventNames, only, settle, useMemoryDestination } from '../helpers/decorator-harness';

const memory = useMemoryDestination();

class Orders {
  @TrackDuration('orders.place')
  async place(id: string): Promise<string> {
    await settle(1);
    return this.price(id);
  }

  @TrackDuration('orders.price')
  price(id: string): string {
    return `${id}:10`;
  }

  @TrackDuration('orders.batch')
  async batch(ids: string[]): Promise<string[]> {
    return Promise.all(ids.map((id) => this.place(id)));
  }

  @TrackDuration('orders.context')
  withContext(): Record<string, unknown> {
    telemetry.setContext({ step: 'inside' });
    return telemetry.getContext();
  }

  @TrackDuration('query.run')
  query(fail: boolean): number {
    if (fail) throw new Error('query failed');
    return 1;
  }

  @TrackDuration('orders.quiet', { started: false })
  quiet(): number {
    return 0;
  }

  @TrackError('query.risky')
  risky(): never {
    throw new Error('risky');
  }
}

/** Configures sampling; returns the drops counted since then (session.start may be one of them before). */
function configure(sampling: object): () => number {
  telemetry.configure({ config: { telemetry: { sampling } } });
  const sampled = (): number => telemetry.stats().destinations.memory.dropped.sampled ?? 0;
  const before = sampled();
  return () => sampled() - before;
}

describe(`TrackedCall (${DECORATOR_MODE} decorators)`, () => {
  describe('parentCallId', () => {
    it('links a nested call to its caller, across awaits', async () => {
      await new Orders().place('a');
      await settle();
      const outer = only(memory(), 'orders.place.started');
      const inner = only(memory(), 'orders.price.completed');
      expect(inner.parentCallId).toBe(outer.callId);
      expect(only(memory(), 'orders.price.started').parentCallId).toBe(outer.callId);
      expect(outer.parentCallId).toBeUndefined();
      expect(only(memory(), 'orders.place.completed').parentCallId).toBeUndefined();
    });

    it('keeps concurrent calls apart', async () => {
      await new Orders().batch(['a', 'b', 'c']);
      await settle();
      const batch = only(memory(), 'orders.batch.started');
      const places = memory().find('orders.place.started');
      expect(places).toHaveLength(3);
      for (const p of places) expect(p.parentCallId).toBe(batch.callId);
      const placeIds = new Set(places.map((p) => p.callId));
      const prices = memory().find('orders.price.started');
      expect(new Set(prices.map((p) => p.parentCallId))).toEqual(placeIds);
    });

    it('takes the enclosing runWithContext scope as the event context', () => {
      telemetry.runWithContext({ requestId: 'r-1' }, () => new Orders().price('x'));
      expect(only(memory(), 'orders.price.completed').context).toMatchObject({ requestId: 'r-1' });
    });
  });

  describe('context', () => {
    it('setContext inside a decorated method changes the caller scope, as without the decorator', () => {
      const seen = telemetry.runWithContext({ requestId: 'r-2' }, () => {
        const inside = new Orders().withContext();
        return { inside, after: telemetry.getContext() };
      });
      expect(seen.inside).toMatchObject({ requestId: 'r-2', step: 'inside' });
      expect(seen.after).toMatchObject({ requestId: 'r-2', step: 'inside' });
      expect(only(memory(), 'orders.context.completed').context).toMatchObject({ requestId: 'r-2', step: 'inside' });
    });

    it('setContext inside a decorated method outside any scope sets the global context', () => {
      new Orders().withContext();
      expect(telemetry.getContext()).toMatchObject({ step: 'inside' });
    });
  });

  describe('ids', () => {
    const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

    it("gives the call's first event the call id as its id, and each later event a new UUID (#10)", () => {
      const o = new Orders();
      o.price('a');
      o.price('b');
      const events = memory().find('orders.price.*');
      expect(events.map((e) => e.name)).toEqual(['orders.price.started', 'orders.price.completed', 'orders.price.started', 'orders.price.completed']);
      for (const e of events) expect(e.id).toMatch(UUID_V4);
      expect(new Set(events.map((e) => e.id)).size).toBe(4);
      expect(events[0].id).toBe(events[0].callId);
      expect(events[1].callId).toBe(events[0].callId);
      expect(events[2].id).toBe(events[2].callId);
      expect(events[2].callId).not.toBe(events[0].callId);
    });

    it('gives the call id to the first event kept: the completed event without started, the failed event of a sampled-out call (#10)', () => {
      new Orders().quiet();
      const completed = only(memory(), 'orders.quiet.completed');
      expect(completed.id).toBe(completed.callId);
      configure({ rate: 0 });
      expect(() => new Orders().query(true)).toThrow('query failed');
      const failed = only(memory(), 'query.run.failed');
      expect(failed.id).toBe(failed.callId);
    });
  });

  describe('sampling', () => {
    it('drops every event of a sampled-out call and counts them as sampled', () => {
      const dropped = configure({ rate: 0 });
      new Orders().price('a');
      expect(eventNames(memory())).toEqual([]);
      expect(dropped()).toBe(2);
    });

    it('keeps the failed event of a sampled-out call (errors win), without the started event', () => {
      configure({ rate: 0 });
      expect(() => new Orders().query(true)).toThrow('query failed');
      expect(eventNames(memory())).toEqual(['query.run.failed']);
      expect(only(memory(), 'query.run.failed')).not.toHaveProperty('sampleRate');
    });

    it('drops the failed event of a sampled-out call when a rule matches its name', () => {
      const dropped = configure({ rate: 1, rules: [{ events: ['query.*'], rate: 0 }] });
      expect(() => new Orders().query(true)).toThrow('query failed');
      expect(eventNames(memory())).toEqual([]);
      expect(dropped()).toBe(2);
    });

    it('decides once per call: every call is kept or dropped whole, with sampleRate on kept events', () => {
      const dropped = configure({ rate: 0.5 });
      const o = new Orders();
      for (let i = 0; i < 100; i++) o.query(false);
      const byCall = new Map<string, string[]>();
      for (const e of memory().find('query.run.*')) byCall.set(e.callId as string, [...(byCall.get(e.callId as string) ?? []), e.name]);
      expect(byCall.size).toBeGreaterThan(0);
      expect(byCall.size).toBeLessThan(100);
      for (const names of byCall.values()) expect(names).toEqual(['query.run.started', 'query.run.completed']);
      for (const e of memory().find('query.run.*')) expect(e.sampleRate).toBe(0.5);
      expect(dropped()).toBe(2 * (100 - byCall.size));
    });

    it('follows a new sampling configuration at the next call: rates are cached per method until it changes (#10)', () => {
      configure({ rate: 0 });
      new Orders().query(false);
      expect(eventNames(memory())).toEqual([]);
      configure({ rate: 1 });
      new Orders().query(false);
      expect(eventNames(memory())).toEqual(['query.run.started', 'query.run.completed']);
      memory().clear();
      configure({ rate: 0 });
      expect(() => new Orders().query(true)).toThrow('query failed');
      expect(eventNames(memory())).toEqual(['query.run.failed']);
      configure({ rate: 0, rules: [{ events: ['query.run.failed'], rate: 0 }] });
      expect(() => new Orders().query(true)).toThrow('query failed');
      expect(eventNames(memory())).toEqual(['query.run.failed']);
    });

    it('samples the failed-only event of @TrackError by its own rule', () => {
      configure({ rate: 1, rules: [{ events: ['query.risky.failed'], rate: 0 }] });
      expect(() => new Orders().risky()).toThrow('risky');
      expect(eventNames(memory())).toEqual([]);
      configure({ rate: 0 });
      expect(() => new Orders().risky()).toThrow('risky');
      expect(eventNames(memory())).toEqual(['query.risky.failed']);
    });
  });
});

import { MemoryDestination, telemetry } from 'decotel';

beforeEach(() => telemetry.reset());

describe('MemoryDestination', () => {
  it('finds events by glob and clears them', () => {
    const m = new MemoryDestination();
    telemetry.addDestination(m);
    telemetry.track('user.login');
    telemetry.track('user.login.failed');
    telemetry.track('order.placed');
    expect(m.name).toBe('memory');
    expect(m.find('user.*').map((e) => e.name)).toEqual(['user.login', 'user.login.failed']);
    expect(m.find('*.failed')).toHaveLength(1);
    m.clear();
    expect(m.events).toHaveLength(0);
  });

  it('is built from the config with max_events', () => {
    telemetry.configure({ config: { telemetry: { destinations: { mem: { type: 'memory', max_events: 3, events: ['n.*'] } } } } });
    for (let i = 0; i < 5; i++) telemetry.track('n.x', { i });
    const m = telemetry.getDestination<MemoryDestination>('mem');
    expect(m?.events.map((e) => e.properties.i)).toEqual([2, 3, 4]);
    expect(telemetry.stats().destinations.mem.dropped).toEqual({ queue_full: 2 });
  });

  it('keeps exactly the last max_events and counts every drop, whatever the number of events (#10)', () => {
    const m = new MemoryDestination({ name: 'small', maxEvents: 3 });
    telemetry.addDestination(m);
    for (let i = 0; i < 5_000; i++) {
      telemetry.track('n.x', { i });
      if (i % 997 === 0) expect(m.events.length).toBe(Math.min(3, i + 1));
    }
    expect(m.events.map((e) => e.properties.i)).toEqual([4_997, 4_998, 4_999]);
    expect(m.find('n.*')).toHaveLength(3);
    expect(telemetry.stats().destinations.small.dropped).toEqual({ queue_full: 4_997 });
    expect(telemetry.stats().destinations.small.delivered).toBe(5_000);
  });
});

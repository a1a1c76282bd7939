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
});

import { EventLog } from '../../src/browser/event-log.browser';
import type { EventLogHooks } from '../../src/browser/event-log.browser';
import type { TelemetryEvent } from '../../src/tracker/event';

// Node has no IndexedDB: the log runs in memory, with the same bookkeeping as in the worker.
const event = (id: string, name = `app.${id}`): TelemetryEvent => ({ id, name, category: 'app', severity: 'info', timestamp: '2024-01-01T00:00:00.000Z', properties: {}, context: {}, sessionId: 's', sequence: 1 });

function hooks(keep: (e: TelemetryEvent) => boolean = () => true): EventLogHooks & { evictions: number[] } {
  const evictions: number[] = [];
  return { evictions, evicted: (n) => evictions.push(n), keep };
}

describe('EventLog', () => {
  it('keeps events until they are removed', async () => {
    const log = await EventLog.open(hooks());
    await log.put(event('a'));
    await log.put(event('b'));
    expect(log.events().map((e) => e.id)).toEqual(['a', 'b']);
    log.remove(['a', 'missing']);
    expect(log.size).toBe(1);
    await expect(log.settled()).resolves.toBeUndefined();
  });

  it('drops the oldest events past its bound and counts them', async () => {
    const h = hooks();
    const log = await EventLog.open(h, 3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) await log.put(event(id));
    expect(log.events().map((e) => e.id)).toEqual(['c', 'd', 'e']);
    expect(h.evictions).toEqual([1, 1]);
  });

  describe('as the sink spool', () => {
    it('hands back appended events oldest first, once at a time', async () => {
      const log = await EventLog.open(hooks());
      await log.put(event('a'));
      await log.put(event('b'));
      expect(log.hasPending()).toBe(false);
      expect(await log.next(10)).toBeUndefined();
      await expect(log.append([event('a'), event('b'), event('c')])).resolves.toBe(3);
      expect([log.parked, log.hasPending()]).toEqual([3, true]);
      const batch = await log.next(2);
      expect(batch?.events.map((e) => e.id)).toEqual(['a', 'b']);
      expect((await log.next(10))?.events.map((e) => e.id)).toEqual(['c']);
      batch!.release();
      const again = await log.next(10);
      expect(again?.events.map((e) => e.id)).toEqual(['a', 'b']);
      await again!.ack();
      expect(log.events().map((e) => e.id)).toEqual(['c']);
      await log.close();
    });

    it('deletes stored events its owner no longer wants sent', async () => {
      const log = await EventLog.open(hooks((e) => !e.name.startsWith('debug.')));
      await log.append([event('a', 'debug.x'), event('b')]);
      expect((await log.next(10))?.events.map((e) => e.id)).toEqual(['b']);
      expect(log.size).toBe(1);
    });
  });

  it('makes an installation id even without IndexedDB', async () => {
    const log = await EventLog.open(hooks());
    expect(await log.installationId()).toMatch(/^[0-9a-f-]{36}$/);
  });
});

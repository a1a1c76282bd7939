import { MemoryDestination, TrackDuration, telemetry } from 'decotel';
import type { TelemetryEvent } from 'decotel';
import { IsoClock, assignFields, callEvent, toIsoTimestamp } from '../../src/tracker/event-parts';

beforeEach(() => telemetry.reset());

describe('IsoClock', () => {
  it('gives new Date().toISOString() of now, formatted once per millisecond (#10)', () => {
    const clock = new IsoClock();
    const now = jest.spyOn(Date, 'now');
    const iso = jest.spyOn(Date.prototype, 'toISOString');
    try {
      now.mockReturnValue(1_700_000_000_123);
      expect(clock.now()).toBe('2023-11-14T22:13:20.123Z');
      expect(clock.now()).toBe('2023-11-14T22:13:20.123Z');
      expect(iso).toHaveBeenCalledTimes(1);
      now.mockReturnValue(1_700_000_000_124);
      expect(clock.now()).toBe('2023-11-14T22:13:20.124Z');
      expect(iso).toHaveBeenCalledTimes(2);
    } finally {
      now.mockRestore();
      iso.mockRestore();
    }
  });
});

describe('toIsoTimestamp()', () => {
  it('takes a Date, epoch milliseconds or a string, and now for an invalid date', () => {
    expect(toIsoTimestamp(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(toIsoTimestamp(1_000)).toBe('1970-01-01T00:00:01.000Z');
    expect(toIsoTimestamp('2024-01-02T03:04:05.678Z')).toBe('2024-01-02T03:04:05.678Z');
    expect(Date.parse(toIsoTimestamp('not a date'))).not.toBeNaN();
  });
});

describe('assignFields()', () => {
  it('copies what Object.assign copies, in the same key order, undefined values included (#10)', () => {
    const base = () => ({ id: 'i', name: 'n' }) as unknown as TelemetryEvent;
    const fieldSets = [{ sampleRate: 0.5 }, { error: { type: 'E', message: 'm', hash: 'h' } }, { durationMs: 3 }, { callId: 'c', status: 'success' as const, durationMs: 1, parentCallId: undefined, sampleRate: 0.1 }];
    for (const fields of fieldSets) {
      const a = base();
      assignFields(a, fields);
      const b = Object.assign(base(), fields);
      expect(Object.entries(a)).toEqual(Object.entries(b));
    }
  });
});

describe('callEvent()', () => {
  it('builds the shapes of a call\'s events with the keys in _record\'s order (#10)', () => {
    const make = (nested: boolean, status?: 'success' | 'failure', durationMs?: number, error?: TelemetryEvent['error']) =>
      Object.keys(callEvent('id', 'a.b', 'a', 'info', 't', {}, {}, 's', 1, nested, nested ? 'p' : undefined, 'c', status, durationMs, error));
    const base = ['id', 'name', 'category', 'severity', 'timestamp', 'properties', 'context', 'sessionId', 'sequence'];
    expect(make(false)).toEqual([...base, 'callId']);
    expect(make(false, 'success', 1)).toEqual([...base, 'callId', 'status', 'durationMs']);
    expect(make(false, 'failure', 1, { type: 'E', message: 'm', hash: 'h' })).toEqual([...base, 'callId', 'status', 'durationMs', 'error']);
    expect(make(true, 'success', 1)).toEqual([...base, 'parentCallId', 'callId', 'status', 'durationMs']);
  });

  it('gives decorated calls the events they had, parents and key order included (#10)', () => {
    const memory = new MemoryDestination();
    telemetry.addDestination(memory);
    class Service {
      @TrackDuration('svc.outer')
      outer(): number {
        return this.inner() + 1;
      }

      @TrackDuration('svc.inner')
      inner(): number {
        return 1;
      }
    }
    new Service().outer();
    const byName = Object.fromEntries(memory.events.map((e) => [e.name, e]));
    const base = ['id', 'name', 'category', 'severity', 'timestamp', 'properties', 'context', 'sessionId', 'sequence'];
    expect(Object.keys(byName['svc.outer.started'])).toEqual([...base, 'callId']);
    expect(Object.keys(byName['svc.inner.started'])).toEqual([...base, 'parentCallId', 'callId']);
    expect(Object.keys(byName['svc.inner.completed'])).toEqual([...base, 'parentCallId', 'callId', 'status', 'durationMs']);
    expect(Object.keys(byName['svc.outer.completed'])).toEqual([...base, 'callId', 'status', 'durationMs']);
    expect(byName['svc.inner.completed'].parentCallId).toBe(byName['svc.outer.started'].callId);
  });
});

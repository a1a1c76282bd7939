import { MemoryDestination, TrackDuration, telemetry } from 'decotel';
import type { TelemetryEvent } from 'decotel';
import { defaultConfig } from '../../src/config/config-types';
import { assignFields, callEvent, cleanContext } from '../../src/tracker/event-parts';
import { EMPTY_RECORD, toIsoTimestamp } from '../../src/tracker/event';
import { PrivacyPolicy } from '../../src/tracker/privacy';

beforeEach(() => telemetry.reset());

describe('EMPTY_RECORD', () => {
  it('is the frozen properties and context of every event that has none (#10)', () => {
    const memory = new MemoryDestination();
    telemetry.addDestination(memory);
    telemetry.track('a.one');
    telemetry.track('a.two', undefined, { category: 'x' });
    const [one, two] = memory.events;
    expect(one.properties).toBe(EMPTY_RECORD);
    expect(one.context).toBe(EMPTY_RECORD);
    expect(two.properties).toBe(EMPTY_RECORD);
    expect(Object.isFrozen(EMPTY_RECORD)).toBe(true);
    expect(EMPTY_RECORD).toEqual({});
    expect(JSON.parse(JSON.stringify(one))).toMatchObject({ properties: {}, context: {} });
  });

  it('makes a destination that mutates it fail alone: the others still get the event, unchanged (#10)', () => {
    const mutating = {
      name: 'mutating',
      handle(event: TelemetryEvent): void {
        event.properties.added = true;
      },
    };
    telemetry.addDestination(mutating);
    const memory = new MemoryDestination();
    telemetry.addDestination(memory);
    const errors: unknown[] = [];
    telemetry.on('error', (e) => errors.push(e));
    telemetry.track('a.one');
    expect(memory.events[0].properties).toEqual({});
    expect(telemetry.stats().destinations.mutating.failed).toBe(1);
    expect(errors).toEqual([expect.objectContaining({ code: 'DESTINATION_FAILED' })]);
  });
});

describe('cleanContext()', () => {
  const privacy = new PrivacyPolicy(defaultConfig().privacy, (text) => text);

  it('is EMPTY_RECORD with nothing set anywhere, and a cleaned copy otherwise (#10)', () => {
    expect(cleanContext(privacy, {}, {}, undefined)).toBe(EMPTY_RECORD);
    expect(cleanContext(privacy, {}, {}, { context: {}, callId: 'c' })).toBe(EMPTY_RECORD);
    const global = { region: 'eu' };
    const copy = cleanContext(privacy, {}, global, undefined);
    expect(copy).toEqual({ region: 'eu' });
    expect(copy).not.toBe(global);
    expect(cleanContext(privacy, { a: 1 }, { b: 2 }, { context: { a: 3, token: 't' } })).toEqual({ a: 3, b: 2, token: '[REDACTED]' });
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

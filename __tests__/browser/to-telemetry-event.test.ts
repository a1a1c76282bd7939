import { toTelemetryEvent } from '../../src/browser/to-telemetry-event';
import { toSafeParams } from '../../src/browser/safe-params';
import { randomUuid } from '../../src/browser/random-uuid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('toTelemetryEvent()', () => {
  it('maps a record to a §2 event', () => {
    const fault = jest.fn();
    const event = toTelemetryEvent({ event_name: 'experiment.created', params: { source: 'ui' }, status: 'SUCCESS', duration_ms: 12.5, timestamp_ns: 1_700_000_000_123_456_789n }, fault);
    expect(event).toEqual({
      id: expect.stringMatching(UUID),
      name: 'experiment.created',
      category: 'experiment',
      severity: 'info',
      status: 'success',
      durationMs: 12.5,
      timestamp: '2023-11-14T22:13:20.123Z',
      timestampNs: '1700000000123456789',
      properties: { source: 'ui' },
      context: {},
      sessionId: '',
      sequence: 0,
    });
    expect(fault).not.toHaveBeenCalled();
  });

  it('defaults timestamp_ns to now, in nanoseconds', () => {
    const before = BigInt(Date.now()) * 1_000_000n;
    const event = toTelemetryEvent({ event_name: 'a' }, jest.fn())!;
    expect(BigInt(event.timestampNs!)).toBeGreaterThanOrEqual(before - 1_000_000n);
    expect(BigInt(event.timestampNs!)).toBeLessThanOrEqual(BigInt(Date.now() + 1) * 1_000_000n);
    expect(Date.parse(event.timestamp)).toBe(Number(BigInt(event.timestampNs!) / 1_000_000n));
  });

  it('takes a number timestamp_ns, and replaces a bad one by now with a fault', () => {
    expect(toTelemetryEvent({ event_name: 'a', timestamp_ns: 1_000_000_000 }, jest.fn())?.timestampNs).toBe('1000000000');
    const fault = jest.fn();
    expect(toTelemetryEvent({ event_name: 'a', timestamp_ns: -5 }, fault)?.timestampNs).toMatch(/^\d{19}$/);
    expect(fault).toHaveBeenCalledWith('timestamp_ns', expect.any(String));
  });

  it('marks FAILURE and *.failed as errors, and sets no status for UNKNOWN', () => {
    expect(toTelemetryEvent({ event_name: 'a', status: 'FAILURE' }, jest.fn())).toMatchObject({ status: 'failure', severity: 'error' });
    expect(toTelemetryEvent({ event_name: 'job.failed' }, jest.fn())).toMatchObject({ severity: 'error' });
    expect(toTelemetryEvent({ event_name: 'a', status: 'UNKNOWN' }, jest.fn())).not.toHaveProperty('status');
    expect(toTelemetryEvent({ event_name: 'a', duration_ms: -1 }, jest.fn())).not.toHaveProperty('durationMs');
  });

  it('drops a record without a string event_name with an event_name fault', () => {
    const fault = jest.fn();
    expect([toTelemetryEvent({} as never, fault), toTelemetryEvent({ event_name: 3 } as never, fault), toTelemetryEvent(undefined as never, fault)]).toEqual([undefined, undefined, undefined]);
    expect(fault.mock.calls.map((c) => c[0])).toEqual(['event_name', 'event_name', 'event_name']);
  });
});

describe('toSafeParams()', () => {
  it('makes params cloneable and redacts the default secret keys', () => {
    const params: any = { fn: () => 1, sym: Symbol('s'), big: 12n, nan: NaN, when: new Date(0), err: new TypeError('bad'), list: [1, undefined, () => 2], nested: { Password: 'x', ok: true } };
    params.self = params;
    expect(toSafeParams(params)).toEqual({ big: '12', nan: 'NaN', when: '1970-01-01T00:00:00.000Z', err: { type: 'TypeError', message: 'bad' }, list: [1, null, null], nested: { Password: '[REDACTED]', ok: true }, self: '[Circular]' });
    expect(() => structuredClone(toSafeParams(params))).not.toThrow();
  });

  it('bounds strings, arrays and depth', () => {
    let deep: any = { leaf: 1 };
    for (let i = 0; i < 12; i++) deep = { deep };
    const out = toSafeParams({ s: 'x'.repeat(9_000), a: Array(150).fill(0), deep }) as any;
    expect(out.s).toMatch(/…\[truncated 808 chars\]$/);
    expect(out.a).toHaveLength(100);
    expect(JSON.stringify(out.deep)).toContain('"[Object]"');
  });

  it('uses toJSON, survives a throwing getter, and wraps a non-object', () => {
    const hostile = {
      get boom(): never {
        throw new Error('no');
      },
    };
    expect(toSafeParams({ url: new URL('https://x.test/a'), hostile })).toEqual({ url: 'https://x.test/a', hostile: '[Unserializable]' });
    expect(toSafeParams('text')).toEqual({ value: 'text' });
    expect(toSafeParams(null)).toEqual({});
  });
});

describe('randomUuid()', () => {
  it('makes a v4 UUID with or without crypto.randomUUID', () => {
    expect(randomUuid()).toMatch(UUID);
    const original = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
    const draws = jest.spyOn(globalThis.crypto, 'getRandomValues');
    try {
      const ids = new Set(Array.from({ length: 500 }, () => randomUuid()));
      expect(ids.size).toBe(500);
      for (const id of ids) expect(id).toMatch(UUID);
      // One draw per id (plain http pages make every event id this way).
      expect(draws).toHaveBeenCalledTimes(500);
    } finally {
      draws.mockRestore();
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});

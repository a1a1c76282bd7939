import { fromAnyValue, fromKeyValues, keyOf, MAX_ANY_VALUE_DEPTH, toAnyValue, toKeyValues } from '../../../src/destinations/http/otlp-value';

describe('toAnyValue()', () => {
  it('maps scalars to their OTLP value kinds', () => {
    expect(toAnyValue('s')).toEqual({ stringValue: 's' });
    expect(toAnyValue(false)).toEqual({ boolValue: false });
    expect(toAnyValue(42)).toEqual({ intValue: '42' });
    expect(toAnyValue(-0.5)).toEqual({ doubleValue: -0.5 });
    expect(toAnyValue(2 ** 60)).toEqual({ doubleValue: 2 ** 60 });
    expect(toAnyValue(Number.NaN)).toEqual({ stringValue: 'NaN' });
    expect(toAnyValue(Infinity)).toEqual({ stringValue: 'Infinity' });
    expect(toAnyValue(2n ** 62n)).toEqual({ intValue: '4611686018427387904' });
    expect(toAnyValue(2n ** 70n)).toEqual({ stringValue: '1180591620717411303424' });
    expect(toAnyValue(null)).toEqual({});
    expect(toAnyValue(undefined)).toEqual({});
    expect(toAnyValue(Symbol('x'))).toEqual({ stringValue: 'Symbol(x)' });
    expect(toAnyValue(new Date(0))).toEqual({ stringValue: '1970-01-01T00:00:00.000Z' });
    expect(toAnyValue(new Date(Number.NaN))).toEqual({ stringValue: 'Invalid Date' });
  });

  it('leaves undefined entries out of objects, as JSON does', () => {
    expect(toKeyValues({ a: 1, b: undefined }, 'p.')).toEqual([{ key: 'p.a', value: { intValue: '1' } }]);
  });

  it('cuts nesting deeper than MAX_ANY_VALUE_DEPTH', () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < MAX_ANY_VALUE_DEPTH + 5; i += 1) cursor = (cursor.next = {}) as Record<string, unknown>;
    expect(JSON.stringify(toAnyValue(deep))).toContain('[depth limit]');
  });
});

describe('fromAnyValue()', () => {
  it('inverts toAnyValue for JSON values', () => {
    const value = { a: 'x', b: [1, 2.5, true, null, { c: [] }], d: {} };
    expect(fromAnyValue(toAnyValue(value))).toEqual(value);
  });

  it('accepts numbers and strings for int64, and keeps integers beyond 2^53 as strings', () => {
    expect(fromAnyValue({ intValue: 7 })).toBe(7);
    expect(fromAnyValue({ intValue: '9007199254740993' })).toBe('9007199254740993');
    expect(fromAnyValue({ doubleValue: 'NaN' })).toBeNaN();
    expect(fromAnyValue({ bytesValue: 'AAE=' })).toBe('AAE=');
    expect(fromAnyValue({ arrayValue: {} })).toEqual([]);
    expect(fromAnyValue({ kvlistValue: {} })).toEqual({});
    expect(fromAnyValue(undefined)).toBeNull();
  });

  it('throws a TypeError for malformed values', () => {
    expect(() => fromAnyValue('x')).toThrow(TypeError);
    expect(() => fromAnyValue([])).toThrow(TypeError);
    expect(() => fromAnyValue({ intValue: '1.5' })).toThrow(TypeError);
    expect(() => fromAnyValue({ arrayValue: { values: 'x' } })).toThrow(TypeError);
    expect(() => fromKeyValues([{ value: {} }])).toThrow(TypeError);
    expect(() => keyOf(null)).toThrow(TypeError);
  });
});

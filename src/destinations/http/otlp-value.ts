/**
 * JavaScript values ⇄ OTLP `AnyValue` in its JSON encoding. int64 values travel as decimal
 * strings, as the OTLP/HTTP JSON encoding asks.
 * @see https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding
 */

/** An OTLP `AnyValue` (JSON encoding). An empty object is the empty value (null). */
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number | string;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
  bytesValue?: string;
}

/** An OTLP `KeyValue`. */
export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}

/** Nesting deeper than this is cut (the privacy stage already bounds events at 8 levels). */
export const MAX_ANY_VALUE_DEPTH = 32;

const INT64_MAX = 9_223_372_036_854_775_807n;
const INT64_MIN = -9_223_372_036_854_775_808n;

/**
 * The `AnyValue` of a JSON-like value: strings, booleans, integers (`intValue`), other finite
 * numbers (`doubleValue`), arrays (`arrayValue`), objects (`kvlistValue`), `null` and
 * `undefined` (the empty value). Dates become ISO strings; anything else its `String()`.
 */
export function toAnyValue(value: unknown, depth = 0): OtlpAnyValue {
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'boolean':
      return { boolValue: value };
    case 'number':
      if (Number.isSafeInteger(value)) return { intValue: String(value) };
      return Number.isFinite(value) ? { doubleValue: value } : { stringValue: String(value) };
    case 'bigint':
      return value >= INT64_MIN && value <= INT64_MAX ? { intValue: value.toString() } : { stringValue: value.toString() };
    case 'undefined':
      return {};
    case 'object':
      return objectToAnyValue(value, depth);
    default:
      return { stringValue: String(value) };
  }
}

/** `attributes` for the entries of `record`, keys prefixed with `prefix`; `undefined` values are left out, as JSON does. */
export function toKeyValues(record: Record<string, unknown>, prefix = '', depth = 0): OtlpKeyValue[] {
  const out: OtlpKeyValue[] = [];
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (v !== undefined) out.push({ key: prefix + key, value: toAnyValue(v, depth) });
  }
  return out;
}

/**
 * The JavaScript value of an `AnyValue`: the inverse of {@link toAnyValue}. An `intValue`
 * beyond 2^53 stays a decimal string; bytes stay base64.
 * @throws {TypeError} when `value` is not an `AnyValue`.
 */
export function fromAnyValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError('an AnyValue must be an object');
  const v = value as OtlpAnyValue;
  if (v.stringValue !== undefined) return String(v.stringValue);
  if (v.boolValue !== undefined) return Boolean(v.boolValue);
  if (v.intValue !== undefined) return fromInt(v.intValue);
  if (v.doubleValue !== undefined) return Number(v.doubleValue);
  if (v.arrayValue !== undefined) return listOf(v.arrayValue?.values, 'arrayValue').map((x) => fromAnyValue(x));
  if (v.kvlistValue !== undefined) return fromKeyValues(v.kvlistValue?.values);
  if (v.bytesValue !== undefined) return String(v.bytesValue);
  return null;
}

/**
 * An object from a list of `KeyValue`s.
 * @throws {TypeError} when the list or an entry is malformed.
 */
export function fromKeyValues(values: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of listOf(values, 'kvlistValue')) {
    const key = keyOf(kv);
    out[key] = fromAnyValue((kv as OtlpKeyValue).value);
  }
  return out;
}

/**
 * The key of a `KeyValue`.
 * @throws {TypeError} when `kv` has no string key.
 */
export function keyOf(kv: unknown): string {
  if (kv === null || typeof kv !== 'object' || typeof (kv as OtlpKeyValue).key !== 'string') {
    throw new TypeError('a KeyValue must have a string key');
  }
  return (kv as OtlpKeyValue).key;
}

function objectToAnyValue(value: object | null, depth: number): OtlpAnyValue {
  if (value === null) return {};
  if (depth >= MAX_ANY_VALUE_DEPTH) return { stringValue: '[depth limit]' };
  if (Array.isArray(value)) return { arrayValue: { values: value.map((x) => toAnyValue(x, depth + 1)) } };
  if (value instanceof Date) return { stringValue: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() };
  return { kvlistValue: { values: toKeyValues(value as Record<string, unknown>, '', depth + 1) } };
}

function fromInt(raw: string | number): number | string {
  const n = Number(raw);
  if (!Number.isFinite(n) || !/^-?\d+$/.test(String(raw).trim())) throw new TypeError(`intValue must be an integer, got ${String(raw)}`);
  return Number.isSafeInteger(n) ? n : String(raw).trim();
}

function listOf(values: unknown, what: string): unknown[] {
  if (values === undefined || values === null) return [];
  if (!Array.isArray(values)) throw new TypeError(`${what}.values must be an array`);
  return values;
}

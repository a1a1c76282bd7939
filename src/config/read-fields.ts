import type { ConfigReader, NumberRange } from './config-reader';
import { get } from './config-reader';
import { describeValue } from './config-issues';
import type { ConfigPath } from './config-path';
import { toCamelCase } from './config-path';
import { isPlainContainer } from './interpolate-env';

/** How one type-specific key of a destination is checked. */
export type FieldSpec =
  | { kind: 'string'; required?: string; oneOf?: readonly string[]; url?: boolean }
  | { kind: 'number'; required?: string; range: NumberRange }
  | { kind: 'boolean' }
  /** A map of names to strings whose keys are kept as written (HTTP headers). */
  | { kind: 'headers' }
  | { kind: 'section'; fields: FieldSpecs };

/** The keys of a map, snake_case as in YAML. */
export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Reads the keys of `fields` from `map` into a new object with camelCase keys, keeping only
 * the keys that are present (defaults belong to the module that uses them, STYLE.md §4).
 */
export function readFields(reader: ConfigReader, map: Record<string, unknown>, path: ConfigPath, fields: FieldSpecs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(fields)) {
    const value = readField(reader, map, path, key, spec);
    if (value !== undefined) out[toCamelCase(key)] = value;
  }
  return out;
}

function readField(reader: ConfigReader, map: Record<string, unknown>, path: ConfigPath, key: string, spec: FieldSpec): unknown {
  if ((spec.kind === 'string' || spec.kind === 'number') && spec.required !== undefined && !reader.require(map, path, key, spec.required)) return undefined;
  switch (spec.kind) {
    case 'boolean':
      return reader.bool(map, path, key);
    case 'number':
      return reader.number(map, path, key, spec.range);
    case 'string': {
      const value = reader.string(map, path, key, { oneOf: spec.oneOf });
      if (value !== undefined && spec.url === true && !isHttpUrl(value)) {
        reader.issues.add('INVALID_VALUE', [...path, key], `expected an http:// or https:// URL, got ${describeValue(value)}`);
        return undefined;
      }
      return value;
    }
    case 'headers':
      return readHeaders(reader, get(map, key), [...path, key]);
    case 'section': {
      const section = reader.map(get(map, key), [...path, key]);
      if (section === undefined) return undefined;
      reader.keys(section, [...path, key], Object.keys(spec.fields));
      return readFields(reader, section, [...path, key], spec.fields);
    }
  }
}

function readHeaders(reader: ConfigReader, value: unknown, path: ConfigPath): Record<string, string> | undefined {
  const map = reader.map(value, path, 'a map of header names to values');
  if (map === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(map)) {
    if (!HEADER_NAME.test(name)) {
      reader.issues.add('INVALID_VALUE', [...path, name], `expected an HTTP header name (letters, digits, '-'), got '${name}'`, 'key');
    } else if (typeof raw === 'number' || typeof raw === 'boolean') {
      out[name] = String(raw);
    } else if (typeof raw !== 'string') {
      reader.issues.add('INVALID_TYPE', [...path, name], `expected a header value (a string), got ${describeValue(raw)}`);
    } else if (/[\r\n\0]/.test(raw)) {
      reader.issues.add('INVALID_VALUE', [...path, name], 'expected a header value on one line, got one with a line break');
    } else {
      out[name] = raw;
    }
  }
  return out;
}

/** True for an absolute http:// or https:// URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A copy of a plain tree with every map key in camelCase (options of custom destination types). */
export function camelCaseTree(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !isPlainContainer(value)) return value;
  if (Array.isArray(value)) return value.map(camelCaseTree);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, toCamelCase(key), { value: camelCaseTree(item), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

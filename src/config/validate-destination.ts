import type { Severity } from '../tracker/event';
import type { DestinationConfig } from './config-types';
import type { ConfigReader } from './config-reader';
import { get } from './config-reader';
import { describeValue } from './config-issues';
import type { ConfigPath } from './config-path';
import { toCamelCase } from './config-path';
import { BUILT_IN_DESTINATION_FIELDS, COMMON_DESTINATION_KEYS, SEVERITY_NAMES, extraKeysOf } from './destination-schema';
import { didYouMean } from './did-you-mean';
import { camelCaseTree, readFields } from './read-fields';

/** `min_severity` of a destination that sets none: it takes every severity. */
export const DEFAULT_MIN_SEVERITY: Severity = 'debug';

const SEVERITY_WORDS = [...SEVERITY_NAMES, 'warn'] as const;

/** Reads `telemetry.destinations`: a map of names to destinations, in the order written. */
export function readDestinations(reader: ConfigReader, value: unknown, path: ConfigPath, knownTypes: ReadonlySet<string>): DestinationConfig[] {
  if (Array.isArray(value)) {
    reader.issues.add('INVALID_TYPE', path, 'expected a map of destination names to destinations (name: { type: console, events: [...] }), got a list');
    return [];
  }
  const map = reader.map(value, path, 'a map of destination names to destinations');
  if (map === undefined) return [];
  const out: DestinationConfig[] = [];
  for (const name of Object.keys(map)) {
    const destination = readDestination(reader, name, map[name], [...path, name], knownTypes);
    if (destination !== undefined) out.push(destination);
  }
  return out;
}

function readDestination(reader: ConfigReader, name: string, value: unknown, path: ConfigPath, knownTypes: ReadonlySet<string>): DestinationConfig | undefined {
  if (name.trim() === '') {
    reader.issues.add('INVALID_VALUE', path, 'expected a destination name, got an empty key', 'key');
    return undefined;
  }
  const map = reader.map(value, path, 'a destination (a map with type, events, …)');
  if (map === undefined) {
    if (value === null || value === undefined) reader.issues.add('INVALID_TYPE', path, 'expected a destination (a map with type, events, …), got nothing');
    return undefined;
  }
  const type = readType(reader, map, path, name, knownTypes);
  const builtIn = type === undefined ? undefined : BUILT_IN_DESTINATION_FIELDS[type];
  if (builtIn !== undefined) reader.keys(map, path, [...COMMON_DESTINATION_KEYS, ...extraKeysOf(type as string)]);

  const minSeverity = readMinSeverity(reader, map, path, type === 'console');
  const common: Omit<DestinationConfig, 'type' | 'options'> = {
    name,
    enabled: reader.bool(map, path, 'enabled') ?? true,
    events: reader.patterns(map, path, 'events') ?? [],
    exclude: reader.patterns(map, path, 'exclude') ?? [],
    minSeverity: minSeverity ?? DEFAULT_MIN_SEVERITY,
  };
  if (type === undefined) return undefined;
  let options: Record<string, unknown>;
  if (builtIn !== undefined) {
    options = readFields(reader, map, path, builtIn);
    if (type === 'http') checkHttp(reader, map, options, path);
  } else {
    options = {};
    for (const key of Object.keys(map)) {
      if (!COMMON_DESTINATION_KEYS.includes(key)) Object.defineProperty(options, toCamelCase(key), { value: camelCaseTree(map[key]), enumerable: true, writable: true, configurable: true });
    }
  }
  return { ...common, type, options };
}

function readType(reader: ConfigReader, map: Record<string, unknown>, path: ConfigPath, name: string, knownTypes: ReadonlySet<string>): string | undefined {
  const known = [...knownTypes];
  const value = get(map, 'type');
  if (value === undefined || value === null) {
    // `console: { events: [...] }` needs no `type: console`: a destination named after a type is of that type.
    if (knownTypes.has(name)) return name;
    reader.issues.add('MISSING_KEY', [...path, 'type'], `missing the required key 'type': the destination type, one of ${known.join(', ')}`, 'key');
    return undefined;
  }
  if (typeof value !== 'string') {
    reader.issues.add('INVALID_TYPE', [...path, 'type'], `expected a destination type (one of ${known.join(', ')}), got ${describeValue(value)}`);
    return undefined;
  }
  if (knownTypes.has(value)) return value;
  const guess = didYouMean(value, known);
  const hint = guess !== undefined ? `did you mean '${guess}'? ` : '';
  reader.issues.add('UNKNOWN_DESTINATION_TYPE', [...path, 'type'], `unknown destination type '${value}'; ${hint}expected one of: ${known.join(', ')} (or register one with telemetry.registerDestinationType())`);
  return undefined;
}

function readMinSeverity(reader: ConfigReader, map: Record<string, unknown>, path: ConfigPath, hasLevel: boolean): Severity | undefined {
  const minSeverity = reader.string(map, path, 'min_severity', { oneOf: SEVERITY_WORDS });
  if (!hasLevel || get(map, 'level') === undefined) return normalizeSeverity(minSeverity);
  if (get(map, 'min_severity') !== undefined) {
    reader.issues.add('INVALID_VALUE', [...path, 'level'], "expected either 'level' or 'min_severity' (an alias of it), got both", 'key');
    return normalizeSeverity(minSeverity);
  }
  return normalizeSeverity(reader.string(map, path, 'level', { oneOf: SEVERITY_WORDS }));
}

function normalizeSeverity(word: string | undefined): Severity | undefined {
  return word === 'warn' ? 'warning' : (word as Severity | undefined);
}

function checkHttp(reader: ConfigReader, map: Record<string, unknown>, options: Record<string, unknown>, path: ConfigPath): void {
  if (options.format === 'umami') reader.require(map, path, 'website_id', "Umami's website id, needed with format: umami");
  const batch = options.batch as { maxSize?: number; maxQueueSize?: number } | undefined;
  if (batch?.maxSize !== undefined && batch.maxQueueSize !== undefined && batch.maxSize > batch.maxQueueSize) {
    reader.issues.add('OUT_OF_RANGE', [...path, 'batch', 'max_size'], `expected at most batch.max_queue_size (${batch.maxQueueSize}), got ${batch.maxSize}`);
  }
  const retry = options.retry as { baseDelayMs?: number; maxDelayMs?: number } | undefined;
  if (retry?.baseDelayMs !== undefined && retry.maxDelayMs !== undefined && retry.baseDelayMs > retry.maxDelayMs) {
    reader.issues.add('OUT_OF_RANGE', [...path, 'retry', 'base_delay_ms'], `expected at most retry.max_delay_ms (${retry.maxDelayMs}), got ${retry.baseDelayMs}`);
  }
}

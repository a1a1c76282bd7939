/** A key path into the configuration: `['telemetry', 'sampling', 'rules', 0, 'rate']`. */
export type ConfigPath = ReadonlyArray<string | number>;

/** A 1-based position in the source text. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * Finds where a key path is in the source. `part` says whether a fault is in the key itself
 * (an unknown key) or in its value (a bad value, the default). Undefined when it cannot tell.
 */
export type Locate = (path: ConfigPath, part?: 'key' | 'value') => SourcePosition | undefined;

/** `['telemetry', 'sampling', 'rules', 0, 'rate']` → `telemetry.sampling.rules[0].rate`. */
export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** `flush_interval_ms` → `flushIntervalMs`. Keys without underscores are returned unchanged. */
export function toCamelCase(key: string): string {
  return key.includes('_') ? key.replace(/_+([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase()) : key;
}

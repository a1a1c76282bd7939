import type { FieldSpecs } from './read-fields';

/** Keys every destination takes, whatever its type (DESIGN.md §6). */
export const COMMON_DESTINATION_KEYS: readonly string[] = Object.freeze(['type', 'enabled', 'events', 'exclude', 'min_severity']);

/** Severity names accepted by `min_severity` (and the console's `level`). */
export const SEVERITY_NAMES = Object.freeze(['debug', 'info', 'warning', 'error', 'critical'] as const);

/** The longest delay a Node timer takes; larger ones fire at once. @see https://nodejs.org/api/timers.html#settimeoutcallback-delay-args */
export const MAX_TIMER_MS = 2_147_483_647;

const positive = { integer: true, min: 1 } as const;
const duration = { integer: true, min: 1, max: MAX_TIMER_MS } as const;

/** Type-specific keys of the built-in destination types. A registered custom type takes any key. */
export const BUILT_IN_DESTINATION_FIELDS: Readonly<Record<string, FieldSpecs>> = Object.freeze({
  console: {
    format: { kind: 'string', oneOf: ['pretty', 'json'] },
    stream: { kind: 'string', oneOf: ['stderr', 'stdout'] },
  },
  file: {
    path: { kind: 'string', required: 'the file that events are appended to, e.g. path: logs/events.jsonl' },
    max_bytes: { kind: 'number', range: positive },
  },
  memory: {
    max_events: { kind: 'number', range: positive },
  },
  http: {
    url: { kind: 'string', required: 'the endpoint that batches are sent to, e.g. url: http://127.0.0.1:4318/v1/logs', url: true },
    format: { kind: 'string', oneOf: ['json', 'otlp', 'umami'] },
    website_id: { kind: 'string' },
    headers: { kind: 'headers' },
    batch: {
      kind: 'section',
      fields: {
        max_size: { kind: 'number', range: positive },
        flush_interval_ms: { kind: 'number', range: duration },
        max_queue_size: { kind: 'number', range: positive },
      },
    },
    retry: {
      kind: 'section',
      fields: {
        max_retries: { kind: 'number', range: { integer: true, min: 0, max: 100 } },
        base_delay_ms: { kind: 'number', range: duration },
        max_delay_ms: { kind: 'number', range: duration },
      },
    },
    timeout_ms: { kind: 'number', range: duration },
    spool_dir: { kind: 'string' },
    spool_max_bytes: { kind: 'number', range: positive },
  },
});

/** Keys a type takes besides the common ones: the console also takes `level`, an alias of `min_severity`. */
export function extraKeysOf(type: string): readonly string[] {
  const fields = BUILT_IN_DESTINATION_FIELDS[type];
  const keys = fields === undefined ? [] : Object.keys(fields);
  return type === 'console' ? [...keys, 'level'] : keys;
}

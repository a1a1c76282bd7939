/** How serious an event is, in increasing order. */
export type Severity = 'debug' | 'info' | 'warning' | 'error' | 'critical';

/** Why an event did not reach a destination. */
export type DropReason = 'sampled' | 'disabled' | 'queue_full' | 'rejected' | 'retry_exhausted' | 'shutdown_timeout';

/** The error part of an event: type, message and a stable hash of type and first stack frame. */
export interface EventError {
  type: string;
  message: string;
  code?: string;
  hash: string;
  stack?: string;
}

/** One telemetry event (DESIGN.md §2). */
export interface TelemetryEvent {
  /** UUID v4; receivers de-duplicate on it. */
  id: string;
  name: string;
  category: string;
  severity: Severity;
  /** ISO 8601 with milliseconds. */
  timestamp: string;
  status?: 'success' | 'failure';
  /** Measured with a monotonic clock. */
  durationMs?: number;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
  error?: EventError;
  callId?: string;
  parentCallId?: string;
  sessionId: string;
  sequence: number;
  sampleRate?: number;
  timestampNs?: string;
}

/** Options of `track()`; the decorators take `TrackOptions` (DESIGN.md §4). */
export interface TrackEventOptions {
  category?: string;
  severity?: Severity;
  /** A `Date`, epoch milliseconds or an ISO string. Default: now. */
  timestamp?: Date | number | string;
}

/** Rank of each severity, for `min_severity` and "error or above". */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.freeze({
  debug: 0,
  info: 1,
  warning: 2,
  error: 3,
  critical: 4,
});

/** True for a known severity name. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SEVERITY_RANK, value);
}

/** 'error' for `*.failed`, else 'info'. */
export function defaultSeverity(name: string): Severity {
  return name.endsWith('.failed') ? 'error' : 'info';
}

/** The name's first segment: `generation.completed` → `generation`. */
export function defaultCategory(name: string): string {
  const dot = name.indexOf('.');
  return dot === -1 ? name : name.slice(0, dot);
}

/**
 * The `properties` or `context` of an event that has none: one frozen object shared by all such
 * events, rather than a fresh `{}` (56 bytes) for each (issue #10). Events handed to destinations
 * are shared by all of them and must not be mutated (README, "Events"); a destination that
 * tried to add a key here would throw in strict code, and be counted `failed`, isolated.
 */
export const EMPTY_RECORD: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** An explicit `timestamp` option as ISO 8601; now when it is not a valid date. */
export function toIsoTimestamp(value: TrackEventOptions['timestamp']): string {
  if (value === undefined) return new Date().toISOString();
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

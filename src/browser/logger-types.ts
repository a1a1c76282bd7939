import type { FlushResult } from '../destinations/destination';
import type { RemoteConfig } from './remote-config';

/** The status of a {@link TelemetryRecord}, MLflow's `TelemetryStatus`. */
export const TelemetryStatus = Object.freeze({ UNKNOWN: 'UNKNOWN', SUCCESS: 'SUCCESS', FAILURE: 'FAILURE' } as const);

/** One of {@link TelemetryStatus}'s values. */
export type TelemetryStatusName = (typeof TelemetryStatus)[keyof typeof TelemetryStatus];

/** What `logEvent` takes: MLflow's record shape, mapped to a decotel event (DESIGN.md §2, §8). */
export interface TelemetryRecord {
  /** The event's name, e.g. `'experiment.created'`. Required: a record without it is dropped. */
  event_name: string;
  /** Becomes the event's `properties`; made safe to clone (functions, symbols, DOM nodes and cycles removed). */
  params?: Record<string, unknown>;
  /** Becomes `status` in lower case (`UNKNOWN` sets none). */
  status?: TelemetryStatusName;
  /** Becomes `durationMs`. */
  duration_ms?: number;
  /** Nanoseconds since the epoch. Default: now. */
  timestamp_ns?: number | bigint;
}

/** Options of {@link getTelemetryLogger}; the first call of a page decides them. */
export interface TelemetryLoggerOptions {
  /**
   * Where the `decotel/worker` script (`dist/decotel-worker.js`) is served.
   *
   * Default: `'/decotel-worker.js'`.
   */
  workerUrl?: string;
  /**
   * The remote configuration endpoint (`GET`, JSON), e.g. `decotel collect`'s `/v1/config`.
   *
   * Default: `'/v1/config'`.
   */
  configUrl?: string;
  /**
   * How often the worker sends a partial batch, in milliseconds.
   *
   * Default: `15000`.
   */
  flushIntervalMs?: number;
  /**
   * `'auto'` keeps one random UUID in IndexedDB and sends it once per batch; `false` sends none.
   *
   * Default: `'auto'`.
   */
  installationId?: 'auto' | false;
  /** Service identity sent once per batch. Default: none. */
  service?: { name?: string; version?: string; environment?: string };
}

/** The page's handle on the shared worker (DESIGN.md §8). */
export interface TelemetryLogger {
  /** Records an event. Fire and forget: returns nothing, never throws. */
  logEvent(record: TelemetryRecord): void;
  /** The remote configuration the worker fetched, or `null` when it could not be fetched. */
  getConfig(): Promise<RemoteConfig | null>;
  /** True once the worker is connected and its configuration fetch has finished (either way). */
  isInitialized(): boolean;
  /**
   * Resolves once the worker has tried to deliver every event logged before the call, or after
   * `timeoutMs` (default `5000`), with the events delivered meanwhile and those still pending.
   */
  flush(timeoutMs?: number): Promise<FlushResult>;
}

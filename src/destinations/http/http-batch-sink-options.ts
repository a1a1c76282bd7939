import type { DestinationContext, FlushResult, ResourceInfo } from '../destination';
import type { EventSpool } from './event-spool';
import type { HttpFormat } from './http-format';

/** Events per request by default. */
export const DEFAULT_MAX_BATCH_SIZE = 100;
/** A partial batch leaves after this long by default. */
export const DEFAULT_FLUSH_INTERVAL_MS = 10_000;
/** Queued events held at most by default; past it new events are dropped (or spooled). */
export const DEFAULT_MAX_QUEUE_SIZE = 10_000;
/** One request may take this long by default. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
/** `flush()` and `shutdown()` wait this long when no time is given. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 5_000;
/** The end of `shutdown()`'s time kept for writing what is left to the spool. */
export const SPOOL_RESERVE_MS = 1_000;

/** Options of {@link HttpBatchSink}. */
export interface HttpBatchSinkOptions {
  /** The endpoint every batch is POSTed to. */
  url: string;
  /** Its name in `stats()`. Default: `'http'`. */
  name?: string;
  /** Turns a batch into a body. Default: the `json` envelope. */
  format?: HttpFormat;
  /** Extra request headers (e.g. `Authorization`). Default: none. */
  headers?: Record<string, string>;
  /** Events per request; a batch leaves as soon as this many wait. Default: `100`. */
  maxBatchSize?: number;
  /** A partial batch leaves after this many milliseconds. Default: `10000`. */
  flushIntervalMs?: number;
  /** Queued events (not counting the batch in flight) held at most. Default: `10000`. */
  maxQueueSize?: number;
  /** Retries of a failed batch; it gets at most `maxRetries + 1` attempts. Default: `3`. */
  maxRetries?: number;
  /** Wait before retry 1 in milliseconds; retry n waits `baseDelayMs × 2^(n−1)` ±10 %. Default: `1000`. */
  baseDelayMs?: number;
  /** Longest wait between attempts in milliseconds, `Retry-After` included. Default: `30000`. */
  maxDelayMs?: number;
  /** Time one request may take in milliseconds. Default: `5000`. */
  timeoutMs?: number;
  /** Where overflow, exhausted batches and leftovers at shutdown go instead of being dropped. Default: none. */
  spool?: EventSpool;
  /** Counters, drops and faults are reported here; the tracker passes one. Default: silent. */
  context?: DestinationContext;
  /** The batch identity. Default: `context.resource`. */
  resource?: ResourceInfo;
  /** Source of retry jitter in [0, 1). Default: `Math.random`. */
  random?: () => number;
}

/** What `shutdown()` resolves with: `pending` are events whose fate was still open at the deadline. */
export interface ShutdownResult extends FlushResult {
  /** Events written to the spool by this call, to be sent at the next start. */
  spooled: number;
}

/**
 * With a spool, the overflow of one synchronous burst is held for the spool's write up to this
 * many times `max_queue_size` (100 000 events at the defaults), so that a burst is spooled, not
 * dropped; in a steady outage the writer keeps up and memory stays flat.
 */
export const SPOOL_OVERFLOW_HOLD_FACTOR = 10;

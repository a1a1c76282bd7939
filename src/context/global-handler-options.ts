/** How long a dying process waits for its events to be delivered before it ends. */
export const DEFAULT_CRASH_FLUSH_TIMEOUT_MS = 2_000;

/** Options of `telemetry.installGlobalHandlers()`. */
export interface GlobalHandlerOptions {
  /**
   * Report uncaught exceptions as `error.uncaught` (severity `critical`).
   *
   * Default: `true`.
   */
  uncaughtExceptions?: boolean;
  /**
   * Report unhandled promise rejections as `error.unhandled_rejection` (severity `critical`).
   *
   * Default: `true`.
   */
  unhandledRejections?: boolean;
  /**
   * Milliseconds the process waits for delivery before it dies as it would have without decotel.
   *
   * Default: `2000`.
   */
  flushTimeoutMs?: number;
}

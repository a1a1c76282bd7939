import { attachToTracker } from './attach-to-tracker.browser';
import { BrowserLogger, warnOnce } from './browser-logger.browser';
import type { TelemetryLogger, TelemetryLoggerOptions } from './logger-types';
import { openEnginePort } from './open-engine-port.browser';

/** Defaults of {@link TelemetryLoggerOptions}. */
export const DEFAULT_WORKER_URL = '/decotel-worker.js';
export const DEFAULT_CONFIG_URL = '/v1/config';
export const DEFAULT_BROWSER_FLUSH_INTERVAL_MS = 15_000;

const LOGGER_KEY = Symbol.for('decotel.logger');

/**
 * The page's telemetry logger (DESIGN.md §8): one per page, talking to the one SharedWorker
 * of the origin, which fetches the remote configuration once for all tabs, batches, retries,
 * keeps undelivered events in IndexedDB, and is fed by `track()` and the decorators as well.
 * The first call decides the options.
 *
 * @example
 * const logger = getTelemetryLogger({ service: { name: 'web', version: '1.4.0' } });
 * logger.logEvent({ event_name: 'experiment.created', params: { source: 'ui' }, status: 'SUCCESS' });
 */
export function getTelemetryLogger(options: TelemetryLoggerOptions = {}): TelemetryLogger {
  const g = globalThis as { [LOGGER_KEY]?: BrowserLogger };
  const existing = g[LOGGER_KEY];
  if (existing !== undefined) return existing;
  const base = globalThis.location?.href;
  const logger = new BrowserLogger({
    configUrl: new URL(options.configUrl ?? DEFAULT_CONFIG_URL, base).href,
    flushIntervalMs: options.flushIntervalMs ?? DEFAULT_BROWSER_FLUSH_INTERVAL_MS,
    installationId: options.installationId ?? 'auto',
    service: options.service,
  });
  g[LOGGER_KEY] = logger;
  logger.connect(openEnginePort(new URL(options.workerUrl ?? DEFAULT_WORKER_URL, base).href, () => logger.fail(), (m) => warnOnce('fallback', m)));
  attachToTracker(logger.destination);
  return logger;
}

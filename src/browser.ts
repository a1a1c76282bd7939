// decotel/browser: the browser entry. Named re-exports only; nothing beneath imports `node:`.

// The logger and its shared worker (issue 8)
export { getTelemetryLogger, DEFAULT_WORKER_URL, DEFAULT_CONFIG_URL, DEFAULT_BROWSER_FLUSH_INTERVAL_MS } from './browser/get-telemetry-logger.browser';
export { TelemetryStatus } from './browser/logger-types';
export type { TelemetryLogger, TelemetryLoggerOptions, TelemetryRecord, TelemetryStatusName } from './browser/logger-types';
export type { RemoteConfig } from './browser/remote-config';

// Tracker core (issue 3), with the browser platform
export { telemetry } from './browser/instance.browser';
export { withConfigValidation } from './browser/with-config-validation';
export { Tracker, DEFAULT_FLUSH_TIMEOUT_MS } from './tracker/tracker';
export { EventCategory } from './tracker/event-category';
export type { EventCategoryName } from './tracker/event-category';
export type { TelemetryEvent, Severity, DropReason, TrackEventOptions, EventError } from './tracker/event';
export type { TrackerStats, DestinationStats } from './tracker/stats';
export { ConfigError, DecotelError } from './errors';
export { MemoryDestination } from './destinations/memory-destination';
export { ConsoleDestination } from './destinations/console-destination';
export type { Destination, FlushResult } from './destinations/destination';

// Decorators (issue 5)
export { TrackDuration } from './decorators/track-duration';
export { TrackFunction } from './decorators/track-function';
export { TrackError } from './decorators/track-error';
export { Tracked } from './decorators/tracked';
export { NoTrack } from './decorators/no-track';
export { withTracking } from './decorators/with-tracking';
export type { TrackMethodOptions } from './decorators/track-options';

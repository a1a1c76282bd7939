// decotel: the Node entry. Named re-exports only (STYLE.md §2).

// Tracker core (issue 3)
export { telemetry } from './tracker/instance.node';
export { Tracker, DEFAULT_FLUSH_TIMEOUT_MS } from './tracker/tracker';
export type { ConfigureOptions } from './tracker/platform';
export { EventCategory } from './tracker/event-category';
export type { EventCategoryName } from './tracker/event-category';
export type { TelemetryEvent, Severity, DropReason, TrackEventOptions, EventError } from './tracker/event';
export type { TrackerStats, DestinationStats } from './tracker/stats';
export type { DropNotice, LifecycleEvents, LifecycleEventName } from './tracker/reporter';
export type { Routing } from './tracker/destination-set';
export { ConfigError, DecotelError } from './errors';
export type { ConfigErrorCode, DecotelErrorCode } from './errors';
export type { ResolvedConfig, DestinationConfig } from './config/config-types';

// Destinations (issue 3)
export { MemoryDestination } from './destinations/memory-destination';
export type { MemoryDestinationOptions } from './destinations/memory-destination';
export { ConsoleDestination } from './destinations/console-destination';
export { FileDestination } from './destinations/file-destination.node';
export type { Destination, DestinationContext, DestinationFactory, FlushResult, ResourceInfo } from './destinations/destination';

// Configuration (issue 4)

// Decorators (issue 5)
export { TrackDuration } from './decorators/track-duration';
export { TrackFunction } from './decorators/track-function';
export { TrackError } from './decorators/track-error';
export { Tracked } from './decorators/tracked';
export { NoTrack } from './decorators/no-track';
export { withTracking } from './decorators/with-tracking';
export type { TrackMethodOptions, TrackMethodOptions as TrackOptions } from './decorators/track-options';
export type { TrackMethodDecorator, TrackClassDecorator } from './decorators/decorator-mode';

// Context and Express (issue 6)
export { expressContext, expressErrorHandler, DEFAULT_REQUEST_ID_HEADER, REQUEST_ID_PATTERN } from './context/express-context';
export type { ExpressContextOptions } from './context/express-context';
export type { ExpressRequestLike, ExpressResponseLike, ExpressNext, ExpressMiddleware, ExpressErrorMiddleware } from './context/express-types';
export { DEFAULT_CRASH_FLUSH_TIMEOUT_MS } from './context/global-handler-options';
export type { GlobalHandlerOptions } from './context/global-handler-options';

// HTTP sink (issue 7)
export { HttpBatchSink } from './destinations/http/http-batch-sink';
export type { HttpBatchSinkOptions, ShutdownResult } from './destinations/http/http-batch-sink';
export { createHttpDestination } from './destinations/http/create-http-destination.node';
export type { HttpDestinationOptions, HttpFormatName } from './destinations/http/http-destination';
export type { HttpFormat } from './destinations/http/http-format';
export type { EventSpool, SpoolBatch } from './destinations/http/event-spool';

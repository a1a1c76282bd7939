// decotel: the Node entry. Named re-exports only (STYLE.md §2).

// Tracker core (issue 3)
export { telemetry } from './tracker/instance.node';
export { Tracker, DEFAULT_FLUSH_TIMEOUT_MS } from './tracker/tracker';
export type { ConfigureOptions } from './tracker/platform';
export { EventCategory } from './tracker/event-category';
export type { EventCategoryName } from './tracker/event-category';
export type { TelemetryEvent, Severity, DropReason, TrackOptions, EventError } from './tracker/event';
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

// Context and Express (issue 6)

// HTTP sink (issue 7)

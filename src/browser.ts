// decotel/browser: the browser entry. Named re-exports only; nothing beneath imports `node:`.
export { Tracker } from './tracker/tracker';
export { EventCategory } from './tracker/event-category';
export type { TelemetryEvent, Severity, TrackOptions } from './tracker/event';
export { ConfigError, DecotelError } from './errors';
export { MemoryDestination } from './destinations/memory-destination';
export { ConsoleDestination } from './destinations/console-destination';

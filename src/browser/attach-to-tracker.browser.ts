import type { Destination } from '../destinations/destination';

/** The key under which the tracker keeps its singleton (DESIGN.md §3). */
const TRACKER_KEY = Symbol.for('decotel.tracker');

/** The part of the tracker this module uses; it is reached through the global key, never imported. */
interface TrackerLike {
  addDestination(destination: Destination): unknown;
  getDestination(name: string): Destination | undefined;
  on(name: 'config', listener: () => void): unknown;
}

/**
 * Routes the page's tracker (`track`, the decorators) to the worker through `destination`, now
 * if the tracker exists and otherwise the moment it is created. It does not import the tracker,
 * so that a page that only logs records does not carry it. The destination is added again when
 * `configure()` replaces the destinations.
 */
export function attachToTracker(destination: Destination): void {
  const g = globalThis as Record<symbol, unknown>;
  const attach = (tracker: TrackerLike): void => {
    const add = (): void => {
      if (tracker.getDestination(destination.name) !== destination) tracker.addDestination(destination);
    };
    add();
    tracker.on('config', add);
  };
  if (g[TRACKER_KEY] !== undefined) {
    attach(g[TRACKER_KEY] as TrackerLike);
    return;
  }
  Object.defineProperty(g, TRACKER_KEY, {
    configurable: true,
    get: () => undefined,
    set(tracker: TrackerLike) {
      Object.defineProperty(g, TRACKER_KEY, { configurable: true, writable: true, value: tracker });
      attach(tracker);
    },
  });
}

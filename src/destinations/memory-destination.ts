import type { TelemetryEvent } from '../tracker/event';
import { PatternSet } from '../tracker/pattern';
import type { Destination, DestinationContext } from './destination';

/** Events a `memory` destination keeps before it drops the oldest. */
export const DEFAULT_MEMORY_MAX_EVENTS = 10_000;
/**
 * Evicted events are removed from the front in one `splice` once this many have piled up,
 * rather than with a `shift` per event (a memmove of the whole array each time: ~40 ns an
 * event at 1 024 events, issue #10). Reading `events` removes them at once.
 */
const MAX_TRIM_SLACK = 1_024;

/** Options of {@link MemoryDestination}. */
export interface MemoryDestinationOptions {
  /** Its name in `stats()`. Default: `'memory'`. */
  name?: string;
  /** Events kept; the oldest is dropped (and counted as `queue_full`) past it. Default: `10000`. */
  maxEvents?: number;
}

/**
 * Keeps events in memory, in order: the destination your own tests assert on.
 *
 * @example
 * const memory = new MemoryDestination();
 * telemetry.addDestination(memory);
 * telemetry.track('user.login');
 * expect(memory.find('user.*')).toHaveLength(1);
 */
export class MemoryDestination implements Destination {
  readonly name: string;
  readonly type = 'memory';
  private readonly _events: TelemetryEvent[] = [];
  private readonly _maxEvents: number;
  private readonly _trimAt: number;
  private _context: DestinationContext | undefined;

  constructor(options: MemoryDestinationOptions = {}) {
    this.name = options.name ?? 'memory';
    this._maxEvents = Math.max(1, options.maxEvents ?? DEFAULT_MEMORY_MAX_EVENTS);
    this._trimAt = this._maxEvents + Math.min(this._maxEvents, MAX_TRIM_SLACK);
  }

  /** The events received, oldest first: the last `maxEvents` of them. */
  get events(): readonly TelemetryEvent[] {
    this._trim();
    return this._events;
  }

  /** @internal Called by the tracker when the destination is added. */
  bind(context: DestinationContext): void {
    this._context = context;
  }

  handle(event: TelemetryEvent): void {
    const events = this._events;
    // The oldest is dropped (and counted) now; it leaves the array at the next trim.
    if (events.length >= this._maxEvents) {
      if (events.length >= this._trimAt) this._trim();
      this._context?.dropped('queue_full', 1);
    }
    events.push(event);
    this._context?.delivered(1);
  }

  /** The events whose name matches the glob (same syntax as the YAML `events`). */
  find(pattern: string): TelemetryEvent[] {
    const set = new PatternSet([pattern]);
    return this.events.filter((e) => set.test(e.name));
  }

  /** Forgets every event. */
  clear(): void {
    this._events.length = 0;
  }

  /** Removes the events already dropped from the front. */
  private _trim(): void {
    const extra = this._events.length - this._maxEvents;
    if (extra > 0) this._events.splice(0, extra);
  }
}

import type { TelemetryEvent } from '../tracker/event';
import { PatternSet } from '../tracker/pattern';
import type { Destination, DestinationContext } from './destination';

/** Events a `memory` destination keeps before it drops the oldest. */
export const DEFAULT_MEMORY_MAX_EVENTS = 10_000;

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
  private _context: DestinationContext | undefined;

  constructor(options: MemoryDestinationOptions = {}) {
    this.name = options.name ?? 'memory';
    this._maxEvents = Math.max(1, options.maxEvents ?? DEFAULT_MEMORY_MAX_EVENTS);
  }

  /** The events received, oldest first. */
  get events(): readonly TelemetryEvent[] {
    return this._events;
  }

  /** @internal Called by the tracker when the destination is added. */
  bind(context: DestinationContext): void {
    this._context = context;
  }

  handle(event: TelemetryEvent): void {
    if (this._events.length >= this._maxEvents) {
      this._events.shift();
      this._context?.dropped('queue_full', 1);
    }
    this._events.push(event);
    this._context?.delivered(1);
  }

  /** The events whose name matches the glob (same syntax as the YAML `events`). */
  find(pattern: string): TelemetryEvent[] {
    const set = new PatternSet([pattern]);
    return this._events.filter((e) => set.test(e.name));
  }

  /** Forgets every event. */
  clear(): void {
    this._events.length = 0;
  }
}

import type { DropReason, TelemetryEvent } from '../../tracker/event';
import type { DestinationContext } from '../destination';
import type { EventSpool } from './event-spool';

/** What {@link OverflowSpill} needs from its sink. */
export interface OverflowSpillOptions {
  /** Where overflow goes; without one it is dropped. */
  spool: EventSpool | undefined;
  /** The queue's size, named in the burst warning. */
  limit: number;
  /**
   * Events staged or being written to the spool at most; past it overflow is dropped. A
   * synchronous burst is staged in memory until the spool's asynchronous write takes it.
   */
  holdLimit: number;
  /** Names the sink in the burst warning. */
  name: string;
  /** The sink's current context (the tracker may bind another). */
  context(): DestinationContext;
  /** Called after each write, so that the sink can re-check whether it is idle. */
  onWritten(): void;
}

/**
 * The events a sink cannot keep in memory: overflow of a full queue, batches out of retries and
 * what is left at shutdown. They go to the spool (written after the caller's synchronous code,
 * never on its path) or are dropped and counted, with one `queue_full` warning per burst.
 */
export class OverflowSpill {
  private _staged: TelemetryEvent[] = [];
  private _scheduled = false;
  private _writing = 0;
  private _burstDrops = 0;

  constructor(private readonly _options: OverflowSpillOptions) {}

  /** Events staged for the spool or being written to it. */
  get held(): number {
    return this._staged.length + this._writing;
  }

  /** An event the full queue cannot take: staged for the spool, or dropped as `queue_full`. */
  overflow(event: TelemetryEvent): void {
    if (this._options.spool === undefined || this.held >= this._options.holdLimit) {
      this.dropQueueFull(1);
      return;
    }
    this._staged.push(event);
    if (this._scheduled) return;
    this._scheduled = true;
    queueMicrotask(() => {
      this._scheduled = false;
      void this.write(this.takeStaged(), 'queue_full');
    });
  }

  /** Removes and returns what is staged and not yet being written. */
  takeStaged(): TelemetryEvent[] {
    const staged = this._staged;
    this._staged = [];
    return staged;
  }

  /** Writes `events` to the spool; what it does not take is dropped under `reason`. Never rejects. */
  async write(events: TelemetryEvent[], reason: DropReason): Promise<number> {
    const context = this._options.context();
    this._writing += events.length;
    let stored = 0;
    try {
      stored = this._options.spool === undefined ? 0 : await this._options.spool.append(events);
    } catch (err) {
      context.error(err);
    } finally {
      this._writing -= events.length;
    }
    const lost = events.length - stored;
    if (lost > 0) {
      if (reason === 'queue_full') this.dropQueueFull(lost);
      else context.dropped(reason, lost);
    }
    this._options.onWritten();
    return stored;
  }

  dropQueueFull(count: number): void {
    this._burstDrops += count;
    this._options.context().dropped('queue_full', count);
  }

  /** The queue has room again: one warning for the burst of `queue_full` drops, with the count. */
  endBurst(): void {
    if (this._burstDrops === 0) return;
    const n = this._burstDrops;
    this._burstDrops = 0;
    this._options.context().warn(`http destination '${this._options.name}' dropped ${n} event(s) because max_queue_size (${this._options.limit}) was reached`);
  }
}

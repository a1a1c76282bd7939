import type { TelemetryEvent } from '../../tracker/event';

/** Events read back from a spool, to be sent before anything newer. */
export interface SpoolBatch {
  readonly events: TelemetryEvent[];
  /** The batch is settled (delivered, or rejected for good): the spool forgets it. */
  ack(): Promise<void>;
  /** The batch was not delivered: the spool keeps it and returns it again later. */
  release(): void;
}

/**
 * Durable storage for events the sink could not send (DESIGN.md §7 "Spool"). The Node side
 * injects a file spool; the browser worker may inject its own. Methods never reject.
 */
export interface EventSpool {
  /** Stores `events`; resolves with how many were stored (fewer when the spool is full) once they are durable. */
  append(events: readonly TelemetryEvent[]): Promise<number>;
  /** The oldest stored events, at most `maxEvents`, or `undefined` when there are none. */
  next(maxEvents: number): Promise<SpoolBatch | undefined>;
  /** True while stored events wait to be sent. */
  hasPending(): boolean;
  /** Ends writing; what is stored stays for the next start. */
  close(): Promise<void>;
}

import type { DropReason } from './event';

/** The counters of one destination, as `stats()` reports them. */
export interface DestinationStats {
  received: number;
  delivered: number;
  dropped: Partial<Record<DropReason, number>>;
  retried: number;
  failed: number;
  inQueue: number;
}

/** What `telemetry.stats()` returns. */
export interface TrackerStats {
  destinations: Record<string, DestinationStats>;
}

/** Mutable counters of one destination; the tracker reads them into {@link DestinationStats}. */
export class DestinationCounters {
  received = 0;
  delivered = 0;
  retried = 0;
  failed = 0;
  readonly dropped: Partial<Record<DropReason, number>> = {};

  /** Adds `count` under `reason`; returns true the first time this reason is seen. */
  drop(reason: DropReason, count: number): boolean {
    const before = this.dropped[reason];
    this.dropped[reason] = (before ?? 0) + count;
    return before === undefined;
  }

  snapshot(inQueue: number): DestinationStats {
    return {
      received: this.received,
      delivered: this.delivered,
      dropped: { ...this.dropped },
      retried: this.retried,
      failed: this.failed,
      inQueue,
    };
  }
}

/**
 * The clocks of browser builds (scripts/browser-build.cjs takes this module for wall-clock.ts).
 * Node's `WallClock` dates an event from its call's `performance.now()` reading, saving a clock
 * read and a `Date` per event on a server's hot path (issue #10); a page reads the wall clock
 * as it builds the event, microseconds after that reading, which costs fewer bytes (DESIGN.md §8)
 * and, like Node's, follows the wall clock across a sleep.
 */
import type * as NodeClock from './wall-clock';

/** The monotonic clock, `performance.now()`. */
export const monoNow: typeof NodeClock.monoNow = () => performance.now();

/** The wall clock of events. */
export class WallClock implements Pick<NodeClock.WallClock, 'iso'> {
  /** Now, ISO 8601: the time of the reading `monoMs`, taken just before. */
  iso(_monoMs: number): string {
    return new Date().toISOString();
  }
}

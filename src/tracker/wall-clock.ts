/**
 * Monotonic time after which the derived wall time is checked against `Date.now()` again: a
 * wall-clock step (NTP, a resumed VM, a user setting the time) shows in events within this.
 */
export const WALL_CLOCK_CHECK_INTERVAL_MS = 1_000;
/**
 * How far the derived time may stray from `Date.now()` (beyond the millisecond `Date.now()`
 * truncates) before it is re-anchored. Smaller would re-anchor on rounding alone, and each
 * re-anchoring moves timestamps by a fraction of a millisecond.
 */
export const WALL_CLOCK_MAX_SKEW_MS = 2;

/** `Date.now` as the process started; another one (fake timers, a spy) makes events read it instead. */
const ORIGINAL_DATE_NOW = Date.now;

/** The wall clock, looked up at each reading. */
function dateNow(): number {
  return Date.now();
}

/**
 * The monotonic clock, `performance.now()`. The global is looked up at each reading (~4 ns in
 * Node 20, where it is an accessor), so that fake timers, which replace `globalThis.performance`,
 * and spies on `performance.now` are seen by durations.
 */
export function monoNow(): number {
  return performance.now();
}

/**
 * Wall time from the monotonic clock, as OpenTelemetry makes it (an origin plus
 * `performance.now()`), so that the completed or failed event's timestamp comes from the very
 * reading that ends its call's duration: three clock reads a call (two without a started event),
 * not four (issue #10; each costs 45–50 ns on a KVM guest). Unlike OpenTelemetry's fixed
 * `performance.timeOrigin`, the origin follows the wall clock: it is taken from a `Date.now()`
 * and `performance.now()` pair at the first timestamp, and checked again at the first timestamp
 * after each {@link WALL_CLOCK_CHECK_INTERVAL_MS} of monotonic time, then moved if the two differ
 * by more than {@link WALL_CLOCK_MAX_SKEW_MS}. Where the monotonic clock stops during a suspend
 * (a sleeping laptop), the events of the first second after waking are dated as if no time had
 * passed. While `Date.now` is not the original one (fake timers, `jest.setSystemTime`, a spy),
 * each timestamp is `Date.now()` itself, as tests expect. The ISO string is formatted once per
 * millisecond.
 */
export class WallClock {
  /** The clocks (the defaults: `Date.now()` and {@link monoNow}); tests give their own. */
  constructor(
    private readonly _wallNow: () => number = dateNow,
    private readonly _monoNow: () => number = monoNow,
  ) {}

  private _offsetMs = Number.NaN;
  private _checkedAtMs = Number.NaN;
  private _isoMs = Number.NaN;
  private _iso = '';

  /** Epoch milliseconds at `monoMs`, a `performance.now()` reading taken just before. */
  epochMs(monoMs: number): number {
    if (this._wallNow === dateNow && Date.now !== ORIGINAL_DATE_NOW) return Date.now();
    const sinceMs = monoMs - this._checkedAtMs;
    // Also before the first check (NaN), and when the monotonic time runs backwards: only a faked clock does.
    if (!(sinceMs >= 0 && sinceMs < WALL_CLOCK_CHECK_INTERVAL_MS)) this._check(monoMs);
    return this._offsetMs + monoMs;
  }

  /** `new Date(epochMs(monoMs)).toISOString()`, formatted once per millisecond. */
  iso(monoMs: number): string {
    const ms = Math.floor(this.epochMs(monoMs));
    if (ms !== this._isoMs) {
      this._iso = new Date(ms).toISOString();
      this._isoMs = ms;
    }
    return this._iso;
  }

  /**
   * Compares the wall clock with the derived time, from a fresh pair of readings: `monoMs` may be
   * older (a `captureResult` or a GC pause may have run since), and anchoring on it would date
   * every event of the next second by that gap.
   */
  private _check(monoMs: number): void {
    const mono = this._monoNow();
    const wall = this._wallNow();
    // From the older reading, so that the events of the readings in between do not check again.
    this._checkedAtMs = Math.min(monoMs, mono);
    // Date.now() truncates: in step, it is up to 1 ms behind the derived time. Anchored, the
    // derived time is put mid-millisecond.
    const skewMs = wall - (this._offsetMs + mono);
    if (!(skewMs <= WALL_CLOCK_MAX_SKEW_MS && skewMs >= -1 - WALL_CLOCK_MAX_SKEW_MS)) this._offsetMs = wall + 0.5 - mono;
  }
}

import type { Scope } from '../context/context-store';
import { toEventError } from '../tracker/error-info';
import type { EventError, Severity } from '../tracker/event';
import { fastRandomId } from '../tracker/ids';
import type { Route } from '../tracker/router';
import { isKept } from '../tracker/sampler';
import type { Tracker } from '../tracker/tracker';
import type { MethodState } from './method-state';

/** The rate of a call with no started name (`@TrackError`): its failed event is sampled on its own. */
const UNDECIDED = -1;

/**
 * One tracked call: its ids, its sampling decision (made once, at the start, for all its
 * events), its clock, and its events. Every method reports its own faults and never throws.
 */
export class TrackedCall {
  /** The scope the method runs in: the caller's context object (so `setContext` stays transparent) and this call's id. */
  readonly scope: Scope;
  private readonly _t: Tracker;
  private readonly _state: MethodState;
  private readonly _callId: string;
  private readonly _parentCallId: string | undefined;
  private readonly _properties: Record<string, unknown> | undefined;
  private readonly _rate: number;
  private readonly _kept: boolean;
  private _startMs = 0;
  private _settled = false;

  private constructor(t: Tracker, state: MethodState, args: ArrayLike<unknown>) {
    this._t = t;
    this._state = state;
    const active = t._platform.contextStore.active();
    // The pooled generator: crypto.randomUUID cost ~150 ns and ~580 bytes of garbage a call here (issue #10).
    this._callId = fastRandomId();
    this._parentCallId = active?.callId;
    this.scope = { context: active?.context, callId: this._callId };
    this._properties = state.startProperties(args, t);
    const name = state.startedName;
    if (name === undefined) {
      this._rate = UNDECIDED;
      this._kept = true;
    } else {
      this._rate = t._sampler.rateFor(name, state.startedSeverity);
      this._kept = isKept(this._rate, this._rate >= 1 ? 0 : t._random());
    }
  }

  /** Starts a call (started event, clock), or returns undefined after reporting a fault. */
  static begin(t: Tracker, state: MethodState, args: ArrayLike<unknown>): TrackedCall | undefined {
    try {
      const call = new TrackedCall(t, state, args);
      call._start();
      return call;
    } catch (err) {
      t._reporter.error(err);
      return undefined;
    }
  }

  /** Runs the method in this call's scope, so that nested calls get its id as their parent. */
  run(fn: (...args: any[]) => unknown, thisArg: unknown, args: ArrayLike<unknown>): unknown {
    return this._t._platform.contextStore.run(this.scope, () => fn.apply(thisArg, args as unknown[]));
  }

  /** Observes a thenable through `then` (read once by the caller) and returns nothing. */
  observe(thenable: object, then: (onOk: (value: unknown) => void, onErr: (reason: unknown) => void) => unknown): void {
    try {
      // A side chain: the thenable itself is what the method's caller gets. See the README, "Unhandled rejections"
      // ("Unhandled rejections") for why this marks a native promise as handled.
      then.call(
        thenable,
        (value: unknown) => this.complete(value),
        (reason: unknown) => this.fail(reason),
      );
    } catch (err) {
      this._t._reporter.error(err);
    }
  }

  /** The call succeeded with `result`: the completed event, once. */
  complete(result: unknown): void {
    if (this._settled) return;
    this._settled = true;
    try {
      const state = this._state;
      const routes = state.completedRoutes;
      if (routes.length === 0) return;
      const durationMs = this._elapsedMs();
      if (!this._kept) {
        this._t._dropSampled(routes, state.startedSeverity);
        return;
      }
      const properties = state.resultProperties(this._properties, result, this._t);
      this._emit(routes, state.completedName as string, state.startedSeverity, properties, 'success', durationMs, undefined, this._rate);
    } catch (err) {
      this._t._reporter.error(err);
    }
  }

  /**
   * The call threw `thrown`: the failed event, once. A sampled-out call still reports its
   * failure (errors win) unless a sampling rule matches the failed event's name (DESIGN.md §6).
   */
  fail(thrown: unknown): void {
    if (this._settled) return;
    this._settled = true;
    try {
      const t = this._t;
      const state = this._state;
      const routes = state.failedRoutes;
      if (routes.length === 0) return;
      const durationMs = this._elapsedMs();
      const name = state.failedName as string;
      let rate: number;
      let kept: boolean;
      if (this._rate === UNDECIDED) {
        rate = t._sampler.rateFor(name, state.failedSeverity);
        kept = isKept(rate, rate >= 1 ? 0 : t._random());
      } else if (t._sampler.ruleRate(name) === undefined) {
        rate = 1;
        kept = true;
      } else {
        rate = this._rate;
        kept = this._kept;
      }
      if (!kept) {
        t._dropSampled(routes, state.failedSeverity);
        return;
      }
      this._emit(routes, name, state.failedSeverity, this._properties, 'failure', durationMs, toEventError(thrown, t._privacy), rate);
    } catch (err) {
      this._t._reporter.error(err);
    }
  }

  private _start(): void {
    const state = this._state;
    const routes = state.startedRoutes;
    if (routes.length > 0) {
      if (this._kept) this._emit(routes, state.startedName as string, state.startedSeverity, this._properties, undefined, undefined, undefined, this._rate);
      else this._t._dropSampled(routes, state.startedSeverity);
    }
    // Read last, so that the duration covers the method and not the started event.
    this._startMs = performance.now();
  }

  private _elapsedMs(): number {
    return Math.max(0, performance.now() - this._startMs);
  }

  private _emit(
    routes: readonly Route[],
    name: string,
    severity: Severity,
    properties: Record<string, unknown> | undefined,
    status: 'success' | 'failure' | undefined,
    durationMs: number | undefined,
    error: EventError | undefined,
    rate: number,
  ): void {
    // Fields as arguments, not an object per event (issue #10); the parent is this call's own,
    // also when the event is emitted inside another call's scope (a generator iterated there).
    const sampleRate = rate >= 0 && rate < 1 ? rate : undefined;
    this._t._recordCall(routes, name, severity, properties, this._state.recordOptions?.category, this._callId, this._parentCallId, status, durationMs, error, sampleRate);
  }
}

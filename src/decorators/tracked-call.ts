import type { Scope } from '../context/context-store';
import { toEventError } from '../tracker/error-info';
import type { EventError, Severity } from '../tracker/event';
import { fastRandomId } from '../tracker/ids';
import type { Route } from '../tracker/router';
import { isKept } from '../tracker/sampler';
import type { Tracker } from '../tracker/tracker';
import { monoNow } from '../tracker/wall-clock';
import type { MethodState } from './method-state';
import { UNDECIDED_RATE } from './method-state';

/**
 * One tracked call: its ids, its sampling decision (made once, at the start, for all its
 * events), its clock, and its events. It is also the scope the method runs in (its `context`
 * is the caller's context object, so that `setContext` stays transparent, and its `callId` is
 * the parent of nested calls): one object a call rather than two (issue #10). Every method
 * reports its own faults and never throws.
 */
export class TrackedCall implements Scope {
  readonly context: Record<string, unknown> | undefined;
  readonly callId: string;
  private readonly _t: Tracker;
  private readonly _state: MethodState;
  /**
   * The scope active when the call started (the caller's), and the call's properties. Both are
   * let go once the call settles: the call lives on as the scope of what the method started
   * (timers, promises), which must not keep its captured arguments or its ancestors alive.
   */
  private _parent: Scope | undefined;
  private _properties: Record<string, unknown> | undefined;
  private readonly _rate: number;
  private readonly _kept: boolean;
  private _startMs = 0;
  private _settled = false;
  /** True once an event carries the call id as its own id. */
  private _idTaken = false;

  private constructor(t: Tracker, state: MethodState, args: ArrayLike<unknown>) {
    this._t = t;
    this._state = state;
    const parent = t._platform.contextStore.active();
    this._parent = parent;
    this.context = parent?.context;
    // The pooled generator: crypto.randomUUID cost ~150 ns and ~580 bytes of garbage a call here (issue #10).
    this.callId = fastRandomId();
    this._properties = state._startProperties(args, t);
    const rate = state._rateAtStart(t);
    this._rate = rate;
    this._kept = rate === UNDECIDED_RATE || isKept(rate, rate >= 1 ? 0 : t._random());
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

  /**
   * Makes this call the active scope, so that nested calls get its id as their parent. The
   * wrapper then calls the method itself, with its own `arguments`, and must call
   * {@link TrackedCall.leave} on every way out, before anything else.
   */
  enter(): void {
    this._t._platform.contextStore.enter(this);
  }

  /** Makes the caller's scope active again. */
  leave(): void {
    this._t._platform.contextStore.exit(this._parent);
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

  /**
   * The call succeeded with `result`: the completed event, once. `inCaller`: the method has just
   * returned, so the caller's scope is the active one, known without a look-up.
   */
  complete(result: unknown, inCaller?: boolean): void {
    if (this._settled) return;
    this._settled = true;
    try {
      const state = this._state;
      const routes = state._completedRoutes;
      if (routes.length === 0) return;
      if (!this._kept) {
        this._t._dropSampled(routes, state._startedSeverity);
        return;
      }
      // One reading ends the duration and dates the event (issue #10: a clock read fewer a call).
      const endMs = monoNow();
      const properties = state._resultProperties(this._properties, result, this._t);
      this._emit(routes, state._completedName as string, state._startedSeverity, properties, endMs, inCaller, 'success', Math.max(0, endMs - this._startMs), undefined, this._rate);
    } catch (err) {
      this._t._reporter.error(err);
    } finally {
      this._release();
    }
  }

  /**
   * The call threw `thrown`: the failed event, once. A sampled-out call still reports its
   * failure (errors win) unless a sampling rule matches the failed event's name (DESIGN.md §6).
   */
  fail(thrown: unknown, inCaller?: boolean): void {
    if (this._settled) return;
    this._settled = true;
    try {
      const t = this._t;
      const state = this._state;
      const routes = state._failedRoutes;
      if (routes.length === 0) return;
      let rate: number;
      let kept: boolean;
      const name = state._failedName as string;
      // Not cached: the failure path is the rare one.
      if (this._rate === UNDECIDED_RATE) {
        rate = t._sampler.rateFor(name, state._failedSeverity);
        kept = isKept(rate, rate >= 1 ? 0 : t._random());
      } else if (t._sampler.ruleRate(name) === undefined) {
        rate = 1;
        kept = true;
      } else {
        rate = this._rate;
        kept = this._kept;
      }
      if (!kept) {
        t._dropSampled(routes, state._failedSeverity);
        return;
      }
      const endMs = monoNow();
      const error = toEventError(thrown, t._privacy);
      this._emit(routes, name, state._failedSeverity, this._properties, endMs, inCaller, 'failure', Math.max(0, endMs - this._startMs), error, rate);
    } catch (err) {
      this._t._reporter.error(err);
    } finally {
      this._release();
    }
  }

  private _release(): void {
    this._parent = undefined;
    this._properties = undefined;
  }

  private _start(): void {
    const state = this._state;
    const routes = state._startedRoutes;
    if (routes.length > 0) {
      if (this._kept) this._emit(routes, state._startedName as string, state._startedSeverity, this._properties, monoNow(), true, undefined, undefined, undefined, this._rate);
      else this._t._dropSampled(routes, state._startedSeverity);
    }
    // Read last, so that the duration covers the method and not the started event (whose
    // destinations and `event` listeners may take their time: the console writes at once).
    this._startMs = monoNow();
  }

  private _emit(
    routes: readonly Route[],
    name: string,
    severity: Severity,
    properties: Record<string, unknown> | undefined,
    monoMs: number,
    inCaller: boolean | undefined,
    status: 'success' | 'failure' | undefined,
    durationMs: number | undefined,
    error: EventError | undefined,
    rate: number,
  ): void {
    // The call's first event takes the call id as its own id (a UUID v4 used by no other
    // event): one id fewer a call (issue #10). The parent is this call's own, also when the
    // event is emitted inside another call's scope (a generator iterated there).
    const id = this._idTaken ? fastRandomId() : this.callId;
    this._idTaken = true;
    const sampleRate = rate >= 0 && rate < 1 ? rate : undefined;
    const parent = this._parent;
    // Where the caller's scope is active (before the method, or right after it), it is the scope
    // of the event; later (a promise's reaction, a generator's step), the active one is looked up.
    const scope = inCaller === true ? parent : this._t._platform.contextStore.active();
    this._t._recordCall(routes, name, severity, this._state._category as string, properties, id, monoMs, scope, this.callId, parent === undefined ? undefined : parent.callId, status, durationMs, error, sampleRate);
  }
}

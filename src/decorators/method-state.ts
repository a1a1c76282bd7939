import { DecotelError } from '../errors';
import type { Severity } from '../tracker/event';
import { defaultCategory, isSeverity } from '../tracker/event';
import { describeThrown } from '../tracker/privacy';
import type { Route, Router } from '../tracker/router';
import type { EventSampler } from '../tracker/sampler';
import type { Tracker } from '../tracker/tracker';
import type { MethodSite } from './method-site';
import type { TrackMethodOptions } from './track-options';

/** What a decorator asks of the shared wrapper. */
export interface MethodSpec {
  /** The events' prefix; undefined for the default `ClassName.methodName` of `site`. */
  prefix?: string;
  /** Where the decorator was put; needed when `prefix` is undefined. */
  site?: MethodSite;
  /** `@TrackError`: only `<prefix>.failed`. */
  failedOnly?: boolean;
  options?: TrackMethodOptions;
  /** `@TrackFunction`'s properties, merged over `options.properties`. */
  properties?: Record<string, unknown>;
}

/** The kind of function wrapped: its result is observed differently. */
export type FunctionKind = 'plain' | 'generator' | 'async-generator';

type ArgsMapper = (...args: any[]) => Record<string, unknown>;
type ResultMapper = (result: any) => Record<string, unknown>;

const NO_ROUTES: readonly Route[] = Object.freeze([]);

/** The rate of a call with no started name (`@TrackError`): its failed event is sampled on its own. */
export const UNDECIDED_RATE = -1;

/**
 * The per-method part of the wrapper: event names, their category, normalized options, which
 * destinations take the events and at which sampling rates, cached for one router and one
 * sampler (the tracker replaces both on every configuration change, so the identity check is
 * the whole invalidation).
 */
export class MethodState {
  _startedName: string | undefined;
  _completedName: string | undefined;
  _failedName: string | undefined;
  _startedRoutes: readonly Route[] = NO_ROUTES;
  _completedRoutes: readonly Route[] = NO_ROUTES;
  _failedRoutes: readonly Route[] = NO_ROUTES;
  readonly _startedSeverity: Severity;
  readonly _failedSeverity: Severity;
  /** The events' category: the option, else (once named) the prefix's first segment, which all three names share. */
  _category: string | undefined;
  readonly _kind: FunctionKind;
  /** `captureArgs`, normalized: the wrapper copies the arguments only when it is set. */
  readonly _captureArgs: true | ArgsMapper | undefined;
  /** The wrapper, once made: the class of a standard decorator's method is found by it. */
  _wrapper: unknown;
  private readonly _spec: MethodSpec;
  private readonly _emitStarted: boolean;
  private readonly _properties: Record<string, unknown> | undefined;
  private readonly _captureResult: true | ResultMapper | undefined;
  private _router: Router | undefined;
  private _routed = false;
  private _named = false;
  private _sampler: EventSampler | undefined;
  private _startedRate = UNDECIDED_RATE;

  constructor(spec: MethodSpec, kind: FunctionKind) {
    const options = spec.options ?? {};
    this._spec = spec;
    this._kind = kind;
    this._startedSeverity = isSeverity(options.severity) ? options.severity : 'info';
    this._failedSeverity = options.severity === 'critical' ? 'critical' : 'error';
    this._category = typeof options.category === 'string' ? options.category : undefined;
    this._emitStarted = options.started !== false;
    this._properties = mergeProperties(options.properties, spec.properties);
    this._captureArgs = options.captureArgs === true || typeof options.captureArgs === 'function' ? options.captureArgs : undefined;
    this._captureResult = options.captureResult === true || typeof options.captureResult === 'function' ? options.captureResult : undefined;
    if (spec.prefix !== undefined) this._nameFrom(spec.prefix);
  }

  /** True when a destination takes one of the call's events. Allocates nothing once cached. */
  _isRouted(t: Tracker, thisArg: unknown): boolean {
    if (this._router !== t._router) this._refresh(t, thisArg);
    return this._routed;
  }

  /**
   * The rate a call is sampled at, decided at its start ({@link UNDECIDED_RATE} without a started
   * name), cached for one sampler: a Map look-up a call saved (issue #10). Called once the call is
   * routed, so the names are known.
   */
  _rateAtStart(t: Tracker): number {
    const sampler = t._sampler;
    if (this._sampler !== sampler) {
      this._sampler = sampler;
      this._startedRate = this._startedName === undefined ? UNDECIDED_RATE : sampler.rateFor(this._startedName, this._startedSeverity);
    }
    return this._startedRate;
  }

  /** Properties of every event of a call: the fixed ones, plus the captured arguments. */
  _startProperties(args: ArrayLike<unknown>, t: Tracker): Record<string, unknown> | undefined {
    const capture = this._captureArgs;
    if (capture === undefined) return this._properties;
    if (capture === true) return { ...this._properties, args: Array.prototype.slice.call(args) };
    return this._merge(this._properties, 'captureArgs', capture, args, t);
  }

  /** Properties of the completed event: the call's, plus the captured result. */
  _resultProperties(base: Record<string, unknown> | undefined, result: unknown, t: Tracker): Record<string, unknown> | undefined {
    const capture = this._captureResult;
    if (capture === undefined) return base;
    if (capture === true) return { ...base, result };
    return this._merge(base, 'captureResult', capture, [result], t);
  }

  private _merge(base: Record<string, unknown> | undefined, option: string, mapper: (...args: any[]) => unknown, args: ArrayLike<unknown>, t: Tracker): Record<string, unknown> | undefined {
    let record: unknown;
    try {
      record = Reflect.apply(mapper, undefined, args);
    } catch (err) {
      const message = `${option} of '${this._startedName ?? this._failedName}' threw: ${describeThrown(err)}`;
      t._reporter.error(new DecotelError({ code: 'INTERNAL', message, cause: err }));
      return base;
    }
    return record !== null && typeof record === 'object' ? { ...base, ...record } : base;
  }

  private _refresh(t: Tracker, thisArg: unknown): void {
    const router = t._router;
    this._router = router;
    this._routed = false;
    try {
      if (!this._named) this._nameFrom(this._spec.site?.defaultPrefix(thisArg, this._wrapper) ?? 'anonymous');
      this._startedRoutes = this._emitStarted ? routesAt(router, this._startedName, this._startedSeverity) : NO_ROUTES;
      this._completedRoutes = routesAt(router, this._completedName, this._startedSeverity);
      this._failedRoutes = routesAt(router, this._failedName, this._failedSeverity);
      this._routed = this._startedRoutes.length + this._completedRoutes.length + this._failedRoutes.length > 0;
    } catch (err) {
      // Untracked until the next configuration change, rather than a fault on every call.
      t._reporter.error(err);
    }
  }

  private _nameFrom(prefix: string): void {
    this._named = true;
    this._failedName = `${prefix}.failed`;
    // The first segment of `<prefix>.<suffix>`, whichever the suffix.
    this._category ??= defaultCategory(this._failedName);
    if (this._spec.failedOnly === true) return;
    this._startedName = `${prefix}.started`;
    this._completedName = `${prefix}.completed`;
  }
}

function routesAt(router: Router, name: string | undefined, severity: Severity): readonly Route[] {
  return name !== undefined && router.isRouted(name, severity) ? router.route(name) : NO_ROUTES;
}

function mergeProperties(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const hasA = a !== null && typeof a === 'object';
  const hasB = b !== null && typeof b === 'object';
  if (!hasA && !hasB) return undefined;
  return Object.freeze({ ...(hasA ? a : undefined), ...(hasB ? b : undefined) });
}

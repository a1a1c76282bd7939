import { Tracker } from '../tracker/tracker';
import type { FunctionKind, MethodSpec } from './method-state';
import { MethodState } from './method-state';
import { observeGenerator } from './observe-generator';
import { TrackedCall } from './tracked-call';

/** Any function: what the decorators wrap. */
export type AnyFunction = (...args: any[]) => any;

/** reflect-metadata's API, present when the application imported it (decotel does not). */
interface MetadataReflect {
  getOwnMetadataKeys?(target: object): unknown[];
  getOwnMetadata?(key: unknown, target: object): unknown;
  defineMetadata?(key: unknown, value: unknown, target: object): void;
}

const wrappers = new WeakSet<object>();

/** The arguments of a call that does not capture them. */
const NO_ARGS: readonly unknown[] = Object.freeze([]);

/** True for a function made by {@link wrapMethod}: `@Tracked` leaves such methods alone. */
export function isTrackedFunction(fn: unknown): boolean {
  return typeof fn === 'function' && wrappers.has(fn);
}

/**
 * The one wrapper of every decorator and of `withTracking` (DESIGN.md §4). The result calls
 * `original` with the same `this` and arguments and returns its very value (a returned
 * thenable is the same object, observed by a side chain; a generator is observed until its
 * iteration ends); a thrown error is the same object, rethrown. When the tracker is disabled or
 * no destination takes the call's events, it only calls `original`: no clock read, no allocation.
 * It keeps `name`, `length` and the reflect-metadata of `original`.
 */
export function wrapMethod<F extends AnyFunction>(original: F, spec: MethodSpec): F {
  const state = new MethodState(spec, kindOf(original));
  // A method shorthand, like the class methods it replaces: not constructible, no `prototype`.
  const holder = {
    wrapper(this: unknown): unknown {
      const t = Tracker.getInstance();
      // `arguments` with `apply` rather than rest parameters: no array is allocated on the fast path.
      // eslint-disable-next-line prefer-rest-params
      if (!t._enabled || !state._isRouted(t, this)) return original.apply(this, arguments as unknown as unknown[]);
      // Copied only to be captured, element by element, never passed on: an `arguments` object
      // that escapes is allocated on every call, the fast path's too, since all decorated methods
      // share this code (+7 ns a call untracked, issue #10). Only `apply` and indexed reads keep
      // V8 from it, which is why the method is called here, in the call's scope, and not by a
      // helper or `ContextStore.run` (an array a call).
      let args: ArrayLike<unknown> = NO_ARGS;
      if (state._captureArgs !== undefined) {
        const n = arguments.length;
        const copy = new Array<unknown>(n);
        // eslint-disable-next-line prefer-rest-params
        for (let i = 0; i < n; i++) copy[i] = arguments[i];
        args = copy;
      }
      const call = TrackedCall.begin(t, state, args);
      // eslint-disable-next-line prefer-rest-params
      if (call === undefined) return original.apply(this, arguments as unknown as unknown[]);
      let result: unknown;
      call.enter();
      try {
        // eslint-disable-next-line prefer-rest-params
        result = original.apply(this, arguments as unknown as unknown[]);
      } catch (err) {
        call.leave();
        call.fail(err, true);
        throw err;
      }
      call.leave();
      return settle(state, t, call, result);
    },
  };
  const wrapper = holder.wrapper;
  state._wrapper = wrapper;
  copyFunctionTraits(original, wrapper);
  wrappers.add(wrapper);
  return wrapper as unknown as F;
}

/** Reports or observes the method's result, and returns what the caller gets. Never throws. */
function settle(state: MethodState, t: Tracker, call: TrackedCall, result: unknown): unknown {
  try {
    if (state._kind !== 'plain') return observeGenerator(result, state._kind === 'async-generator', call, t);
    if (result !== null && (typeof result === 'object' || typeof result === 'function')) {
      // Read `then` once: a getter is not run twice, and what was tested is what is called.
      const then: unknown = (result as { then?: unknown }).then;
      if (typeof then === 'function') {
        call.observe(result, then as (a: (v: unknown) => void, b: (r: unknown) => void) => unknown);
        return result;
      }
    }
    call.complete(result, true);
  } catch (err) {
    t._reporter.error(err);
  }
  return result;
}

/** Sync, generator or async generator, from the function itself (a generator's result is only known by its kind). */
function kindOf(fn: AnyFunction): FunctionKind {
  const tag = Object.prototype.toString.call(fn);
  if (tag === '[object GeneratorFunction]') return 'generator';
  if (tag === '[object AsyncGeneratorFunction]') return 'async-generator';
  return 'plain';
}

/**
 * Keeps `name`, `length` and `prototype` (a generator function's, so that `instanceof` holds),
 * and copies the reflect-metadata other decorators stored on the function.
 */
export function copyFunctionTraits(original: AnyFunction, wrapper: AnyFunction): void {
  Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  const proto = Object.getOwnPropertyDescriptor(original, 'prototype');
  if (proto !== undefined) Object.defineProperty(wrapper, 'prototype', proto);
  const meta = Reflect as unknown as MetadataReflect;
  if (typeof meta.getOwnMetadataKeys !== 'function' || typeof meta.getOwnMetadata !== 'function' || typeof meta.defineMetadata !== 'function') return;
  for (const key of meta.getOwnMetadataKeys(original)) meta.defineMetadata(key, meta.getOwnMetadata(key, original), wrapper);
}

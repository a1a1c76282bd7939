import type { TrackClassDecorator } from './decorator-mode';
import { applyClassDecorator, assertName } from './decorator-mode';
import { isNoTrack } from './no-track';
import type { TrackMethodOptions } from './track-options';
import type { AnyFunction } from './wrap-method';
import { isTrackedFunction, wrapMethod } from './wrap-method';

/** Own properties of every class that are never methods to track. */
const STATIC_SKIP = new Set(['length', 'name', 'prototype', 'caller', 'arguments']);

/**
 * Tracks every own method of a class, instance and static, as `<prefix>.<methodName>.started`,
 * `.completed` and `.failed` (see {@link TrackDuration}); the prefix defaults to the class name.
 * It skips the constructor, getters and setters, symbol-named methods, methods marked
 * {@link NoTrack} and methods that another decotel decorator already tracks.
 *
 * @example
 * @Tracked('orders')
 * class OrderService {
 *   async place(order: Order): Promise<void> { … }   // orders.place.started / .completed / .failed
 *   static fromEnv(): OrderService { … }             // orders.fromEnv.*
 * }
 * @throws {DecotelError} with code `DECORATOR_TARGET` when put on something other than a class.
 */
export function Tracked(prefix?: string, options?: TrackMethodOptions): TrackClassDecorator {
  assertName('@Tracked()', 'prefix', prefix);
  return ((...args: unknown[]) =>
    applyClassDecorator('@Tracked()', args, (ctor, className) => {
      const base = prefix ?? (className || 'anonymous');
      trackOwnMethods(ctor.prototype as object, base, options, new Set(['constructor']));
      trackOwnMethods(ctor, base, options, STATIC_SKIP);
    })) as TrackClassDecorator;
}

function trackOwnMethods(holder: object, prefix: string, options: TrackMethodOptions | undefined, skip: ReadonlySet<string>): void {
  for (const key of Object.getOwnPropertyNames(holder)) {
    if (skip.has(key)) continue;
    const d = Object.getOwnPropertyDescriptor(holder, key);
    if (d === undefined || d.configurable !== true || typeof d.value !== 'function') continue;
    const fn = d.value as AnyFunction;
    if (isNoTrack(fn) || isTrackedFunction(fn)) continue;
    Object.defineProperty(holder, key, { ...d, value: wrapMethod(fn, { prefix: `${prefix}.${key}`, options }) });
  }
}

import type { TrackMethodDecorator } from './decorator-mode';
import { applyMethodDecorator } from './decorator-mode';

const excluded = new WeakSet<object>();

/** True for a method marked with {@link NoTrack}. */
export function isNoTrack(fn: unknown): boolean {
  return typeof fn === 'function' && excluded.has(fn);
}

/**
 * Leaves a method out of its class's {@link Tracked}. It marks the function it sees, so write
 * it above any other decorator of the method.
 *
 * @example
 * @Tracked()
 * class Cart {
 *   add(item: Item): void { … }
 *   @NoTrack()
 *   toJSON(): object { … }
 * }
 * @throws {DecotelError} with code `DECORATOR_TARGET` when put on something other than a method.
 */
export function NoTrack(): TrackMethodDecorator {
  return ((...args: unknown[]) =>
    applyMethodDecorator('@NoTrack()', args, (fn) => {
      excluded.add(fn);
      return fn;
    })) as TrackMethodDecorator;
}

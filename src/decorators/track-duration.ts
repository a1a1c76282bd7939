import type { TrackMethodDecorator } from './decorator-mode';
import { applyMethodDecorator, assertName } from './decorator-mode';
import type { TrackMethodOptions } from './track-options';
import { wrapMethod } from './wrap-method';

/**
 * Tracks every call of a method: `<prefix>.started`, then `<prefix>.completed` (status
 * `success`, `durationMs`) or `<prefix>.failed` (status `failure`, severity `error`,
 * `durationMs`, `error`). The prefix defaults to `ClassName.methodName`. Works under both
 * decorator modes, on instance and static methods, on sync, promise-returning, generator and
 * async generator methods; the method behaves exactly as before (same `this`, same returned
 * object, same thrown error).
 *
 * @example
 * class ImageService {
 *   @TrackDuration('generation', { captureArgs: (prompt: string) => ({ promptLength: prompt.length }) })
 *   async generate(prompt: string): Promise<Image> {
 *     return this.model.run(prompt);
 *   }
 * }
 * @throws {DecotelError} with code `DECORATOR_TARGET` when put on something other than a method.
 */
export function TrackDuration(prefix?: string, options?: TrackMethodOptions): TrackMethodDecorator {
  assertName('@TrackDuration()', 'prefix', prefix);
  return ((...args: unknown[]) =>
    applyMethodDecorator('@TrackDuration()', args, (fn, site) => wrapMethod(fn, { prefix, site, options }))) as TrackMethodDecorator;
}

import type { TrackMethodDecorator } from './decorator-mode';
import { applyMethodDecorator, assertName } from './decorator-mode';
import type { TrackMethodOptions } from './track-options';
import { wrapMethod } from './wrap-method';

/**
 * Tracks every call of a method as `<name>.started`, `<name>.completed` and `<name>.failed`,
 * like {@link TrackDuration}, with fixed `properties` on each event. The name defaults to
 * `ClassName.methodName`.
 *
 * @example
 * class ImageService {
 *   @TrackFunction('generate_image', { model: 'flux' })
 *   generate(prompt: string): Image {
 *     return this.model.runSync(prompt);
 *   }
 * }
 * @throws {DecotelError} with code `DECORATOR_TARGET` when put on something other than a method.
 */
export function TrackFunction(name?: string, properties?: Record<string, unknown>, options?: TrackMethodOptions): TrackMethodDecorator {
  assertName('@TrackFunction()', 'name', name);
  return ((...args: unknown[]) =>
    applyMethodDecorator('@TrackFunction()', args, (fn, site) => wrapMethod(fn, { prefix: name, site, options, properties }))) as TrackMethodDecorator;
}

import type { TrackMethodDecorator } from './decorator-mode';
import { applyMethodDecorator, assertName } from './decorator-mode';
import type { TrackMethodOptions } from './track-options';
import { wrapMethod } from './wrap-method';

/**
 * Tracks only the failures of a method: `<name>.failed` (status `failure`, severity `error`,
 * `durationMs`, `error`), with the thrown error rethrown unchanged. The name defaults to
 * `ClassName.methodName`.
 *
 * @example
 * class Billing {
 *   @TrackError('payment.charge')
 *   async charge(order: Order): Promise<Receipt> {
 *     return this.gateway.charge(order.total);
 *   }
 * }
 * @throws {DecotelError} with code `DECORATOR_TARGET` when put on something other than a method.
 */
export function TrackError(name?: string, options?: TrackMethodOptions): TrackMethodDecorator {
  assertName('@TrackError()', 'name', name);
  return ((...args: unknown[]) =>
    applyMethodDecorator('@TrackError()', args, (fn, site) => wrapMethod(fn, { prefix: name, site, options, failedOnly: true }))) as TrackMethodDecorator;
}

import { DecotelError } from '../errors';
import type { TrackMethodOptions } from './track-options';
import type { AnyFunction } from './wrap-method';
import { wrapMethod } from './wrap-method';

/**
 * Gives a plain or arrow function (a route handler, a callback) the lifecycle of
 * {@link TrackDuration}, where a decorator cannot go: `<prefix>.started`, `.completed` and
 * `.failed`. The returned function has the same `this`, arguments, result, thrown errors,
 * `name` and `length` as `fn`.
 *
 * @example
 * app.get('/orders/:id', withTracking('http.orders.get', async (req, res) => {
 *   res.json(await orders.find(req.params.id));
 * }));
 * @throws {DecotelError} with code `DECORATOR_TARGET` when `prefix` is not a non-empty string or `fn` is not a function.
 */
export function withTracking<F extends AnyFunction>(prefix: string, fn: F, options?: TrackMethodOptions): F {
  if (typeof prefix !== 'string' || prefix === '') {
    throw new DecotelError({ code: 'DECORATOR_TARGET', message: `withTracking(prefix, fn) expects prefix to be a non-empty string such as 'http.orders.get', got ${typeof prefix}.` });
  }
  if (typeof fn !== 'function') {
    throw new DecotelError({ code: 'DECORATOR_TARGET', message: `withTracking('${prefix}', fn) expects fn to be a function, got ${fn === null ? 'null' : typeof fn}: pass the function to track.` });
  }
  return wrapMethod(fn, { prefix, options });
}

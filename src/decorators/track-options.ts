import type { Severity } from '../tracker/event';

/**
 * Options of the decorators and of `withTracking` (DESIGN.md §4: `TrackOptions` of the decorators).
 *
 * @example
 * @TrackDuration('checkout', { category: EventCategory.PAYMENT, captureArgs: (order: Order) => ({ orderId: order.id }) })
 */
export interface TrackMethodOptions {
  /** The events' category. Default: the event name's first segment. */
  category?: string;
  /**
   * Severity of the `started` and `completed` events; `failed` is always `error`, or `critical`
   * when this is `critical`. Default: `'info'`.
   */
  severity?: Severity;
  /** Properties added to every event of the call. Default: none. */
  properties?: Record<string, unknown>;
  /**
   * `true` puts the arguments in `properties.args` (an array) of every event of the call; a
   * function gets the arguments and its returned record is merged into `properties`. Always
   * through the privacy stage. Default: `false` (arguments are not recorded).
   */
  captureArgs?: boolean | ((...args: any[]) => Record<string, unknown>);
  /**
   * `true` puts the result (a promise's value, a generator's return value) in
   * `properties.result` of the `completed` event; a function gets the result and its returned
   * record is merged into `properties`. Always through the privacy stage. Default: `false`.
   */
  captureResult?: boolean | ((result: any) => Record<string, unknown>);
  /** Emit the `started` event. Default: `true`. */
  started?: boolean;
}

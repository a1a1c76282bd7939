/**
 * The usual event categories. Values are plain strings, and any other string is allowed too.
 *
 * @example
 * telemetry.track('checkout.completed', { total: 42 }, { category: EventCategory.PAYMENT });
 */
export const EventCategory = Object.freeze({
  USER: 'user',
  GENERATION: 'generation',
  PAYMENT: 'payment',
  ERROR: 'error',
  PERFORMANCE: 'performance',
  SYSTEM: 'system',
  HTTP: 'http',
  DATABASE: 'database',
  SECURITY: 'security',
  BUSINESS: 'business',
} as const);

/** One of the values of {@link EventCategory}, or any other string. */
export type EventCategoryName = (typeof EventCategory)[keyof typeof EventCategory] | (string & {});

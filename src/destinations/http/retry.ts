/**
 * Pure retry arithmetic of the batched HTTP sink (DESIGN.md §7): no timers, no I/O, time and
 * randomness passed in.
 */

/** Retries after the first attempt: a batch gets at most `maxRetries + 1` attempts. */
export const DEFAULT_MAX_RETRIES = 3;
/** Delay before retry 1; retry n waits `baseDelayMs × 2^(n−1)`. */
export const DEFAULT_BASE_DELAY_MS = 1_000;
/** No retry waits longer than this, Retry-After included. */
export const DEFAULT_MAX_DELAY_MS = 30_000;
/** ±10 % of the computed delay, so that many senders do not retry in step. */
export const JITTER_RATIO = 0.1;

/** The backoff settings {@link backoffDelayMs} needs. */
export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** How a response status is treated. */
export type StatusClass = 'success' | 'retryable' | 'rejected';

/**
 * The wait before retry `attempt` (1 for the first retry): `baseDelayMs × 2^(attempt−1)`, times
 * a jitter factor in [0.9, 1.1) drawn from `random` (a function returning [0, 1)), capped at
 * `maxDelayMs`. Never negative.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const base = Math.max(0, options.baseDelayMs) * 2 ** exponent;
  const jitter = 1 - JITTER_RATIO + 2 * JITTER_RATIO * clampUnit(random());
  return Math.round(Math.min(Math.max(0, options.maxDelayMs), base * jitter));
}

/**
 * The delay a `Retry-After` header asks for, in milliseconds, or `undefined` when the header
 * is absent or unreadable. It takes delay-seconds (`120`) or an HTTP date, measured from
 * `nowMs`; a date in the past gives 0.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1_000);
  // A bare number with a sign or exponent is not a date either; Date.parse would accept some.
  if (/^[-+\d.e]+$/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** True for statuses worth another attempt: 408, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** 2xx is success, {@link isRetryableStatus} is retryable, anything else is rejected. */
export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status <= 299) return 'success';
  return isRetryableStatus(status) ? 'retryable' : 'rejected';
}

/**
 * The wait before retry `attempt`: the server's `Retry-After` when it gave one (no jitter,
 * same cap), else {@link backoffDelayMs}.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions,
  random: () => number,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, options.maxDelayMs), Math.max(0, retryAfterMs));
  return backoffDelayMs(attempt, options, random);
}

function clampUnit(x: number): number {
  if (!Number.isFinite(x) || x < 0) return 0;
  return x >= 1 ? 1 : x;
}

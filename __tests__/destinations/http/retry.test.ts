import {
  backoffDelayMs,
  classifyStatus,
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_MAX_DELAY_MS,
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
} from '../../../src/destinations/http/retry';

const defaults = { baseDelayMs: DEFAULT_BASE_DELAY_MS, maxDelayMs: DEFAULT_MAX_DELAY_MS };
const middle = (): number => 0.5;

describe('backoffDelayMs()', () => {
  it('doubles from base_delay_ms for retries 1, 2, 3 and 4 without jitter at the middle draw', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, defaults, middle))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('applies ±10 % jitter from the random draw', () => {
    expect(backoffDelayMs(1, defaults, () => 0)).toBe(900);
    expect(backoffDelayMs(1, defaults, () => 0.999_999)).toBe(1_100);
    expect(backoffDelayMs(3, defaults, () => 0.25)).toBe(3_800);
  });

  it('caps the delay at max_delay_ms, jitter included', () => {
    expect(backoffDelayMs(6, defaults, middle)).toBe(30_000);
    expect(backoffDelayMs(5, defaults, () => 0.999)).toBe(17_597);
    expect(backoffDelayMs(40, defaults, () => 0.999)).toBe(30_000);
    expect(backoffDelayMs(2, { baseDelayMs: 100, maxDelayMs: 150 }, () => 0)).toBe(150);
  });

  it('treats out-of-range draws and attempts as their nearest valid value', () => {
    expect(backoffDelayMs(0, defaults, middle)).toBe(1_000);
    expect(backoffDelayMs(1, defaults, () => -5)).toBe(900);
    expect(backoffDelayMs(1, defaults, () => Number.NaN)).toBe(900);
    expect(backoffDelayMs(1, defaults, () => 7)).toBe(1_100);
    expect(backoffDelayMs(1, { baseDelayMs: -1, maxDelayMs: 10 }, middle)).toBe(0);
  });
});

describe('parseRetryAfter()', () => {
  const now = Date.parse('2025-01-01T00:00:00.000Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:07 GMT', now)).toBe(7_000);
  });

  it('gives 0 for a date in the past', () => {
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
  });

  it('returns undefined for a missing or unreadable header', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1e3', now)).toBeUndefined();
  });
});

describe('isRetryableStatus() and classifyStatus()', () => {
  it('retries 408, 429 and every 5xx', () => {
    for (const status of [408, 429, 500, 502, 503, 504, 599]) expect(isRetryableStatus(status)).toBe(true);
    for (const status of [200, 204, 301, 400, 401, 403, 404, 413, 422, 600]) expect(isRetryableStatus(status)).toBe(false);
  });

  it('classifies 2xx as success, retryable statuses as retryable and the rest as rejected', () => {
    expect([200, 202, 299, 408, 503, 400, 404, 302].map(classifyStatus)).toEqual([
      'success',
      'success',
      'success',
      'retryable',
      'retryable',
      'rejected',
      'rejected',
      'rejected',
    ]);
  });
});

describe('retryDelayMs()', () => {
  it('uses Retry-After without jitter when the server gave one', () => {
    expect(retryDelayMs(1, 2_500, defaults, () => 0)).toBe(2_500);
  });

  it('caps Retry-After at max_delay_ms', () => {
    expect(retryDelayMs(1, 120_000, defaults, middle)).toBe(30_000);
  });

  it('falls back to the exponential backoff', () => {
    expect(retryDelayMs(3, undefined, defaults, middle)).toBe(4_000);
  });
});

import { ConfigError } from '../../errors';
import type { DestinationContext } from '../destination';
import { createJsonFormat } from './format-json';
import { createOtlpFormat } from './format-otlp';
import { createUmamiFormat } from './format-umami';
import type { HttpBatchSinkOptions } from './http-batch-sink-options';
import type { HttpFormat } from './http-format';

/** The wire formats of the `http` destination. */
export type HttpFormatName = 'json' | 'otlp' | 'umami';

/**
 * Options of an `http` destination as the config loader gives them (YAML keys in camelCase):
 * `batch.max_size` is `batch.maxSize`, `spool_dir` is `spoolDir`, and so on.
 */
export interface HttpDestinationOptions {
  name: string;
  url: string;
  /** Default: `'json'`. */
  format?: HttpFormatName;
  headers?: Record<string, string>;
  batch?: { maxSize?: number; flushIntervalMs?: number; maxQueueSize?: number };
  retry?: { maxRetries?: number; baseDelayMs?: number; maxDelayMs?: number };
  timeoutMs?: number;
  /** Node only: where unsent events survive a crash. Default: none. */
  spoolDir?: string;
  /** Default: 50 MiB. */
  spoolMaxBytes?: number;
  /** Required with `format: umami`. */
  websiteId?: string;
  /** `umami` only: the `hostname` sent with each event. */
  hostname?: string;
}

const FORMATS: readonly string[] = ['json', 'otlp', 'umami'];

/**
 * Checks the options of an `http` destination and turns them into {@link HttpBatchSinkOptions}
 * (without a spool: the Node factory adds it).
 * @throws {ConfigError} for a missing `url`, an unknown `format`, `umami` without `website_id`
 * or a number out of range.
 */
export function toHttpBatchSinkOptions(raw: Record<string, unknown> & { name: string }, context: DestinationContext): HttpBatchSinkOptions {
  const options = raw as unknown as HttpDestinationOptions;
  const at = (key: string): string => `telemetry.destinations.${options.name}.${key}`;
  if (typeof options.url !== 'string' || options.url.trim() === '') {
    throw configError('MISSING_KEY', at('url'), 'expected the URL batches are POSTed to');
  }
  const format = options.format ?? 'json';
  if (!FORMATS.includes(format)) throw configError('INVALID_VALUE', at('format'), `expected json, otlp or umami, got ${String(format)}`);
  if (format === 'umami' && (typeof options.websiteId !== 'string' || options.websiteId === '')) {
    throw configError('MISSING_KEY', at('website_id'), 'format umami needs the website id Umami gave the site');
  }
  const batch = options.batch ?? {};
  const retry = options.retry ?? {};
  return {
    name: options.name,
    url: options.url,
    format: createHttpFormat(format, options),
    headers: checkHeaders(options.headers, at('headers')),
    maxBatchSize: positive(batch.maxSize, at('batch.max_size'), 1),
    flushIntervalMs: positive(batch.flushIntervalMs, at('batch.flush_interval_ms'), 1),
    maxQueueSize: positive(batch.maxQueueSize, at('batch.max_queue_size'), 1),
    maxRetries: positive(retry.maxRetries, at('retry.max_retries'), 0),
    baseDelayMs: positive(retry.baseDelayMs, at('retry.base_delay_ms'), 0),
    maxDelayMs: positive(retry.maxDelayMs, at('retry.max_delay_ms'), 0),
    timeoutMs: positive(options.timeoutMs, at('timeout_ms'), 1),
    context,
  };
}

/**
 * The spool settings of an `http` destination: `dir` is undefined when there is no spool.
 * @throws {ConfigError} for a `spool_dir` that is not a string or a `spool_max_bytes` below 1.
 */
export function spoolOptionsOf(options: Record<string, unknown> & { name: string }): { dir?: string; maxBytes?: number } {
  const at = `telemetry.destinations.${options.name}.`;
  const dir = options.spoolDir;
  if (dir !== undefined && typeof dir !== 'string') throw configError('INVALID_TYPE', `${at}spool_dir`, `expected a directory path, got ${JSON.stringify(dir)}`);
  const maxBytes = positive(options.spoolMaxBytes, `${at}spool_max_bytes`, 1);
  return { dir: dir === undefined || dir.trim() === '' ? undefined : dir, maxBytes };
}

/** The encoder of a format name. */
export function createHttpFormat(name: HttpFormatName, options: { websiteId?: string; hostname?: string } = {}): HttpFormat {
  if (name === 'otlp') return createOtlpFormat();
  if (name === 'umami') return createUmamiFormat({ websiteId: options.websiteId ?? '', hostname: options.hostname });
  return createJsonFormat();
}

/**
 * `value` when it is an integer of at least `min`, `undefined` when absent.
 * @throws {ConfigError} otherwise.
 */
export function positive(value: unknown, path: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw configError('OUT_OF_RANGE', path, `expected an integer of at least ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkHeaders(headers: unknown, path: string): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) throw configError('INVALID_TYPE', path, 'expected a map of header names to strings');
  for (const [key, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw configError('INVALID_TYPE', `${path}.${key}`, `expected a string, got ${JSON.stringify(value)}`);
  }
  return headers as Record<string, string>;
}

function configError(code: 'MISSING_KEY' | 'INVALID_VALUE' | 'OUT_OF_RANGE' | 'INVALID_TYPE', path: string, expected: string): ConfigError {
  return new ConfigError({ code, path, line: 0, column: 0, message: `${path}: ${expected}` });
}

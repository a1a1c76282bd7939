import type { Severity } from '../tracker/event';

/** One destination as validated from `destinations:` (keys in camelCase). */
export interface DestinationConfig {
  /** Its key under `destinations:`. */
  name: string;
  type: string;
  enabled: boolean;
  events: string[];
  exclude: string[];
  minSeverity: Severity;
  /** The type-specific keys, in camelCase (`batch.max_size` → `batch.maxSize`). */
  options: Record<string, unknown>;
}

/** A sampling rule: the first whose `events` match decides. */
export interface SamplingRule {
  events: string[];
  rate: number;
}

/** The privacy stage's settings. */
export interface PrivacyConfig {
  redactKeys: string[];
  hashKeys: string[];
  hashSalt: string;
  scrubStrings: boolean;
  includeStack: boolean;
}

/** `telemetry.config.yaml` after validation, environment overrides and defaults. */
export interface ResolvedConfig {
  enabled: boolean;
  debug: boolean;
  service: { name?: string; version?: string; environment?: string };
  /** `'auto'` keeps one UUID per machine; a string is used as is; undefined sends none. */
  installationId?: string;
  context: Record<string, unknown>;
  sampling: { rate: number; rules: SamplingRule[] };
  privacy: PrivacyConfig;
  capture: { uncaughtExceptions: boolean; unhandledRejections: boolean };
  /** Flush within a bound on SIGTERM/SIGINT before exiting. Default: false. */
  shutdownOnSignals: boolean;
  browser: { disableEvents: string[]; rolloutPercent: number; ingestionUrl: string; format: 'json' | 'otlp' };
  destinations: DestinationConfig[];
}

/** Secrets redacted even with no `privacy` section (DESIGN.md §6). */
export const DEFAULT_REDACT_KEYS: readonly string[] = Object.freeze([
  'password',
  'passwd',
  'token',
  'secret',
  'authorization',
  'api_key',
  'apikey',
  'cookie',
  'set-cookie',
  'access_token',
  'refresh_token',
  'client_secret',
  'private_key',
]);

/** The configuration of a tracker that was never configured: no destinations. */
export function defaultConfig(): ResolvedConfig {
  return {
    enabled: true,
    debug: false,
    service: {},
    context: {},
    sampling: { rate: 1, rules: [] },
    privacy: {
      redactKeys: [...DEFAULT_REDACT_KEYS],
      hashKeys: [],
      hashSalt: '',
      scrubStrings: true,
      includeStack: false,
    },
    capture: { uncaughtExceptions: false, unhandledRejections: false },
    shutdownOnSignals: false,
    browser: { disableEvents: [], rolloutPercent: 100, ingestionUrl: '/v1/events', format: 'json' },
    destinations: [],
  };
}

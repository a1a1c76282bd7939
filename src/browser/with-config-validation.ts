import { resolveConfig } from '../config/resolve-config';
import type { Tracker } from '../tracker/tracker';
import { telemetry } from './instance.browser';

/**
 * Lets `telemetry.configure({ config })` validate configuration objects in the page, with the
 * rules and messages of the YAML (DESIGN.md §6). The validator is about as large as the rest of
 * the tracker, so only pages that call this carry it; without it, `configure({ config })` throws
 * a `ConfigError` that names this function. Idempotent; the Node platform validates on its own.
 */
export function withConfigValidation(): Tracker {
  telemetry._platform.validateConfig ??= (raw, knownTypes) => resolveConfig(raw, { env: {}, knownTypes });
  return telemetry;
}

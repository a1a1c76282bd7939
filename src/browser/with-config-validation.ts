import { resolveConfig } from '../config/resolve-config';
import { builtInDestinationTypes } from '../destinations/registry';
import type { ConfigValidator } from '../tracker/platform';
import type { Tracker } from '../tracker/tracker';
import { telemetry } from './instance.browser';

/** Validates a configuration object with the rules and messages of the YAML (DESIGN.md §6); no environment. */
const validateConfigObject: ConfigValidator = (raw, knownTypes) => resolveConfig(raw, { env: {}, knownTypes });

/**
 * Lets `telemetry.configure({ config })` validate configuration objects in the page, and its
 * destinations be of `type: memory` or `console`. The validator is about as large as the rest
 * of the tracker, so only pages that call this carry it; without it, `configure({ config })`
 * throws a `ConfigError` that names this function. Idempotent; returns `telemetry`. The Node
 * platform validates on its own.
 */
export function withConfigValidation(): Tracker {
  return installConfigValidation(telemetry);
}

/** @internal {@link withConfigValidation} for a given tracker. */
export function installConfigValidation(tracker: Tracker): Tracker {
  tracker._platform.validateConfig ??= validateConfigObject;
  const known = tracker._knownTypes();
  for (const [type, factory] of builtInDestinationTypes()) if (!known.has(type)) tracker.registerDestinationType(type, factory);
  return tracker;
}

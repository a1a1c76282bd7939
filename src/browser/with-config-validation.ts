import { resolveConfig } from '../config/resolve-config';
import { builtInDestinationTypes } from '../destinations/registry';
import type { ConfigValidator } from '../tracker/platform';
import { applyConfiguredDestinations } from '../tracker/configured-destinations';
import { Sampler } from '../tracker/sampler';
import { sha256Hex } from '../tracker/sha256';
import type { Tracker } from '../tracker/tracker';
import { compileGlobs } from './compile-glob';
import { telemetry } from './instance.browser';
import { useGlobCompiler } from './minimatch-shim';

/** Validates a configuration object with the rules and messages of the YAML (DESIGN.md §6); no environment. */
const validateConfigObject: ConfigValidator = (raw, knownTypes) => resolveConfig(raw, { env: {}, knownTypes });

/**
 * Brings the rules of the YAML (DESIGN.md §6) into the page: `telemetry.configure({ config })`
 * validates configuration objects with the YAML's messages, builds their destinations
 * (`type: memory`, `console` or a registered type) and samplers, `hash_keys` are hashed (SHA-256), and
 * routing globs may use braces, classes and extglobs (without it, a page routes by names, `*` and `?`). These parts
 * are larger than the rest of the tracker, so only pages that call this carry them; without
 * it, `configure({ config })` throws a `ConfigError` that names this function. Idempotent;
 * returns `telemetry`. The Node platform has all of it on its own.
 */
export function withConfigValidation(): Tracker {
  return installConfigValidation(telemetry);
}

/** @internal {@link withConfigValidation} for a given tracker. */
export function installConfigValidation(tracker: Tracker): Tracker {
  tracker._platform.validateConfig ??= validateConfigObject;
  tracker._platform.hash ??= sha256Hex;
  tracker._platform.configureDestinations ??= applyConfiguredDestinations;
  tracker._platform.createSampler ??= (config) => new Sampler(config);
  useGlobCompiler(compileGlobs);
  const known = tracker._knownTypes();
  for (const [type, factory] of builtInDestinationTypes()) if (!known.has(type)) tracker.registerDestinationType(type, factory);
  return tracker;
}

import type { ConfigError } from '../errors';
import type { ResolvedConfig } from './config-types';
import { defaultConfig } from './config-types';
import { ConfigIssues, describeValue } from './config-issues';
import type { Locate } from './config-path';
import { ConfigReader, get } from './config-reader';
import { readEnvFlags } from './env-flags';
import type { Env } from './interpolate-env';
import { interpolateTree } from './interpolate-env';
import { readBrowser, readCapture, readContext, readInstallationId, readPrivacy, readSampling, readService } from './read-sections';
import { readDestinations } from './validate-destination';

/** What {@link resolveConfig} needs besides the configuration itself. */
export interface ResolveConfigOptions {
  /** The environment: `${VAR}` values and the `TELEMETRY_*` / `DO_NOT_TRACK` overrides. */
  env: Env;
  /** Destination types that `type:` may name (built-in and registered). */
  knownTypes: ReadonlySet<string>;
  /** Where a key path is in the source file; without it, errors have line and column 0. */
  locate?: Locate;
}

/** Every fault of a configuration, and the configuration when there are none. */
export interface ConfigCheck {
  config?: ResolvedConfig;
  errors: ConfigError[];
}

/** The keys of the `telemetry:` section. */
export const TELEMETRY_KEYS: readonly string[] = Object.freeze([
  'enabled',
  'debug',
  'service',
  'installation_id',
  'context',
  'sampling',
  'privacy',
  'capture',
  'shutdown_on_signals',
  'browser',
  'destinations',
]);

/** Root keys starting with this are ignored: a place for YAML anchors, as in Compose files. */
const EXTENSION_PREFIX = 'x-';

/**
 * Validates a configuration in the shape of `telemetry.config.yaml` (a `telemetry:` root,
 * snake_case keys), interpolates `${VAR}` / `${VAR:-default}` in every string, applies
 * defaults and the environment overrides, and returns it in camelCase. Pure.
 * @throws {ConfigError} the first fault found.
 */
export function resolveConfig(raw: unknown, options: ResolveConfigOptions): ResolvedConfig {
  const check = checkConfig(raw, options);
  if (check.config === undefined) throw check.errors[0];
  return check.config;
}

/** Like {@link resolveConfig}, but collects every fault instead of throwing the first. */
export function checkConfig(raw: unknown, options: ResolveConfigOptions): ConfigCheck {
  const issues = new ConfigIssues(options.locate);
  const flags = readEnvFlags(options.env, issues);
  const tree = interpolateTree(raw, options.env, issues);
  const reader = new ConfigReader(issues, tree.substituted);
  const config = readRoot(reader, tree.value, options.knownTypes);
  if (config === undefined || issues.hasErrors) return { errors: sortByPosition(issues.errors) };
  if (flags.enabled !== undefined) config.enabled = flags.enabled;
  if (flags.debug !== undefined) config.debug = flags.debug;
  if (flags.doNotTrack) config.enabled = false;
  return { config, errors: [] };
}

/**
 * The configuration that applies with no file: defaults with the environment overrides.
 * @throws {ConfigError} when `TELEMETRY_ENABLED` or `TELEMETRY_DEBUG` is not a flag.
 */
export function resolveDefaultConfig(env: Env): ResolvedConfig {
  return resolveConfig({ telemetry: {} }, { env, knownTypes: new Set() });
}

function readRoot(reader: ConfigReader, value: unknown, knownTypes: ReadonlySet<string>): ResolvedConfig | undefined {
  if (value === undefined || value === null) {
    reader.issues.add('MISSING_KEY', ['telemetry'], "missing the root key 'telemetry', under which every setting goes", 'key');
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
    const hint = value === 'telemetry' ? " (add ':' after telemetry)" : '';
    reader.issues.add('INVALID_TYPE', [], `expected a map with the root key 'telemetry', got ${describeValue(value)}${hint}`);
    return undefined;
  }
  const root = value as Record<string, unknown>;
  const known = ['telemetry', ...Object.keys(root).filter((k) => k.startsWith(EXTENSION_PREFIX))];
  const stray = Object.keys(root).filter((k) => TELEMETRY_KEYS.includes(k));
  if (get(root, 'telemetry') === undefined && stray.length > 0) {
    // `{ destinations: … }` without the root: say so once instead of flagging every key.
    reader.issues.add('MISSING_KEY', ['telemetry'], `missing the root key 'telemetry'; put ${stray.join(', ')} under telemetry:`, 'key');
    return undefined;
  }
  reader.keys(root, [], known);
  if (!reader.require(root, [], 'telemetry', "the file's root key, under which every setting goes")) return undefined;
  const map = reader.map(root.telemetry, ['telemetry'], 'a map of settings (enabled, destinations, …)');
  return readTelemetry(reader, map ?? {}, knownTypes);
}

function readTelemetry(reader: ConfigReader, map: Record<string, unknown>, knownTypes: ReadonlySet<string>): ResolvedConfig {
  const path = ['telemetry'];
  const defaults = defaultConfig();
  reader.keys(map, path, TELEMETRY_KEYS);
  const at = (key: string): string[] => [...path, key];
  return {
    enabled: reader.bool(map, path, 'enabled') ?? defaults.enabled,
    debug: reader.bool(map, path, 'debug') ?? defaults.debug,
    service: readService(reader, get(map, 'service'), at('service')),
    installationId: readInstallationId(reader, map, path),
    context: readContext(reader, get(map, 'context'), at('context')),
    sampling: readSampling(reader, get(map, 'sampling'), at('sampling')),
    privacy: readPrivacy(reader, get(map, 'privacy'), at('privacy')),
    capture: readCapture(reader, get(map, 'capture'), at('capture')),
    shutdownOnSignals: reader.bool(map, path, 'shutdown_on_signals') ?? defaults.shutdownOnSignals,
    browser: readBrowser(reader, get(map, 'browser'), at('browser')),
    destinations: readDestinations(reader, get(map, 'destinations'), at('destinations'), knownTypes),
  };
}

/** Faults in the order of the text; those without a position (environment, objects) first, as found. */
function sortByPosition(errors: ConfigError[]): ConfigError[] {
  return errors
    .map((error, index) => ({ error, index }))
    .sort((a, b) => a.error.line - b.error.line || a.error.column - b.error.column || a.index - b.index)
    .map((e) => e.error);
}

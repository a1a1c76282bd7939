import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigError } from '../errors';
import type { ConfigureOptions } from '../tracker/platform';
import type { ResolvedConfig } from './config-types';
import { createConfigError } from './config-issues';
import type { Env } from './interpolate-env';
import { resolveConfigText } from './parse-config-text';
import { resolveConfig, resolveDefaultConfig } from './resolve-config';

/** The file read from the working directory when neither `configPath` nor `$TELEMETRY_CONFIG` names one. */
export const DEFAULT_CONFIG_FILE = 'telemetry.config.yaml';

/** Which file `configure()` reads, and why. */
export interface ConfigSource {
  /** Absolute path. */
  path: string;
  /** What named it: `configPath`, `$TELEMETRY_CONFIG`, or the default file that exists. */
  from: 'configPath' | 'TELEMETRY_CONFIG' | 'default';
}

/**
 * The file `configure(options)` reads: `options.configPath`, else `$TELEMETRY_CONFIG`, else
 * `./telemetry.config.yaml` when it exists; undefined when none applies or when
 * `options.config` gives the configuration as an object.
 */
export function findConfigSource(options: ConfigureOptions, env: Env, cwd: string = process.cwd()): ConfigSource | undefined {
  if (options.config !== undefined) return undefined;
  if (options.configPath !== undefined) return { path: resolve(cwd, options.configPath), from: 'configPath' };
  const fromEnv = env.TELEMETRY_CONFIG;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { path: resolve(cwd, fromEnv), from: 'TELEMETRY_CONFIG' };
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? { path: fallback, from: 'default' } : undefined;
}

/**
 * The Node platform's `loadConfig`: `options.config` (an object in the shape of the YAML),
 * else the file of {@link findConfigSource}, else the defaults (no destinations) with the
 * environment overrides.
 * @throws {ConfigError} for a missing or unreadable file and for every fault in it.
 */
export function loadNodeConfig(options: ConfigureOptions, env: Env, knownTypes: ReadonlySet<string>, cwd: string = process.cwd()): ResolvedConfig {
  if (options.config !== undefined) return resolveConfig(options.config, { env, knownTypes });
  const source = findConfigSource(options, env, cwd);
  if (source === undefined) return resolveDefaultConfig(env);
  return loadConfigFile(source.path, { env, knownTypes }, source.from);
}

/**
 * Reads, parses and resolves one YAML file.
 * @throws {ConfigError} FILE_NOT_FOUND, FILE_UNREADABLE, YAML_SYNTAX or a validation fault.
 */
export function loadConfigFile(path: string, options: { env: Env; knownTypes: ReadonlySet<string> }, from?: ConfigSource['from']): ResolvedConfig {
  return resolveConfigText(readConfigFile(path, from), options);
}

/**
 * The text of a configuration file.
 * @throws {ConfigError} FILE_NOT_FOUND or FILE_UNREADABLE.
 */
export function readConfigFile(path: string, from?: ConfigSource['from']): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw fileError(path, err, from);
  }
}

/** The ConfigError for a file that cannot be read. */
export function fileError(path: string, err: unknown, from?: ConfigSource['from']): ConfigError {
  const code = (err as { code?: unknown } | null)?.code;
  const named = from === 'TELEMETRY_CONFIG' ? ' (named by $TELEMETRY_CONFIG)' : '';
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return createConfigError('FILE_NOT_FOUND', '', `expected a configuration file at ${path}${named}, found none`, 0, 0, err);
  }
  const reason = err instanceof Error ? err.message : String(err);
  return createConfigError('FILE_UNREADABLE', '', `cannot read the configuration file ${path}${named}: ${reason}`, 0, 0, err);
}

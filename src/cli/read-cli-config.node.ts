import { relative } from 'node:path';
import type { ResolvedConfig } from '../config/config-types';
import { readConfigFile } from '../config/load-config.node';
import { checkConfigText } from '../config/parse-config-text';
import type { Env } from '../config/interpolate-env';
import type { ConfigError } from '../errors';
import type { CliIo } from './cli-io';
import { cliConfigPath } from './cli-io';
import { formatConfigError } from './format-diagnostic';
import { cliKnownTypes } from './known-types';

/** A config file a command read: its configuration, or how many faults it printed (0 when the file could not be read at all). */
export type CliConfig = { label: string; config: ResolvedConfig; errors: 0 } | { label: string; config: undefined; errors: number };

/**
 * Reads and checks the YAML a command names (`cliConfigPath`), printing every fault with its
 * line, column and source excerpt to stderr. `types` are custom destination types (`--type`).
 */
export function readCliConfig(explicit: string | undefined, types: string[] | undefined, io: CliIo, env: Env = io.env): CliConfig {
  const file = cliConfigPath(explicit, io);
  const label = relative(io.cwd, file) || file;
  let text: string;
  try {
    text = readConfigFile(file);
  } catch (err) {
    io.stderr(formatConfigError(err as ConfigError, label));
    return { label, config: undefined, errors: 0 };
  }
  const check = checkConfigText(text, { env, knownTypes: cliKnownTypes(types) });
  if (check.config !== undefined) return { label, config: check.config, errors: 0 };
  for (const error of check.errors) io.stderr(formatConfigError(error, label, text));
  return { label, config: undefined, errors: check.errors.length };
}

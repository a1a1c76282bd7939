import type { ResolvedConfig } from '../config/config-types';
import { defaultConfig } from '../config/config-types';
import { ConfigError } from '../errors';
import type { ConfigureOptions, ConfigValidator } from './platform';

/**
 * `configure()` on a platform that reads no files: no `configPath`; without `config`, the
 * defaults; a `config` object goes through `validate`, which `withConfigValidation()` installs.
 * @throws {ConfigError}
 */
export function loadObjectConfig(options: ConfigureOptions, knownTypes: ReadonlySet<string>, validate: ConfigValidator | undefined, noFiles: string): ResolvedConfig {
  if (options.configPath !== undefined) {
    throw new ConfigError({ code: 'FILE_NOT_FOUND', message: `configPath: ${noFiles}, got ${options.configPath}`, path: 'configPath', line: 0, column: 0 });
  }
  if (options.config === undefined) return defaultConfig();
  if (validate === undefined) {
    throw new ConfigError({
      code: 'INVALID_VALUE',
      message: "config: configuration objects are validated by withConfigValidation() from 'decotel/browser'; call it once before configure({ config })",
      path: 'config',
      line: 0,
      column: 0,
    });
  }
  return validate(options.config, knownTypes);
}

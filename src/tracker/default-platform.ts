import { resolveConfig } from '../config/resolve-config';
import { ScopeStack } from '../context/scope-stack';
import { ConfigError } from '../errors';
import type { Platform } from './platform';
import { sha256Hex } from './sha256';

let instance: Platform | undefined;

/**
 * The platform of a tracker created before an entry installed its own: a synchronous scope
 * stack, a pure SHA-256, configuration from objects only.
 */
export function defaultPlatform(): Platform {
  return (instance ??= {
    name: 'default',
    contextStore: new ScopeStack(),
    hash: sha256Hex,
    runtime: { runtime: typeof process !== 'undefined' && process.versions?.node ? 'node' : 'browser', version: 'unknown' },
    destinationTypes: () => [],
    loadConfig(options, knownTypes) {
      if (options.configPath !== undefined) {
        throw new ConfigError({ code: 'FILE_NOT_FOUND', message: `configPath: files are read only by the Node entry ('decotel'), got ${options.configPath}`, path: 'configPath', line: 0, column: 0 });
      }
      return resolveConfig(options.config ?? { telemetry: {} }, { env: {}, knownTypes });
    },
  });
}

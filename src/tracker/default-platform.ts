import { ScopeStack } from '../context/scope-stack';
import { loadObjectConfig } from './object-config';
import type { Platform } from './platform';

let instance: Platform | undefined;

/**
 * The platform of a tracker created before an entry installed its own: a synchronous scope
 * stack, configuration from objects only, validated (and hash keys hashed) once
 * `withConfigValidation()` has installed the validator (the entries install their platform
 * when imported, so this one is rarely seen).
 */
export function defaultPlatform(): Platform {
  if (instance !== undefined) return instance;
  const platform: Platform = {
    name: 'default',
    contextStore: new ScopeStack(),
    runtime: { runtime: typeof process !== 'undefined' && process.versions?.node ? 'node' : 'browser', version: 'unknown' },
    destinationTypes: () => [],
    loadConfig: (options, knownTypes) => loadObjectConfig(options, knownTypes, platform.validateConfig, "files are read only by the Node entry ('decotel')"),
  };
  return (instance = platform);
}

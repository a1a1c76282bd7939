import { ScopeStack } from '../context/scope-stack';
import { loadObjectConfig } from './object-config';
import type { Platform } from './platform';
import { sha256Hex } from './sha256';

let instance: Platform | undefined;

/**
 * The platform of a tracker created before an entry installed its own: a synchronous scope
 * stack, a pure SHA-256, configuration from objects only, validated once
 * `withConfigValidation()` has installed the validator (the entries install their platform
 * when imported, so this one is rarely seen).
 */
export function defaultPlatform(): Platform {
  if (instance !== undefined) return instance;
  const platform: Platform = {
    name: 'default',
    contextStore: new ScopeStack(),
    hash: sha256Hex,
    runtime: { runtime: typeof process !== 'undefined' && process.versions?.node ? 'node' : 'browser', version: 'unknown' },
    destinationTypes: () => [],
    loadConfig: (options, knownTypes) => loadObjectConfig(options, knownTypes, platform.validateConfig, "files are read only by the Node entry ('decotel')"),
  };
  return (instance = platform);
}

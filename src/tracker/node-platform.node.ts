import { createHash } from 'node:crypto';
import { loadNodeConfig } from '../config/load-config.node';
import { AsyncContextStore } from '../context/async-context.node';
import type { DestinationFactory } from '../destinations/destination';
import { FileDestination } from '../destinations/file-destination.node';
import { installationIdPath, machineInstallationId } from './installation-id.node';
import type { Platform } from './platform';

const hooks: Array<() => void> = [];

/** The Node platform: AsyncLocalStorage scopes, node:crypto, files, `process.env`. */
export function createNodePlatform(): Platform {
  const types: Array<[string, DestinationFactory]> = [
    ['file', (o, ctx) => new FileDestination({ name: o.name, path: o.path as string, maxBytes: o.maxBytes as number | undefined }, ctx)],
  ];
  return {
    name: 'node',
    contextStore: new AsyncContextStore(),
    hash: (input) => createHash('sha256').update(input).digest('hex'),
    runtime: { runtime: 'node', version: process.version, os: process.platform },
    destinationTypes: () => types,
    machineInstallationId: () => machineInstallationId(installationIdPath(process.env)),
    loadConfig: (options, knownTypes) => loadNodeConfig(options, process.env, knownTypes),
    afterConfigure() {
      // Global handlers, signals, watching and the installation id are added here by their modules.
    },
    teardown() {
      for (const undo of hooks.splice(0)) undo();
    },
  };
}

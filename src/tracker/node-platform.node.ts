import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../config/config-types';
import { startConfigWatch } from '../config/config-watch-hook.node';
import { loadNodeConfig } from '../config/load-config.node';
import { AsyncContextStore } from '../context/async-context.node';
import { installGlobalHandlers } from '../context/global-handlers.node';
import { applyProcessHooks } from '../context/process-hooks.node';
import type { DestinationFactory } from '../destinations/destination';
import { FileDestination } from '../destinations/file-destination.node';
import { createHttpDestination } from '../destinations/http/create-http-destination.node';
import { builtInDestinationTypes } from '../destinations/registry';
import { applyConfiguredDestinations } from './configured-destinations';
import { installationIdPath, machineInstallationId } from './installation-id.node';
import type { Platform } from './platform';
import { Sampler } from './sampler';
import type { Tracker } from './tracker';

/** The Node platform: AsyncLocalStorage scopes, node:crypto, files, `process.env`. */
export function createNodePlatform(): Platform {
  const types: Array<[string, DestinationFactory]> = [
    ...builtInDestinationTypes(),
    ['file', (o, ctx) => new FileDestination({ name: o.name, path: o.path as string, maxBytes: o.maxBytes as number | undefined }, ctx)],
    ['http', createHttpDestination],
  ];
  // What the last configure() installed (process hooks, the file watcher), and what
  // installGlobalHandlers() installed by hand; teardown (shutdown, reset) removes both.
  let processHooks: (() => void) | undefined;
  let stopWatching: (() => void) | undefined;
  const manual: Array<() => void> = [];

  const useProcessHooks = (config: ResolvedConfig, tracker: Tracker): void => {
    processHooks?.();
    processHooks = applyProcessHooks(config, tracker);
  };

  return {
    name: 'node',
    contextStore: new AsyncContextStore(),
    hash: (input) => createHash('sha256').update(input).digest('hex'),
    runtime: { runtime: 'node', version: process.version, os: process.platform },
    destinationTypes: () => types,
    configureDestinations: applyConfiguredDestinations,
    createSampler: (config) => new Sampler(config),
    machineInstallationId: () => machineInstallationId(installationIdPath(process.env)),
    loadConfig: (options, knownTypes) => loadNodeConfig(options, process.env, knownTypes),
    afterConfigure(config, options, tracker) {
      useProcessHooks(config, tracker);
      stopWatching?.();
      // A valid edit is applied whole: destinations, sampling, privacy, and the process hooks.
      const target = {
        _apply: (next: ResolvedConfig) => {
          tracker._apply(next);
          useProcessHooks(next, tracker);
        },
        _reporter: tracker._reporter,
      };
      stopWatching = startConfigWatch(target, options, process.env, () => tracker._knownTypes());
    },
    installGlobalHandlers(tracker, options) {
      const undo = installGlobalHandlers(tracker, options);
      if (!manual.includes(undo)) manual.push(undo);
    },
    teardown() {
      processHooks?.();
      stopWatching?.();
      processHooks = stopWatching = undefined;
      for (const undo of manual.splice(0)) undo();
    },
  };
}

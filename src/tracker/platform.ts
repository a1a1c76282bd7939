import type { ResolvedConfig } from '../config/config-types';
import type { ContextStore } from '../context/context-store';
import type { GlobalHandlerOptions } from '../context/global-handler-options';
import type { DestinationFactory, ResourceInfo } from '../destinations/destination';
import type { applyConfiguredDestinations } from './configured-destinations';
import type { HashFn } from './privacy';
import type { EventSampler } from './sampler';
import type { Tracker } from './tracker';

/** Options of `telemetry.configure()`. */
export interface ConfigureOptions {
  /** A YAML file to read. Default: `$TELEMETRY_CONFIG`, else `./telemetry.config.yaml` if it exists. */
  configPath?: string;
  /** A configuration object in the shape of the YAML (snake_case keys), instead of a file. */
  config?: object;
  /** Re-read the file when it changes. Default: `false`. */
  watch?: boolean;
}

/** Validates a configuration object in the shape of the YAML against the known destination types. */
export type ConfigValidator = (raw: object, knownTypes: ReadonlySet<string>) => ResolvedConfig;

/**
 * What differs between Node and the browser. The tracker core never reads files or
 * `process.env` itself (STYLE.md §1): it asks its platform.
 */
export interface Platform {
  /** `default` until an entry (Node or browser) installs its own. */
  readonly name: 'default' | 'node' | 'browser';
  readonly contextStore: ContextStore;
  /**
   * Synchronous SHA-256, lower-case hex, for `privacy.hash_keys`. The browser and default
   * platforms get it from `withConfigValidation()`, the only way a page can configure hash keys.
   */
  hash?: HashFn;
  readonly runtime: ResourceInfo['platform'];
  /** Destination types that configurations may name on this platform (Node: `memory`, `console`, `file`, `http`). */
  destinationTypes(): Iterable<[string, DestinationFactory]>;
  /**
   * Turns `configure()`'s options into a validated configuration. `knownTypes` are the
   * destination types registered so far.
   * @throws {ConfigError}
   */
  loadConfig(options: ConfigureOptions, knownTypes: ReadonlySet<string>): ResolvedConfig;
  /**
   * How a platform that reads no files (default, browser) validates `configure({ config })`.
   * Unset until `withConfigValidation()` installs it, so that a page that never configures
   * from an object does not carry the validator.
   */
  validateConfig?: ConfigValidator;
  /**
   * Builds a configuration's destinations into the tracker's set (`applyConfiguredDestinations`).
   * Node has it; the browser and default platforms get it from `withConfigValidation()`, the
   * only way a page can configure destinations. Without it there are none to build.
   */
  configureDestinations?: typeof applyConfiguredDestinations;
  /**
   * The sampler of a configuration's `sampling` section. Node has it; the browser and default
   * platforms get it from `withConfigValidation()`, the only way a page can configure sampling.
   * Without it, every event is kept (the default configuration's rate 1).
   */
  createSampler?(config: ResolvedConfig['sampling']): EventSampler;
  /** The id kept for `installation_id: auto`; undefined where the platform keeps none. */
  machineInstallationId?(): string | undefined;
  /** A hook run after a configuration is applied (global handlers, file watching, installation id). */
  afterConfigure?(config: ResolvedConfig, options: ConfigureOptions, tracker: Tracker): void;
  /** Installs the uncaught-exception and unhandled-rejection handlers; `teardown` removes them. */
  installGlobalHandlers?(tracker: Tracker, options: GlobalHandlerOptions): void;
  /** Undoes what `afterConfigure` installed; called by `shutdown()` and `reset()`. */
  teardown?(): void;
}

import type { ResolvedConfig } from './config-types';
import type { ConfigureOptions } from '../tracker/platform';
import type { Env } from './interpolate-env';
import { findConfigSource } from './load-config.node';
import { watchConfig } from './watch-config.node';

/** What watching needs of the tracker: a way to apply a configuration and to report a fault. */
export interface ConfigWatchTarget {
  /** Applies a valid configuration; destinations that did not change keep their queues. */
  _apply(config: ResolvedConfig): void;
  /** Reports a fault as an `error` lifecycle event. */
  readonly _reporter: { error(err: unknown): void };
}

/**
 * @internal Starts watching the file `configure(options)` read, when `options.watch` is true:
 * a valid edit goes to `target._apply`, a faulty one to `target._reporter.error` (the last good
 * configuration stays). Returns the function that stops watching, or undefined when there is
 * nothing to watch (no `watch: true`, or a configuration given as an object).
 */
export function startConfigWatch(target: ConfigWatchTarget, options: ConfigureOptions, env: Env, knownTypes: () => ReadonlySet<string>, cwd: string = process.cwd()): (() => void) | undefined {
  if (options.watch !== true) return undefined;
  const source = findConfigSource(options, env, cwd);
  if (source === undefined) return undefined;
  const watcher = watchConfig(
    source.path,
    (config) => target._apply(config),
    (error) => target._reporter.error(error),
    { env, knownTypes },
  );
  return () => watcher.close();
}

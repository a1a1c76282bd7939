import type { FSWatcher, Stats } from 'node:fs';
import { readFileSync, unwatchFile, watch, watchFile } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ConfigError, DecotelError } from '../errors';
import type { ResolvedConfig } from './config-types';
import type { Env } from './interpolate-env';
import { fileError } from './load-config.node';
import { resolveConfigText } from './parse-config-text';

/** Quiet time after the last change before the file is re-read: editors write in several steps. */
export const DEFAULT_WATCH_DEBOUNCE_MS = 100;
/** Poll interval when `fs.watch` is not available (network drives, some containers). */
export const DEFAULT_WATCH_POLL_INTERVAL_MS = 1_000;

/** Options of {@link watchConfig}. */
export interface WatchConfigOptions {
  env: Env;
  /** The destination types valid at the time of each reload. */
  knownTypes: ReadonlySet<string> | (() => ReadonlySet<string>);
  /** Default: {@link DEFAULT_WATCH_DEBOUNCE_MS}. */
  debounceMs?: number;
  /** Default: {@link DEFAULT_WATCH_POLL_INTERVAL_MS}. */
  pollIntervalMs?: number;
  /** Use `fs.watchFile` polling instead of `fs.watch`. Default: false. */
  poll?: boolean;
}

/** A running watch; `close()` stops it and is idempotent. */
export interface ConfigWatcher {
  close(): void;
}

/**
 * Re-reads `path` when it changes and hands a valid configuration to `onValid`, a faulty one
 * (or a vanished file) to `onError`; the caller keeps its last good configuration. A save that
 * leaves the text as it was is ignored. The directory is watched, not the file, so that
 * editors that replace the file (write a copy, then rename) are seen. Callbacks never throw
 * out of the watcher, and nothing keeps the process alive.
 */
export function watchConfig(path: string, onValid: (config: ResolvedConfig) => void, onError: (error: DecotelError) => void, options: WatchConfigOptions): ConfigWatcher {
  const file = resolve(path);
  const debounceMs = options.debounceMs ?? DEFAULT_WATCH_DEBOUNCE_MS;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_WATCH_POLL_INTERVAL_MS;
  let lastText = tryRead(file);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watcher: FSWatcher | undefined;
  let polling = false;
  const onPoll = (current: Stats, previous: Stats): void => {
    if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size || current.ino !== previous.ino) schedule();
  };
  let closed = false;

  const report = (error: DecotelError): void => {
    try {
      onError(error);
    } catch {
      // A throwing error callback has nowhere left to report to.
    }
  };

  const reload = (): void => {
    timer = undefined;
    if (closed) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      lastText = undefined;
      report(fileError(file, err));
      return;
    }
    if (text === lastText) return;
    lastText = text;
    let config: ResolvedConfig;
    try {
      const knownTypes = typeof options.knownTypes === 'function' ? options.knownTypes() : options.knownTypes;
      config = resolveConfigText(text, { env: options.env, knownTypes });
    } catch (err) {
      report(err instanceof ConfigError ? err : reloadError('the configuration could not be read', err));
      return;
    }
    try {
      onValid(config);
    } catch (err) {
      report(reloadError('the new configuration could not be applied', err));
    }
  };

  const schedule = (): void => {
    if (closed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
    timer.unref?.();
  };

  const startPolling = (): void => {
    if (polling || closed) return;
    polling = true;
    watchFile(file, { persistent: false, interval: pollIntervalMs }, onPoll);
  };

  if (options.poll === true) {
    startPolling();
  } else {
    try {
      const name = basename(file);
      watcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
        if (changed === null || changed === undefined || changed.toString() === name) schedule();
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined;
        startPolling();
      });
    } catch {
      startPolling();
    }
  }

  return {
    close(): void {
      if (closed) return;
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      watcher?.close();
      if (polling) unwatchFile(file, onPoll);
    },
  };
}

function tryRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function reloadError(what: string, cause: unknown): DecotelError {
  return new DecotelError({ code: 'CONFIG_RELOAD', message: `${what}: ${cause instanceof Error ? cause.message : String(cause)}`, cause });
}

import { ScopeStack } from '../context/scope-stack';
import type { GlobalHandlerOptions } from '../context/global-handler-options';
import { loadObjectConfig } from '../tracker/object-config';
import type { Platform } from '../tracker/platform';
import type { Tracker } from '../tracker/tracker';

/**
 * The browser platform of the tracker: a synchronous scope stack, configuration from objects
 * only (the remote configuration is the worker's business), validated by what
 * `withConfigValidation()` installs (with the SHA-256 of `hash_keys` and the full glob
 * matcher), and window `error` / `unhandledrejection` handlers for `installGlobalHandlers()`.
 */
export function createBrowserPlatform(): Platform {
  const undo: Array<() => void> = [];
  const platform: Platform = {
    name: 'browser',
    contextStore: new ScopeStack(),
    runtime: { runtime: 'browser', version: typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent },
    destinationTypes: () => [],
    loadConfig: (options, knownTypes) => loadObjectConfig(options, knownTypes, platform.validateConfig, 'the browser reads no files; pass { config } instead'),
    installGlobalHandlers(tracker: Tracker, options: GlobalHandlerOptions) {
      if (typeof addEventListener !== 'function') return;
      const listen = <K extends 'error' | 'unhandledrejection'>(type: K, report: (e: WindowEventMap[K]) => void): void => {
        addEventListener(type, report);
        undo.push(() => removeEventListener(type, report));
      };
      // The page keeps its default reporting (console); the worker already holds what was logged.
      if (options.uncaughtExceptions ?? true) listen('error', (e) => tracker._emitError('error.uncaught', 'critical', e.error ?? e.message));
      if (options.unhandledRejections ?? true) listen('unhandledrejection', (e) => tracker._emitError('error.unhandled_rejection', 'critical', e.reason));
    },
    teardown() {
      for (const u of undo.splice(0)) u();
    },
  };
  return platform;
}

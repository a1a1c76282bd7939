import type { ResolvedConfig } from '../config/config-types';
import type { Tracker } from '../tracker/tracker';
import { installGlobalHandlers } from './global-handlers.node';
import { installSignalHandlers } from './signal-handlers.node';

/**
 * @internal Installs what the configuration asks of the process: the global handlers
 * (`capture: { uncaught_exceptions, unhandled_rejections }`) and `shutdown_on_signals`.
 * Returns the function that removes them; it is safe to call more than once.
 */
export function applyProcessHooks(config: ResolvedConfig, tracker: Tracker): () => void {
  const undo: Array<() => void> = [];
  const { uncaughtExceptions, unhandledRejections } = config.capture;
  if (uncaughtExceptions || unhandledRejections) undo.push(installGlobalHandlers(tracker, { uncaughtExceptions, unhandledRejections }));
  if (config.shutdownOnSignals) undo.push(installSignalHandlers(tracker));
  return () => {
    for (const u of undo.splice(0)) u();
  };
}

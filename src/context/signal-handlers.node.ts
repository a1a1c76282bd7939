import type { Tracker } from '../tracker/tracker';
import { DEFAULT_CRASH_FLUSH_TIMEOUT_MS } from './global-handler-options';
import type { ProcessLike } from './global-handlers.node';

/** The signals `shutdown_on_signals` handles. */
export const DEFAULT_SHUTDOWN_SIGNALS: readonly string[] = Object.freeze(['SIGTERM', 'SIGINT']);

/** @internal Options of {@link installSignalHandlers}. */
export interface SignalHandlerOptions {
  /** Default: `['SIGTERM', 'SIGINT']`. */
  signals?: readonly string[];
  /** Milliseconds `shutdown()` may take before the signal is raised again. Default: `2000`. */
  flushTimeoutMs?: number;
}

interface SignalState {
  tracker: Tracker;
  flushTimeoutMs: number;
  stopping: boolean;
  readonly listeners: Map<string, (signal: string) => void>;
  readonly uninstall: () => void;
}

const STATE = Symbol.for('decotel.signalHandlers');

/**
 * @internal On SIGTERM / SIGINT: shuts the tracker down within a bound, then raises the signal
 * again without our listener, so that the process ends as it would have (killed by the signal).
 * When the application listens to the signal itself, Node would not end the process: we only
 * flush, and leave the decision to it. A second signal during the shutdown ends it at once.
 */
export function installSignalHandlers(tracker: Tracker, options: SignalHandlerOptions = {}, proc: ProcessLike = process as unknown as ProcessLike): () => void {
  const host = proc as ProcessLike & { [STATE]?: SignalState };
  const state = (host[STATE] ??= createState(host, tracker));
  state.tracker = tracker;
  if (options.flushTimeoutMs !== undefined && options.flushTimeoutMs >= 0) state.flushTimeoutMs = options.flushTimeoutMs;
  for (const signal of options.signals ?? DEFAULT_SHUTDOWN_SIGNALS) {
    if (state.listeners.has(signal)) continue;
    const listener = (): void => onSignal(proc, state, signal, listener);
    state.listeners.set(signal, listener);
    proc.on(signal, listener);
  }
  return state.uninstall;
}

function createState(host: ProcessLike & { [STATE]?: SignalState }, tracker: Tracker): SignalState {
  const state: SignalState = {
    tracker,
    flushTimeoutMs: DEFAULT_CRASH_FLUSH_TIMEOUT_MS,
    stopping: false,
    listeners: new Map(),
    uninstall() {
      if (host[STATE] !== state) return;
      delete host[STATE];
      for (const [signal, listener] of state.listeners) host.removeListener(signal, listener);
      state.listeners.clear();
    },
  };
  return state;
}

function onSignal(proc: ProcessLike, state: SignalState, signal: string, ours: (signal: string) => void): void {
  if (state.stopping) {
    raise(proc, state, signal);
    return;
  }
  if (proc.listeners(signal).some((l) => l !== ours)) {
    void state.tracker.flush(state.flushTimeoutMs);
    return;
  }
  state.stopping = true;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    raise(proc, state, signal);
  };
  // Not unref'd on purpose: the process must stay alive until the shutdown is done.
  const timer = setTimeout(finish, state.flushTimeoutMs);
  state.tracker.shutdown(state.flushTimeoutMs).then(finish, finish);
}

function raise(proc: ProcessLike, state: SignalState, signal: string): void {
  state.uninstall();
  // With no listener left, Node restores the default action: the process ends by the signal.
  proc.kill(proc.pid, signal);
}

import { writeSync } from 'node:fs';
import type { Tracker } from '../tracker/tracker';
import type { FatalReportEnv } from './fatal-report.node';
import { formatFatalReport, isRejectionWrapper, nodeFatalReportEnv } from './fatal-report.node';
import type { GlobalHandlerOptions } from './global-handler-options';
import { DEFAULT_CRASH_FLUSH_TIMEOUT_MS } from './global-handler-options';

type Listener = (...args: any[]) => void;

/** @internal The parts of `process` the handlers use; tests pass an EventEmitter. */
export interface ProcessLike {
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
  listeners(event: string): unknown[];
  emit(event: string, ...args: any[]): boolean;
  exit(code?: number): void;
  exitCode?: number | string | null;
  kill(pid: number, signal?: string | number): unknown;
  readonly pid: number;
}

/** @internal Where the handlers live and how a dying process reports. */
export interface ProcessHost {
  process: ProcessLike;
  writeStderr(text: string): void;
  fatalReportEnv(): FatalReportEnv;
  /** Rejects a promise with `reason` that nobody handles, for Node to report. */
  rejectUnhandled(reason: unknown): void;
}

interface HandlerState {
  tracker: Tracker;
  uncaught: boolean;
  rejections: boolean;
  flushTimeoutMs: number;
  dying: boolean;
  mirroring: boolean;
  readonly reported: WeakSet<object>;
  readonly onUncaught: Listener;
  readonly onRejection: Listener;
  readonly onNewListener: Listener;
  readonly onRemoveListener: Listener;
  readonly uninstall: () => void;
}

const STATE = Symbol.for('decotel.globalHandlers');

/** @internal The real process. */
export function nodeProcessHost(): ProcessHost {
  return {
    process: process as unknown as ProcessLike,
    writeStderr(text) {
      try {
        writeSync(2, text);
      } catch {
        // stderr is gone: nothing else can be told
      }
    },
    fatalReportEnv: nodeFatalReportEnv,
    rejectUnhandled(reason) {
      void Promise.reject(reason);
    },
  };
}

/**
 * @internal Reports uncaught exceptions and unhandled rejections, then lets the process end as
 * Node would have: same exit code, same text on stderr. Installing again updates the flags (each
 * install can only add); the returned function removes every handler.
 */
export function installGlobalHandlers(tracker: Tracker, options: GlobalHandlerOptions = {}, host: ProcessHost = nodeProcessHost()): () => void {
  const proc = host.process as ProcessLike & { [STATE]?: HandlerState };
  const uncaught = options.uncaughtExceptions ?? true;
  const rejections = options.unhandledRejections ?? true;
  const existing = proc[STATE];
  if (existing === undefined && !uncaught && !rejections) return () => undefined;
  const state = existing ?? createState(proc, host, tracker);
  state.tracker = tracker;
  state.uncaught ||= uncaught;
  state.rejections ||= rejections;
  if (options.flushTimeoutMs !== undefined && options.flushTimeoutMs >= 0) state.flushTimeoutMs = options.flushTimeoutMs;
  return state.uninstall;
}

function createState(proc: ProcessLike & { [STATE]?: HandlerState }, host: ProcessHost, tracker: Tracker): HandlerState {
  const state: HandlerState = {
    tracker,
    uncaught: false,
    rejections: false,
    flushTimeoutMs: DEFAULT_CRASH_FLUSH_TIMEOUT_MS,
    dying: false,
    mirroring: false,
    reported: new WeakSet(),
    // Node calls this for a thrown exception and, in its default `--unhandled-rejections=throw`
    // mode, for a rejection no 'unhandledRejection' listener took (origin 'unhandledRejection').
    onUncaught(error: unknown, origin?: string) {
      const rejection = origin === 'unhandledRejection';
      // Any other listener means Node would have kept the process alive: so do we.
      const fatal = !state.dying && !hasOthers(proc, 'uncaughtException', state.onUncaught);
      if (rejection ? state.rejections : state.uncaught) report(state, rejection ? 'error.unhandled_rejection' : 'error.uncaught', error, fatal);
      if (state.dying) return;
      if (!fatal) {
        void state.tracker.flush(state.flushTimeoutMs);
        return;
      }
      state.dying = true;
      void flushWithin(state.tracker, state.flushTimeoutMs).then(() => die(proc, host, state, error, rejection));
    },
    // Added only while the application has 'unhandledRejection' listeners of its own, so that
    // Node's choice (crash or not) never changes because of us.
    onRejection(reason: unknown) {
      if (!state.rejections) return;
      report(state, 'error.unhandled_rejection', reason, false);
      void state.tracker.flush(state.flushTimeoutMs);
    },
    onNewListener(event: unknown, listener: unknown) {
      if (event === 'unhandledRejection' && listener !== state.onRejection && !state.mirroring) {
        state.mirroring = true;
        proc.on('unhandledRejection', state.onRejection);
      }
    },
    onRemoveListener(event: unknown, listener: unknown) {
      if (event === 'unhandledRejection' && listener !== state.onRejection && state.mirroring && !hasOthers(proc, 'unhandledRejection', state.onRejection)) {
        state.mirroring = false;
        proc.removeListener('unhandledRejection', state.onRejection);
      }
    },
    uninstall() {
      if (proc[STATE] !== state) return;
      delete proc[STATE];
      proc.removeListener('uncaughtException', state.onUncaught);
      proc.removeListener('newListener', state.onNewListener);
      proc.removeListener('removeListener', state.onRemoveListener);
      if (state.mirroring) proc.removeListener('unhandledRejection', state.onRejection);
      state.mirroring = false;
    },
  };
  proc[STATE] = state;
  proc.on('uncaughtException', state.onUncaught);
  if (proc.listeners('unhandledRejection').length > 0) state.onNewListener('unhandledRejection', undefined);
  proc.on('newListener', state.onNewListener);
  proc.on('removeListener', state.onRemoveListener);
  return state;
}

function hasOthers(proc: ProcessLike, event: string, ours: Listener): boolean {
  return proc.listeners(event).some((l) => l !== ours);
}

function report(state: HandlerState, name: string, error: unknown, fatal: boolean): void {
  if (typeof error === 'object' && error !== null) {
    if (state.reported.has(error)) return;
    state.reported.add(error);
  }
  state.tracker._emitError(name, 'critical', isRejectionWrapper(error) ? standIn(error) : error, { fatal });
}

// The same type, message and code without the stack, which must stay unread (fatal-report.node.ts).
function standIn(error: Error & { code: string }): Error {
  return Object.create(Error.prototype, { name: { value: error.name }, message: { value: error.message }, code: { value: error.code } }) as Error;
}

/** Resolves when the tracker has flushed or the bound is reached. */
function flushWithin(tracker: Tracker, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    // Not unref'd on purpose: a dying process must stay alive until its events are out.
    const timer = setTimeout(resolve, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    tracker.flush(timeoutMs).then(done, done);
  });
}

function die(proc: ProcessLike & { _exiting?: boolean }, host: ProcessHost, state: HandlerState, error: unknown, rejection: boolean): void {
  state.uninstall();
  const text = formatFatalReport(error, host.fatalReportEnv(), rejection);
  if (text === undefined) {
    // Rejected again with no listener of ours, Node reports it itself and exits with code 1.
    host.rejectUnhandled(error);
    return;
  }
  // What Node's own fatal path does (lib/internal/process/execution.js): 'exit' listeners run
  // with code 1 before the report is printed, and the code they leave is the exit code.
  if (!proc._exiting) {
    proc._exiting = true;
    proc.exitCode = 1;
    try {
      proc.emit('exit', 1);
    } catch {
      // as in Node: nothing to be done about it at this point
    }
  }
  host.writeStderr(text);
  proc.exit();
}

import EventEmitter from 'eventemitter3';
import type { ResolvedConfig } from '../config/config-types';
import { DecotelError } from '../errors';
import type { FlushResult } from '../destinations/destination';
import type { DropReason, TelemetryEvent } from './event';
import { describeThrown } from './privacy';

/** Payload of the `drop` lifecycle event. */
export interface DropNotice {
  destination: string;
  reason: DropReason;
  count: number;
}

/** The lifecycle events of `telemetry.on(...)` and their payloads. */
export interface LifecycleEvents {
  event: (event: TelemetryEvent) => void;
  drop: (notice: DropNotice) => void;
  error: (error: DecotelError) => void;
  flush: (result: FlushResult) => void;
  config: (config: ResolvedConfig) => void;
}

/** The lifecycle event names. */
export type LifecycleEventName = keyof LifecycleEvents;

/**
 * Emits lifecycle events so that a throwing listener can neither break the caller nor stop the
 * other listeners (eventemitter3 lets listener exceptions propagate). With `debug`, each fault
 * kind and each first drop of a kind is printed once.
 */
export class Reporter {
  readonly emitter = new EventEmitter<LifecycleEvents>();
  debug = false;
  private readonly _printed = new Set<string>();

  emit<K extends LifecycleEventName>(name: K, payload: Parameters<LifecycleEvents[K]>[0]): void {
    if (this.emitter.listenerCount(name) === 0) return;
    for (const listener of this.emitter.listeners(name)) {
      try {
        (listener as (p: unknown) => void)(payload);
      } catch (err) {
        if (name === 'error') this._print('listener', `decotel: an 'error' listener threw: ${describeThrown(err)}`);
        else this.error(new DecotelError({ code: 'LISTENER_FAILED', message: `a '${name}' listener threw: ${describeThrown(err)}`, cause: err }));
      }
    }
  }

  /** Reports an SDK fault as an `error` event; never throws. */
  error(err: unknown): void {
    const error =
      err instanceof DecotelError ? err : new DecotelError({ code: 'INTERNAL', message: describeThrown(err), cause: err });
    if (this.debug) this._print(`error:${error.code}`, `decotel: ${error.code}: ${error.message}`);
    this.emit('error', error);
  }

  /** Reports a drop; `first` says whether this reason is new for the destination. */
  drop(notice: DropNotice, first: boolean): void {
    if (first && this.debug) {
      this._print(`drop:${notice.destination}:${notice.reason}`, `decotel: destination '${notice.destination}' dropped ${notice.count} event(s): ${notice.reason}`);
    }
    this.emit('drop', notice);
  }

  /** Forgets listeners and what was printed (for `reset()`). */
  clear(): void {
    this.emitter.removeAllListeners();
    this._printed.clear();
    this.debug = false;
  }

  private _print(key: string, message: string): void {
    if (this._printed.has(key)) return;
    this._printed.add(key);
    try {
      console.error(message);
    } catch {
      // A broken console must not break the caller.
    }
  }
}

import type { DestinationConfig } from '../config/config-types';
import type { Destination, DestinationContext, FlushResult, ResourceInfo } from '../destinations/destination';
import { DecotelError } from '../errors';
import type { DropReason, Severity } from './event';
import { SEVERITY_RANK } from './event';
import { PatternSet } from './pattern';
import type { Reporter } from './reporter';
import type { Route } from './router';
import { DestinationCounters } from './stats';
import type { DestinationStats } from './stats';

/** How an added destination is routed; `events` defaults to every event. */
export interface Routing {
  events?: string[];
  exclude?: string[];
  minSeverity?: Severity;
}

/** @internal A destination with its routing and counters. */
export interface Entry extends Route {
  /** Type and options; a reload keeps the instance (and its queue) when this is unchanged. Empty for added objects. */
  readonly key: string;
}

/**
 * The tracker's destinations: adds them, counts for them, drains them. Those of a configuration
 * are built by `applyConfiguredDestinations` (configured-destinations.ts), which the platforms
 * that take configurations install.
 */
export class DestinationSet {
  /** @internal */ _entries: Entry[] = [];

  constructor(
    private readonly _reporter: Reporter,
    private readonly _resource: ResourceInfo,
  ) {}

  get routes(): readonly Route[] {
    return this._entries;
  }

  get(name: string): Destination | undefined {
    return this._entries.find((e) => e.destination.name === name)?.destination;
  }

  /** Adds a destination object, routed by `routing` (every event by default). */
  add(destination: Destination, routing: Routing = {}): void {
    if (destination === null || typeof destination !== 'object' || typeof destination.handle !== 'function') {
      throw new DecotelError({ code: 'DESTINATION_TYPE', message: 'addDestination: expected an object with a name and a handle(event) method' });
    }
    const name = typeof destination.name === 'string' && destination.name !== '' ? destination.name : `destination-${this._entries.length + 1}`;
    const counters = new DestinationCounters();
    destination.bind?.(this._context(name, counters));
    const cfg: DestinationConfig = {
      name,
      type: destination.type ?? 'custom',
      enabled: true,
      events: routing.events ?? ['*'],
      exclude: routing.exclude ?? [],
      minSeverity: routing.minSeverity ?? 'debug',
      options: {},
    };
    this._entries = [...this._entries.filter((e) => e.destination.name !== name), makeEntry(destination, cfg, '', counters)];
  }

  /** Calls `flush` or `shutdown` on every destination, resolving within `timeoutMs`. */
  async drain(method: 'flush' | 'shutdown', timeoutMs: number, destinations: readonly Destination[] = this._entries.map((e) => e.destination)): Promise<FlushResult> {
    const before = this._deliveredTotal();
    const calls = destinations.map((d) => {
      try {
        const p = d[method]?.(timeoutMs);
        return p ? Promise.resolve(p).catch((err: unknown) => this._reporter.error(err)) : undefined;
      } catch (err) {
        this._reporter.error(err);
        return undefined;
      }
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      (timer as { unref?: () => void }).unref?.();
    });
    await Promise.race([Promise.all(calls), deadline]);
    clearTimeout(timer);
    return { delivered: this._deliveredTotal() - before, pending: this._pendingTotal() };
  }

  stats(): Record<string, DestinationStats> {
    const out: Record<string, DestinationStats> = {};
    for (const e of this._entries) out[e.destination.name] = e.counters.snapshot(inQueueOf(e.destination));
    return out;
  }

  /** Counts one drop of `reason` on each route (sampling, disabled events). */
  dropOn(routes: readonly Route[], reason: DropReason, rank: number): void {
    for (const r of routes) {
      if (rank >= r.minRank) this._reporter.drop({ destination: r.destination.name, reason, count: 1 }, r.counters.drop(reason, 1));
    }
  }

  clear(): Destination[] {
    const old = this._entries.map((e) => e.destination);
    this._entries = [];
    return old;
  }

  private _deliveredTotal(): number {
    let n = 0;
    for (const e of this._entries) n += e.counters.delivered;
    return n;
  }

  private _pendingTotal(): number {
    let n = 0;
    for (const e of this._entries) n += inQueueOf(e.destination);
    return n;
  }

  /** @internal The context a destination of that name is bound to. */
  _context(name: string, counters: DestinationCounters): DestinationContext {
    const reporter = this._reporter;
    return {
      name,
      resource: this._resource,
      delivered: (count) => void (counters.delivered += count),
      retried: (count = 1) => void (counters.retried += count),
      dropped: (reason, count) => reporter.drop({ destination: name, reason, count }, counters.drop(reason, count)),
      error: (err) => reporter.error(err),
      warn: (message) => {
        try {
          console.warn(`decotel: ${message}`);
        } catch {
          // A broken console must not break delivery.
        }
      },
    };
  }
}

/** @internal */
export function makeEntry(destination: Destination, cfg: DestinationConfig, key: string, counters: DestinationCounters): Entry {
  return {
    destination,
    events: new PatternSet(cfg.events),
    exclude: new PatternSet(cfg.exclude),
    minRank: SEVERITY_RANK[cfg.minSeverity],
    counters,
    key,
  };
}

function inQueueOf(destination: Destination): number {
  try {
    return destination.inQueue?.() ?? 0;
  } catch {
    return 0;
  }
}

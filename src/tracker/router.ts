import type { Destination } from '../destinations/destination';
import type { Severity } from './event';
import { SEVERITY_RANK } from './event';
import type { PatternSet } from './pattern';
import type { DestinationCounters } from './stats';

/** One destination with its compiled `events` / `exclude` globs. */
export interface Route {
  readonly destination: Destination;
  readonly events: PatternSet;
  readonly exclude: PatternSet;
  readonly minRank: number;
  readonly counters: DestinationCounters;
}

/** Names cached before the cache is cleared, so that unbounded names cannot grow memory. */
export const ROUTE_CACHE_MAX_NAMES = 10_000;

const NO_ROUTES: readonly Route[] = Object.freeze([]);

/**
 * Decides which destinations take an event name. Globs are compiled once; the decision is cached
 * per name, so routing a known name is one Map lookup and allocates nothing.
 */
export class Router {
  private readonly _routes: readonly Route[];
  private readonly _cache = new Map<string, readonly Route[]>();

  constructor(routes: readonly Route[]) {
    this._routes = routes;
  }

  get routes(): readonly Route[] {
    return this._routes;
  }

  /** The destinations that take `name` (before `min_severity`); a shared empty array when none. */
  route(name: string): readonly Route[] {
    const hit = this._cache.get(name);
    if (hit !== undefined) return hit;
    let found: Route[] | undefined;
    for (const r of this._routes) {
      if (r.events.test(name) && !r.exclude.test(name)) (found ??= []).push(r);
    }
    const result = found ?? NO_ROUTES;
    if (this._cache.size >= ROUTE_CACHE_MAX_NAMES) this._cache.clear();
    this._cache.set(name, result);
    return result;
  }

  /** True when some destination takes `name` at `severity`. */
  isRouted(name: string, severity: Severity): boolean {
    const rank = SEVERITY_RANK[severity];
    for (const r of this.route(name)) if (rank >= r.minRank) return true;
    return false;
  }
}

import type { ResolvedConfig } from '../config/config-types';
import type { Severity } from './event';
import { SEVERITY_RANK } from './event';
import { PatternSet } from './pattern';

/** Names whose rate is cached before the cache is cleared. */
const RATE_CACHE_MAX_NAMES = 10_000;

/** The rates at which events are kept: a {@link Sampler}, or {@link KEEP_ALL}. */
export interface EventSampler {
  /** The rule rate for `name`, or undefined when no rule matches. */
  ruleRate(name: string): number | undefined;
  /** The rate at which an event of this name and severity is kept. */
  rateFor(name: string, severity: Severity): number;
}

/**
 * The sampler of the default configuration (rate 1, no rules), without the matching: the
 * tracker's until a configuration comes with its platform's `createSampler`.
 */
export const KEEP_ALL: EventSampler = Object.freeze({ ruleRate: () => undefined, rateFor: () => 1 });

/**
 * Sampling rates by event name (DESIGN.md §6): the first rule whose patterns match decides;
 * otherwise the default rate, except that errors (severity error or above) are kept at 1.
 * Pure: the draw is the caller's, with a random number it passes in.
 */
export class Sampler implements EventSampler {
  private readonly _rate: number;
  private readonly _rules: ReadonlyArray<{ events: PatternSet; rate: number }>;
  private readonly _cache = new Map<string, number>();

  constructor(config: ResolvedConfig['sampling']) {
    this._rate = config.rate;
    this._rules = config.rules.map((r) => ({ events: new PatternSet(r.events), rate: r.rate }));
  }

  /** The rule rate for `name`, or undefined when no rule matches. */
  ruleRate(name: string): number | undefined {
    let rate = this._cache.get(name);
    if (rate === undefined) {
      rate = -1;
      for (const rule of this._rules) {
        if (rule.events.test(name)) {
          rate = rule.rate;
          break;
        }
      }
      if (this._cache.size >= RATE_CACHE_MAX_NAMES) this._cache.clear();
      this._cache.set(name, rate);
    }
    return rate < 0 ? undefined : rate;
  }

  /** The rate at which an event of this name and severity is kept. */
  rateFor(name: string, severity: Severity): number {
    const rule = this.ruleRate(name);
    if (rule !== undefined) return rule;
    return SEVERITY_RANK[severity] >= SEVERITY_RANK.error ? 1 : this._rate;
  }
}

/** Keeps an event of `rate` given a uniform draw in [0, 1). */
export function isKept(rate: number, draw: number): boolean {
  return rate >= 1 || draw < rate;
}

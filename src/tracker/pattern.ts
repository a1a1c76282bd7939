import { Minimatch } from 'minimatch';

/**
 * minimatch options for event names: `*` spans dots (names have no `/`), and a leading `!`
 * is the extglob `!(...)`, never a negation of the whole pattern (DESIGN.md §6).
 */
const MATCH_OPTIONS = Object.freeze({ dot: true, nonegate: true, nocomment: true, noglobstar: false });

/** A set of globs compiled once; `test(name)` is true when any of them matches. */
export class PatternSet {
  readonly patterns: readonly string[];
  private readonly _matchers: Minimatch[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns;
    this._matchers = patterns.map((p) => new Minimatch(p, MATCH_OPTIONS));
  }

  /** The first pattern that matches `name`, or undefined. */
  firstMatch(name: string): string | undefined {
    for (let i = 0; i < this._matchers.length; i++) {
      if (this._matchers[i].match(name)) return this.patterns[i];
    }
    return undefined;
  }

  test(name: string): boolean {
    return this.firstMatch(name) !== undefined;
  }
}

/** Why a glob is invalid, or undefined when minimatch compiles it. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'an empty pattern matches nothing';
  if (pattern.includes('/')) return "event names never contain '/'";
  try {
    new Minimatch(pattern, MATCH_OPTIONS);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

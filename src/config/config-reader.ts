import { patternProblem } from '../tracker/pattern';
import type { ConfigIssues } from './config-issues';
import { describeValue } from './config-issues';
import type { ConfigPath } from './config-path';
import { formatPath } from './config-path';
import { didYouMean } from './did-you-mean';
import { parseFlag } from './env-flags';

/** Bounds of a number key. */
export interface NumberRange {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** Options of a string key. */
export interface StringOptions {
  /** Allowed values, matched in any case and returned as written here. */
  oneOf?: readonly string[];
  /** Refuse `''`. Default: true. */
  nonEmpty?: boolean;
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** The largest number a whole-number key accepts, unless its range says less. */
const MAX_WHOLE_NUMBER = Number.MAX_SAFE_INTEGER;

/**
 * Typed reads of one configuration value, each recording a fault in {@link ConfigIssues} and
 * returning undefined when the value is wrong. A string that came from `${VAR}` may stand for
 * a number or a flag, since the environment only holds strings.
 */
export class ConfigReader {
  readonly issues: ConfigIssues;
  private readonly _substituted: ReadonlySet<string>;

  constructor(issues: ConfigIssues, substituted: ReadonlySet<string> = new Set()) {
    this.issues = issues;
    this._substituted = substituted;
  }

  /** A map section; `null` (an empty YAML key) and absence both read as undefined. */
  map(value: unknown, path: ConfigPath, what = 'a map of keys'): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
      this.issues.add('INVALID_TYPE', path, `expected ${what}, got ${describeValue(value)}`);
      return undefined;
    }
    return value as Record<string, unknown>;
  }

  /** Records every key of `map` that is not in `known`, with a suggestion when one is close. */
  keys(map: Record<string, unknown>, path: ConfigPath, known: readonly string[]): void {
    for (const key of Object.keys(map)) {
      if (known.includes(key)) continue;
      const guess = didYouMean(key, known);
      const tail = guess !== undefined ? `did you mean '${guess}'?` : `expected one of: ${known.join(', ')}`;
      this.issues.add('UNKNOWN_KEY', [...path, key], `unknown key '${key}'; ${tail}`, 'key');
    }
  }

  /** Records a MISSING_KEY fault, pointing at the map that lacks the key, when `key` is absent. */
  require(map: Record<string, unknown>, path: ConfigPath, key: string, what: string): boolean {
    if (get(map, key) !== undefined) return true;
    this.issues.add('MISSING_KEY', [...path, key], `missing the required key '${key}': ${what}`, 'key');
    return false;
  }

  bool(map: Record<string, unknown>, path: ConfigPath, key: string): boolean | undefined {
    const value = get(map, key);
    if (value === undefined || typeof value === 'boolean') return value;
    const at = [...path, key];
    if (typeof value === 'string' && this._fromEnv(at)) {
      const flag = parseFlag(value);
      if (flag !== undefined) return flag;
    }
    this.issues.add('INVALID_TYPE', at, `expected true or false, got ${describeValue(value)}`);
    return undefined;
  }

  number(map: Record<string, unknown>, path: ConfigPath, key: string, range: NumberRange = {}): number | undefined {
    let value = get(map, key);
    if (value === undefined) return undefined;
    const at = [...path, key];
    const expected = describeRange(range);
    if (typeof value === 'string' && NUMERIC_TEXT.test(value)) {
      if (!this._fromEnv(at)) {
        this.issues.add('INVALID_TYPE', at, `expected ${expected}, got ${describeValue(value)} (a string; write it without quotes)`);
        return undefined;
      }
      value = Number(value);
    }
    if (typeof value !== 'number' || Number.isNaN(value)) {
      this.issues.add('INVALID_TYPE', at, `expected ${expected}, got ${describeValue(value)}`);
      return undefined;
    }
    const max = range.max ?? (range.integer === true ? MAX_WHOLE_NUMBER : Infinity);
    const outside = (range.min !== undefined && value < range.min) || value > max || !Number.isFinite(value);
    if (outside || (range.integer === true && !Number.isInteger(value))) {
      this.issues.add(outside ? 'OUT_OF_RANGE' : 'INVALID_TYPE', at, `expected ${expected}, got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  string(map: Record<string, unknown>, path: ConfigPath, key: string, options: StringOptions = {}): string | undefined {
    const value = get(map, key);
    if (value === undefined) return undefined;
    const at = [...path, key];
    const { oneOf } = options;
    const expected = oneOf !== undefined ? `one of ${oneOf.join(', ')}` : 'a string';
    if (typeof value !== 'string') {
      const scalar = typeof value === 'number' || typeof value === 'boolean';
      const hint = scalar && oneOf === undefined ? ` (quote it: "${String(value)}")` : '';
      this.issues.add('INVALID_TYPE', at, `expected ${expected}, got ${describeValue(value)}${hint}`);
      return undefined;
    }
    if (oneOf !== undefined) {
      const match = oneOf.find((o) => o.toLowerCase() === value.trim().toLowerCase());
      if (match === undefined) this.issues.add('INVALID_VALUE', at, `expected ${expected}, got ${describeValue(value)}`);
      return match;
    }
    if (options.nonEmpty !== false && value.trim() === '') {
      this.issues.add('INVALID_VALUE', at, 'expected a non-empty string, got an empty one');
      return undefined;
    }
    return value;
  }

  /** A list of strings (`redact_keys`); a bare string is refused with a hint to write a list. */
  stringList(map: Record<string, unknown>, path: ConfigPath, key: string): string[] | undefined {
    return this._list(map, path, key, 'strings', () => true);
  }

  /** A list of event-name globs, each compiled to check it. */
  patterns(map: Record<string, unknown>, path: ConfigPath, key: string): string[] | undefined {
    return this._list(map, path, key, 'event-name patterns', (pattern, at) => {
      const problem = patternProblem(pattern);
      if (problem === undefined) return true;
      this.issues.add('INVALID_PATTERN', at, `expected an event-name glob such as 'user.*', got '${pattern}': ${problem}`);
      return false;
    });
  }

  private _list(map: Record<string, unknown>, path: ConfigPath, key: string, itemWhat: string, check: (item: string, at: ConfigPath) => boolean): string[] | undefined {
    const value = get(map, key);
    if (value === undefined || value === null) return undefined;
    const at = [...path, key];
    if (!Array.isArray(value)) {
      const hint = typeof value === 'string' ? `; write a list: [${JSON.stringify(value)}]` : '';
      this.issues.add('INVALID_TYPE', at, `expected a list of ${itemWhat}, got ${describeValue(value)}${hint}`);
      return undefined;
    }
    const out: string[] = [];
    value.forEach((item: unknown, i) => {
      if (typeof item !== 'string') this.issues.add('INVALID_TYPE', [...at, i], `expected a string, got ${describeValue(item)}`);
      else if (check(item, [...at, i])) out.push(item);
    });
    return out;
  }

  private _fromEnv(path: ConfigPath): boolean {
    return this._substituted.has(formatPath(path));
  }
}

/** An own key's value; inherited names such as `constructor` are absent. */
export function get(map: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** `a number from 0 to 1`, `a whole number of at least 1`, … */
export function describeRange(range: NumberRange): string {
  const kind = range.integer === true ? 'a whole number' : 'a number';
  if (range.min !== undefined && range.max !== undefined) return `${kind} from ${range.min} to ${range.max}`;
  if (range.min !== undefined) return `${kind} of at least ${range.min}`;
  if (range.max !== undefined) return `${kind} of at most ${range.max}`;
  return kind;
}

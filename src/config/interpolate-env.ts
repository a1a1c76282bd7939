import type { ConfigIssues } from './config-issues';
import { formatPath } from './config-path';

/** Environment variables, as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Nesting beyond which a configuration is refused rather than walked. */
export const MAX_CONFIG_DEPTH = 64;

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The outcome of interpolating one string. */
export type Interpolation =
  | { ok: true; value: string; substituted: boolean }
  | { ok: false; code: 'MISSING_ENV' | 'INVALID_VALUE'; message: string };

/**
 * Replaces `${VAR}` with the variable's value and `${VAR:-default}` with the value, or the
 * default when the variable is unset or empty. `$${` writes a literal `${`. Pure.
 */
export function interpolateString(text: string, env: Env): Interpolation {
  if (!text.includes('${')) return { ok: true, value: text, substituted: false };
  let out = '';
  let substituted = false;
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start === -1) break;
    if (start > 0 && text[start - 1] === '$') {
      out += `${text.slice(i, start - 1)}\${`;
      i = start + 2;
      continue;
    }
    const end = text.indexOf('}', start + 2);
    if (end === -1) return { ok: false, code: 'INVALID_VALUE', message: `expected \${NAME} or \${NAME:-default}, found an unclosed '\${' in '${text}'` };
    const body = text.slice(start + 2, end);
    const sep = body.indexOf(':-');
    const name = sep === -1 ? body : body.slice(0, sep);
    if (!VARIABLE_NAME.test(name)) {
      return { ok: false, code: 'INVALID_VALUE', message: `expected \${NAME} or \${NAME:-default} with NAME made of letters, digits and '_', got '\${${body}}'` };
    }
    const value = env[name];
    let replacement: string;
    if (sep !== -1) replacement = value === undefined || value === '' ? body.slice(sep + 2) : value;
    else if (value === undefined) return { ok: false, code: 'MISSING_ENV', message: `environment variable ${name} is not set; set it or write \${${name}:-default}` };
    else replacement = value;
    out += text.slice(i, start) + replacement;
    substituted = true;
    i = end + 1;
  }
  return { ok: true, value: out + text.slice(i), substituted };
}

/** A configuration value with every string interpolated, and the paths whose strings came from the environment. */
export interface InterpolatedTree {
  value: unknown;
  /** Formatted paths (`telemetry.sampling.rate`) of strings that had a substitution. */
  substituted: Set<string>;
}

/**
 * Copies `raw` with {@link interpolateString} applied to every string (not to keys). Faults are
 * recorded in `issues`; a faulty string is kept as written.
 */
export function interpolateTree(raw: unknown, env: Env, issues: ConfigIssues): InterpolatedTree {
  const substituted = new Set<string>();
  const ancestors: object[] = [];

  const walk = (value: unknown, path: (string | number)[]): unknown => {
    if (typeof value === 'string') {
      const result = interpolateString(value, env);
      if (!result.ok) {
        issues.add(result.code, path, result.message);
        return value;
      }
      if (result.substituted) substituted.add(formatPath(path));
      return result.value;
    }
    if (typeof value !== 'object' || value === null || !isPlainContainer(value)) return value;
    if (ancestors.includes(value)) {
      issues.add('INVALID_VALUE', path, 'expected a tree of values, found a value that contains itself (a recursive alias)');
      return undefined;
    }
    if (path.length >= MAX_CONFIG_DEPTH) {
      issues.add('INVALID_VALUE', path, `expected at most ${MAX_CONFIG_DEPTH} levels of nesting`);
      return undefined;
    }
    ancestors.push(value);
    try {
      if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        Object.defineProperty(out, key, { value: walk((value as Record<string, unknown>)[key], [...path, key]), enumerable: true, writable: true, configurable: true });
      }
      return out;
    } finally {
      ancestors.pop();
    }
  };

  return { value: walk(raw, []), substituted };
}

/** Arrays and objects made by literals or YAML; dates and class instances are left alone. */
export function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

import type { ConfigIssues } from './config-issues';
import type { Env } from './interpolate-env';

const TRUE_WORDS: ReadonlySet<string> = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['0', 'false', 'no', 'off']);

/** `1/true/yes/on` → true, `0/false/no/off` → false (any case, spaces trimmed), anything else → undefined. */
export function parseFlag(value: string): boolean | undefined {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** The switches the environment can flip over the file (DESIGN.md §6). */
export interface EnvFlags {
  enabled?: boolean;
  debug?: boolean;
  /** `DO_NOT_TRACK` is set to a true value: it wins over everything. */
  doNotTrack: boolean;
}

/**
 * Reads `TELEMETRY_ENABLED`, `TELEMETRY_DEBUG` and `DO_NOT_TRACK`. An unset or empty variable
 * changes nothing; a value that is not a flag is an `INVALID_VALUE` fault. `DO_NOT_TRACK`
 * follows https://consoledonottrack.com: any true value opts out, anything else is ignored.
 */
export function readEnvFlags(env: Env, issues: ConfigIssues): EnvFlags {
  const flags: EnvFlags = { doNotTrack: false };
  for (const [name, key] of [['TELEMETRY_ENABLED', 'enabled'], ['TELEMETRY_DEBUG', 'debug']] as const) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const value = parseFlag(raw);
    if (value === undefined) issues.add('INVALID_VALUE', ['env', name], `expected one of 1/true/yes/on or 0/false/no/off, got '${raw}'`, 'none');
    else flags[key] = value;
  }
  const dnt = env.DO_NOT_TRACK;
  flags.doNotTrack = dnt !== undefined && parseFlag(dnt) === true;
  return flags;
}

import type { ConfigErrorCode } from '../errors';
import { ConfigError } from '../errors';
import type { ConfigPath, Locate } from './config-path';
import { formatPath } from './config-path';

/** Longest value quoted in a message; longer ones are cut. */
const MAX_QUOTED_LENGTH = 60;

/**
 * Collects the faults of one configuration, each a {@link ConfigError} with its key path and,
 * when the configuration came from a file, its line and column (0 otherwise).
 */
export class ConfigIssues {
  readonly errors: ConfigError[] = [];
  private readonly _locate: Locate | undefined;

  constructor(locate?: Locate) {
    this._locate = locate;
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  /**
   * Records a fault. `message` says what was expected and found, without the path or position:
   * both are added here (`telemetry.sampling.rate: expected …, got 1.5 (line 7, column 11)`).
   * `part: 'none'` is for faults outside the file (the environment): they have no position.
   */
  add(code: ConfigErrorCode, path: ConfigPath, message: string, part: 'key' | 'value' | 'none' = 'value'): void {
    let position: { line: number; column: number } | undefined;
    try {
      position = part === 'none' ? undefined : this._locate?.(path, part);
    } catch {
      position = undefined;
    }
    this.errors.push(createConfigError(code, formatPath(path), message, position?.line ?? 0, position?.column ?? 0));
  }

  /** Throws the first fault, if any. */
  throwFirst(): void {
    if (this.errors.length > 0) throw this.errors[0];
  }
}

/** A ConfigError whose message ends with the position when it is known. */
export function createConfigError(code: ConfigErrorCode, path: string, message: string, line: number, column: number, cause?: unknown): ConfigError {
  const where = line > 0 ? ` (line ${line}, column ${column})` : '';
  const prefix = path === '' ? '' : `${path}: `;
  return new ConfigError({ code, message: `${prefix}${message}${where}`, path, line, column, cause });
}

/** How a found value reads in a message: `1.5`, `'abc'`, `a list`, `a map`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const cut = value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value;
    return `'${cut}'`;
  }
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return `a date (${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return `a ${typeof value}`;
}

import { resolve } from 'node:path';

/** What a command may touch: its output streams, working directory and environment. */
export interface CliIo {
  /** Writes text as is; commands end their lines with `\n`. */
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** Exit codes shared by the commands. */
export const EXIT_OK = 0;
/** The check failed: the file is invalid, or (route) no destination takes the event. */
export const EXIT_FAILED = 1;
/** Bad arguments, or nothing to work on. */
export const EXIT_USAGE = 2;

/** The YAML a command reads: the one given, else `$TELEMETRY_CONFIG`, else `./telemetry.config.yaml`. */
export function cliConfigPath(explicit: string | undefined, io: CliIo): string {
  const fromEnv = io.env.TELEMETRY_CONFIG;
  const chosen = explicit ?? (fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : 'telemetry.config.yaml');
  return resolve(io.cwd, chosen);
}

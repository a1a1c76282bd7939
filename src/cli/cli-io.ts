/** What a CLI command reads and writes, so that tests can run commands in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly cwd: string;
  readonly env: Record<string, string | undefined>;
}

/** A `decotel` sub-command: takes its arguments, returns the exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** The process's own streams, working directory and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}

import type { CliIo } from '../../src/cli/cli-io';

/** A CliIo that keeps what the command prints. */
export function captureIo(cwd: string, env: Record<string, string | undefined> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd,
    env,
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}

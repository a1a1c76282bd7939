import type { CliIo } from './cli-io';

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

/** The usage text printed by `decotel help` and on an unknown command. */
export function usage(commands: ReadonlyMap<string, { summary: string }>): string {
  const rows = [...commands].map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n');
  return `Usage: decotel <command> [options]\n\nCommands:\n${rows}\n  help       show this text\n`;
}

/** Runs one sub-command; returns the exit code (2 for a usage error). */
export async function runCli(argv: string[], io: CliIo, commands: ReadonlyMap<string, { summary: string; run: CliCommand }>): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.get(name);
  if (command === undefined) {
    io.stderr(`decotel: unknown command '${name}'\n\n${usage(commands)}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    io.stderr(`decotel ${name}: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  }
}

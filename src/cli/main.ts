import type { CliCommand } from './run-cli';
import { processIo, runCli } from './run-cli';

/** Every sub-command of `decotel`, in the order `help` lists them. */
const COMMANDS = new Map<string, { summary: string; run: CliCommand }>([]);

void runCli(process.argv.slice(2), processIo(), COMMANDS).then((code) => {
  process.exitCode = code;
});

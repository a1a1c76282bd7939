import type { CliCommand } from './cli-io';
import { processIo } from './cli-io';
import { runCli } from './run-cli';

/** Every sub-command of `decotel`, in the order `help` lists them. */
const COMMANDS = new Map<string, { summary: string; run: CliCommand }>([]);

void runCli(process.argv.slice(2), processIo(), COMMANDS).then((code) => {
  process.exitCode = code;
});

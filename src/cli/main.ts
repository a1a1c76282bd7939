import { collectCommand } from './collect-command';
import { initCommand } from './init-command';
import type { CliCommand } from './run-cli';
import { processIo, runCli } from './run-cli';
import { routeCommand } from './route-command';
import { validateCommand } from './validate-command';

/** Every sub-command of `decotel`, in the order `help` lists them. */
const COMMANDS = new Map<string, { summary: string; run: CliCommand }>([
  ['init', { summary: 'write a commented starter telemetry.config.yaml (--force to overwrite)', run: initCommand }],
  ['validate', { summary: 'check a config file; errors with line and column', run: validateCommand }],
  ['collect', { summary: 'local receiver for the json and otlp formats, with a live view at /', run: collectCommand }],
  ['route', { summary: 'show which destinations take an event, by which pattern, at which rate', run: routeCommand }],
]);

void runCli(process.argv.slice(2), processIo(), COMMANDS).then((code) => {
  process.exitCode = code;
});

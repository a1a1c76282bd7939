import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { ConfigError } from '../errors';
import { readConfigFile } from '../config/load-config.node';
import { checkConfigText } from '../config/parse-config-text';
import type { CliIo } from './cli-io';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, cliConfigPath } from './cli-io';
import { cliKnownTypes } from './known-types';
import { formatConfigError } from './format-diagnostic';

const USAGE = `Usage: decotel validate [file] [--type NAME]...

Checks a telemetry.config.yaml (default: $TELEMETRY_CONFIG, else ./telemetry.config.yaml) and
prints every fault with its line, column and the source around it.
  --type NAME   accept a custom destination type registered by the application (repeatable)
Exit status: 0 valid, 1 invalid, 2 bad arguments.
`;

/** `decotel validate [file] [--type NAME]...`: prints each fault and exits 1, or `OK: N destinations`. */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { type: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    io.stderr(`decotel validate: ${(err as Error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help === true) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (parsed.positionals.length > 1) {
    io.stderr(`decotel validate: expected at most one file, got ${parsed.positionals.length}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const file = cliConfigPath(parsed.positionals[0], io);
  const label = relative(io.cwd, file) || file;
  let text: string;
  try {
    text = readConfigFile(file);
  } catch (err) {
    io.stderr(formatConfigError(err as ConfigError, label));
    return EXIT_FAILED;
  }
  const check = checkConfigText(text, { env: io.env, knownTypes: cliKnownTypes(parsed.values.type) });
  if (check.config === undefined) {
    for (const error of check.errors) io.stderr(formatConfigError(error, label, text));
    const n = check.errors.length;
    io.stderr(`${n} error${n === 1 ? '' : 's'} in ${label}\n`);
    return EXIT_FAILED;
  }
  const destinations = check.config.destinations;
  const disabled = destinations.filter((d) => !d.enabled).length;
  const note = disabled > 0 ? `, ${disabled} disabled` : '';
  const off = check.config.enabled ? '' : ' (telemetry is disabled)';
  io.stdout(`OK: ${destinations.length} destination${destinations.length === 1 ? '' : 's'}${note} in ${label}${off}\n`);
  return EXIT_OK;
}

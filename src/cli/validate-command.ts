import { parseArgs } from 'node:util';
import type { CliIo } from './cli-io';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './cli-io';
import { readCliConfig } from './read-cli-config.node';

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
  const { label, config, errors } = readCliConfig(parsed.positionals[0], parsed.values.type, io);
  if (config === undefined) {
    if (errors > 0) io.stderr(`${errors} error${errors === 1 ? '' : 's'} in ${label}\n`);
    return EXIT_FAILED;
  }
  const destinations = config.destinations;
  const disabled = destinations.filter((d) => !d.enabled).length;
  const note = disabled > 0 ? `, ${disabled} disabled` : '';
  const off = config.enabled ? '' : ' (telemetry is disabled)';
  io.stdout(`OK: ${destinations.length} destination${destinations.length === 1 ? '' : 's'}${note} in ${label}${off}\n`);
  return EXIT_OK;
}

import { existsSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { CliIo } from './cli-io';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './cli-io';
import { STARTER_CONFIG } from './init-template';

/** `decotel init [file] [--force]`: writes a commented starter `telemetry.config.yaml`. */
export async function initCommand(args: string[], io: CliIo): Promise<number> {
  const force = args.includes('--force');
  const rest = args.filter((a) => a !== '--force');
  if (rest.length > 1 || rest.some((a) => a.startsWith('-'))) {
    io.stderr('Usage: decotel init [file] [--force]\n');
    return EXIT_USAGE;
  }
  const path = resolve(io.cwd, rest[0] ?? 'telemetry.config.yaml');
  const shown = relative(io.cwd, path) || path;
  if (existsSync(path) && !force) {
    io.stderr(`decotel init: ${shown} already exists; pass --force to overwrite it\n`);
    return EXIT_FAILED;
  }
  writeFileSync(path, STARTER_CONFIG);
  io.stdout(`wrote ${shown}\nnext: npx decotel validate ${shown}\n`);
  return EXIT_OK;
}

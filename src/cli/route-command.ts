import { parseArgs } from 'node:util';
import type { ResolvedConfig } from '../config/config-types';
import { defaultSeverity, isSeverity } from '../tracker/event';
import type { CliIo } from './cli-io';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './cli-io';
import type { DestinationVerdict, RouteExplanation, SamplingVerdict } from './explain-route';
import { explainRoute } from './explain-route';
import { readCliConfig } from './read-cli-config.node';

const USAGE = `Usage: decotel route <event> [--config FILE] [--severity LEVEL] [--type NAME]...

Shows which destinations take an event, by which pattern, and at which sampling rate.
  --config FILE     the YAML (default: $TELEMETRY_CONFIG, else ./telemetry.config.yaml)
  --severity LEVEL  debug | info | warning | error | critical (default: error for *.failed, else info)
  --type NAME       accept a custom destination type registered by the application (repeatable)
Exit status: 0 some destination takes it, 1 none does, 2 bad arguments or configuration.
`;

/** `decotel route <event> [--config file]`: which destinations take the event, why, and at which rate. */
export async function routeCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { config: { type: 'string', short: 'c' }, severity: { type: 'string', short: 's' }, type: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    io.stderr(`decotel route: ${(err as Error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help === true) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const [name, ...rest] = parsed.positionals;
  if (name === undefined || name.trim() === '' || rest.length > 0) {
    io.stderr(`decotel route: expected one event name, e.g. decotel route user.login\n${USAGE}`);
    return EXIT_USAGE;
  }
  const severity = parsed.values.severity?.toLowerCase() ?? defaultSeverity(name);
  if (!isSeverity(severity)) {
    io.stderr(`decotel route: --severity expects debug, info, warning, error or critical, got '${parsed.values.severity}'\n`);
    return EXIT_USAGE;
  }
  const config = loadForRoute(parsed.values.config, parsed.values.type, io);
  if (config === undefined) return EXIT_USAGE;
  const explanation = explainRoute(config, name, severity);
  io.stdout(formatExplanation(explanation));
  return explanation.enabled && explanation.destinations.some((d) => d.takes) ? EXIT_OK : EXIT_FAILED;
}

function loadForRoute(explicit: string | undefined, types: string[] | undefined, io: CliIo): ResolvedConfig | undefined {
  const { label, config } = readCliConfig(explicit, types, io);
  if (config === undefined) io.stderr(`decotel route: fix ${label} first (decotel validate ${label})\n`);
  return config;
}

/** The report printed by `decotel route`. */
export function formatExplanation(e: RouteExplanation): string {
  const lines = [`event '${e.name}' (severity ${e.severity}), ${formatSampling(e.sampling)}`];
  if (!e.enabled) lines.push('telemetry is disabled (enabled: false, TELEMETRY_ENABLED or DO_NOT_TRACK): nothing is sent');
  const width = Math.max(0, ...e.destinations.map((d) => d.name.length));
  for (const d of e.destinations) lines.push(`  ${d.takes ? 'takes' : 'skips'}  ${d.name.padEnd(width)}  ${formatVerdict(d)}`);
  const taking = e.destinations.filter((d) => d.takes).map((d) => d.name);
  if (e.destinations.length === 0) lines.push('no destinations are configured');
  if (taking.length === 0) lines.push(`no destination takes '${e.name}'`);
  else lines.push(`${taking.length} destination${taking.length === 1 ? '' : 's'} take${taking.length === 1 ? 's' : ''} '${e.name}': ${taking.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function formatSampling(s: SamplingVerdict): string {
  const rate = `kept at rate ${s.rate}`;
  if (s.source === 'rule') return `${rate} by sampling.rules[${String(s.index)}] (pattern '${String(s.pattern)}')`;
  if (s.source === 'errors') return `${rate} (errors are kept unless a rule names them)`;
  return `${rate} (sampling.rate)`;
}

function formatVerdict(d: DestinationVerdict): string {
  if (d.takes) return `by pattern '${d.pattern}'`;
  switch (d.reason) {
    case 'disabled':
      return 'disabled (enabled: false)';
    case 'excluded':
      return `excluded by '${d.pattern}'`;
    case 'below_min_severity':
      return `below its min_severity ${d.minSeverity}`;
    case 'no_match':
      return d.events.length === 0 ? 'has no events patterns (takes nothing)' : `no pattern matches (events: ${d.events.join(', ')})`;
  }
}

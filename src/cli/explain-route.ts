import type { DestinationConfig, ResolvedConfig } from '../config/config-types';
import type { Severity } from '../tracker/event';
import { SEVERITY_RANK } from '../tracker/event';
import { PatternSet } from '../tracker/pattern';

/** Why one destination takes an event or not. */
export type DestinationVerdict =
  | { name: string; takes: true; pattern: string }
  | { name: string; takes: false; reason: 'disabled' }
  | { name: string; takes: false; reason: 'no_match'; events: readonly string[] }
  | { name: string; takes: false; reason: 'excluded'; pattern: string }
  | { name: string; takes: false; reason: 'below_min_severity'; minSeverity: Severity };

/** The sampling rate of an event and where it comes from. */
export interface SamplingVerdict {
  rate: number;
  /** `rule`: `sampling.rules[index]` matched by `pattern`; `errors`: errors are kept; `default`: `sampling.rate`. */
  source: 'rule' | 'errors' | 'default';
  index?: number;
  pattern?: string;
}

/** What the pipeline would do with an event of this name and severity. */
export interface RouteExplanation {
  name: string;
  severity: Severity;
  /** False when `enabled: false`, `TELEMETRY_ENABLED=0` or `DO_NOT_TRACK` turn everything off. */
  enabled: boolean;
  sampling: SamplingVerdict;
  destinations: DestinationVerdict[];
}

/** Explains the routing of DESIGN.md §6 for one event name, with the same matching as the tracker. */
export function explainRoute(config: ResolvedConfig, name: string, severity: Severity): RouteExplanation {
  return {
    name,
    severity,
    enabled: config.enabled,
    sampling: explainSampling(config, name, severity),
    destinations: config.destinations.map((d) => explainDestination(d, name, severity)),
  };
}

function explainDestination(destination: DestinationConfig, name: string, severity: Severity): DestinationVerdict {
  const base = { name: destination.name };
  if (!destination.enabled) return { ...base, takes: false, reason: 'disabled' };
  const pattern = new PatternSet(destination.events).firstMatch(name);
  if (pattern === undefined) return { ...base, takes: false, reason: 'no_match', events: destination.events };
  const excludedBy = new PatternSet(destination.exclude).firstMatch(name);
  if (excludedBy !== undefined) return { ...base, takes: false, reason: 'excluded', pattern: excludedBy };
  if (SEVERITY_RANK[severity] < SEVERITY_RANK[destination.minSeverity]) return { ...base, takes: false, reason: 'below_min_severity', minSeverity: destination.minSeverity };
  return { ...base, takes: true, pattern };
}

function explainSampling(config: ResolvedConfig, name: string, severity: Severity): SamplingVerdict {
  const rules = config.sampling.rules;
  for (let index = 0; index < rules.length; index++) {
    const pattern = new PatternSet(rules[index].events).firstMatch(name);
    if (pattern !== undefined) return { rate: rules[index].rate, source: 'rule', index, pattern };
  }
  if (SEVERITY_RANK[severity] >= SEVERITY_RANK.error) return { rate: 1, source: 'errors' };
  return { rate: config.sampling.rate, source: 'default' };
}

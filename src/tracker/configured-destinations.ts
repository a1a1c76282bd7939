import type { DestinationConfig } from '../config/config-types';
import type { Destination, DestinationFactory } from '../destinations/destination';
import { DecotelError } from '../errors';
import type { DestinationSet, Entry } from './destination-set';
import { makeEntry } from './destination-set';
import { DestinationCounters } from './stats';

/**
 * Replaces the configured destinations of `set` with those of `configs`; those added with
 * `addDestination()` stay. An unchanged destination (same type and options) keeps its instance,
 * queue and counters; the ones that went away are returned, to be shut down. A platform that
 * takes configurations installs this (Node always; the browser with `withConfigValidation()`),
 * so that a page that never configures destinations does not carry it.
 * @throws {DecotelError} `DESTINATION_TYPE` when a type is unknown or its factory throws (setup time).
 */
export function applyConfiguredDestinations(set: DestinationSet, configs: readonly DestinationConfig[], types: ReadonlyMap<string, DestinationFactory>): Destination[] {
  const configured = new Set(configs.map((c) => c.name));
  const next: Entry[] = set._entries.filter((e) => e.key === '' && !configured.has(e.destination.name));
  const previous = new Map(set._entries.filter((e) => e.key !== '').map((e) => [e.destination.name, e]));
  for (const cfg of configs) {
    if (!cfg.enabled) continue;
    const key = JSON.stringify([cfg.type, cfg.options]);
    const old = previous.get(cfg.name);
    if (old !== undefined && old.key === key) {
      previous.delete(cfg.name);
      next.push(makeEntry(old.destination, cfg, key, old.counters));
      continue;
    }
    const counters = new DestinationCounters();
    const factory = types.get(cfg.type);
    if (factory === undefined) throw new DecotelError({ code: 'DESTINATION_TYPE', message: `destination '${cfg.name}': no type '${cfg.type}' is registered` });
    let made: ReturnType<DestinationFactory>;
    try {
      const context = set._context(cfg.name, counters);
      made = factory({ ...cfg.options, name: cfg.name }, context);
      made.bind?.(context);
    } catch (err) {
      throw new DecotelError({ code: 'DESTINATION_TYPE', message: `destination '${cfg.name}' (type ${cfg.type}) could not be created: ${(err as Error)?.message}`, cause: err });
    }
    const destination = Object.assign(made, { name: cfg.name }) as Destination;
    next.push(makeEntry(destination, cfg, key, counters));
  }
  set._entries = next;
  return [...previous.values()].map((e) => e.destination);
}

import { MemoryDestination, telemetry } from 'decotel';
import type { TelemetryEvent } from 'decotel';

/**
 * A fresh tracker with one memory destination (it takes every event) before each test.
 * Returns a getter for that destination.
 */
export function useMemoryDestination(): () => MemoryDestination {
  let memory = new MemoryDestination();
  beforeEach(() => {
    telemetry.reset();
    memory = new MemoryDestination();
    telemetry.addDestination(memory);
  });
  afterAll(() => telemetry.reset());
  return () => memory;
}

/** The names of the events, in order, leaving out the session events. */
export function eventNames(memory: MemoryDestination): string[] {
  return memory.events.filter((e) => !e.name.startsWith('session.')).map((e) => e.name);
}

/** The only event of that name; fails the test when there is not exactly one. */
export function only(memory: MemoryDestination, name: string): TelemetryEvent {
  const found = memory.events.filter((e) => e.name === name);
  if (found.length !== 1) throw new Error(`expected one '${name}' event, got ${found.length}: ${eventNames(memory).join(', ')}`);
  return found[0];
}

let seen: 'standard' | 'legacy' = 'standard';
function probe(...args: any[]): any {
  seen = args.length === 2 && typeof args[1] === 'object' ? 'standard' : 'legacy';
}
class Probe {
  @probe
  method(): void {}
}
void Probe;

/** The decorator mode this file was compiled in: each jest project compiles the suite in one. */
export const DECORATOR_MODE: 'standard' | 'legacy' = seen;

/** Lets promise callbacks and timers run. */
export function settle(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

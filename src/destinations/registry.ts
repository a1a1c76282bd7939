import { DecotelError } from '../errors';
import { ConsoleDestination } from './console-destination';
import type { DestinationFactory } from './destination';
import { MemoryDestination } from './memory-destination';

/**
 * The types every platform knows, for configurations: the Node platform adds them with `file` and
 * `http`; in the browser `withConfigValidation()` registers them with the validator, since only
 * a validated configuration object can name a type there.
 */
export function builtInDestinationTypes(): Map<string, DestinationFactory> {
  return new Map<string, DestinationFactory>([
    ['memory', (o) => new MemoryDestination({ name: o.name, maxEvents: o.maxEvents as number | undefined })],
    ['console', (o) => new ConsoleDestination({ name: o.name, format: o.format as 'pretty' | 'json' | undefined, stream: o.stream as 'stderr' | 'stdout' | undefined })],
  ]);
}

/** Throws when `type` is not a usable type name or `factory` is not a function. */
export function assertFactory(type: unknown, factory: unknown): asserts factory is DestinationFactory {
  if (typeof type !== 'string' || !/^[a-z][a-z0-9_-]*$/i.test(type)) {
    throw new DecotelError({ code: 'DESTINATION_TYPE', message: `registerDestinationType: the type must be a name like 'kafka', got ${String(type)}` });
  }
  if (typeof factory !== 'function') {
    throw new DecotelError({ code: 'DESTINATION_TYPE', message: `registerDestinationType('${type}'): the factory must be a function returning { handle(event) }` });
  }
}

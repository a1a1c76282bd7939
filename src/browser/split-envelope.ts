import type { ResourceInfo } from '../destinations/destination';
import type { HttpFormat } from '../destinations/http/http-format';
import type { TelemetryEvent } from '../tracker/event';

/** A format's body cut around its array of records: `pre + records.join(',') + suf`. */
export interface EnvelopeSplit {
  pre: string;
  suf: string;
  /** The encoding of one event inside that array. */
  record(event: TelemetryEvent): string;
}

const PROBE: TelemetryEvent = { id: 'p', name: 'p', category: 'p', severity: 'info', timestamp: '1970-01-01T00:00:00.000Z', properties: {}, context: {}, sessionId: 'p', sequence: 1 };

/**
 * Cuts `format`'s envelope around its records, by comparing the encoding of no event with that
 * of one, so that a page can assemble beacon bodies of any format from records the worker
 * encoded. `undefined` when the format does not have that shape (one JSON array of records).
 * Pure.
 */
export function splitEnvelope(format: HttpFormat, resource: ResourceInfo, nowMs: number): EnvelopeSplit | undefined {
  const empty = format.encode([], resource, nowMs);
  const one = format.encode([PROBE], resource, nowMs);
  let p = 0;
  while (p < empty.length && empty[p] === one[p]) p++;
  const suf = empty.slice(p);
  if (!one.endsWith(suf) || !empty.slice(0, p).endsWith('[') || !suf.startsWith(']')) return undefined;
  const pre = empty.slice(0, p);
  return {
    pre,
    suf,
    record(event) {
      const body = format.encode([event], resource, nowMs);
      return body.slice(pre.length, body.length - suf.length);
    },
  };
}

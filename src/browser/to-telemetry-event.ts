import type { TelemetryEvent } from '../tracker/event';
import type { TelemetryRecord } from './logger-types';
import { randomUuid } from './random-uuid';
import { toSafeParams } from './safe-params';

/** Reports a fault of a kind (`'event_name'`, `'timestamp_ns'`…) with a message; the caller warns once per kind. */
export type FaultReporter = (kind: string, message: string) => void;

/** Nanoseconds since the epoch up to which `Date` can go (8.64e15 ms). */
const MAX_NS = 8_640_000_000_000_000_000_000n;

/**
 * The decotel event (DESIGN.md §2) of a logger record: `name`, `properties`, `status` in lower
 * case, `durationMs`, `timestamp` and `timestampNs` (a decimal string; default now). Session id
 * and sequence are the worker's to set. `undefined` (and a fault) for a record without a string
 * `event_name`.
 */
export function toTelemetryEvent(record: TelemetryRecord, fault: FaultReporter): TelemetryEvent | undefined {
  const name = (record as Partial<TelemetryRecord> | undefined)?.event_name;
  if (typeof name !== 'string' || name === '') {
    fault('event_name', 'a record without event_name was dropped');
    return undefined;
  }
  let ns = toNs(record.timestamp_ns);
  if (ns === undefined) {
    if (record.timestamp_ns !== undefined) fault('timestamp_ns', 'a bad timestamp_ns was replaced by now');
    ns = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;
  }
  const status = typeof record.status === 'string' ? record.status.toLowerCase() : undefined;
  const dot = name.indexOf('.');
  const event: TelemetryEvent = {
    id: randomUuid(),
    name,
    category: dot < 0 ? name : name.slice(0, dot),
    severity: status === 'failure' || name.endsWith('.failed') ? 'error' : 'info',
    timestamp: new Date(Number(ns / 1_000_000n)).toISOString(),
    properties: toSafeParams(record.params),
    context: {},
    sessionId: '',
    sequence: 0,
    timestampNs: ns.toString(),
  };
  if (status === 'success' || status === 'failure') event.status = status;
  if (typeof record.duration_ms === 'number' && record.duration_ms >= 0 && record.duration_ms < Infinity) event.durationMs = record.duration_ms;
  return event;
}

function toNs(value: unknown): bigint | undefined {
  try {
    const ns = typeof value === 'bigint' ? value : typeof value === 'number' && Number.isFinite(value) ? BigInt(Math.trunc(value)) : undefined;
    return ns !== undefined && ns >= 0n && ns <= MAX_NS ? ns : undefined;
  } catch {
    return undefined;
  }
}

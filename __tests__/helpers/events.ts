import type { DestinationContext, ResourceInfo } from '../../src/destinations/destination';
import type { DropReason, TelemetryEvent } from '../../src/tracker/event';

/** Event number `i`: a stable id, sequence `i`, `properties.i`. */
export function makeEvent(i: number, overrides: Partial<TelemetryEvent> = {}): TelemetryEvent {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: 'test.event',
    category: 'test',
    severity: 'info',
    timestamp: new Date(1_700_000_000_000 + i).toISOString(),
    properties: { i },
    context: {},
    sessionId: 'session-1',
    sequence: i,
    ...overrides,
  };
}

/** Events `from` … `from + count − 1`. */
export function makeEvents(count: number, from = 1, overrides: Partial<TelemetryEvent> = {}): TelemetryEvent[] {
  return Array.from({ length: count }, (_, k) => makeEvent(from + k, overrides));
}

export const TEST_RESOURCE: ResourceInfo = {
  sessionId: 'session-1',
  service: { name: 'checkout', version: '1.2.3', environment: 'test' },
  sdk: { name: 'decotel', version: '0.1.0' },
  platform: { runtime: 'node', version: process.version, os: process.platform },
};

/** A DestinationContext that records what a destination reports. */
export interface RecordingContext extends DestinationContext {
  deliveredCount: number;
  retriedCount: number;
  drops: Partial<Record<DropReason, number>>;
  errors: unknown[];
  warnings: string[];
}

export function recordingContext(resource: ResourceInfo = TEST_RESOURCE): RecordingContext {
  const ctx: RecordingContext = {
    name: 'http',
    resource,
    deliveredCount: 0,
    retriedCount: 0,
    drops: {},
    errors: [],
    warnings: [],
    delivered(count) {
      ctx.deliveredCount += count;
    },
    retried(count = 1) {
      ctx.retriedCount += count;
    },
    dropped(reason, count) {
      ctx.drops[reason] = (ctx.drops[reason] ?? 0) + count;
    },
    error(err) {
      ctx.errors.push(err);
    },
    warn(message) {
      ctx.warnings.push(message);
    },
  };
  return ctx;
}

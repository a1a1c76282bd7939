// The parts of an event's construction in browser builds (scripts/browser-build.cjs takes this
// module for event-parts.ts): the same events, keys in the same order, built the plain way. Node's
// versions avoid a copy, a slice or a hidden-class change per event on a server's hot path
// (issue #10); a page makes few events, and the plain way costs fewer bytes (DESIGN.md §8).
import type { Scope } from '../context/context-store';
import type { EventError, Severity, TelemetryEvent } from './event';
import { EMPTY_RECORD, defaultCategory } from './event';
import type { PrivacyPolicy } from './privacy';
import type { EventFields } from './tracker';

/** Copies the fields a decorator or integration set onto the event. */
export function assignFields(event: TelemetryEvent, fields: EventFields): void {
  Object.assign(event, fields);
}

/** The event of a decorated call; `nested` puts `parentCallId` right after `sequence`. */
export function callEvent(
  id: string,
  name: string,
  category: string,
  severity: Severity,
  timestamp: string,
  properties: Record<string, unknown>,
  context: Record<string, unknown>,
  sessionId: string,
  sequence: number,
  nested: boolean,
  parentCallId: string | undefined,
  callId: string,
  status: 'success' | 'failure' | undefined,
  durationMs: number | undefined,
  error: EventError | undefined,
): TelemetryEvent {
  const event: TelemetryEvent = { id, name, category, severity, timestamp, properties, context, sessionId, sequence };
  if (nested) event.parentCallId = parentCallId;
  event.callId = callId;
  if (status !== undefined) event.status = status;
  if (durationMs !== undefined) event.durationMs = durationMs;
  if (error !== undefined) event.error = error;
  return event;
}

/** The name's first segment. */
export class CategoryCache {
  of(name: string): string {
    return defaultCategory(name);
  }
}

/** The cleaned context of an event (inner values win); {@link EMPTY_RECORD} with nothing set. */
export function cleanContext(privacy: PrivacyPolicy, base: Record<string, unknown>, global: Record<string, unknown>, scope: Scope | undefined): Record<string, unknown> {
  const merged = { ...base, ...global, ...scope?.context };
  for (const _key in merged) return privacy.cleanRecord(merged);
  return EMPTY_RECORD;
}

// The parts of an event's construction in browser builds (scripts/browser-build.cjs takes this
// module for event-parts.ts): the same events, keys in the same order, built the plain way. Node's
// versions avoid a copy, a slice or a hidden-class change per event on a server's hot path
// (issue #10); a page makes few events, and the plain way costs fewer bytes (DESIGN.md §8).
import { EMPTY_RECORD, defaultCategory } from './event';
import type * as NodeParts from './event-parts';

/** Copies the fields a decorator or integration set onto the event. */
export const assignFields: typeof NodeParts.assignFields = (event, fields) => {
  Object.assign(event, fields);
};

/** The event of a decorated call; `nested` puts `parentCallId` right after `sequence`. */
export const callEvent: typeof NodeParts.callEvent = (id, name, category, severity, timestamp, properties, context, sessionId, sequence, nested, parentCallId, callId, status, durationMs, error) => {
  const event: ReturnType<typeof NodeParts.callEvent> = { id, name, category, severity, timestamp, properties, context, sessionId, sequence };
  if (nested) event.parentCallId = parentCallId;
  event.callId = callId;
  if (status !== undefined) event.status = status;
  if (durationMs !== undefined) event.durationMs = durationMs;
  if (error !== undefined) event.error = error;
  return event;
};

/** The name's first segment. */
export class CategoryCache implements Pick<NodeParts.CategoryCache, 'of'> {
  of(name: string): string {
    return defaultCategory(name);
  }
}

/** The cleaned context of an event (inner values win); {@link EMPTY_RECORD} with nothing set. */
export const cleanContext: typeof NodeParts.cleanContext = (privacy, base, global, scope) => {
  const merged = { ...base, ...global, ...scope?.context };
  for (const _key in merged) return privacy.cleanRecord(merged);
  return EMPTY_RECORD;
};

// Small pieces of an event's construction, kept apart from the tracker so that each stays cheap to read.
import type { Scope } from '../context/context-store';
import type { EventError, Severity, TelemetryEvent } from './event';
import { EMPTY_RECORD, defaultCategory } from './event';
import type { PrivacyPolicy } from './privacy';
import type { EventFields } from './tracker';

/** True when `record` has an own enumerable key; allocates nothing (unlike `Object.keys`). */
export function hasOwnKeys(record: Record<string, unknown>): boolean {
  for (const key in record) if (Object.prototype.hasOwnProperty.call(record, key)) return true;
  return false;
}

/**
 * Copies the fields a decorator or integration set onto the event, as `Object.assign` did (an
 * own key set to undefined is copied too: a decorated call clears `parentCallId` that way), but
 * with named stores in one fixed order, which V8 keeps monomorphic: the generic copy was a
 * tenth of an event's cost (issue #10). Every caller builds its fields in this order, so the
 * event's keys come out in the same order as before.
 */
export function assignFields(event: TelemetryEvent, fields: EventFields): void {
  if ('callId' in fields) event.callId = fields.callId;
  if ('status' in fields) event.status = fields.status;
  if ('durationMs' in fields) event.durationMs = fields.durationMs;
  if ('error' in fields) event.error = fields.error;
  if ('parentCallId' in fields) event.parentCallId = fields.parentCallId;
  if ('sampleRate' in fields) event.sampleRate = fields.sampleRate;
  if ('timestampNs' in fields) event.timestampNs = fields.timestampNs;
}

/**
 * The event of a decorated call, built as one object literal per shape (started, completed,
 * failed) so that V8 gives it its fields in-object from the start: fields added one by one
 * after a literal go to a separate, growing property array. `nested` (another call's scope is
 * active) puts `parentCallId` right after `sequence`, where `_record` has always put it.
 */
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
  if (!nested && status !== undefined && durationMs !== undefined) {
    if (error === undefined) return { id, name, category, severity, timestamp, properties, context, sessionId, sequence, callId, status, durationMs };
    return { id, name, category, severity, timestamp, properties, context, sessionId, sequence, callId, status, durationMs, error };
  }
  const event: TelemetryEvent = nested
    ? { id, name, category, severity, timestamp, properties, context, sessionId, sequence, parentCallId, callId }
    : { id, name, category, severity, timestamp, properties, context, sessionId, sequence, callId };
  if (status !== undefined) event.status = status;
  if (durationMs !== undefined) event.durationMs = durationMs;
  if (error !== undefined) event.error = error;
  return event;
}

/** Names whose category is cached before the cache is cleared, like the router's. */
const CATEGORY_CACHE_MAX_NAMES = 10_000;

/** The name's first segment, cached per name: `slice` would allocate a string per event. */
export class CategoryCache {
  private readonly _categories = new Map<string, string>();

  of(name: string): string {
    let category = this._categories.get(name);
    if (category === undefined) {
      category = defaultCategory(name);
      if (this._categories.size >= CATEGORY_CACHE_MAX_NAMES) this._categories.clear();
      this._categories.set(name, category);
    }
    return category;
  }
}

/**
 * The cleaned context of an event: the configured and global context, and the scope's own
 * values (inner wins). The common cases (nothing set anywhere, or one source only) skip the
 * merged copy; the privacy stage copies anyway. With nothing set, the shared {@link EMPTY_RECORD}.
 */
export function cleanContext(privacy: PrivacyPolicy, base: Record<string, unknown>, global: Record<string, unknown>, scope: Scope | undefined): Record<string, unknown> {
  const own = scope === undefined ? undefined : scope.context;
  const hasBase = hasOwnKeys(base);
  const hasGlobal = hasOwnKeys(global);
  const hasOwn = own !== undefined && hasOwnKeys(own);
  if (!hasBase && !hasGlobal && !hasOwn) return EMPTY_RECORD;
  if (hasBase && !hasGlobal && !hasOwn) return privacy.cleanRecord(base);
  if (!hasBase && hasGlobal && !hasOwn) return privacy.cleanRecord(global);
  if (!hasBase && !hasGlobal && hasOwn) return privacy.cleanRecord(own);
  return privacy.cleanRecord({ ...base, ...global, ...own });
}

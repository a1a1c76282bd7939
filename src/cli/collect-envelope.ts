import type { TelemetryEvent } from '../tracker/event';

/** Events of one received batch, with the service that sent them. */
export interface CollectedBatch {
  service: { name?: string; version?: string; environment?: string };
  events: TelemetryEvent[];
}

/**
 * The batch of a `json` envelope (DESIGN.md §7): an object with an `events` array whose items
 * are objects with a string `id` and `name`.
 * @throws {TypeError} naming what is wrong.
 */
export function envelopeToBatch(body: unknown): CollectedBatch {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new TypeError('expected a JSON object with an events array');
  const envelope = body as { events?: unknown; service?: unknown };
  if (!Array.isArray(envelope.events)) throw new TypeError('expected an events array');
  envelope.events.forEach((event: unknown, i) => {
    if (event === null || typeof event !== 'object' || Array.isArray(event)) throw new TypeError(`events[${i}] is not an object`);
    const e = event as { id?: unknown; name?: unknown };
    if (typeof e.id !== 'string' || e.id === '') throw new TypeError(`events[${i}].id must be a non-empty string`);
    if (typeof e.name !== 'string' || e.name === '') throw new TypeError(`events[${i}].name must be a non-empty string`);
  });
  return { service: serviceOf(envelope.service), events: envelope.events as TelemetryEvent[] };
}

function serviceOf(value: unknown): CollectedBatch['service'] {
  if (value === null || typeof value !== 'object') return {};
  const out: CollectedBatch['service'] = {};
  const s = value as Record<string, unknown>;
  for (const key of ['name', 'version', 'environment'] as const) if (typeof s[key] === 'string') out[key] = s[key] as string;
  return out;
}

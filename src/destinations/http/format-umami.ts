import type { TelemetryEvent } from '../../tracker/event';
import type { HttpFormat } from './http-format';

/**
 * Umami refuses event names longer than this; longer names are cut.
 * @see https://github.com/umami-software/umami/blob/master/src/app/api/send/route.ts
 */
export const UMAMI_MAX_NAME_LENGTH = 50;

/** Options of {@link createUmamiFormat}. */
export interface UmamiFormatOptions {
  /** The website id Umami gave the site (`website_id` in the YAML). */
  websiteId: string;
  /** Sent as `hostname` when set; else the event's `context.hostname`, if it is a string. */
  hostname?: string;
}

/** The body Umami's `/api/send` takes for a custom event. */
export interface UmamiEventBody {
  type: 'event';
  payload: { website: string; name: string; data: Record<string, unknown>; hostname?: string; url?: string };
}

/**
 * The `umami` format: one `POST` a event to Umami's `/api/send`. The event's properties are its
 * `data`; `url` is the event's `context.url` (else `context.path`) when it is a string.
 * @see https://umami.is/docs/api/sending-stats
 */
export function createUmamiFormat(options: UmamiFormatOptions): HttpFormat {
  return {
    name: 'umami',
    contentType: 'application/json',
    maxEventsPerRequest: 1,
    encode: (events) => JSON.stringify(toUmamiBody(events[0], options)),
  };
}

/** The `/api/send` body of one event. */
export function toUmamiBody(event: TelemetryEvent, options: UmamiFormatOptions): UmamiEventBody {
  const context = event.context ?? {};
  const payload: UmamiEventBody['payload'] = { website: options.websiteId, name: event.name.slice(0, UMAMI_MAX_NAME_LENGTH), data: { ...event.properties } };
  const hostname = options.hostname ?? stringOf(context.hostname);
  if (hostname !== undefined) payload.hostname = hostname;
  const url = stringOf(context.url) ?? stringOf(context.path);
  if (url !== undefined) payload.url = url;
  return { type: 'event', payload };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

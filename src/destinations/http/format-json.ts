import type { TelemetryEvent } from '../../tracker/event';
import type { ResourceInfo } from '../destination';
import type { HttpFormat } from './http-format';

/** The `json` envelope (DESIGN.md §7): identity once per batch, then the events as they are. */
export interface JsonEnvelope {
  session_id: string;
  installation_id?: string;
  sdk: { name: 'decotel'; version: string };
  service: { name?: string; version?: string; environment?: string };
  platform: { runtime: 'node' | 'browser'; version: string; os?: string };
  /** ISO 8601 time the batch left. */
  sent_at: string;
  events: TelemetryEvent[];
}

/** Options of {@link createJsonFormat}. */
export interface JsonFormatOptions {
  /** Default: `'application/json'`; the browser sends `'text/plain'` to avoid a CORS preflight. */
  contentType?: string;
}

/** The `json` format: one {@link JsonEnvelope} a request. */
export function createJsonFormat(options: JsonFormatOptions = {}): HttpFormat {
  return {
    name: 'json',
    contentType: options.contentType ?? 'application/json',
    encode: (events, resource, nowMs) => JSON.stringify(toJsonEnvelope(events, resource, nowMs)),
  };
}

/** The envelope for one batch. */
export function toJsonEnvelope(events: readonly TelemetryEvent[], resource: ResourceInfo, nowMs: number): JsonEnvelope {
  const envelope: JsonEnvelope = {
    session_id: resource.sessionId,
    sdk: { name: resource.sdk.name, version: resource.sdk.version },
    service: { ...resource.service },
    platform: { ...resource.platform },
    sent_at: new Date(nowMs).toISOString(),
    events: events as TelemetryEvent[],
  };
  if (resource.installationId !== undefined) envelope.installation_id = resource.installationId;
  return envelope;
}

import type { Severity, TelemetryEvent } from '../../tracker/event';
import { SDK_VERSION } from '../../tracker/version';
import type { ResourceInfo } from '../destination';
import type { HttpFormat } from './http-format';
import { toAnyValue, toKeyValues } from './otlp-value';
import type { OtlpAnyValue, OtlpKeyValue } from './otlp-value';

/** OpenTelemetry severity numbers of each decotel severity. */
export const OTLP_SEVERITY_NUMBER: Readonly<Record<Severity, number>> = Object.freeze({
  debug: 5,
  info: 9,
  warning: 13,
  error: 17,
  critical: 21,
});

/** The attribute keys decotel writes for an event's own fields; properties use their own keys. */
export const OTLP_ATTRIBUTE = Object.freeze({
  name: 'event.name',
  id: 'event.id',
  category: 'event.category',
  sessionId: 'session.id',
  sequence: 'decotel.sequence',
  callId: 'decotel.call_id',
  parentCallId: 'decotel.parent_call_id',
  durationMs: 'duration_ms',
  status: 'decotel.status',
  sampleRate: 'decotel.sample_rate',
  errorType: 'exception.type',
  errorMessage: 'exception.message',
  errorStack: 'exception.stacktrace',
  errorCode: 'decotel.error.code',
  errorHash: 'decotel.error.hash',
});

/** Prefix of context entries among the attributes. */
export const OTLP_CONTEXT_PREFIX = 'context.';

/** One OTLP log record in its JSON encoding. */
export interface OtlpLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  eventName: string;
  body: OtlpAnyValue;
  attributes: OtlpKeyValue[];
}

/** An OTLP/HTTP JSON `ExportLogsServiceRequest`. */
export interface OtlpLogsRequest {
  resourceLogs: Array<{
    resource: { attributes: OtlpKeyValue[] };
    scopeLogs: Array<{ scope: { name: string; version: string }; logRecords: OtlpLogRecord[] }>;
  }>;
}

/** The `otlp` format: an OTLP/HTTP JSON `ExportLogsServiceRequest` a batch, for `/v1/logs`. */
export function createOtlpFormat(): HttpFormat {
  return {
    name: 'otlp',
    contentType: 'application/json',
    encode: (events, resource) => JSON.stringify(toOtlpLogsRequest(events, resource)),
  };
}

/** The request for one batch: the resource once, one log record per event. */
export function toOtlpLogsRequest(events: readonly TelemetryEvent[], resource: ResourceInfo): OtlpLogsRequest {
  return {
    resourceLogs: [
      {
        resource: { attributes: resourceAttributes(resource) },
        scopeLogs: [{ scope: { name: 'decotel', version: SDK_VERSION }, logRecords: events.map(toLogRecord) }],
      },
    ],
  };
}

/** The log record of one event (DESIGN.md §7). */
export function toLogRecord(event: TelemetryEvent): OtlpLogRecord {
  const ms = Date.parse(event.timestamp);
  const msNs = Number.isNaN(ms) ? '0' : msToNs(ms);
  const a = OTLP_ATTRIBUTE;
  const attributes: OtlpKeyValue[] = [str(a.name, event.name), str(a.id, event.id), str(a.category, event.category), str(a.sessionId, event.sessionId)];
  attributes.push({ key: a.sequence, value: toAnyValue(event.sequence) });
  if (event.callId !== undefined) attributes.push(str(a.callId, event.callId));
  if (event.parentCallId !== undefined) attributes.push(str(a.parentCallId, event.parentCallId));
  if (event.durationMs !== undefined) attributes.push({ key: a.durationMs, value: toAnyValue(event.durationMs) });
  if (event.status !== undefined) attributes.push(str(a.status, event.status));
  if (event.sampleRate !== undefined) attributes.push({ key: a.sampleRate, value: toAnyValue(event.sampleRate) });
  if (event.error !== undefined) {
    attributes.push(str(a.errorType, event.error.type), str(a.errorMessage, event.error.message));
    if (event.error.stack !== undefined) attributes.push(str(a.errorStack, event.error.stack));
    if (event.error.code !== undefined) attributes.push(str(a.errorCode, event.error.code));
    attributes.push(str(a.errorHash, event.error.hash));
  }
  attributes.push(...toKeyValues(event.properties ?? {}), ...toKeyValues(event.context ?? {}, OTLP_CONTEXT_PREFIX));
  return {
    timeUnixNano: event.timestampNs ?? msNs,
    observedTimeUnixNano: msNs,
    severityNumber: OTLP_SEVERITY_NUMBER[event.severity] ?? OTLP_SEVERITY_NUMBER.info,
    severityText: (event.severity ?? 'info').toUpperCase(),
    eventName: event.name,
    body: { stringValue: event.name },
    attributes,
  };
}

/** Epoch milliseconds as a decimal string of nanoseconds, exact for any integer. */
export function msToNs(ms: number): string {
  return (BigInt(Math.trunc(ms)) * 1_000_000n).toString();
}

function resourceAttributes(resource: ResourceInfo): OtlpKeyValue[] {
  const attrs: OtlpKeyValue[] = [str('service.name', resource.service.name ?? 'unknown_service')];
  if (resource.service.version !== undefined) attrs.push(str('service.version', resource.service.version));
  if (resource.service.environment !== undefined) attrs.push(str('deployment.environment.name', resource.service.environment));
  attrs.push(
    str('telemetry.sdk.name', resource.sdk.name),
    str('telemetry.sdk.version', resource.sdk.version),
    str('telemetry.sdk.language', resource.platform.runtime === 'browser' ? 'webjs' : 'nodejs'),
  );
  if (resource.installationId !== undefined) attrs.push(str('decotel.installation_id', resource.installationId));
  return attrs;
}

function str(key: string, value: string): OtlpKeyValue {
  return { key, value: { stringValue: String(value) } };
}

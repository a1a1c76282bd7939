import { OTLP_ATTRIBUTE, OTLP_CONTEXT_PREFIX } from '../destinations/http/format-otlp';
import { fromAnyValue, fromKeyValues, keyOf } from '../destinations/http/otlp-value';
import type { EventError, Severity, TelemetryEvent } from '../tracker/event';
import { defaultCategory, isSeverity } from '../tracker/event';
import { randomId } from '../tracker/ids';
import type { CollectedBatch } from './collect-envelope';

const RESERVED = new Set<string>(Object.values(OTLP_ATTRIBUTE));
const NS_PER_MS = 1_000_000n;

/**
 * The events of an OTLP/HTTP JSON `ExportLogsServiceRequest`, one batch per resource: the
 * inverse of the `otlp` format. Log records from other SDKs are taken too: without
 * `event.id` an event gets a new id, without a name it is named after its body.
 * @throws {TypeError} when the request is malformed.
 */
export function otlpToBatches(body: unknown): CollectedBatch[] {
  const request = objectOf(body, 'the request');
  return listOf(request.resourceLogs, 'resourceLogs').map((rl, i) => {
    const resourceLogs = objectOf(rl, `resourceLogs[${i}]`);
    const resource = resourceLogs.resource === undefined ? {} : objectOf(resourceLogs.resource, 'resource');
    const attrs = fromKeyValues(resource.attributes);
    const service: CollectedBatch['service'] = {};
    if (typeof attrs['service.name'] === 'string') service.name = attrs['service.name'];
    if (typeof attrs['service.version'] === 'string') service.version = attrs['service.version'];
    const environment = attrs['deployment.environment.name'] ?? attrs['deployment.environment'];
    if (typeof environment === 'string') service.environment = environment;
    const events = listOf(resourceLogs.scopeLogs, 'scopeLogs').flatMap((sl, j) =>
      listOf(objectOf(sl, `scopeLogs[${j}]`).logRecords, 'logRecords').map((r, k) => recordToEvent(objectOf(r, `logRecords[${k}]`))),
    );
    return { service, events };
  });
}

/** The event of one log record. */
export function recordToEvent(record: Record<string, unknown>): TelemetryEvent {
  const reserved = new Map<string, unknown>();
  const properties: Record<string, unknown> = {};
  const context: Record<string, unknown> = {};
  for (const kv of listOf(record.attributes, 'attributes')) {
    const key = keyOf(kv);
    const value = fromAnyValue((kv as { value?: unknown }).value);
    if (RESERVED.has(key) && !reserved.has(key)) reserved.set(key, value);
    else if (key.startsWith(OTLP_CONTEXT_PREFIX)) context[key.slice(OTLP_CONTEXT_PREFIX.length)] = value;
    else properties[key] = value;
  }
  const a = OTLP_ATTRIBUTE;
  const text = (key: string): string | undefined => (typeof reserved.get(key) === 'string' ? (reserved.get(key) as string) : undefined);
  const num = (key: string): number | undefined => (typeof reserved.get(key) === 'number' ? (reserved.get(key) as number) : undefined);
  const body = record.body === undefined ? undefined : fromAnyValue(record.body);
  const name = stringOr(record.eventName) ?? text(a.name) ?? (typeof body === 'string' && body !== '' ? body : 'log');
  const observedNs = nanos(record.observedTimeUnixNano);
  const timeNs = nanos(record.timeUnixNano) ?? observedNs ?? BigInt(Date.now()) * NS_PER_MS;
  const event: TelemetryEvent = {
    id: text(a.id) ?? randomId(),
    name,
    category: text(a.category) ?? defaultCategory(name),
    severity: severityOf(record.severityText, record.severityNumber),
    timestamp: new Date(Number(timeNs / NS_PER_MS)).toISOString(),
    properties,
    context,
    sessionId: text(a.sessionId) ?? '',
    sequence: num(a.sequence) ?? 0,
  };
  const status = text(a.status);
  if (status === 'success' || status === 'failure') event.status = status;
  if (num(a.durationMs) !== undefined) event.durationMs = num(a.durationMs);
  if (text(a.callId) !== undefined) event.callId = text(a.callId);
  if (text(a.parentCallId) !== undefined) event.parentCallId = text(a.parentCallId);
  if (num(a.sampleRate) !== undefined) event.sampleRate = num(a.sampleRate);
  if (observedNs !== undefined && timeNs !== observedNs) event.timestampNs = timeNs.toString();
  const error = errorOf(text);
  if (error !== undefined) event.error = error;
  return event;
}

function errorOf(text: (key: string) => string | undefined): EventError | undefined {
  const a = OTLP_ATTRIBUTE;
  const type = text(a.errorType);
  const message = text(a.errorMessage);
  if (type === undefined && message === undefined) return undefined;
  const error: EventError = { type: type ?? 'Error', message: message ?? '', hash: text(a.errorHash) ?? '' };
  if (text(a.errorCode) !== undefined) error.code = text(a.errorCode);
  if (text(a.errorStack) !== undefined) error.stack = text(a.errorStack);
  return error;
}

/** `severityText` when it names a severity, else the range of `severityNumber` (OpenTelemetry's). */
export function severityOf(text: unknown, number: unknown): Severity {
  const lower = typeof text === 'string' ? text.toLowerCase() : '';
  if (isSeverity(lower)) return lower;
  if (lower === 'warn') return 'warning';
  if (lower === 'fatal') return 'critical';
  const n = typeof number === 'number' ? number : Number(number ?? 0);
  if (n >= 21) return 'critical';
  if (n >= 17) return 'error';
  if (n >= 13) return 'warning';
  if (n >= 1 && n <= 8) return 'debug';
  return 'info';
}

/** A time in nanoseconds (a decimal string, or a number); 0 and absent mean unset. */
function nanos(value: unknown): bigint | undefined {
  if (value === undefined || value === null) return undefined;
  let ns: bigint;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) ns = BigInt(value);
  else if (typeof value === 'string' && /^\d+$/.test(value)) ns = BigInt(value);
  else throw new TypeError(`expected a time in nanoseconds, got ${JSON.stringify(value)}`);
  return ns === 0n ? undefined : ns;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function objectOf(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${what} must be an object`);
  return value as Record<string, unknown>;
}

function listOf(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new TypeError(`${what} must be an array`);
  return value;
}

// How each sender of the delivery benchmarks is set up: decotel's http destination, OpenTelemetry's
// sdk-logs pipeline, and the hand-written sequential fetch loop (the loopback limit).
import { SeverityNumber } from '@opentelemetry/api-logs';
import type { Logger } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { telemetry } from 'decotel';
import type { DestinationStats } from 'decotel';

/** The event every sender records, with its index. */
export const EVENT_NAME = 'bench.delivery';

/** One sender: `record(i)` records event i; `drain()` resolves once everything is sent. */
export interface Sender {
  record(i: number): void;
  /** Events held by the sender and not yet delivered. */
  inQueue(): number;
  /** decotel's counters of the destination (`telemetry.stats()`); undefined for the others. */
  stats(): DestinationStats | undefined;
  drain(): Promise<void>;
  drops(): Record<string, number>;
  close(): Promise<void>;
}

/** decotel's `http` destination (DESIGN.md §7) with `batch` options as in the YAML. */
export function decotelSender(url: string, format: 'json' | 'otlp', batch: Record<string, number> = {}, extra: Record<string, unknown> = {}, others: Record<string, object> = {}): Sender {
  telemetry.reset();
  telemetry.configure({
    config: { telemetry: { destinations: { collector: { type: 'http', url: `${url}/v1/logs`, format, events: ['bench.*'], batch, ...extra }, ...others } } },
  });
  return {
    record: (i) => telemetry.track(EVENT_NAME, { i, kind: 'bench', ok: true }),
    inQueue: () => telemetry.stats().destinations.collector?.inQueue ?? 0,
    stats: () => telemetry.stats().destinations.collector,
    drain: async () => {
      await telemetry.flush(120_000);
    },
    drops: () => ({ ...telemetry.stats().destinations.collector?.dropped }) as Record<string, number>,
    close: async () => {
      await telemetry.shutdown(5_000);
    },
  };
}

/** OpenTelemetry sdk-logs: a BatchLogRecordProcessor and the OTLP/HTTP JSON exporter. */
export function otelSender(url: string, options: { maxQueueSize?: number } = {}): Sender {
  const exporter = new OTLPLogExporter({ url: `${url}/v1/logs` });
  const provider = new LoggerProvider({ processors: [new BatchLogRecordProcessor({ exporter, ...options })] });
  const logger: Logger = provider.getLogger('bench');
  return {
    record: (i) =>
      logger.emit({
        eventName: EVENT_NAME,
        severityNumber: SeverityNumber.INFO,
        severityText: 'INFO',
        body: EVENT_NAME,
        // event.id lets the receiver count distinct records, as it does decotel's ids.
        attributes: { 'event.id': String(i), i, kind: 'bench', ok: true },
      }),
    inQueue: () => 0,
    stats: () => undefined,
    drain: async () => {
      await provider.forceFlush();
    },
    drops: () => ({}),
    close: () => provider.shutdown(),
  };
}

/**
 * The hand-written minimum of delivery: events built as plain objects in decotel's shape,
 * `batchSize` at a time, each batch JSON-encoded in decotel's envelope and POSTed with `fetch`,
 * one request after the other.
 */
export async function handLoop(url: string, total: number, batchSize: number): Promise<void> {
  const sessionId = crypto.randomUUID();
  let sequence = 0;
  for (let start = 0; start < total; start += batchSize) {
    const events = [];
    for (let i = start; i < Math.min(total, start + batchSize); i++) {
      events.push({
        id: crypto.randomUUID(),
        name: EVENT_NAME,
        category: 'bench',
        severity: 'info',
        timestamp: new Date().toISOString(),
        properties: { i, kind: 'bench', ok: true },
        context: {},
        sessionId,
        sequence: ++sequence,
      });
    }
    const body = JSON.stringify({
      session_id: sessionId,
      sdk: { name: 'decotel', version: '0.0.0' },
      service: {},
      platform: { runtime: 'node', version: process.version, os: process.platform },
      sent_at: new Date().toISOString(),
      events,
    });
    const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    await res.text();
  }
}

import type { DropReason, Severity, TelemetryEvent } from '../tracker/event';

/** What `flush()` and `shutdown()` resolve with. */
export interface FlushResult {
  /** Events delivered while the call ran. */
  delivered: number;
  /** Events still held when it resolved. */
  pending: number;
}

/**
 * A place events go. `handle()` only enqueues or writes synchronously; it must not block.
 * `flush` and `shutdown` resolve within `timeoutMs`.
 */
export interface Destination {
  /** Its key under `destinations:`. */
  readonly name: string;
  readonly type?: string;
  handle(event: TelemetryEvent): void;
  flush?(timeoutMs: number): Promise<unknown>;
  shutdown?(timeoutMs: number): Promise<unknown>;
  /** Events held and not yet delivered. Default: 0. */
  inQueue?(): number;
  /** Receives the tracker's counters and fault channel when the destination is added. */
  bind?(context: DestinationContext): void;
}

/**
 * What the tracker hands every destination it creates: counters to report delivery and drops,
 * and a channel for faults. Calls never throw.
 */
export interface DestinationContext {
  readonly name: string;
  /** Count delivered events. */
  delivered(count: number): void;
  /** Count dropped events under a reason; emits `drop` and, the first time per reason with `debug`, prints it. */
  dropped(reason: DropReason, count: number): void;
  /** Count a retried request. */
  retried(count?: number): void;
  /** Report a fault as an `error` lifecycle event. */
  error(error: unknown): void;
  /** Print a warning (console.warn), e.g. once per burst of drops. */
  warn(message: string): void;
  /** Service identity and session, for formats that send them once per batch. */
  readonly resource: ResourceInfo;
}

/** Identity sent once per batch, never in every event. */
export interface ResourceInfo {
  sessionId: string;
  service: { name?: string; version?: string; environment?: string };
  sdk: { name: 'decotel'; version: string };
  platform: { runtime: 'node' | 'browser'; version: string; os?: string };
  installationId?: string;
}

/** Options every destination takes, already validated and in camelCase. */
export interface CommonDestinationOptions {
  events: string[];
  exclude: string[];
  enabled: boolean;
  minSeverity: Severity;
}

/** Builds a destination of one type from its options (camelCase, type-specific keys included). */
export type DestinationFactory = (
  options: Record<string, unknown> & { name: string },
  context: DestinationContext,
) => Omit<Destination, 'name'> & { name?: string };

import type { FlushResult } from '../destinations/destination';
import type { DropReason, TelemetryEvent } from '../tracker/event';
import type { TelemetryLoggerOptions } from './logger-types';
import type { RemoteConfig } from './remote-config';

/**
 * The messages between a page and the engine (the SharedWorker, or the in-page fallback).
 * Tags are short: every byte of the page side counts (DESIGN.md §8 size budget).
 */

/** The worker's settings, from the first page that connects. URLs are absolute. */
export interface EngineOptions {
  configUrl: string;
  flushIntervalMs: number;
  installationId: 'auto' | false;
  service?: TelemetryLoggerOptions['service'];
}

/**
 * What a page needs to send undelivered events itself when it may be the last one visible:
 * the ingestion URL, the envelope split around its records, the `disable_events` RegExp, and
 * whether it can encode its own events (json format only). Present only when sending is on.
 */
export interface BeaconKit {
  url: string;
  pre: string;
  suf: string;
  /** RegExp source of `disable_events`. */
  off: string;
  /** The format is `json`: a record is the event's JSON. */
  json: boolean;
  sessionId: string;
}

/** `[event id, encoded record]` pairs of undelivered events. */
export type EncodedRecords = Array<[string, string]>;

/** The engine's counters. */
export interface EngineStats {
  received: number;
  delivered: number;
  dropped: Partial<Record<DropReason, number>>;
  pending: number;
}

/** Page → engine. */
export type PageMessage =
  | { t: 'hello'; o: EngineOptions; v: boolean }
  /** `r`: a logger record, whose params were only made safe to clone (the engine scrubs them). */
  | { t: 'log'; e: TelemetryEvent; r?: 1 }
  | { t: 'vis'; v: boolean }
  | { t: 'bye' }
  | { t: 'flush'; n: number; ms: number }
  | { t: 'stats'; n: number };

/** Engine → page. `mir` makes the page the holder of every undelivered record (or ends it with `null`); `add`/`del` keep it current. */
export type EngineMessage =
  | { t: 'cfg'; c: RemoteConfig | null; k?: BeaconKit }
  | { t: 'got'; ids: string[] }
  | { t: 'mir'; r: EncodedRecords | null }
  | { t: 'add'; r: EncodedRecords }
  | { t: 'del'; ids: string[] }
  | { t: 'flushed'; n: number; r: FlushResult }
  | { t: 'stats'; n: number; s: EngineStats };

/** Where the in-page engine (the worker script loaded as a plain script) registers itself. */
export const ENGINE_HUB_KEY = Symbol.for('decotel.engine');

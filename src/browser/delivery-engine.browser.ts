import type { DestinationContext, FlushResult, ResourceInfo } from '../destinations/destination';
import { createJsonFormat } from '../destinations/http/format-json';
import { createOtlpFormat } from '../destinations/http/format-otlp';
import { HttpBatchSink } from '../destinations/http/http-batch-sink';
import type { HttpFormat } from '../destinations/http/http-format';
import { withDeadline } from '../destinations/http/sink-support';
import { defaultConfig } from '../config/config-types';
import type { DropReason, TelemetryEvent } from '../tracker/event';
import { PrivacyPolicy } from '../tracker/privacy';
import { SDK_VERSION } from '../tracker/version';
import { globsToRegExpSource } from './compile-glob';
import type { EventLog } from './event-log.browser';
import type { BeaconKit, EngineOptions, EngineStats } from './protocol';
import type { RemoteConfig } from './remote-config';
import { DEFAULT_INGESTION_URL, isInRollout } from './remote-config';
import { randomUuid } from './random-uuid';
import { splitEnvelope } from './split-envelope';
import type { EnvelopeSplit } from './split-envelope';

/** What the engine tells the hub, which keeps the last visible page supplied. */
export interface EngineListener {
  /** Events on their way to the ingestion endpoint. */
  accepted(events: readonly TelemetryEvent[]): void;
  /** Events delivered, or dropped for good. */
  settled(ids: readonly string[]): void;
}

/** What the engine is built from; the worker passes the real parts, tests may pass others. */
export interface EngineParts {
  options: EngineOptions;
  /** Opens the durable log; `hooks` are the engine's. */
  openLog(hooks: { evicted(count: number): void; keep(event: TelemetryEvent): boolean }): Promise<EventLog>;
  fetchConfig(url: string): Promise<RemoteConfig | null>;
  listener: EngineListener;
  random?: () => number;
  /** Retry settings of the sink. Default: the sink's (3 retries from 1 s). */
  retry?: { maxRetries?: number; baseDelayMs?: number; maxDelayMs?: number };
}

/**
 * The browser SDK's delivery logic, the same in the SharedWorker and in the page fallback:
 * it fetches the remote configuration once, drops disabled events, draws the rollout once per
 * lifetime, gives events the session id, keeps them in the {@link EventLog} until a 2xx, and
 * sends them with the very {@link HttpBatchSink} of Node.
 */
export class DeliveryEngine {
  /** Settles once the log is open and the configuration fetch has finished, either way. */
  readonly ready: Promise<void>;
  config: RemoteConfig | null | undefined;
  private _log: EventLog | undefined;
  private _sink: HttpBatchSink | undefined;
  private _split: EnvelopeSplit | undefined;
  private _disabled: RegExp | undefined;
  private _off = '(?!)';
  private _inRollout = true;
  private _sequence = 0;
  /** Received before the configuration was known. */
  private _waiting: TelemetryEvent[] = [];
  /** The events of the request in flight: acknowledged together. */
  private _inFlight: readonly TelemetryEvent[] = [];
  private readonly _stats: EngineStats = { received: 0, delivered: 0, dropped: {}, pending: 0 };
  /** The privacy stage's defaults, for logger records; made at the first one. */
  private _privacy: PrivacyPolicy | undefined;
  private readonly _resource: ResourceInfo;
  private readonly _random: () => number;

  constructor(private readonly _parts: EngineParts) {
    this._random = _parts.random ?? Math.random;
    const ua = typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent;
    this._resource = { sessionId: randomUuid(), service: { ..._parts.options.service }, sdk: { name: 'decotel', version: SDK_VERSION }, platform: { runtime: 'browser', version: ua } };
    this.ready = this._start();
  }

  get sessionId(): string {
    return this._resource.sessionId;
  }

  /**
   * Takes an event from a page; resolves once it is durable. A logger record (`raw`) has had
   * its params made safe to clone and the default secret keys redacted in the page, which has
   * no room for more (DESIGN.md §8 size budget): here its free text is scrubbed (emails, tokens,
   * keys), as the privacy stage's defaults do for the tracker's events.
   */
  receive(event: TelemetryEvent, raw = false): Promise<void> {
    if (raw) event.properties = (this._privacy ??= new PrivacyPolicy(defaultConfig().privacy, undefined)).cleanRecord(event.properties);
    event.sessionId = this._resource.sessionId;
    event.sequence = ++this._sequence;
    this._stats.received++;
    const stored = this._log?.put(event);
    if (this.config === undefined) this._waiting.push(event);
    else this._route([event]);
    return stored ?? this.ready.then(() => this._log?.settled());
  }

  /** What a page needs to send undelivered events itself; undefined while nothing may be sent. */
  kit(): BeaconKit | undefined {
    const split = this._split;
    if (split === undefined || this._sink === undefined) return undefined;
    return { url: this._url(), pre: split.pre, suf: split.suf, off: this._off, json: this.config?.format === 'json', sessionId: this.sessionId };
  }

  /** Encoded records of every event on its way, oldest first (for the last visible page). */
  undelivered(): Array<[string, string]> {
    if (this._split === undefined || this._log === undefined) return [];
    const waiting = new Set(this._waiting);
    return this._log.events().filter((e) => !waiting.has(e)).map((e) => [e.id, this.encode(e)]);
  }

  encode(event: TelemetryEvent): string {
    return this._split?.record(event) ?? '';
  }

  /** Tries to deliver everything received so far; resolves within `timeoutMs`. */
  async flush(timeoutMs: number): Promise<FlushResult> {
    const deadline = Date.now() + timeoutMs;
    await withDeadline(this.ready.then(() => this._log?.settled()), timeoutMs);
    const result = this._sink === undefined ? { delivered: 0, pending: 0 } : await this._sink.flush(Math.max(0, deadline - Date.now()));
    return { delivered: result.delivered, pending: this._pending() };
  }

  stats(): EngineStats {
    return { ...this._stats, dropped: { ...this._stats.dropped }, pending: this._pending() };
  }

  private async _start(): Promise<void> {
    const config = this._parts.fetchConfig(this._parts.options.configUrl);
    const log = await this._parts.openLog({ evicted: (n) => this._drop('queue_full', n), keep: (e) => this._keepStored(e) });
    // Durable from here on, even while the configuration is still on its way.
    this._log = log;
    for (const e of this._waiting) void log.put(e);
    if (this._parts.options.installationId === 'auto') this._resource.installationId = await log.installationId();
    this._configure(await config);
  }

  /** Applies the configuration, synchronously: events arriving later find everything in place. */
  private _configure(config: RemoteConfig | null): void {
    const log = this._log as EventLog;
    const waiting = new Set(this._waiting);
    const earlier = log.events().filter((e) => !waiting.has(e));
    this.config = config;
    this._inRollout = isInRollout(config?.rollout_percent ?? 0, this._random());
    if (config?.disable_telemetry === true) {
      this._drop('disabled', earlier.length);
      log.remove(earlier.map((e) => e.id));
    } else if (config !== null) this._open(config);
    this._waiting = [];
    this._route([...waiting]);
  }

  private _open(config: RemoteConfig): void {
    this._off = globsToRegExpSource(config.disable_events);
    try {
      this._disabled = new RegExp(this._off);
    } catch {
      // A pattern this browser cannot compile: fail closed, send nothing disabled could cover.
      this._off = '';
      this._disabled = /(?:)/;
    }
    const base = config.format === 'otlp' ? createOtlpFormat() : createJsonFormat();
    // text/plain is CORS-safelisted: no preflight from the worker or the page.
    const format: HttpFormat = {
      name: base.name,
      contentType: 'text/plain',
      encode: (events, resource, nowMs) => {
        this._inFlight = events;
        return base.encode(events, resource, nowMs);
      },
    };
    this._split = splitEnvelope(format, this._resource, Date.now());
    const log = this._log as EventLog;
    const context: DestinationContext = {
      name: 'browser',
      resource: this._resource,
      delivered: (n) => {
        this._stats.delivered += n;
        this._settle(this._inFlight);
      },
      dropped: (reason, n) => {
        this._drop(reason, n);
        if (reason === 'rejected') this._settle(this._inFlight);
      },
      retried: () => undefined,
      error: () => undefined,
      warn: (m) => console.warn(`decotel: ${m}`),
    };
    this._sink = new HttpBatchSink({ ...this._parts.retry, url: this._url(), name: 'browser', format, flushIntervalMs: this._parts.options.flushIntervalMs, spool: log, context, resource: this._resource });
  }

  /** Sends, holds or drops events whose configuration is known. */
  private _route(events: readonly TelemetryEvent[]): void {
    const accepted: TelemetryEvent[] = [];
    for (const e of events) {
      // No configuration: nothing is sent; the log keeps the events for a later start.
      if (this.config === null) continue;
      const reason = this._sink === undefined ? 'disabled' : !this._inRollout ? 'sampled' : this._disabled?.test(e.name) ? 'disabled' : undefined;
      if (reason !== undefined) {
        this._drop(reason, 1);
        this._log?.remove([e.id]);
        continue;
      }
      this._sink?.handle(e);
      accepted.push(e);
    }
    if (accepted.length > 0) this._parts.listener.accepted(accepted);
  }

  private _keepStored(event: TelemetryEvent): boolean {
    if (!this._disabled?.test(event.name)) return true;
    this._drop('disabled', 1);
    return false;
  }

  private _settle(events: readonly TelemetryEvent[]): void {
    const ids = events.map((e) => e.id);
    this._log?.remove(ids);
    this._parts.listener.settled(ids);
  }

  private _drop(reason: DropReason, n: number): void {
    if (n > 0) this._stats.dropped[reason] = (this._stats.dropped[reason] ?? 0) + n;
  }

  private _pending(): number {
    return this._log?.size ?? this._waiting.length;
  }

  private _url(): string {
    return new URL(this.config?.ingestion_url ?? DEFAULT_INGESTION_URL, this._parts.options.configUrl).href;
  }
}

import type { ResolvedConfig } from '../config/config-types';
import { defaultConfig } from '../config/config-types';
import type { Scope } from '../context/context-store';
import type { GlobalHandlerOptions } from '../context/global-handler-options';
import type { Destination, DestinationFactory, FlushResult, ResourceInfo } from '../destinations/destination';
import { assertFactory } from '../destinations/registry';
import { DecotelError } from '../errors';
import { toEventError } from './error-info';
import type { EventError, Severity, TelemetryEvent, TrackEventOptions } from './event';
import { EMPTY_RECORD, SEVERITY_RANK, defaultSeverity, isSeverity, toIsoTimestamp } from './event';
import { fastRandomId, randomId } from './ids';
import { CategoryCache, assignFields, callEvent, cleanContext } from './event-parts';
import { WallClock, monoNow } from './wall-clock';
import type { ConfigureOptions, Platform } from './platform';
import { defaultPlatform } from './default-platform';
import { PrivacyPolicy } from './privacy';
import type { LifecycleEventName, LifecycleEvents } from './reporter';
import { Reporter } from './reporter';
import type { Route } from './router';
import { Router } from './router';
import type { EventSampler } from './sampler';
import { KEEP_ALL, isKept } from './sampler';
import type { Routing } from './destination-set';
import { DestinationSet } from './destination-set';
import type { TrackerStats } from './stats';
import { SDK_VERSION } from './version';

/** Time `flush()` and `shutdown()` wait by default. */
export const DEFAULT_FLUSH_TIMEOUT_MS = 5_000;

const TRACKER_KEY = Symbol.for('decotel.tracker');

/** @internal Fields of an event that the decorators and integrations set. */
export interface EventFields {
  status?: 'success' | 'failure';
  durationMs?: number;
  error?: EventError;
  callId?: string;
  parentCallId?: string;
  sampleRate?: number;
  timestampNs?: string;
}

/**
 * The one tracker of the process. Get it with `Tracker.getInstance()` or import `telemetry`.
 * `track()` and its kin are synchronous, return nothing and never throw.
 */
export class Tracker {
  /** @internal */ _platform: Platform;
  /** @internal */ _router = new Router([]);
  /** @internal */ _sampler: EventSampler = KEEP_ALL;
  /** @internal */ _privacy: PrivacyPolicy;
  /** @internal */ _enabled = true;
  /** @internal */ _random: () => number = Math.random;
  /** @internal */ readonly _reporter = new Reporter();
  private _config: ResolvedConfig = defaultConfig();
  private _configured = false;
  private _globalContext: Record<string, unknown> = {};
  private _sequence = 0;
  private _sessionStartMs = Date.now();
  private _shutdown: Promise<FlushResult> | undefined;
  private readonly _types = new Map<string, DestinationFactory>();
  private readonly _resource: ResourceInfo;
  private readonly _destinations: DestinationSet;
  private readonly _categories = new CategoryCache();
  private readonly _clock = new WallClock();

  /** @internal Use {@link Tracker.getInstance}. */
  constructor(platform: Platform) {
    this._platform = platform;
    for (const [type, factory] of platform.destinationTypes()) this._types.set(type, factory);
    this._privacy = new PrivacyPolicy(this._config.privacy, platform.hash);
    this._resource = { sessionId: randomId(), service: {}, sdk: { name: 'decotel', version: SDK_VERSION }, platform: platform.runtime };
    this._destinations = new DestinationSet(this._reporter, this._resource);
  }

  /** The tracker of this process, shared by the ESM and CommonJS copies of decotel. */
  static getInstance(): Tracker {
    const g = globalThis as Record<symbol, Tracker | undefined>;
    return (g[TRACKER_KEY] ??= new Tracker(defaultPlatform()));
  }

  /** @internal Lets a platform entry (Node, browser) install its parts into the shared tracker. */
  _usePlatform(platform: Platform): void {
    if (this._platform.name !== 'default') return;
    this._platform = platform;
    for (const [type, factory] of platform.destinationTypes()) this._types.set(type, factory);
    this._privacy = new PrivacyPolicy(this._config.privacy, platform.hash);
    this._resource.platform = platform.runtime;
  }

  /** The session id: one per tracker start. */
  get sessionId(): string {
    return this._resource.sessionId;
  }

  /**
   * Loads the configuration (DESIGN.md §6) and starts the session (`session.start`).
   * Without arguments it reads `$TELEMETRY_CONFIG` or `./telemetry.config.yaml`, and with
   * neither it runs with no destinations.
   * @throws {ConfigError} when the file or object is invalid.
   */
  configure(options: ConfigureOptions = {}): this {
    const config = this._platform.loadConfig(options, this._knownTypes());
    this._apply(config);
    this._platform.afterConfigure?.(config, options, this);
    return this;
  }

  /** @internal The destination types registered so far, for validating a configuration. */
  _knownTypes(): ReadonlySet<string> {
    return new Set(this._types.keys());
  }

  /** @internal Applies a validated configuration; unchanged destinations keep their queues. */
  _apply(config: ResolvedConfig): void {
    const removed = this._platform.configureDestinations?.(this._destinations, config.enabled ? config.destinations : [], this._types) ?? [];
    this._config = config;
    this._enabled = config.enabled;
    this._reporter.debug = config.debug;
    this._sampler = this._platform.createSampler?.(config.sampling) ?? KEEP_ALL;
    this._privacy = new PrivacyPolicy(config.privacy, this._platform.hash);
    this._resource.service = { ...config.service };
    this._resource.installationId = config.installationId === 'auto' ? this._platform.machineInstallationId?.() : config.installationId;
    this._router = new Router(this._destinations.routes);
    if (removed.length > 0) void this._destinations.drain('shutdown', DEFAULT_FLUSH_TIMEOUT_MS, removed);
    this._reporter.emit('config', config);
    if (!this._configured || this._shutdown !== undefined) {
      this._configured = true;
      this._shutdown = undefined;
      this._sessionStartMs = Date.now();
      this.track('session.start', { sdkVersion: SDK_VERSION }, { category: 'system' });
    }
  }

  /** The configuration in force. */
  get config(): Readonly<ResolvedConfig> {
    return this._config;
  }

  /** Records an event. Synchronous, fire and forget: never throws, never blocks on I/O. */
  track(name: string, properties?: Record<string, unknown>, options?: TrackEventOptions): void {
    try {
      if (!this._enabled || typeof name !== 'string') return;
      const routes = this._router.route(name);
      if (routes.length === 0) return;
      const severity = options?.severity !== undefined && isSeverity(options.severity) ? options.severity : defaultSeverity(name);
      const rate = this._sampler.rateFor(name, severity);
      if (!isKept(rate, rate >= 1 ? 0 : this._random())) {
        this._destinations.dropOn(routes, 'sampled', SEVERITY_RANK[severity]);
        return;
      }
      this._record(routes, name, severity, properties, options, rate < 1 ? { sampleRate: rate } : undefined);
    } catch (err) {
      this._reporter.error(err);
    }
  }

  /** Same as `track(name, properties)`. */
  trackEvent(name: string, properties?: Record<string, unknown>): void {
    this.track(name, properties);
  }

  /** Records `error.captured` (severity error) with the error's type, message and hash. */
  captureException(error: unknown, properties?: Record<string, unknown>): void {
    this._emitError('error.captured', 'error', error, properties);
  }

  /**
   * Reports uncaught exceptions and unhandled rejections as `error.uncaught` /
   * `error.unhandled_rejection` (severity critical), flushes within `flushTimeoutMs`, then lets
   * the process end as it would have. Installing twice is harmless; `shutdown()` removes them.
   */
  installGlobalHandlers(options: GlobalHandlerOptions = {}): this {
    try {
      this._platform.installGlobalHandlers?.(this, options);
    } catch (err) {
      this._reporter.error(err);
    }
    return this;
  }

  /** @internal Records an error event (captured, uncaught) without sampling it out. */
  _emitError(name: string, severity: Severity, error: unknown, properties?: Record<string, unknown>): void {
    try {
      if (!this._enabled) return;
      const routes = this._router.route(name);
      if (routes.length === 0) return;
      this._record(routes, name, severity, properties, undefined, { error: toEventError(error, this._privacy) });
    } catch (err) {
      this._reporter.error(err);
    }
  }

  /** @internal Counts a sampled-out event on each destination that would have taken it. */
  _dropSampled(routes: readonly Route[], severity: Severity): void {
    this._destinations.dropOn(routes, 'sampled', SEVERITY_RANK[severity]);
  }

  /**
   * @internal Builds an event already routed and sampled, runs the privacy stage, and hands it to
   * each destination that takes its severity. Returns nothing; faults are reported.
   */
  _record(routes: readonly Route[], name: string, severity: Severity, properties: Record<string, unknown> | undefined, options: TrackEventOptions | undefined, fields: EventFields | undefined): void {
    const scope = this._platform.contextStore.active();
    const event: TelemetryEvent = {
      id: fastRandomId(),
      name,
      category: options !== undefined && typeof options.category === 'string' ? options.category : this._categories.of(name),
      severity,
      timestamp: options?.timestamp === undefined ? this._clock.iso(monoNow()) : toIsoTimestamp(options.timestamp),
      properties: properties === undefined ? EMPTY_RECORD : this._privacy.cleanRecord(properties),
      context: cleanContext(this._privacy, this._config.context, this._globalContext, scope),
      sessionId: this._resource.sessionId,
      sequence: ++this._sequence,
    };
    if (scope !== undefined && scope.callId !== undefined) event.parentCallId = scope.callId;
    if (fields !== undefined) assignFields(event, fields);
    this._dispatch(routes, SEVERITY_RANK[severity], event);
  }

  /**
   * @internal `_record` for the events of a decorated call, with its fields as arguments rather
   * than an object (issue #10: an object per event, and copying it, were a tenth of the cost).
   * The caller gives what it already has: the event's `id`, the `performance.now()` reading that
   * dates it (the one that starts or ends the call's duration), and `scope`, the scope active
   * now (the caller's, when the method has just returned). `parentCallId` is the call's own
   * parent, also when another call's scope is active now (a generator iterated inside another
   * call). The event is the one `_record` made with the fields `{ callId, status?, durationMs?,
   * error?, parentCallId?, sampleRate? }`, keys in that order.
   */
  _recordCall(routes: readonly Route[], name: string, severity: Severity, category: string, properties: Record<string, unknown> | undefined, id: string, monoMs: number, scope: Scope | undefined, callId: string, parentCallId: string | undefined, status: 'success' | 'failure' | undefined, durationMs: number | undefined, error: EventError | undefined, sampleRate: number | undefined): void {
    const nested = scope !== undefined && scope.callId !== undefined;
    const event = callEvent(
      id,
      name,
      category,
      severity,
      this._clock.iso(monoMs),
      properties === undefined ? EMPTY_RECORD : this._privacy.cleanRecord(properties),
      cleanContext(this._privacy, this._config.context, this._globalContext, scope),
      this._resource.sessionId,
      ++this._sequence,
      nested,
      parentCallId,
      callId,
      status,
      durationMs,
      error,
    );
    if (parentCallId !== undefined && !nested) event.parentCallId = parentCallId;
    if (sampleRate !== undefined) event.sampleRate = sampleRate;
    this._dispatch(routes, SEVERITY_RANK[severity], event);
  }

  /** Hands `event` to each destination that takes its severity; a destination that throws is counted and isolated. */
  private _dispatch(routes: readonly Route[], rank: number, event: TelemetryEvent): void {
    for (let i = 0; i < routes.length; i++) {
      const r = routes[i];
      if (rank < r.minRank) continue;
      r.counters.received++;
      try {
        r.destination.handle(event);
      } catch (err) {
        r.counters.failed++;
        this._reporter.error(new DecotelError({ code: 'DESTINATION_FAILED', message: `destination '${r.destination.name}' threw in handle(${event.name}): ${(err as Error)?.message ?? String(err)}`, cause: err }));
      }
    }
    this._reporter.emit('event', event);
  }

  /** Merges `values` into the active scope's context, or into the global context outside any scope. */
  setContext(values: Record<string, unknown>): void {
    if (values === null || typeof values !== 'object') return;
    const scope = this._platform.contextStore.active();
    Object.assign(scope?.context ?? this._globalContext, values);
  }

  /** The context an event tracked now would carry (before privacy). */
  getContext(): Record<string, unknown> {
    return { ...this._mergedContext(this._platform.contextStore.active()) };
  }

  /** Clears the active scope's own values, or the global context outside any scope. */
  clearContext(): void {
    const scope = this._platform.contextStore.active();
    if (scope?.context) for (const key of Object.keys(scope.context)) delete scope.context[key];
    else this._globalContext = {};
  }

  /** Runs `fn` in a scope whose context is the current one plus `values` (inner values win). */
  runWithContext<T>(values: Record<string, unknown>, fn: () => T): T {
    const active = this._platform.contextStore.active();
    const scope: Scope = { context: { ...active?.context, ...values }, callId: active?.callId };
    return this._platform.contextStore.run(scope, fn);
  }

  /** Delivers what every destination holds, within `timeoutMs`. Never rejects. */
  async flush(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<FlushResult> {
    const result = await this._destinations.drain('flush', timeoutMs);
    this._reporter.emit('flush', result);
    return result;
  }

  /** Emits `session.end`, flushes and closes every destination within `timeoutMs`. Idempotent. */
  shutdown(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<FlushResult> {
    return (this._shutdown ??= this._doShutdown(timeoutMs));
  }

  private async _doShutdown(timeoutMs: number): Promise<FlushResult> {
    if (this._configured) this._record(this._router.route('session.end'), 'session.end', 'info', undefined, { category: 'system' }, { durationMs: Date.now() - this._sessionStartMs });
    this._safeTeardown();
    const result = await this._destinations.drain('shutdown', timeoutMs);
    this._enabled = false;
    this._router = new Router([]);
    this._reporter.emit('flush', result);
    return result;
  }

  /** Per-destination counters: received, delivered, dropped by reason, retried, failed, inQueue. */
  stats(): TrackerStats {
    return { destinations: this._destinations.stats() };
  }

  /** Subscribes to a lifecycle event: `event`, `drop`, `error`, `flush` or `config`. */
  on<K extends LifecycleEventName>(name: K, listener: LifecycleEvents[K]): this {
    this._reporter.emitter.on(name, listener as never);
    return this;
  }

  /** Removes a lifecycle listener. */
  off<K extends LifecycleEventName>(name: K, listener: LifecycleEvents[K]): this {
    this._reporter.emitter.off(name, listener as never);
    return this;
  }

  /**
   * Makes `type: <type>` valid in the YAML; the factory gets the destination's options in camelCase.
   * @throws {DecotelError} with code `DESTINATION_TYPE` when the arguments are not a name and a function.
   */
  registerDestinationType(type: string, factory: DestinationFactory): this {
    assertFactory(type, factory);
    this._types.set(type, factory);
    return this;
  }

  /** Adds a destination object; it takes every event unless `routing` says otherwise. */
  addDestination(destination: Destination, routing?: Routing): this {
    this._destinations.add(destination, routing);
    this._router = new Router(this._destinations.routes);
    return this;
  }

  /** The destination of that name, or undefined. */
  getDestination<T extends Destination = Destination>(name: string): T | undefined {
    return this._destinations.get(name) as T | undefined;
  }

  /** For tests: back to the unconfigured state (destinations, context, counters, listeners, session). */
  reset(): void {
    this._safeTeardown();
    for (const d of this._destinations.clear()) void Promise.resolve(d.shutdown?.(0)).catch(() => undefined);
    this._router = new Router([]);
    this._config = defaultConfig();
    this._enabled = true;
    this._configured = false;
    this._shutdown = undefined;
    this._globalContext = {};
    this._sequence = 0;
    this._sampler = KEEP_ALL;
    this._privacy = new PrivacyPolicy(this._config.privacy, this._platform.hash);
    this._resource.sessionId = randomId();
    this._resource.service = {};
    this._sessionStartMs = Date.now();
    this._reporter.clear();
  }

  private _mergedContext(scope: Scope | undefined): Record<string, unknown> {
    const base = this._config.context;
    if (scope?.context === undefined) return Object.keys(base).length === 0 ? this._globalContext : { ...base, ...this._globalContext };
    return { ...base, ...this._globalContext, ...scope.context };
  }

  private _safeTeardown(): void {
    try {
      this._platform.teardown?.();
    } catch (err) {
      this._reporter.error(err);
    }
  }
}

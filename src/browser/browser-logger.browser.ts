import type { Destination, FlushResult } from '../destinations/destination';
import type { TelemetryEvent } from '../tracker/event';
import type { TelemetryLogger, TelemetryRecord } from './logger-types';
import type { BeaconKit, EngineMessage, EngineOptions, PageMessage } from './protocol';
import type { RemoteConfig } from './remote-config';
import { sendBeacons } from './send-beacons.browser';
import { toTelemetryEvent } from './to-telemetry-event';

/** `flush()` waits this long by default. */
export const DEFAULT_LOGGER_FLUSH_TIMEOUT_MS = 5_000;
/** Extra time the page gives the engine to answer a flush before it answers itself. */
const FLUSH_GRACE_MS = 1_000;
/** Events the page keeps for the engine at most. */
const MAX_UNSENT = 10_000;

const warned = new Set<string>();

/** Prints one warning per page load for each kind of fault. */
export function warnOnce(kind: string, message: string): void {
  if (warned.has(kind)) return;
  warned.add(kind);
  try {
    console.warn(`decotel: ${message}`);
  } catch {
    // A broken console must not break the caller.
  }
}

/**
 * The page side of the browser SDK. Events go to the engine at once; the page keeps those the
 * engine has not stored yet, and, while it is the only visible tab, the engine keeps it supplied
 * with every undelivered record, so that when it hides it can send them all with `sendBeacon`.
 */
export class BrowserLogger implements TelemetryLogger {
  /** The tracker's way in: `track()` and the decorators reach the engine through it. */
  readonly destination: Destination;
  private _port: MessagePort | undefined;
  private _kit: BeaconKit | undefined;
  private _ready = false;
  private _resolveConfig!: (config: RemoteConfig | null) => void;
  private readonly _config = new Promise<RemoteConfig | null>((resolve) => (this._resolveConfig = resolve));
  /** Events sent to the engine and not yet stored by it. */
  private readonly _unsent = new Map<string, TelemetryEvent>();
  /** Every undelivered record, while the engine says this is the only visible tab. */
  private _mirror: Map<string, string> | undefined;
  private readonly _flushes = new Map<number, (result: FlushResult) => void>();
  private _flushSeq = 0;
  private _leaving = false;

  constructor(private readonly _options: EngineOptions) {
    this.destination = {
      name: 'browser-worker',
      handle: (event) => this._send(event),
      flush: (timeoutMs) => this.flush(timeoutMs),
      inQueue: () => this._unsent.size,
    };
  }

  /** Connects to the engine through `port`; `visible` is the page's visibility now. */
  connect(port: MessagePort): void {
    this._port = port;
    port.onmessage = (e: MessageEvent<EngineMessage>) => this._onMessage(e.data);
    this._post({ t: 'hello', o: this._options, v: isVisible() });
    if (typeof document === 'undefined') return;
    document.addEventListener('visibilitychange', () => {
      const visible = isVisible();
      // Hidden and perhaps the last tab: what is undelivered leaves now (DESIGN.md §8).
      if (!visible) this._beacon();
      this._post({ t: 'vis', v: visible });
    });
    // 'pagehide' also covers navigations and Safari, where 'visibilitychange' may not fire on close.
    addEventListener('pagehide', () => {
      this._leaving = true;
      this._beacon();
      this._post({ t: 'bye' });
    });
    addEventListener('pageshow', (e: PageTransitionEvent) => {
      if (!e.persisted) return;
      this._leaving = false;
      this._post({ t: 'hello', o: this._options, v: isVisible() });
    });
  }

  /** The engine could not start: nothing will be sent from this page. */
  fail(): void {
    this._port = undefined;
    this._settle(null);
    for (const done of this._flushes.values()) done({ delivered: 0, pending: this._unsent.size });
    this._flushes.clear();
  }

  logEvent(record: TelemetryRecord): void {
    try {
      const event = toTelemetryEvent(record, warnOnce);
      if (event !== undefined) this._send(event, 1);
    } catch (err) {
      warnOnce('internal', String(err));
    }
  }

  getConfig(): Promise<RemoteConfig | null> {
    return this._config;
  }

  isInitialized(): boolean {
    return this._ready;
  }

  flush(timeoutMs = DEFAULT_LOGGER_FLUSH_TIMEOUT_MS): Promise<FlushResult> {
    const n = ++this._flushSeq;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done({ delivered: 0, pending: this._unsent.size }), timeoutMs + FLUSH_GRACE_MS);
      const done = (result: FlushResult): void => {
        clearTimeout(timer);
        this._flushes.delete(n);
        resolve(result);
      };
      this._flushes.set(n, done);
      if (this._port === undefined) done({ delivered: 0, pending: this._unsent.size });
      else this._post({ t: 'flush', n, ms: timeoutMs });
    });
  }

  /** `raw`: a logger record, not yet through a privacy stage. */
  private _send(event: TelemetryEvent, raw?: 1): void {
    // The engine failed: nothing can be sent from this page, so nothing is kept either.
    if (this._port === undefined) return;
    // Bounded like the worker's log, should the engine stop answering.
    if (this._unsent.size < MAX_UNSENT) this._unsent.set(event.id, event);
    this._post({ t: 'log', e: event, r: raw });
    // Logged from a 'pagehide' handler: the engine may not live to store it.
    if (this._leaving) this._beacon();
  }

  private _post(message: PageMessage): void {
    try {
      this._port?.postMessage(message);
    } catch (err) {
      warnOnce('postMessage', String(err));
    }
  }

  private _onMessage(m: EngineMessage): void {
    switch (m.t) {
      case 'cfg':
        this._kit = m.k;
        this._settle(m.c);
        break;
      case 'got':
        for (const id of m.ids) this._unsent.delete(id);
        break;
      case 'mir':
        this._mirror = m.r === null ? undefined : new Map(m.r);
        break;
      case 'add':
        for (const [id, rec] of m.r) this._mirror?.set(id, rec);
        break;
      case 'del':
        for (const id of m.ids) this._mirror?.delete(id);
        break;
      case 'flushed':
        this._flushes.get(m.n)?.(m.r);
        break;
    }
  }

  private _settle(config: RemoteConfig | null): void {
    this._ready = true;
    this._resolveConfig(config);
  }

  /**
   * Sends, with `sendBeacon`, the events the engine has not stored yet and, when this is the
   * only visible tab, every undelivered record. Duplicates are fine: receivers de-duplicate by id.
   */
  private _beacon(): void {
    const kit = this._kit;
    if (kit === undefined) return;
    const records: string[] = [];
    const off = new RegExp(kit.off);
    for (const [id, event] of this._unsent) {
      if (!kit.json || off.test(event.name) || this._mirror?.has(id)) continue;
      records.push(JSON.stringify({ ...event, sessionId: kit.sessionId }));
    }
    this._unsent.clear();
    if (this._mirror !== undefined) records.push(...this._mirror.values());
    this._mirror = undefined;
    if (records.length > 0) sendBeacons(kit.url, kit.pre, kit.suf, records);
  }
}

function isVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState === 'visible';
}

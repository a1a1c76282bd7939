import type { TelemetryEvent } from '../tracker/event';
import type { DeliveryEngine, EngineParts } from './delivery-engine.browser';
import type { EngineMessage, EngineOptions, PageMessage } from './protocol';

/** Builds the engine from the first page's options; the worker entry supplies the real parts. */
export type EngineFactory = (options: EngineOptions, listener: EngineParts['listener']) => DeliveryEngine;

interface Client {
  visible: boolean;
  /** Ids stored since the last `got`, sent together. */
  got: string[];
}

/**
 * The engine's switchboard: one port per page (tab). It creates the engine when the first page
 * says hello, passes events on, answers flushes, and tracks which pages are visible. While
 * exactly one page is visible, that page holds every undelivered record (`mir`, then `add` and
 * `del`), so that if it hides as the last one it can send them all with `sendBeacon`.
 */
export class EngineHub {
  private _engine: DeliveryEngine | undefined;
  private readonly _clients = new Map<MessagePort, Client>();
  private _holder: MessagePort | undefined;

  constructor(private readonly _factory: EngineFactory) {}

  connect(port: MessagePort): void {
    port.onmessage = (e: MessageEvent<PageMessage>) => this._onMessage(port, e.data);
  }

  private _onMessage(port: MessagePort, m: PageMessage): void {
    const client = this._clients.get(port);
    switch (m.t) {
      case 'hello': {
        this._clients.set(port, { visible: m.v, got: [] });
        const engine = (this._engine ??= this._factory(m.o, { accepted: (events) => this._accepted(events), settled: (ids) => this._send(this._holder, { t: 'del', ids: [...ids] }) }));
        void engine.ready.then(() => {
          this._send(port, { t: 'cfg', c: engine.config ?? null, k: engine.kit() });
          this._elect();
        });
        break;
      }
      case 'log': {
        // A page that said goodbye may still log (from its 'pagehide' handler): it beaconed those itself.
        void this._engine?.receive(m.e, m.r === 1).then(() => client !== undefined && this._stored(port, client, m.e.id));
        break;
      }
      case 'vis':
        if (client !== undefined) client.visible = m.v;
        this._elect();
        break;
      case 'bye':
        this._clients.delete(port);
        this._elect();
        break;
      case 'flush':
        void (this._engine?.flush(m.ms) ?? Promise.resolve({ delivered: 0, pending: 0 })).then((r) => this._send(port, { t: 'flushed', n: m.n, r }));
        break;
      case 'stats':
        if (this._engine !== undefined) this._send(port, { t: 'stats', n: m.n, s: this._engine.stats() });
        break;
    }
  }

  /** `got` acknowledgements of one task go out as one message per page. */
  private _stored(port: MessagePort, client: Client, id: string): void {
    client.got.push(id);
    if (client.got.length > 1) return;
    queueMicrotask(() => {
      const ids = client.got;
      client.got = [];
      this._send(port, { t: 'got', ids });
    });
  }

  private _accepted(events: readonly TelemetryEvent[]): void {
    const engine = this._engine;
    if (this._holder === undefined || engine === undefined) return;
    this._send(this._holder, { t: 'add', r: events.map((e) => [e.id, engine.encode(e)]) });
  }

  /** The holder is the only visible page, if there is exactly one. */
  private _elect(): void {
    const visible = [...this._clients].filter(([, c]) => c.visible);
    const next = visible.length === 1 ? visible[0][0] : undefined;
    const engine = this._engine;
    if (next === this._holder || engine?.config === undefined) return;
    this._send(this._holder, { t: 'mir', r: null });
    this._holder = next;
    if (engine.kit() !== undefined) this._send(next, { t: 'mir', r: engine.undelivered() });
  }

  private _send(port: MessagePort | undefined, message: EngineMessage): void {
    try {
      port?.postMessage(message);
    } catch {
      // A page that went away: nothing to tell it.
    }
  }
}

import type { EventSpool, SpoolBatch } from '../destinations/http/event-spool';
import type { TelemetryEvent } from '../tracker/event';
import { EVENTS_STORE, META_STORE, openDatabase, requestResult, transactionDone } from './idb.browser';
import { randomUuid } from './random-uuid';

/** Events kept at most; past it the oldest is dropped and counted (DESIGN.md §8). */
export const MAX_STORED_EVENTS = 10_000;

interface Row {
  id: string;
  /** Arrival order across restarts. */
  o: number;
  e: TelemetryEvent;
}

type Op = { put: Row } | { del: string };

/** What the log tells its owner. */
export interface EventLogHooks {
  /** `count` events were dropped to keep the bound. */
  evicted(count: number): void;
  /** Whether a stored event may still be sent (it may not once its name is disabled); refused ones are deleted. */
  keep(event: TelemetryEvent): boolean;
}

/**
 * The worker's durable record of undelivered events in IndexedDB: each event is written when
 * it arrives and deleted when a 2xx acknowledges it. As the sink's {@link EventSpool}, it hands
 * back the events the sink let go (out of retries, queue full) and those an earlier run left,
 * oldest first. Writes of one task share one transaction, in order. Without IndexedDB (private
 * modes, quota) it still works, in memory.
 */
export class EventLog implements EventSpool {
  private readonly _events = new Map<string, Row>();
  /** Stored events the sink does not hold: replayed through `next()`. */
  private readonly _parked = new Set<string>();
  private readonly _leased = new Set<string>();
  private _ops: Op[] = [];
  private _written: Promise<void> = Promise.resolve();
  private _order = Date.now() * 1_000;

  private constructor(
    private readonly _db: IDBDatabase | undefined,
    private readonly _hooks: EventLogHooks,
    private readonly _max: number,
  ) {}

  /** Opens the log; what an earlier run left is parked, to be sent first. */
  static async open(hooks: EventLogHooks, max = MAX_STORED_EVENTS, dbName?: string): Promise<EventLog> {
    let db: IDBDatabase | undefined;
    let rows: Row[] = [];
    try {
      db = await openDatabase(dbName);
      rows = await requestResult(db.transaction(EVENTS_STORE).objectStore(EVENTS_STORE).getAll() as IDBRequest<Row[]>);
    } catch {
      db = undefined;
    }
    const log = new EventLog(db, hooks, max);
    rows.sort((a, b) => a.o - b.o);
    for (const row of rows) {
      log._events.set(row.id, row);
      log._parked.add(row.id);
      log._order = Math.max(log._order, row.o + 1);
    }
    log._bound();
    return log;
  }

  /** Events stored and not yet acknowledged. */
  get size(): number {
    return this._events.size;
  }

  /** Stored events the sink does not hold. */
  get parked(): number {
    return this._parked.size;
  }

  /** Every stored event, oldest first. */
  events(): TelemetryEvent[] {
    return Array.from(this._events.values(), (row) => row.e);
  }

  /** Stores `event`; resolves once it is durable (at once without IndexedDB). */
  put(event: TelemetryEvent): Promise<void> {
    const row = { id: event.id, o: this._order++, e: event };
    this._events.set(row.id, row);
    this._write({ put: row });
    this._bound();
    return this._written;
  }

  /** Forgets events (delivered, or dropped for good). */
  remove(ids: Iterable<string>): void {
    for (const id of ids) {
      if (!this._events.delete(id)) continue;
      this._parked.delete(id);
      this._leased.delete(id);
      this._write({ del: id });
    }
  }

  /** Resolves when every write so far is durable. */
  settled(): Promise<void> {
    return this._written;
  }

  /** The installation id: one random UUID kept in IndexedDB (in memory without it). */
  async installationId(): Promise<string> {
    const fresh = randomUuid();
    if (this._db === undefined) return fresh;
    try {
      const store = this._db.transaction(META_STORE, 'readwrite').objectStore(META_STORE);
      const known = await requestResult(store.get('installationId') as IDBRequest<unknown>);
      if (typeof known === 'string') return known;
      store.put(fresh, 'installationId');
      await transactionDone(store.transaction);
    } catch {
      // Not kept: a new id at each start is still better than none.
    }
    return fresh;
  }

  append(events: readonly TelemetryEvent[]): Promise<number> {
    for (const event of events) {
      if (!this._events.has(event.id)) void this.put(event);
      if (this._events.has(event.id)) this._parked.add(event.id);
    }
    return this._written.then(() => events.length);
  }

  async next(maxEvents: number): Promise<SpoolBatch | undefined> {
    const ids: string[] = [];
    const refused: string[] = [];
    for (const id of this._parked) {
      if (ids.length >= maxEvents) break;
      if (this._leased.has(id)) continue;
      if (this._hooks.keep((this._events.get(id) as Row).e)) ids.push(id);
      else refused.push(id);
    }
    this.remove(refused);
    if (ids.length === 0) return undefined;
    for (const id of ids) this._leased.add(id);
    return {
      events: ids.map((id) => (this._events.get(id) as Row).e),
      ack: async () => this.remove(ids),
      release: () => {
        for (const id of ids) this._leased.delete(id);
      },
    };
  }

  hasPending(): boolean {
    return this._parked.size > this._leased.size;
  }

  async close(): Promise<void> {
    await this._written;
  }

  /** Drops the oldest events past the bound. */
  private _bound(): void {
    const over = this._events.size - this._max;
    if (over <= 0) return;
    this.remove(Array.from(this._events.keys()).slice(0, over));
    this._hooks.evicted(over);
  }

  /** Queues a write; the writes of one task go out in one transaction, in order. */
  private _write(op: Op): void {
    if (this._db === undefined) return;
    this._ops.push(op);
    if (this._ops.length > 1) return;
    const db = this._db;
    this._written = this._written.then(
      () =>
        new Promise<void>((resolve) => queueMicrotask(resolve)).then(() => {
          const ops = this._ops;
          this._ops = [];
          const tx = db.transaction(EVENTS_STORE, 'readwrite');
          const store = tx.objectStore(EVENTS_STORE);
          for (const o of ops) {
            if ('put' in o) store.put(o.put);
            else store.delete(o.del);
          }
          return transactionDone(tx).catch(() => undefined);
        }),
    );
  }
}

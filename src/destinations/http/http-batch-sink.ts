import { DecotelError } from '../../errors';
import type { TelemetryEvent } from '../../tracker/event';
import { SEVERITY_RANK } from '../../tracker/event';
import type { Destination, DestinationContext, FlushResult, ResourceInfo } from '../destination';
import type { EventSpool, SpoolBatch } from './event-spool';
import { createJsonFormat } from './format-json';
import type { HttpFormat } from './http-format';
import { OverflowSpill } from './overflow-spill';
import { deliverBatch } from './deliver-batch';
import type { DeliveryOutcome, DeliveryPolicy } from './deliver-batch';
import { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS, DEFAULT_MAX_RETRIES } from './retry';
import { unrefTimer } from './send-request';
import { DEFAULT_DRAIN_TIMEOUT_MS, DEFAULT_FLUSH_INTERVAL_MS, DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_QUEUE_SIZE, DEFAULT_REQUEST_TIMEOUT_MS, SPOOL_OVERFLOW_HOLD_FACTOR, SPOOL_RESERVE_MS } from './http-batch-sink-options';
import type { HttpBatchSinkOptions, ShutdownResult } from './http-batch-sink-options';
import { fallbackResource, SILENT_CONTEXT, withDeadline, withoutContentType } from './sink-support';

export type { HttpBatchSinkOptions, ShutdownResult } from './http-batch-sink-options';

interface Job {
  events: TelemetryEvent[];
  spooled?: SpoolBatch;
}

/**
 * A batched HTTP sender (DESIGN.md §7) with only the global `fetch`: it runs in Node and in
 * the browser worker alike. Events wait in a bounded queue; one request is in flight at a
 * time, so order is kept across retries.
 */
export class HttpBatchSink implements Destination {
  readonly name: string;
  readonly type = 'http';
  private readonly _format: HttpFormat;
  private readonly _batchSize: number;
  private readonly _flushIntervalMs: number;
  private readonly _maxQueueSize: number;
  private readonly _policy: DeliveryPolicy;
  private readonly _spool: EventSpool | undefined;
  private readonly _fixedResource: ResourceInfo | undefined;
  private _context: DestinationContext;
  private readonly _queue: TelemetryEvent[] = [];
  private readonly _spill: OverflowSpill;
  private _job: Job | undefined;
  private _pump: Promise<void> | undefined;
  private _pumpScheduled = false;
  /** Send partial batches until the queue is empty (timer, flush, error event). */
  private _draining = false;
  /** The receiver failed lately: do not replay the spool until a delivery succeeds or the timer fires. */
  private _replayPaused = false;
  private _closing = false;
  private _halted = false;
  private _timer: ReturnType<typeof setInterval> | undefined;
  private _abort: AbortController | undefined;
  private _deliveredTotal = 0;
  private readonly _idleWaiters = new Set<() => void>();
  private _shutdown: Promise<ShutdownResult> | undefined;

  constructor(options: HttpBatchSinkOptions) {
    this.name = options.name ?? 'http';
    this._format = options.format ?? createJsonFormat();
    const perRequest = this._format.maxEventsPerRequest ?? Number.POSITIVE_INFINITY;
    this._batchSize = Math.max(1, Math.min(options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE, perRequest));
    this._flushIntervalMs = Math.max(1, options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS);
    this._maxQueueSize = Math.max(1, options.maxQueueSize ?? DEFAULT_MAX_QUEUE_SIZE);
    this._policy = {
      url: options.url,
      headers: { ...withoutContentType(options.headers), 'Content-Type': this._format.contentType },
      timeoutMs: Math.max(1, options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
      maxRetries: Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES),
      backoff: { baseDelayMs: options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS, maxDelayMs: options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS },
      random: options.random ?? Math.random,
      onRetry: () => this._context.retried(1),
    };
    this._spool = options.spool;
    this._context = options.context ?? SILENT_CONTEXT;
    this._fixedResource = options.resource;
    this._spill = new OverflowSpill({
      spool: this._spool,
      limit: this._maxQueueSize,
      holdLimit: this._maxQueueSize * SPOOL_OVERFLOW_HOLD_FACTOR,
      name: this.name,
      context: () => this._context,
      onWritten: () => {
        this._updateTimer();
        this._notify();
      },
    });
    // What an earlier run spooled is sent first.
    if (this._spool !== undefined) this._schedule();
  }

  /** @internal Called by the tracker when the sink is added with `addDestination`. */
  bind(context: DestinationContext): void {
    this._context = context;
  }

  /** Enqueues `event`; never blocks or throws. An event of severity error or above starts a send at once. */
  handle(event: TelemetryEvent): void {
    if (this._halted) {
      this._context.dropped('shutdown_timeout', 1);
      return;
    }
    if (this._queue.length >= this._maxQueueSize) {
      this._spill.overflow(event);
      return;
    }
    this._queue.push(event);
    if (this._timer === undefined) this._startTimer();
    if (SEVERITY_RANK[event.severity] >= SEVERITY_RANK.error) this._draining = true;
    if (this._draining || this._queue.length >= this._batchSize) this._schedule();
  }

  /** Events held in memory and not yet delivered: queued, in flight, or on their way to the spool. */
  inQueue(): number {
    const inFlight = this._job !== undefined && this._job.spooled === undefined ? this._job.events.length : 0;
    return this._queue.length + inFlight + this._spill.held;
  }

  /**
   * Sends everything queued now, batch after batch, and resolves when it is delivered (or
   * spooled, dropped), and the request in flight, if any, is settled (also one replaying
   * spooled events), or after `timeoutMs`, whichever comes first.
   */
  async flush(timeoutMs: number = DEFAULT_DRAIN_TIMEOUT_MS): Promise<FlushResult> {
    const before = this._deliveredTotal;
    if (!this._closing) {
      this._draining = true;
      this._schedule();
    }
    await this._waitIdle(timeoutMs);
    this._spill.endBurst();
    return { delivered: this._deliveredTotal - before, pending: this.inQueue() };
  }

  /**
   * Flushes, then stops: when the time is up the request in flight is aborted and what is left
   * goes to the spool (or is dropped as `shutdown_timeout`). Idempotent; resolves within `timeoutMs`.
   */
  shutdown(timeoutMs: number = DEFAULT_DRAIN_TIMEOUT_MS): Promise<ShutdownResult> {
    this._shutdown ??= this._doShutdown(Math.max(0, timeoutMs));
    return this._shutdown;
  }

  private async _doShutdown(timeoutMs: number): Promise<ShutdownResult> {
    const deadline = Date.now() + timeoutMs;
    const before = this._deliveredTotal;
    this._closing = true;
    this._draining = true;
    this._stopTimer();
    this._schedule();
    const reserve = this._spool === undefined ? 0 : Math.min(SPOOL_RESERVE_MS, timeoutMs / 2);
    await this._waitIdle(timeoutMs - reserve);
    this._halted = true;
    this._abort?.abort();
    if (this._pump !== undefined) await withDeadline(this._pump, deadline - Date.now());
    const rest = this._queue.splice(0, this._queue.length);
    for (const e of this._spill.takeStaged()) rest.push(e);
    let spooled = 0;
    if (this._spool !== undefined) {
      const spool = this._spool;
      const written = rest.length > 0 ? this._spill.write(rest, 'shutdown_timeout') : Promise.resolve(0);
      spooled = (await withDeadline(written, deadline - Date.now())) ?? 0;
      await withDeadline(written.then(() => spool.close()), deadline - Date.now());
    } else if (rest.length > 0) {
      this._context.dropped('shutdown_timeout', rest.length);
    }
    this._spill.endBurst();
    return { delivered: this._deliveredTotal - before, pending: this.inQueue(), spooled };
  }

  private _schedule(): void {
    if (this._pump !== undefined || this._pumpScheduled) return;
    this._pumpScheduled = true;
    queueMicrotask(() => {
      this._pumpScheduled = false;
      if (this._pump !== undefined) return;
      this._pump = this._runPump()
        .catch((err: unknown) => this._context.error(err))
        .finally(() => {
          this._pump = undefined;
          // Events that arrived while the pump was winding down would otherwise wait for the timer.
          if (this._hasFullBatch()) this._schedule();
          this._updateTimer();
          this._notify();
        });
    });
  }

  /** The one sender: a batch at a time, spooled events first. */
  private async _runPump(): Promise<void> {
    for (let job = await this._nextJob(); job !== undefined; job = await this._nextJob()) {
      this._job = job;
      try {
        await this._settle(job, await this._deliver(job));
      } finally {
        this._job = undefined;
        this._notify();
      }
    }
  }

  private async _nextJob(): Promise<Job | undefined> {
    if (this._halted) return undefined;
    if (this._spool !== undefined && !this._replayPaused && !this._closing) {
      const batch = await this._spool.next(this._batchSize);
      if (batch !== undefined) {
        if (!this._halted) return { events: batch.events, spooled: batch };
        batch.release();
        return undefined;
      }
    }
    if (this._queue.length === 0) this._draining = false;
    if (!this._hasFullBatch()) return undefined;
    const events = this._queue.splice(0, Math.min(this._queue.length, this._batchSize));
    // The queue has room again: the burst of drops, if any, is over.
    this._spill.endBurst();
    return { events };
  }

  /** A batch may leave the queue now: a full one, or any while draining. */
  private _hasFullBatch(): boolean {
    const size = this._queue.length;
    return !this._halted && size > 0 && (size >= this._batchSize || this._draining || this._closing);
  }

  private async _deliver(job: Job): Promise<DeliveryOutcome> {
    const base = this._fixedResource ?? this._context.resource ?? fallbackResource();
    // Replayed events may come from an earlier session: their envelope says so.
    const resource = job.spooled === undefined ? base : { ...base, sessionId: job.events[0]?.sessionId ?? base.sessionId };
    let body: string;
    try {
      body = this._format.encode(job.events, resource, Date.now());
    } catch (err) {
      return { kind: 'rejected', error: new DecotelError({ code: 'INTERNAL', message: `could not encode a batch: ${(err as Error)?.message}`, cause: err }) };
    }
    this._abort = new AbortController();
    if (this._halted) this._abort.abort();
    return deliverBatch(body, this._policy, this._abort.signal);
  }

  private async _settle(job: Job, outcome: DeliveryOutcome): Promise<void> {
    const n = job.events.length;
    switch (outcome.kind) {
      case 'delivered':
        this._deliveredTotal += n;
        this._context.delivered(n);
        this._replayPaused = false;
        await job.spooled?.ack();
        return;
      case 'rejected':
        this._context.dropped('rejected', n);
        this._context.error(outcome.error);
        await job.spooled?.ack();
        return;
      case 'exhausted':
        this._context.error(outcome.error);
        this._replayPaused = true;
        if (job.spooled !== undefined) job.spooled.release();
        else if (this._spool !== undefined) {
          this._job = undefined; // counted by the spill from here on
          await this._spill.write(job.events, 'retry_exhausted');
        }
        else this._context.dropped('retry_exhausted', n);
        return;
      default:
        // Interrupted by shutdown: spooled events stay on disk, the others go back in front.
        if (job.spooled !== undefined) job.spooled.release();
        else this._queue.unshift(...job.events);
    }
  }

  private _startTimer(): void {
    if (this._closing || this._timer !== undefined) return;
    this._timer = setInterval(() => {
      this._draining = true;
      this._replayPaused = false;
      this._schedule();
    }, this._flushIntervalMs);
    unrefTimer(this._timer);
  }

  private _stopTimer(): void {
    if (this._timer !== undefined) clearInterval(this._timer);
    this._timer = undefined;
  }

  /** The timer runs while anything is held or spooled. */
  private _updateTimer(): void {
    if (this.inQueue() > 0 || (this._spool?.hasPending() ?? false)) this._startTimer();
    else this._stopTimer();
  }

  private _notify(): void {
    for (const check of [...this._idleWaiters]) check();
  }

  /** Nothing held and no request in flight, also none replaying spooled events. */
  private _isIdle(): boolean {
    return this.inQueue() === 0 && this._job === undefined;
  }

  /** Resolves true once {@link _isIdle}, or false after `timeoutMs`. */
  private _waitIdle(timeoutMs: number): Promise<boolean> {
    if (this._isIdle()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (idle: boolean): void => {
        clearTimeout(timer);
        this._idleWaiters.delete(check);
        resolve(idle);
      };
      const check = (): void => {
        if (this._isIdle()) finish(true);
      };
      // Not unref'd: the caller awaits this, and its own timeout bounds it.
      const timer = setTimeout(() => finish(false), Math.max(0, timeoutMs));
      this._idleWaiters.add(check);
    });
  }
}

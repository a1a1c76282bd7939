import type { ServerResponse } from 'node:http';
import type { TelemetryEvent } from '../tracker/event';
import { PatternSet, patternProblem } from '../tracker/pattern';

/** Events kept for a page that connects (or changes its filter) later. */
export const LIVE_HISTORY_MAX_EVENTS = 20_000;
/** Events are sent to pages in batches at most this often, so 1 000 events/s stay cheap. */
export const LIVE_BATCH_INTERVAL_MS = 200;

interface Client {
  res: ServerResponse;
  filter: PatternSet | undefined;
  pending: TelemetryEvent[];
}

/**
 * Server-sent events for the live view of `decotel collect`. The filter is a glob applied here
 * with the same matcher as the YAML `events`, so the page and the config agree on what matches.
 */
export class LiveStream {
  private readonly _history: TelemetryEvent[] = [];
  private readonly _clients = new Set<Client>();
  private readonly _timer: ReturnType<typeof setInterval>;

  constructor() {
    this._timer = setInterval(() => this._send(), LIVE_BATCH_INTERVAL_MS);
    this._timer.unref();
  }

  /** Starts a stream on `res`: first the history that matches `filter`, then new events. */
  attach(res: ServerResponse, filterText: string | null): void {
    const text = filterText?.trim() ?? '';
    const problem = text === '' ? undefined : patternProblem(text);
    const client: Client = { res, filter: text === '' || problem ? undefined : new PatternSet([text]), pending: [] };
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(`event: hello\ndata: ${JSON.stringify({ filter: text, problem: problem ?? null })}\n\n`);
    client.pending = client.filter ? this._history.filter((e) => client.filter?.test(e.name)) : [...this._history];
    this._clients.add(client);
    res.on('close', () => this._clients.delete(client));
    this._send();
  }

  publish(event: TelemetryEvent): void {
    this._history.push(event);
    if (this._history.length > LIVE_HISTORY_MAX_EVENTS) this._history.splice(0, this._history.length - LIVE_HISTORY_MAX_EVENTS);
    for (const c of this._clients) if (!c.filter || c.filter.test(event.name)) c.pending.push(event);
  }

  close(): void {
    clearInterval(this._timer);
    for (const c of this._clients) c.res.end();
    this._clients.clear();
  }

  private _send(): void {
    for (const c of this._clients) {
      if (c.pending.length === 0) continue;
      const batch = c.pending;
      c.pending = [];
      c.res.write(`data: ${JSON.stringify(batch)}\n\n`);
    }
  }
}

import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the server does with one request: answer with a status (after `delayMs`), never answer
 * (`hang`), or cut the connection (`reset`, a socket.destroy()).
 */
export type FaultAction = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | 'hang' | 'reset';

/** A request as the server saw it. */
export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  action: FaultAction;
  /** Date.now() when the body had arrived. */
  at: number;
}

/** Picks the action for the request numbered `index` (from 0). */
export type FaultScript = (index: number, request: { method: string; path: string; body: string }) => FaultAction;

/** A real HTTP server on 127.0.0.1 that answers as its script says and records every request. */
export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Requests answered with a 2xx. */
  readonly accepted: RecordedRequest[];
  /** Replaces the script for the requests to come. */
  script(next: FaultScript): void;
  /** Resolves once `predicate()` holds; rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const OK: FaultAction = { status: 200, body: '{}' };

/** Starts a {@link FaultServer}; the default script answers 200 to everything. */
export async function startFaultServer(script: FaultScript = () => OK): Promise<FaultServer> {
  let current = script;
  const requests: RecordedRequest[] = [];
  const accepted: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const index = requests.length;
      const path = req.url ?? '/';
      const action = current(index, { method: req.method ?? 'GET', path, body });
      const record: RecordedRequest = { index, method: req.method ?? 'GET', path, headers: req.headers, body, action, at: Date.now() };
      requests.push(record);
      if (action === 'hang') return;
      if (action === 'reset') {
        req.socket.destroy();
        return;
      }
      const answer = (): void => {
        if (action.status >= 200 && action.status < 300) accepted.push(record);
        res.writeHead(action.status, { 'Content-Type': 'application/json', ...action.headers });
        res.end(action.body ?? '');
      };
      if (action.delayMs !== undefined) setTimeout(answer, action.delayMs);
      else answer();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted,
    script(next) {
      current = next;
    },
    async waitFor(predicate, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > until) throw new Error('waitFor: timed out');
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The event ids of a json-envelope request body. */
export function idsOf(request: RecordedRequest): string[] {
  return (JSON.parse(request.body) as { events: Array<{ id: string }> }).events.map((e) => e.id);
}

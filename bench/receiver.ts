// The loopback receiver of the delivery benchmarks (issue #10 §2, §3): a child process with a
// tiny HTTP server that answers 200 and counts events and distinct event ids, whatever the
// format (decotel `json`, OTLP/HTTP JSON from decotel or from OpenTelemetry). The parent drives
// it over IPC: `stats`, `down` (refuse connections, for the outage) and `up` (same port again).
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What `stats` answers. */
export interface ReceiverStats {
  requests: number;
  events: number;
  unique: number;
  bytes: number;
  /** performance.now() of the first and last request, in this process. */
  firstMs: number;
  lastMs: number;
}

interface OtlpBody {
  resourceLogs?: Array<{ scopeLogs?: Array<{ logRecords?: Array<{ attributes?: Array<{ key: string; value: { stringValue?: string; intValue?: string | number } }> }> }> }>;
}

const ids = new Set<string>();
const stats: ReceiverStats = { requests: 0, events: 0, unique: 0, bytes: 0, firstMs: 0, lastMs: 0 };
const sockets = new Set<Socket>();

/** Counts the events of one body; ids found are added to `ids`. */
function count(body: string): void {
  const parsed = JSON.parse(body) as { events?: Array<{ id?: string }> } & OtlpBody;
  if (Array.isArray(parsed.events)) {
    for (const e of parsed.events) {
      stats.events++;
      if (typeof e.id === 'string') ids.add(e.id);
    }
    return;
  }
  for (const rl of parsed.resourceLogs ?? []) {
    for (const sl of rl.scopeLogs ?? []) {
      for (const record of sl.logRecords ?? []) {
        stats.events++;
        const id = record.attributes?.find((a) => a.key === 'event.id')?.value;
        if (id !== undefined) ids.add(String(id.stringValue ?? id.intValue));
      }
    }
  }
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const now = performance.now();
    if (stats.requests === 0) stats.firstMs = now;
    stats.lastMs = now;
    stats.requests++;
    const body = Buffer.concat(chunks);
    stats.bytes += body.length;
    try {
      count(body.toString('utf8'));
    } catch {
      // A body that is not JSON is counted as a request only.
    }
    stats.unique = ids.size;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
}

const server = createServer(handle);
server.keepAliveTimeout = 30_000;
server.on('connection', (socket: Socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
let port = Number(process.env.BENCH_RECEIVER_PORT ?? 0);

function listen(): void {
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    if (address !== null && typeof address === 'object') port = address.port;
    process.send?.({ type: 'up', port });
  });
}

process.on('message', (message: { cmd: string }) => {
  if (message.cmd === 'stats') process.send?.({ type: 'stats', stats: { ...stats, unique: ids.size } });
  else if (message.cmd === 'down') {
    server.close(() => process.send?.({ type: 'down' }));
    for (const socket of sockets) socket.destroy();
  } else if (message.cmd === 'up') listen();
  else if (message.cmd === 'exit') process.exit(0);
});
process.on('disconnect', () => process.exit(0));
listen();

import { createHash, timingSafeEqual } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatPretty } from '../destinations/console-destination';
import type { TelemetryEvent } from '../tracker/event';
import type { CollectedBatch } from './collect-envelope';
import { envelopeToBatch } from './collect-envelope';
import { otlpToBatches } from './collect-otlp';
import { serveStatic } from './collect-static.node';
import { LiveStream } from './live-stream';
import { LIVE_VIEW_HTML } from './live-view-page';

/** The port OTLP/HTTP receivers listen on. */
export const DEFAULT_COLLECT_PORT = 4318;
/** Bodies larger than this are refused with 413 by default (5 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Event ids remembered for de-duplication; the oldest are forgotten past it. */
export const DEDUPE_WINDOW = 200_000;

/** The browser remote config of DESIGN.md §8, as written in the YAML's `browser:` section. */
export interface BrowserRemoteConfig {
  disableTelemetry?: boolean;
  disableEvents?: string[];
  rolloutPercent?: number;
  ingestionUrl?: string;
  format?: 'json' | 'otlp';
}

/** Options of {@link startCollector}. */
export interface CollectorOptions {
  /** Default: `4318`; `0` picks a free port. */
  port?: number;
  /** Default: `'127.0.0.1'`. */
  host?: string;
  /** A JSONL file events are appended to, one §2 event a line with its batch's `service`. Default: none. */
  out?: string;
  /** When set, POSTs need `Authorization: Bearer <token>`. Default: none. */
  token?: string;
  /** Default: 5 MiB. */
  maxBodyBytes?: number;
  /** Origins whose CORS preflights are answered; `'*'` allows any. Default: none. */
  corsOrigins?: string[];
  /** Served at `GET /v1/config`. Default: the defaults of §8. */
  browserConfig?: BrowserRemoteConfig;
  /** Called with each new (not duplicate) event. */
  onEvent?: (event: TelemetryEvent, service: CollectedBatch['service']) => void;
  /** Serves `/decotel-worker.js` and `/decotel-browser.js` from here (the package's `dist/`). Default: none. */
  assetsDir?: string;
  /** Serves this folder at `/app/`, e.g. `examples/browser`. Default: none. */
  staticDir?: string;
  /** Prints a line for each new event. Default: nothing printed. */
  log?: (line: string) => void;
}

/** Counters of a running collector. */
export interface CollectorStats {
  requests: number;
  /** New events written. */
  accepted: number;
  /** Events whose id was seen before. */
  duplicates: number;
  /** Requests answered with a 4xx. */
  rejected: number;
}

/** A running `decotel collect` receiver. */
export interface Collector {
  readonly port: number;
  /** `http://<host>:<port>` */
  readonly url: string;
  readonly stats: Readonly<CollectorStats>;
  /** Stops listening, ends open connections and closes the output file. */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Starts the local receiver of `decotel collect` (DESIGN.md §9): `POST /v1/events` (json
 * envelope) and `POST /v1/logs` (OTLP JSON), de-duplicated by event id, and
 * `GET /v1/config` for the browser SDK.
 */
export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const host = options.host ?? '127.0.0.1';
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const stats: CollectorStats = { requests: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const seen = new Set<string>();
  const file: FileHandle | undefined = options.out === undefined ? undefined : await open(options.out, 'a');
  let writes: Promise<unknown> = Promise.resolve();
  const live = new LiveStream();

  const record = async (batches: CollectedBatch[]): Promise<{ accepted: number; duplicates: number }> => {
    let lines = '';
    let accepted = 0;
    const fresh: Array<[TelemetryEvent, CollectedBatch['service']]> = [];
    for (const batch of batches) {
      for (const event of batch.events) {
        if (seen.has(event.id)) continue;
        remember(seen, event.id);
        lines += `${JSON.stringify({ ...event, service: batch.service })}\n`;
        fresh.push([event, batch.service]);
        accepted += 1;
      }
    }
    const total = batches.reduce((n, b) => n + b.events.length, 0);
    stats.accepted += accepted;
    stats.duplicates += total - accepted;
    if (file !== undefined && lines !== '') {
      writes = writes.catch(() => undefined).then(() => file.appendFile(lines, 'utf8'));
      await writes;
    }
    for (const [event, service] of fresh) {
      try {
        live.publish(event);
        options.log?.(`${service.name ?? '-'} ${formatPretty(event)}`);
        options.onEvent?.(event, service);
      } catch {
        // The events are stored; a failing printer or callback must not turn that into a 500.
      }
    }
    return { accepted, duplicates: total - accepted };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests += 1;
    const origin = allowedOrigin(req.headers.origin, options.corsOrigins ?? []);
    if (origin !== undefined) res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.headers.origin !== undefined) res.setHeader('Vary', 'Origin');
    const path = new URL(req.url ?? '/', 'http://collector').pathname;
    if (req.method === 'OPTIONS') {
      if (origin === undefined) throw new HttpError(403, `origin ${String(req.headers.origin)} is not allowed (--cors-origin)`);
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Authorization',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    // The live view: a page, and the server-sent events it reads (GET only, like /v1/config).
    if (req.method === 'GET' && path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(LIVE_VIEW_HTML);
      return;
    }
    if (req.method === 'GET' && path === '/v1/stream') {
      live.attach(res, new URL(req.url ?? '/', 'http://collector').searchParams.get('filter'));
      return;
    }
    if (req.method === 'GET' && serveStatic(path, res, options)) return;
    if (path === '/v1/config') {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'use GET', { Allow: 'GET' });
      send(res, 200, remoteConfig(options.browserConfig));
      return;
    }
    if (path !== '/v1/events' && path !== '/v1/logs') throw new HttpError(404, `no route ${path}; POST /v1/events or /v1/logs`);
    if (req.method !== 'POST') throw new HttpError(405, 'use POST', { Allow: 'POST' });
    if (options.token !== undefined && !hasToken(req.headers.authorization, options.token)) {
      throw new HttpError(401, 'a bearer token is required', { 'WWW-Authenticate': 'Bearer' });
    }
    checkContentType(req);
    const parsed = parseJson(await readBody(req, maxBody));
    let batches: CollectedBatch[];
    try {
      batches = path === '/v1/logs' ? otlpToBatches(parsed) : [envelopeToBatch(parsed)];
    } catch (err) {
      throw new HttpError(400, (err as Error).message);
    }
    const result = await record(batches);
    send(res, 200, path === '/v1/logs' ? { partialSuccess: {} } : result);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status < 500) stats.rejected += 1;
      const headers = err instanceof HttpError ? err.headers : {};
      // A refused body is not read to the end: close the connection after answering.
      if (status === 413) headers.Connection = 'close';
      send(res, status, { error: (err as Error)?.message ?? String(err) }, headers);
      if (status === 413) req.resume();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_COLLECT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (err: unknown) => {
    await file?.close();
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    stats,
    close() {
      closing ??= new Promise<void>((resolve) => {
        live.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(async () => {
        await writes.catch(() => undefined);
        await file?.close();
      });
      return closing;
    },
  };
}

/** The JSON of `GET /v1/config`, with the defaults of DESIGN.md §8. */
export function remoteConfig(config: BrowserRemoteConfig = {}): Record<string, unknown> {
  return {
    disable_telemetry: config.disableTelemetry ?? false,
    disable_events: config.disableEvents ?? [],
    rollout_percent: config.rolloutPercent ?? 100,
    ingestion_url: config.ingestionUrl ?? '/v1/events',
    format: config.format ?? 'json',
  };
}

function remember(seen: Set<string>, id: string): void {
  seen.add(id);
  if (seen.size > DEDUPE_WINDOW) seen.delete(seen.values().next().value as string);
}

function allowedOrigin(origin: string | undefined, allowed: readonly string[]): string | undefined {
  if (origin === undefined) return undefined;
  return allowed.includes(origin) || allowed.includes('*') ? origin : undefined;
}

function hasToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (match === null) return false;
  // Compare digests: equal lengths, and no timing hint of where the strings differ.
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1].trim()), digest(token));
}

function checkContentType(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json' && type !== 'text/plain') {
    throw new HttpError(415, `expected Content-Type application/json or text/plain, got ${type === '' ? 'none' : type}`);
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') throw new HttpError(415, `Content-Encoding ${encoding} is not supported`);
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = (): HttpError => new HttpError(413, `the body is larger than ${maxBytes} bytes (--max-body)`);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // Past the limit the rest is read and discarded: destroying the request would lose the 413.
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      settled = true;
      chunks.length = 0;
      reject(tooLarge());
    });
    req.on('end', () => {
      if (!settled) resolve(Buffer.concat(chunks).toString('utf8'));
      settled = true;
    });
    req.on('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `malformed JSON: ${(err as Error).message}`);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

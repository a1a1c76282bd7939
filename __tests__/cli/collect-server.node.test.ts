import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpBatchSink } from 'decotel';
import type { TelemetryEvent } from 'decotel';
import { startCollector } from '../../src/cli/collect-server.node';
import type { Collector, CollectorOptions } from '../../src/cli/collect-server.node';
import { createOtlpFormat } from '../../src/destinations/http/format-otlp';
import { toJsonEnvelope } from '../../src/destinations/http/format-json';
import { makeEvent, makeEvents, recordingContext, TEST_RESOURCE } from '../helpers/events';

let dir: string;
let collector: Collector | undefined;
let lines: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'decotel-collect-'));
  lines = [];
});

afterEach(async () => {
  await collector?.close();
  collector = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: CollectorOptions = {}): Promise<Collector> {
  collector = await startCollector({ port: 0, out: join(dir, 'events.jsonl'), log: (l) => lines.push(l), ...options });
  return collector;
}

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${collector?.url}${path}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
}

const envelope = (events: TelemetryEvent[]): string => JSON.stringify(toJsonEnvelope(events, TEST_RESOURCE, Date.now()));
const written = (): Array<Record<string, unknown>> =>
  readFileSync(join(dir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));

describe('startCollector()', () => {
  it('binds 127.0.0.1 by default', async () => {
    const c = await start();
    expect(c.url).toBe(`http://127.0.0.1:${c.port}`);
  });

  describe('POST /v1/events', () => {
    it('appends each event as one JSONL line with its batch service, prints it, and de-duplicates by id', async () => {
      const seen: string[] = [];
      await start({ onEvent: (e) => seen.push(e.id) });
      const res = await post('/v1/events', envelope(makeEvents(2)));
      expect(res.status).toBe(200);
      await expect(res.json()).resolves.toEqual({ accepted: 2, duplicates: 0 });
      const again = await post('/v1/events', envelope(makeEvents(3)), { 'Content-Type': 'text/plain;charset=UTF-8' });
      await expect(again.json()).resolves.toEqual({ accepted: 1, duplicates: 2 });
      expect(written()).toEqual(makeEvents(3).map((e) => ({ ...e, service: TEST_RESOURCE.service })));
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/^checkout .*INFO +test\.event/);
      expect(seen).toEqual(makeEvents(3).map((e) => e.id));
      expect(collector?.stats).toEqual({ requests: 2, accepted: 3, duplicates: 2, rejected: 0 });
    });

    it('stores events even when the printer or the callback throws', async () => {
      const onEvent = (): void => {
        throw new Error('callback fault');
      };
      await start({ onEvent });
      expect((await post('/v1/events', envelope([makeEvent(1)]))).status).toBe(200);
      expect(written()).toHaveLength(1);
    });

    it('answers 400 to malformed input and keeps serving', async () => {
      await start();
      const bad = ['{not json', '[]', '{"events":{}}', '{"events":[1]}', '{"events":[{"name":"x"}]}', '{"events":[{"id":"a"}]}'];
      for (const body of bad) {
        const res = await post('/v1/events', body);
        expect(res.status).toBe(400);
        expect((await res.json()).error).toEqual(expect.any(String));
      }
      const ok = await post('/v1/events', envelope([makeEvent(1)]));
      expect(ok.status).toBe(200);
      expect(collector?.stats.rejected).toBe(bad.length);
    });

    it('answers 413 to a body over the limit, announced or chunked, and keeps serving', async () => {
      await start({ maxBodyBytes: 1_000 });
      const big = envelope(makeEvents(20));
      expect((await post('/v1/events', big)).status).toBe(413);
      expect(await chunkedPost(`${collector?.url}/v1/events`, [big.slice(0, 800), big.slice(800)])).toBe(413);
      expect((await post('/v1/events', envelope([makeEvent(1)]))).status).toBe(200);
    });

    it('answers 415 to other content types and encodings', async () => {
      await start();
      expect((await post('/v1/events', envelope([makeEvent(1)]), { 'Content-Type': 'application/x-protobuf' })).status).toBe(415);
      expect((await post('/v1/events', envelope([makeEvent(1)]), { 'Content-Encoding': 'gzip' })).status).toBe(415);
      const none = await fetch(`${collector?.url}/v1/events`, { method: 'POST', body: new Uint8Array([1]) });
      expect(none.status).toBe(415);
    });

    it('requires the bearer token when one is set', async () => {
      await start({ token: 's3cret' });
      expect((await post('/v1/events', envelope([makeEvent(1)]))).status).toBe(401);
      const wrong = await post('/v1/events', envelope([makeEvent(1)]), { Authorization: 'Bearer nope' });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
      expect((await post('/v1/events', envelope([makeEvent(1)]), { Authorization: 'Bearer s3cret' })).status).toBe(200);
      expect((await fetch(`${collector?.url}/v1/config`)).status).toBe(200);
    });
  });

  describe('POST /v1/logs', () => {
    it('takes OTLP JSON and stores the very events that were encoded', async () => {
      await start();
      const events = [makeEvent(1, { durationMs: 5, properties: { nested: { a: [1, 'b'] } }, context: { requestId: 'r' } }), makeEvent(2, { severity: 'warning' })];
      const res = await post('/v1/logs', createOtlpFormat().encode(events, TEST_RESOURCE, Date.now()));
      expect(res.status).toBe(200);
      await expect(res.json()).resolves.toEqual({ partialSuccess: {} });
      expect(written()).toEqual(events.map((e) => ({ ...e, service: TEST_RESOURCE.service })));
    });

    it('answers 400 to a malformed OTLP request', async () => {
      await start();
      expect((await post('/v1/logs', '{"resourceLogs":{}}')).status).toBe(400);
      expect((await post('/v1/logs', '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"soon"}]}]}]}')).status).toBe(400);
    });
  });

  describe('CORS', () => {
    it('answers preflights from allowed origins only', async () => {
      await start({ corsOrigins: ['http://app.test'] });
      const ok = await fetch(`${collector?.url}/v1/events`, { method: 'OPTIONS', headers: { Origin: 'http://app.test', 'Access-Control-Request-Method': 'POST' } });
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://app.test');
      expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
      expect(ok.headers.get('access-control-allow-headers')).toContain('Authorization');
      const denied = await fetch(`${collector?.url}/v1/events`, { method: 'OPTIONS', headers: { Origin: 'http://evil.test' } });
      expect(denied.status).toBe(403);
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
      const posted = await post('/v1/events', envelope([makeEvent(1)]), { Origin: 'http://app.test' });
      expect(posted.headers.get('access-control-allow-origin')).toBe('http://app.test');
      expect(posted.headers.get('vary')).toBe('Origin');
    });

    it('allows any origin with *', async () => {
      await start({ corsOrigins: ['*'] });
      const res = await fetch(`${collector?.url}/v1/config`, { headers: { Origin: 'http://x.test' } });
      expect(res.headers.get('access-control-allow-origin')).toBe('http://x.test');
    });
  });

  describe('GET /v1/config', () => {
    it('serves the defaults without a browser section', async () => {
      await start();
      const res = await fetch(`${collector?.url}/v1/config`);
      await expect(res.json()).resolves.toEqual({ disable_telemetry: false, disable_events: [], rollout_percent: 100, ingestion_url: '/v1/events', format: 'json' });
    });

    it('serves the browser section it was given', async () => {
      await start({ browserConfig: { disableTelemetry: true, disableEvents: ['debug.*'], rolloutPercent: 25, ingestionUrl: '/v1/logs', format: 'otlp' } });
      const res = await fetch(`${collector?.url}/v1/config`);
      await expect(res.json()).resolves.toEqual({ disable_telemetry: true, disable_events: ['debug.*'], rollout_percent: 25, ingestion_url: '/v1/logs', format: 'otlp' });
    });
  });

  it('answers 404 to other paths and 405 to other methods', async () => {
    await start();
    expect((await fetch(`${collector?.url}/nope`)).status).toBe(404);
    expect((await fetch(`${collector?.url}/v1/events`)).status).toBe(405);
    expect((await post('/v1/config', '{}')).status).toBe(405);
  });

  it('receives from HttpBatchSink in both formats, end to end', async () => {
    await start();
    const [jsonCtx, otlpCtx] = [recordingContext(), recordingContext()];
    const json = new HttpBatchSink({ url: `${collector?.url}/v1/events`, context: jsonCtx, maxBatchSize: 7 });
    const otlp = new HttpBatchSink({ url: `${collector?.url}/v1/logs`, format: createOtlpFormat(), context: otlpCtx, maxBatchSize: 7 });
    for (const e of makeEvents(20)) json.handle(e);
    for (const e of makeEvents(20, 100)) otlp.handle(e);
    await expect(json.shutdown(2_000)).resolves.toMatchObject({ pending: 0 });
    await expect(otlp.shutdown(2_000)).resolves.toMatchObject({ pending: 0 });
    expect([jsonCtx.deliveredCount, otlpCtx.deliveredCount]).toEqual([20, 20]);
    const ids = new Set(written().map((e) => e.id));
    expect(ids.size).toBe(40);
  });

  it('fails to start on a port in use, and closes once', async () => {
    const c = await start();
    await expect(startCollector({ port: c.port, out: join(dir, 'other.jsonl') })).rejects.toThrow(/EADDRINUSE/);
    await expect(startCollector({ port: 0, out: join(dir, 'missing', 'x.jsonl') })).rejects.toThrow(/ENOENT/);
    expect(c.close()).toBe(c.close());
    await c.close();
  });
});

/** A POST with a chunked body (no Content-Length); resolves with the status. */
function chunkedPost(url: string, parts: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    for (const part of parts) req.write(part);
    req.end();
  });
}

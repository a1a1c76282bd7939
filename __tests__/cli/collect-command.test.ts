import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectCommand } from '../../src/cli/collect-command';
import type { CollectIo } from '../../src/cli/collect-command';
import { toJsonEnvelope } from '../../src/destinations/http/format-json';
import { makeEvents, TEST_RESOURCE } from '../helpers/events';

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'decotel-collect-cmd-'));
});

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

interface Run {
  io: CollectIo;
  out: string[];
  err: string[];
  stop(): void;
}

function run(env: Record<string, string | undefined> = {}): Run {
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd, env, signal: controller.signal },
    out,
    err,
    stop: () => controller.abort(),
  };
}

/** Starts the command and waits for its "listening on" line; returns the URL. */
async function started(r: Run, args: string[]): Promise<{ url: string; done: Promise<number> }> {
  const done = collectCommand(args, r.io);
  for (let i = 0; i < 2_000; i += 1) {
    const line = r.out.find((l) => l.includes('listening on'));
    if (line !== undefined) return { url: /listening on (\S+)/.exec(line)?.[1] ?? '', done };
    if (r.err.length > 0) break;
    await new Promise((res) => setTimeout(res, 5));
  }
  throw new Error(`collect did not start: ${r.err.join('')}`);
}

const BROWSER_YAML = `telemetry:
  enabled: true
  browser:
    disable_events: ["debug.*"]
    rollout_percent: 50
    ingestion_url: /v1/logs
    format: otlp
`;

describe('decotel collect', () => {
  it('serves the YAML browser section, appends to --out and stops on its signal', async () => {
    writeFileSync(join(cwd, 'telemetry.config.yaml'), BROWSER_YAML);
    const r = run();
    const { url, done } = await started(r, ['--port', '0', '--out', 'events.jsonl']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const config = await (await fetch(`${url}/v1/config`)).json();
    expect(config).toEqual({ disable_telemetry: false, disable_events: ['debug.*'], rollout_percent: 50, ingestion_url: '/v1/logs', format: 'otlp' });
    const body = JSON.stringify(toJsonEnvelope(makeEvents(2), TEST_RESOURCE, Date.now()));
    const res = await fetch(`${url}/v1/events`, { method: 'POST', body, headers: { 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(200);
    r.stop();
    await expect(done).resolves.toBe(0);
    expect(readFileSync(join(cwd, 'events.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
    expect(r.out.join('')).toContain('test.event');
    expect(r.out.at(-1)).toContain('2 event(s), 0 duplicate(s)');
  });

  it('takes the token from DECOTEL_COLLECT_TOKEN, and the config from $TELEMETRY_CONFIG', async () => {
    writeFileSync(join(cwd, 'other.yaml'), 'telemetry:\n  enabled: false\n');
    const r = run({ DECOTEL_COLLECT_TOKEN: 'tok', TELEMETRY_CONFIG: 'other.yaml', DO_NOT_TRACK: '1' });
    const { url, done } = await started(r, ['--port=0', '--cors-origin', 'http://a.test', '--cors-origin', 'http://b.test', '--max-body', '2048']);
    const body = JSON.stringify(toJsonEnvelope(makeEvents(1), TEST_RESOURCE, Date.now()));
    expect((await fetch(`${url}/v1/events`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })).status).toBe(401);
    const ok = await fetch(`${url}/v1/events`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok', Origin: 'http://b.test' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://b.test');
    expect((await (await fetch(`${url}/v1/config`)).json()).disable_telemetry).toBe(true);
    r.stop();
    await expect(done).resolves.toBe(0);
    expect(r.out[0]).toContain('bearer token required');
  });

  it('stops on SIGINT', async () => {
    const r = run();
    const { done } = await started(r, ['--port', '0']);
    process.emit('SIGINT', 'SIGINT');
    await expect(done).resolves.toBe(0);
    expect(r.out.at(-1)).toContain('stopped (SIGINT)');
  });

  it('prints its usage with --help', async () => {
    const r = run();
    await expect(collectCommand(['--help'], r.io)).resolves.toBe(0);
    expect(r.out.join('')).toContain('Usage: decotel collect');
  });

  it.each([[['--port', 'abc']], [['--port', '70000']], [['--max-body', '0']], [['--bogus']], [['extra']]])('exits 2 on bad arguments %j', async (args) => {
    const r = run();
    await expect(collectCommand(args, r.io)).resolves.toBe(2);
    expect(r.err.join('')).toContain('decotel collect');
  });

  it('exits 2 with the error position for a bad or missing config', async () => {
    writeFileSync(join(cwd, 'bad.yaml'), 'telemetry:\n  browser:\n    rollout_percent: lots\n');
    const r = run();
    await expect(collectCommand(['--port', '0', '--config', 'bad.yaml'], r.io)).resolves.toBe(2);
    expect(r.err.join('')).toMatch(/bad\.yaml:3:\d+: /);
    const missing = run();
    await expect(collectCommand(['--port', '0', '--config', 'nope.yaml'], missing.io)).resolves.toBe(2);
    expect(missing.err.join('')).toContain('FILE_NOT_FOUND');
  });

  it('exits 1 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((res) => blocker.listen(0, '127.0.0.1', res));
    const r = run();
    await expect(collectCommand(['--port', String((blocker.address() as AddressInfo).port)], r.io)).resolves.toBe(1);
    expect(r.err.join('')).toContain('EADDRINUSE');
    await new Promise((res) => blocker.close(res));
  });

  it('stops at once when its signal is already aborted', async () => {
    const r = run();
    r.stop();
    await expect(collectCommand(['--port', '0'], r.io)).resolves.toBe(0);
  });
});

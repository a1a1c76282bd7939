import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { createHttpDestination } from 'decotel';
import type { Destination } from 'decotel';
import { makeEvents, recordingContext, TEST_RESOURCE } from '../../helpers/events';
import { idsOf, OK, startFaultServer } from '../../helpers/fault-server';
import type { FaultServer } from '../../helpers/fault-server';

// Child processes on a busy machine: generous per-test time; each wait has its own bound.
jest.setTimeout(40_000);

// The child runs the real destination code, bundled from TypeScript by esbuild.
let work: string;
let bundle: string;
let server: FaultServer;
const children: ChildProcess[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'decotel-crash-'));
  bundle = join(work, 'spool-child.js');
  buildSync({ entryPoints: [join(__dirname, '../../helpers/spool-child.ts')], bundle: true, platform: 'node', target: 'node18', format: 'cjs', outfile: bundle, logLevel: 'silent' });
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

function startChild(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [bundle], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Complete lines in the spool files of the directory. */
function spooledIds(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').slice(0, -1))
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

describe('the http destination spool across a crash', () => {
  it('loses nothing it had spooled when killed with SIGKILL, even mid-replay: the next start sends it', async () => {
    const spoolDir = join(work, 'spool');
    server = await startFaultServer(() => 'hang');
    // 1. 200 events into a queue of 100 while the receiver hangs: 100 overflow to the spool.
    const first = startChild({ CHILD_URL: `${server.url}/v1/events`, CHILD_SPOOL_DIR: spoolDir, CHILD_SESSION: 'crash-1', CHILD_COUNT: '200', CHILD_QUEUE: '100' });
    const expected = makeEvents(100, 101).map((e) => e.id);
    await server.waitFor(() => {
      try {
        // Spooled, and a request in flight (hanging): the child is killed mid-delivery.
        return spooledIds(spoolDir).length === 100 && server.requests.length >= 1;
      } catch {
        return false;
      }
    }, 10_000);
    await killed(first);
    expect(new Set(spooledIds(spoolDir))).toEqual(new Set(expected));

    // 2. The next start replays: the receiver takes one batch, then hangs; kill it mid-replay.
    server.script(() => (server.accepted.length === 0 ? OK : 'hang'));
    const before = server.requests.length;
    const second = startChild({ CHILD_URL: `${server.url}/v1/events`, CHILD_SPOOL_DIR: spoolDir, CHILD_SESSION: 'crash-2', CHILD_COUNT: '0' });
    await server.waitFor(() => server.accepted.length === 1 && server.requests.length >= before + 2, 10_000);
    await killed(second);
    expect(JSON.parse(server.accepted[0].body).session_id).toBe('crash-1');

    // 3. A third start with a healthy receiver sends everything, and the spool empties.
    server.script(() => OK);
    const context = recordingContext({ ...TEST_RESOURCE, sessionId: 'crash-3' });
    const third = createHttpDestination({ name: 'crash', url: `${server.url}/v1/events`, spoolDir, batch: { maxSize: 10 } }, context) as Destination;
    await server.waitFor(() => expected.every((id) => received().has(id)), 10_000);
    await server.waitFor(() => readdirSync(spoolDir).filter((f) => f.endsWith('.jsonl')).length === 0);
    await third.shutdown?.(1_000);
    expect(context.errors).toEqual([]);
    expect(readdirSync(spoolDir)).toEqual([]);
  });
});

function received(): Set<string> {
  return new Set(server.accepted.flatMap(idsOf));
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelemetryEvent } from 'decotel';
import type { ChildResult } from '../helpers/node-child';
import { bundleEntry, runNode } from '../helpers/node-child';

// Real crashes in child processes: the decotel child must end exactly as the control child
// (the same crash without decotel) does, and its events must be in the file destination.
const FIXTURES = join(__dirname, '..', 'fixtures', 'context');
const SCENARIOS = join(FIXTURES, 'crash-scenarios.js');
const CONTROL = join(FIXTURES, 'control-child.js');

let dir: string;
let child: string;
let runs = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'decotel-crash-'));
  child = bundleEntry(join(FIXTURES, 'crash-child.ts'), dir);
  writeFileSync(join(dir, 'bad-syntax.js'), 'const x = {\n  a: 1,,\n};\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function baseEnv(): Record<string, string> {
  return { DECOTEL_SCENARIOS: SCENARIOS, DECOTEL_BAD_SYNTAX: join(dir, 'bad-syntax.js') };
}

function control(scenario: string): Promise<ChildResult> {
  return runNode([CONTROL, scenario], { cwd: dir, env: baseEnv() });
}

async function withDecotel(scenario: string, setup = 'explicit'): Promise<ChildResult & { events: TelemetryEvent[] }> {
  const file = join(dir, `events-${++runs}.jsonl`);
  const result = await runNode([child, scenario, setup], { cwd: dir, env: { ...baseEnv(), DECOTEL_EVENTS_FILE: file } });
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // no file: no events
  }
  const events = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as TelemetryEvent);
  return { ...result, events };
}

function errorEvents(events: TelemetryEvent[]): TelemetryEvent[] {
  return events.filter((e) => e.name.startsWith('error.'));
}

describe('installGlobalHandlers() in a crashing process', () => {
  it.each([
    ['throw-error', 'explicit', 'error.uncaught', 'Error', 'boom'],
    ['throw-runtime', 'capture', 'error.uncaught', 'TypeError', "Cannot read properties of null (reading 'total')"],
    ['throw-props', 'uncaught-only', 'error.uncaught', 'RangeError', 'with props'],
    ['require-bad-syntax', 'explicit', 'error.uncaught', 'SyntaxError', "Unexpected token ','"],
    ['exit-listener', 'explicit', 'error.uncaught', 'Error', 'boom'],
    ['reject-error', 'capture', 'error.unhandled_rejection', 'Error', 'nope'],
    ['async-throw', 'rejections-only', 'error.unhandled_rejection', 'TypeError', 'async boom'],
    ['reject-primitive', 'explicit', 'error.unhandled_rejection', 'UnhandledPromiseRejection', 'The promise rejected with the reason "42".'],
  ])('%s (%s): records %s, then ends with the exit code and stderr of the process without decotel', async (scenario, setup, name, type, message) => {
    const [expected, actual] = await Promise.all([control(scenario), withDecotel(scenario, setup)]);
    expect(expected.code).toBe(1);
    expect(actual.code).toBe(expected.code);
    expect(actual.signal).toBe(expected.signal);
    expect(actual.stderr).toBe(expected.stderr);
    const errors = errorEvents(actual.events);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name, severity: 'critical', properties: { fatal: true }, context: { requestId: 'req-crash' }, error: { type } });
    expect(errors[0].error?.message).toContain(message);
    expect(actual.events.map((e) => e.name)).toContain('child.started');
  });

  it('does not record a kind of crash the configuration leaves out, and still ends the same way', async () => {
    const [expected, actual] = await Promise.all([control('throw-error'), withDecotel('throw-error', 'rejections-only')]);
    expect(actual.code).toBe(expected.code);
    expect(actual.stderr).toBe(expected.stderr);
    expect(errorEvents(actual.events)).toEqual([]);
  });

  it.each(['handled-exception', 'handled-rejection'])('%s: keeps the process alive as Node does when the application handles it', async (scenario) => {
    const [expected, actual] = await Promise.all([control(scenario), withDecotel(scenario)]);
    expect(expected.code).toBe(0);
    expect(actual.code).toBe(0);
    expect(actual.stderr).toBe(expected.stderr);
    expect(actual.stderr).toContain('still alive');
    expect(errorEvents(actual.events)).toMatchObject([{ properties: { fatal: false }, error: { message: 'survivable' } }]);
  });

  // Known gap: for these the throw site is not visible to JavaScript (no stack, or Node's own
  // events.js), so the source-line block Node prints first is left out; the rest is identical.
  it.each(['throw-primitive', 'throw-object', 'emit-error'])('%s: same exit code, and the same report without its source-line block', async (scenario) => {
    const [expected, actual] = await Promise.all([control(scenario), withDecotel(scenario)]);
    expect(actual.code).toBe(expected.code);
    expect(errorEvents(actual.events)).toHaveLength(1);
    const withoutSource = expected.stderr.replace(/^(\n?)[^\n]+:\d+\n[^\n]*\n *\^\n\n?/, '$1');
    expect(actual.stderr).toBe(withoutSource);
  });
});

describe('shutdown_on_signals in a real process', () => {
  async function signalled(args: string[], signal: NodeJS.Signals, env: Record<string, string>): Promise<ChildResult> {
    return runNode(args, { cwd: dir, env, onStdout: (chunk, proc) => void (chunk.includes('ready') && proc.kill(signal)) });
  }

  it.each<NodeJS.Signals>(['SIGTERM', 'SIGINT'])('%s: shuts decotel down, then dies of the signal as the process without decotel does', async (signal) => {
    const file = join(dir, `signal-${signal}.jsonl`);
    const [expected, actual] = await Promise.all([
      signalled([CONTROL, 'wait-for-signal'], signal, baseEnv()),
      signalled([child, 'wait-for-signal', 'signals'], signal, { ...baseEnv(), DECOTEL_EVENTS_FILE: file }),
    ]);
    expect(expected).toMatchObject({ code: null, signal });
    expect(actual).toMatchObject({ code: null, signal, stderr: expected.stderr });
    const names = readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as TelemetryEvent).name);
    expect(names).toEqual(['session.start', 'child.started', 'session.end']);
  });

  it('leaves the decision to the application when it listens to the signal itself', async () => {
    const file = join(dir, 'signal-handled.jsonl');
    const [expected, actual] = await Promise.all([
      signalled([CONTROL, 'handled-signal'], 'SIGTERM', baseEnv()),
      signalled([child, 'handled-signal', 'signals'], 'SIGTERM', { ...baseEnv(), DECOTEL_EVENTS_FILE: file }),
    ]);
    expect(expected).toMatchObject({ code: 0, signal: null, stderr: 'handled SIGTERM\n' });
    expect(actual).toMatchObject({ code: 0, signal: null, stderr: expected.stderr });
  });
});

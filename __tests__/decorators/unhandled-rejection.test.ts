import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DECORATOR_MODE } from '../helpers/decorator-harness';

const CHILD = path.resolve(__dirname, '../fixtures/decorators/unhandled-rejection-child.js');

/** Runs a scenario in a fresh Node process with Node's default unhandled-rejection mode. */
function run(scenario: string): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const result = spawnSync(process.execPath, ['--unhandled-rejections=throw', CHILD, scenario], { encoding: 'utf8', env, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// The decision (README, "Unhandled rejections"): observing a promise marks it
// handled, and no JavaScript API can observe it otherwise (nodejs/node#62391), so a tracked
// call's rejection that nothing else handles becomes its failed event instead of an
// unhandled rejection; a rejection the caller handles stays handled; untracked calls are untouched.
describe(`unhandled rejections (${DECORATOR_MODE} decorators)`, () => {
  it('an undecorated rejection that nobody handles ends the process (the baseline)', () => {
    const { status, stderr } = run('plain');
    expect(status).not.toBe(0);
    expect(stderr).toContain('lost rejection');
  });

  it('a tracked rejection that the caller handles is not reported, and is recorded as failed', () => {
    const { status, stdout } = run('handled');
    expect(status).toBe(0);
    expect(stdout).toContain('CAUGHT');
    expect(stdout).toContain('EVENTS job.started,job.failed');
  });

  it('a tracked rejection that nobody handles is recorded as the call failed event, not reported as unhandled', () => {
    const { status, stdout, stderr } = run('tracked');
    expect(status).toBe(0);
    expect(stderr).not.toContain('lost rejection');
    expect(stdout).toContain('EVENTS job.started,job.failed');
  });

  it('a call whose events no destination takes is not observed: Node reports its rejection as before', () => {
    const { status, stderr } = run('unrouted');
    expect(status).not.toBe(0);
    expect(stderr).toContain('lost rejection');
  });
});

import { EventEmitter } from 'node:events';
import type { ProcessHost } from '../../src/context/global-handlers.node';

/** An EventEmitter standing in for `process`: listeners as in Node, `exit` and `kill` recorded. */
export class FakeProcess extends EventEmitter {
  readonly pid = 4242;
  exitCode: number | string | null | undefined;
  _exiting?: boolean;
  readonly exit = jest.fn<void, [number?]>();
  readonly kill = jest.fn<boolean, [number, (string | number)?]>(() => true);
}

/** A host around a FakeProcess; what a dying process would print goes to `stderr`. */
export function fakeHost(proc = new FakeProcess()): ProcessHost & { process: FakeProcess; stderr: string[]; rejected: unknown[] } {
  const stderr: string[] = [];
  const rejected: unknown[] = [];
  return {
    process: proc,
    stderr,
    rejected,
    writeStderr: (text) => void stderr.push(text),
    fatalReportEnv: () => ({ colors: false, argv0: 'node', traceUncaught: false, version: 'v0.0.0-test', readSource: () => undefined }),
    rejectUnhandled: (reason) => void rejected.push(reason),
  };
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { Destination, TelemetryEvent } from 'decotel';
import { DEFAULT_CRASH_FLUSH_TIMEOUT_MS, MemoryDestination, telemetry } from 'decotel';
import { installGlobalHandlers, nodeProcessHost } from '../../src/context/global-handlers.node';
import { fakeHost } from '../helpers/fake-process';

let memory: MemoryDestination;

beforeEach(() => {
  telemetry.reset();
  memory = new MemoryDestination();
  telemetry.addDestination(memory);
});

afterAll(() => telemetry.reset());

async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(2);
  }
}

function errorEvents(): TelemetryEvent[] {
  return memory.find('error.*');
}

describe('installGlobalHandlers()', () => {
  it('defaults to a 2 s flush bound', () => {
    expect(DEFAULT_CRASH_FLUSH_TIMEOUT_MS).toBe(2_000);
  });

  it('records error.uncaught, flushes, then ends as Node does: exit listeners with code 1, the report, exit()', async () => {
    const host = fakeHost();
    const order: string[] = [];
    host.process.on('exit', (code: number) => order.push(`exit listener ${code}`));
    host.process.exit.mockImplementation(() => void order.push('exit()'));
    const flushed = jest.fn(() => Promise.resolve());
    telemetry.addDestination({ name: 'slow', handle: () => undefined, flush: flushed } as Destination);
    installGlobalHandlers(telemetry, {}, host);
    const error = new Error('boom');
    telemetry.runWithContext({ requestId: 'r1' }, () => host.process.emit('uncaughtException', error, 'uncaughtException'));
    await until(() => host.process.exit.mock.calls.length > 0);
    expect(flushed).toHaveBeenCalled();
    expect(errorEvents()).toHaveLength(1);
    expect(errorEvents()[0]).toMatchObject({ name: 'error.uncaught', severity: 'critical', properties: { fatal: true }, context: { requestId: 'r1' }, error: { type: 'Error', message: 'boom' } });
    expect(order).toEqual(['exit listener 1', 'exit()']);
    expect(host.process.exitCode).toBe(1);
    expect(host.stderr).toHaveLength(1);
    expect(host.stderr[0]).toContain('Error: boom');
    expect(host.stderr[0].endsWith('\nNode.js v0.0.0-test\n')).toBe(true);
    expect(host.process.listenerCount('uncaughtException')).toBe(0);
  });

  it('emits no second exit event when the process is already exiting', async () => {
    const host = fakeHost();
    host.process._exiting = true;
    const onExit = jest.fn();
    host.process.on('exit', onExit);
    installGlobalHandlers(telemetry, {}, host);
    host.process.emit('uncaughtException', new Error('late'), 'uncaughtException');
    await until(() => host.process.exit.mock.calls.length > 0);
    expect(onExit).not.toHaveBeenCalled();
  });

  it('still prints the report when an exit listener throws', async () => {
    const host = fakeHost();
    host.process.on('exit', () => {
      throw new Error('bad exit listener');
    });
    installGlobalHandlers(telemetry, {}, host);
    host.process.emit('uncaughtException', new Error('boom'), 'uncaughtException');
    await until(() => host.process.exit.mock.calls.length > 0);
    expect(host.stderr[0]).toContain('Error: boom');
  });

  it('keeps the process alive when the application has its own uncaughtException listener', async () => {
    const host = fakeHost();
    const own = jest.fn();
    host.process.on('uncaughtException', own);
    installGlobalHandlers(telemetry, {}, host);
    host.process.emit('uncaughtException', new Error('survivable'), 'uncaughtException');
    await sleep(20);
    expect(own).toHaveBeenCalled();
    expect(errorEvents()[0]).toMatchObject({ name: 'error.uncaught', properties: { fatal: false } });
    expect(host.process.exit).not.toHaveBeenCalled();
    expect(host.stderr).toEqual([]);
    expect(host.process.listenerCount('uncaughtException')).toBe(2);
  });

  it('records a rejection Node raised as an uncaught exception and prints its report when it can rebuild it', async () => {
    const host = fakeHost();
    host.fatalReportEnv = () => ({ colors: false, argv0: 'node', traceUncaught: false, version: 'v0', readSource: () => 'line one\n  Promise.reject(new Error("nope"));' });
    installGlobalHandlers(telemetry, {}, host);
    const error = new Error('nope');
    error.stack = 'Error: nope\n    at f (/app/x.js:2:18)';
    host.process.emit('uncaughtException', error, 'unhandledRejection');
    await until(() => host.process.exit.mock.calls.length > 0);
    expect(errorEvents()[0]).toMatchObject({ name: 'error.unhandled_rejection', severity: 'critical', properties: { fatal: true } });
    expect(host.stderr[0].startsWith('/app/x.js:2\n  Promise.reject(new Error("nope"));\n                 ^\n\n')).toBe(true);
    expect(host.rejected).toEqual([]);
  });

  it('hands a rejection it cannot rebuild back to Node, leaving the wrapper’s stack unread', async () => {
    const host = fakeHost();
    installGlobalHandlers(telemetry, {}, host);
    let stackRead = false;
    const wrapper = Object.assign(new Error('The promise rejected with the reason "42".'), { code: 'ERR_UNHANDLED_REJECTION' });
    wrapper.name = 'UnhandledPromiseRejection';
    Object.defineProperty(wrapper, 'stack', {
      get: () => {
        stackRead = true;
        return 'UnhandledPromiseRejection: …';
      },
    });
    host.process.emit('uncaughtException', wrapper, 'unhandledRejection');
    await until(() => host.rejected.length > 0);
    expect(host.rejected).toEqual([wrapper]);
    expect(stackRead).toBe(false);
    expect(host.process.exit).not.toHaveBeenCalled();
    expect(host.process.listenerCount('uncaughtException')).toBe(0);
    expect(errorEvents()[0]).toMatchObject({ name: 'error.unhandled_rejection', error: { type: 'UnhandledPromiseRejection', code: 'ERR_UNHANDLED_REJECTION' } });
  });

  it('records a rejection also while the application listens to unhandledRejection itself, without ending the process', async () => {
    const host = fakeHost();
    const early = jest.fn();
    host.process.on('unhandledRejection', early);
    installGlobalHandlers(telemetry, {}, host);
    expect(host.process.listenerCount('unhandledRejection')).toBe(2);
    const late = jest.fn();
    host.process.on('unhandledRejection', late);
    expect(host.process.listenerCount('unhandledRejection')).toBe(3);
    const reason = new Error('handled elsewhere');
    host.process.emit('unhandledRejection', reason, Promise.resolve());
    expect(early).toHaveBeenCalledWith(reason, expect.anything());
    expect(errorEvents()).toHaveLength(1);
    expect(errorEvents()[0]).toMatchObject({ name: 'error.unhandled_rejection', properties: { fatal: false } });
    // Node's --unhandled-rejections=strict raises the same reason as an exception too: one event.
    host.process.on('uncaughtException', () => undefined);
    host.process.emit('uncaughtException', reason, 'unhandledRejection');
    expect(errorEvents()).toHaveLength(1);
    host.process.removeListener('unhandledRejection', early);
    expect(host.process.listenerCount('unhandledRejection')).toBe(2);
    host.process.removeListener('unhandledRejection', late);
    expect(host.process.listenerCount('unhandledRejection')).toBe(0);
    host.process.on('unhandledRejection', late);
    expect(host.process.listenerCount('unhandledRejection')).toBe(2);
  });

  it('does not add an unhandledRejection listener of its own while the application has none', () => {
    const host = fakeHost();
    installGlobalHandlers(telemetry, {}, host);
    expect(host.process.listenerCount('unhandledRejection')).toBe(0);
    expect(host.process.listenerCount('uncaughtException')).toBe(1);
  });

  it('installs once: a second install only adds what it asks for, and one call removes everything', async () => {
    const host = fakeHost();
    const uninstall = installGlobalHandlers(telemetry, { uncaughtExceptions: false, unhandledRejections: true }, host);
    expect(installGlobalHandlers(telemetry, { uncaughtExceptions: false, unhandledRejections: false }, host)).toBe(uninstall);
    expect(host.process.listenerCount('uncaughtException')).toBe(1);
    host.process.on('uncaughtException', () => undefined);
    host.process.emit('uncaughtException', new Error('not reported'), 'uncaughtException');
    expect(errorEvents()).toHaveLength(0);
    installGlobalHandlers(telemetry, { flushTimeoutMs: 10 }, host);
    host.process.emit('uncaughtException', new Error('reported'), 'uncaughtException');
    expect(errorEvents()).toHaveLength(1);
    host.process.on('unhandledRejection', () => undefined);
    uninstall();
    uninstall();
    expect(host.process.listenerCount('uncaughtException')).toBe(1);
    expect(host.process.listenerCount('unhandledRejection')).toBe(1);
    expect(host.process.listenerCount('newListener')).toBe(0);
    expect(host.process.listenerCount('removeListener')).toBe(0);
  });

  it('ignores rejections in the mirror when rejections are not captured', () => {
    const host = fakeHost();
    host.process.on('unhandledRejection', () => undefined);
    installGlobalHandlers(telemetry, { unhandledRejections: false }, host);
    host.process.emit('unhandledRejection', new Error('x'), Promise.resolve());
    expect(errorEvents()).toHaveLength(0);
  });

  it('installs nothing when both kinds are off', () => {
    const host = fakeHost();
    installGlobalHandlers(telemetry, { uncaughtExceptions: false, unhandledRejections: false }, host)();
    expect(host.process.listenerCount('uncaughtException')).toBe(0);
  });

  it('still ends the process for an exception it does not capture', async () => {
    const host = fakeHost();
    installGlobalHandlers(telemetry, { uncaughtExceptions: false }, host);
    host.process.emit('uncaughtException', new Error('uncaptured'), 'uncaughtException');
    await until(() => host.process.exit.mock.calls.length > 0);
    expect(errorEvents()).toHaveLength(0);
    expect(host.stderr[0]).toContain('uncaptured');
  });

  it('records exceptions raised while it is dying, and ends only once', async () => {
    const host = fakeHost();
    installGlobalHandlers(telemetry, {}, host);
    host.process.emit('uncaughtException', new Error('first'), 'uncaughtException');
    host.process.emit('uncaughtException', new Error('second'), 'uncaughtException');
    await until(() => host.process.exit.mock.calls.length > 0);
    await sleep(10);
    expect(errorEvents().map((e) => [e.error?.message, e.properties.fatal])).toEqual([
      ['first', true],
      ['second', false],
    ]);
    expect(host.process.exit).toHaveBeenCalledTimes(1);
    expect(host.stderr[0]).toContain('first');
  });

  it('ends within flushTimeoutMs when a destination never finishes its flush', async () => {
    const host = fakeHost();
    telemetry.addDestination({ name: 'stuck', handle: () => undefined, flush: () => new Promise(() => undefined) } as Destination);
    installGlobalHandlers(telemetry, { flushTimeoutMs: 30 }, host);
    const started = Date.now();
    host.process.emit('uncaughtException', new Error('boom'), 'uncaughtException');
    await until(() => host.process.exit.mock.calls.length > 0);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('reports a primitive thrown value', async () => {
    const host = fakeHost();
    installGlobalHandlers(telemetry, {}, host);
    host.process.emit('uncaughtException', 42, 'uncaughtException');
    await until(() => host.process.exit.mock.calls.length > 0);
    expect(errorEvents()[0]).toMatchObject({ name: 'error.uncaught', error: { type: 'number', message: '42' } });
    expect(host.stderr[0]).toContain('\n42\n');
  });
});

describe('Tracker.installGlobalHandlers()', () => {
  it('installs on the process once, and shutdown() removes the handlers', async () => {
    const before = process.listenerCount('uncaughtException');
    expect(telemetry.installGlobalHandlers()).toBe(telemetry);
    telemetry.installGlobalHandlers({ unhandledRejections: false });
    expect(process.listenerCount('uncaughtException')).toBe(before + 1);
    await telemetry.shutdown(100);
    expect(process.listenerCount('uncaughtException')).toBe(before);
  });

  it('is removed by reset()', () => {
    const before = process.listenerCount('uncaughtException');
    telemetry.installGlobalHandlers();
    telemetry.reset();
    expect(process.listenerCount('uncaughtException')).toBe(before);
  });

  it('reports a platform fault as an error event instead of throwing', () => {
    const faults: unknown[] = [];
    telemetry.on('error', (e) => faults.push(e));
    const platform = telemetry._platform;
    telemetry._platform = {
      ...platform,
      installGlobalHandlers: () => {
        throw new Error('no process');
      },
    };
    try {
      expect(() => telemetry.installGlobalHandlers()).not.toThrow();
    } finally {
      telemetry._platform = platform;
    }
    expect(faults).toHaveLength(1);
  });

  it('is a no-op on a platform without global handlers', () => {
    const platform = telemetry._platform;
    telemetry._platform = { ...platform, installGlobalHandlers: undefined };
    try {
      expect(telemetry.installGlobalHandlers()).toBe(telemetry);
    } finally {
      telemetry._platform = platform;
    }
  });
});

describe('nodeProcessHost()', () => {
  it('wraps the real process', () => {
    const host = nodeProcessHost();
    expect(host.process).toBe(process);
    expect(() => host.writeStderr('')).not.toThrow();
    expect(host.fatalReportEnv().version).toBe(process.version);
  });
});

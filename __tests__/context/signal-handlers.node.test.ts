import { setTimeout as sleep } from 'node:timers/promises';
import type { Tracker } from 'decotel';
import { DEFAULT_SHUTDOWN_SIGNALS, installSignalHandlers } from '../../src/context/signal-handlers.node';
import { FakeProcess } from '../helpers/fake-process';

function fakeTracker(shutdown: () => Promise<unknown> = () => Promise.resolve()): Tracker & { shutdown: jest.Mock; flush: jest.Mock } {
  return { shutdown: jest.fn(shutdown), flush: jest.fn(() => Promise.resolve()) } as unknown as Tracker & { shutdown: jest.Mock; flush: jest.Mock };
}

async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(2);
  }
}

describe('installSignalHandlers()', () => {
  it('handles SIGTERM and SIGINT by default', () => {
    expect(DEFAULT_SHUTDOWN_SIGNALS).toEqual(['SIGTERM', 'SIGINT']);
    const proc = new FakeProcess();
    installSignalHandlers(fakeTracker(), {}, proc);
    expect(proc.listenerCount('SIGTERM')).toBe(1);
    expect(proc.listenerCount('SIGINT')).toBe(1);
  });

  it('shuts the tracker down, removes its listener, then raises the signal again', async () => {
    const proc = new FakeProcess();
    const tracker = fakeTracker();
    installSignalHandlers(tracker, { flushTimeoutMs: 500 }, proc);
    proc.emit('SIGTERM', 'SIGTERM');
    await until(() => proc.kill.mock.calls.length > 0);
    expect(tracker.shutdown).toHaveBeenCalledWith(500);
    expect(proc.kill).toHaveBeenCalledWith(4242, 'SIGTERM');
    expect(proc.listenerCount('SIGTERM')).toBe(0);
    expect(proc.listenerCount('SIGINT')).toBe(0);
    await sleep(10);
    expect(proc.kill).toHaveBeenCalledTimes(1);
  });

  it('raises the signal after flushTimeoutMs when the shutdown does not finish', async () => {
    const proc = new FakeProcess();
    installSignalHandlers(fakeTracker(() => new Promise(() => undefined)), { flushTimeoutMs: 20 }, proc);
    proc.emit('SIGINT', 'SIGINT');
    await until(() => proc.kill.mock.calls.length > 0);
    expect(proc.kill).toHaveBeenCalledWith(4242, 'SIGINT');
  });

  it('raises at once on a second signal during the shutdown', async () => {
    const proc = new FakeProcess();
    const tracker = fakeTracker(() => new Promise(() => undefined));
    installSignalHandlers(tracker, { flushTimeoutMs: 10_000 }, proc);
    const listener = proc.listeners('SIGINT')[0] as (s: string) => void;
    proc.emit('SIGINT', 'SIGINT');
    listener('SIGINT');
    expect(proc.kill).toHaveBeenCalledWith(4242, 'SIGINT');
    expect(tracker.shutdown).toHaveBeenCalledTimes(1);
  });

  it('only flushes when the application listens to the signal itself', async () => {
    const proc = new FakeProcess();
    const tracker = fakeTracker();
    const own = jest.fn();
    proc.on('SIGTERM', own);
    installSignalHandlers(tracker, { flushTimeoutMs: 50 }, proc);
    proc.emit('SIGTERM', 'SIGTERM');
    await sleep(10);
    expect(own).toHaveBeenCalled();
    expect(tracker.flush).toHaveBeenCalledWith(50);
    expect(tracker.shutdown).not.toHaveBeenCalled();
    expect(proc.kill).not.toHaveBeenCalled();
  });

  it('installs each signal once and removes them all with one call', () => {
    const proc = new FakeProcess();
    const uninstall = installSignalHandlers(fakeTracker(), { signals: ['SIGTERM'] }, proc);
    expect(installSignalHandlers(fakeTracker(), { signals: ['SIGTERM', 'SIGHUP'] }, proc)).toBe(uninstall);
    expect(proc.listenerCount('SIGTERM')).toBe(1);
    expect(proc.listenerCount('SIGHUP')).toBe(1);
    expect(proc.listenerCount('SIGINT')).toBe(0);
    uninstall();
    uninstall();
    expect(proc.listenerCount('SIGTERM')).toBe(0);
    expect(proc.listenerCount('SIGHUP')).toBe(0);
  });
});

import EventEmitter from 'eventemitter3';
import Shim from '../../src/browser/eventemitter3-shim';

type Emitter = {
  on(name: string, fn: (...args: unknown[]) => void): unknown;
  off(name: string, fn?: (...args: unknown[]) => void): unknown;
  emit(name: string, ...args: unknown[]): boolean;
  listenerCount(name: string): number;
  listeners(name: string): unknown[];
  removeAllListeners(name?: string): unknown;
};

/** The same script on an emitter: what the Reporter does with it (browser bundles swap in the shim). */
function script(e: Emitter): unknown[] {
  const log: unknown[] = [];
  const a = (x: unknown): void => void log.push(['a', x]);
  const b = (x: unknown, y: unknown): void => void log.push(['b', x, y]);
  const selfRemoving = (): void => {
    log.push('self');
    e.off('x', selfRemoving);
  };
  log.push(e.emit('x', 0), e.listenerCount('x'));
  e.on('x', a);
  e.on('x', b);
  e.on('x', a);
  e.on('x', selfRemoving);
  e.on('y', b);
  log.push(e.listenerCount('x'), e.listeners('x').length, e.emit('x', 1, 2));
  log.push(e.emit('x', 3), e.listenerCount('x'));
  e.off('x', a);
  log.push(e.listenerCount('x'), e.emit('x', 4, 5));
  e.listeners('x').length = 0;
  log.push(e.listenerCount('x'));
  e.removeAllListeners('x');
  log.push(e.listenerCount('x'), e.listenerCount('y'), e.emit('y', 6, 7));
  e.off('y');
  log.push(e.listenerCount('y'));
  e.on('z', a);
  e.removeAllListeners();
  log.push(e.listenerCount('z'), e.emit('z', 8));
  return log;
}

describe('eventemitter3 shim (browser bundles)', () => {
  it('behaves as eventemitter3 for every method the Reporter uses', () => {
    const expected = script(new EventEmitter() as unknown as Emitter);
    expect(expected.length).toBeGreaterThan(15);
    expect(script(new Shim() as unknown as Emitter)).toEqual(expected);
  });

  it('refuses a listener that is not a function with the TypeError eventemitter3 throws', () => {
    const message = (e: Emitter): string => {
      try {
        e.on('x', undefined as never);
      } catch (err) {
        return `${(err as Error).name}: ${(err as Error).message}`;
      }
      return 'accepted';
    };
    const shim = new Shim();
    expect(message(shim as unknown as Emitter)).toBe(message(new EventEmitter() as unknown as Emitter));
    expect(message(shim as unknown as Emitter)).toMatch(/^TypeError/);
    expect(shim.listenerCount('x')).toBe(0);
  });

  it('returns itself from on, off and removeAllListeners, for chaining', () => {
    const e = new Shim();
    const fn = (): void => undefined;
    expect([e.on('x', fn), e.off('x', fn), e.off('nothing', fn), e.removeAllListeners()]).toEqual([e, e, e, e]);
  });
});

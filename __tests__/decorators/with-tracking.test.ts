import { DecotelError, withTracking } from 'decotel';
import { DECORATOR_MODE, eventNames, only, settle, useMemoryDestination } from '../helpers/decorator-harness';

const memory = useMemoryDestination();

describe(`withTracking (${DECORATOR_MODE} decorators)`, () => {
  it('tracks an arrow function and keeps its result, name and length', () => {
    const add = (a: number, b: number): number => a + b;
    const tracked = withTracking('math.add', add);
    expect(tracked(2, 3)).toBe(5);
    expect(tracked.name).toBe('add');
    expect(tracked.length).toBe(2);
    expect(eventNames(memory())).toEqual(['math.add.started', 'math.add.completed']);
  });

  it('passes this through to a function', () => {
    const obj = {
      value: 7,
      get: withTracking('obj.get', function (this: { value: number }) {
        return this;
      }),
    };
    expect(obj.get()).toBe(obj);
  });

  it('returns the same promise and rethrows the same error', async () => {
    const error = new Error('handler failed');
    const promise = Promise.reject(error);
    const handler = withTracking('http.handler', () => promise);
    const returned = handler();
    expect(returned).toBe(promise);
    await expect(returned).rejects.toBe(error);
    await settle();
    expect(only(memory(), 'http.handler.failed').error).toMatchObject({ message: 'handler failed' });
  });

  it('tracks a generator function until its iteration ends', () => {
    const gen = withTracking('gen.count', function* (n: number) {
      for (let i = 0; i < n; i++) yield i;
    });
    expect([...gen(2)]).toEqual([0, 1]);
    expect(eventNames(memory())).toEqual(['gen.count.started', 'gen.count.completed']);
  });

  it('applies the options', () => {
    withTracking('opt.fn', (x: { token: string }) => x.token.length, { captureArgs: true, started: false })({ token: 'abc' });
    expect(eventNames(memory())).toEqual(['opt.fn.completed']);
    expect(only(memory(), 'opt.fn.completed').properties.args).toEqual([{ token: '[REDACTED]' }]);
  });

  it('throws DECORATOR_TARGET for a missing prefix or a non-function', () => {
    expect(() => withTracking('', () => 1)).toThrow(DecotelError);
    expect(() => withTracking(undefined as unknown as string, () => 1)).toThrow(expect.objectContaining({ code: 'DECORATOR_TARGET' }));
    expect(() => withTracking('x', null as unknown as () => void)).toThrow(/expects fn to be a function, got null/);
    expect(() => withTracking('x', 'f' as unknown as () => void)).toThrow(/got string/);
  });
});

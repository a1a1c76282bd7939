import { DecotelError, NoTrack, TrackDuration, TrackError, TrackFunction, Tracked } from 'decotel';
import { DECORATOR_MODE } from '../helpers/decorator-harness';

/** Runs a decorator factory's decorator by hand, with the arguments one mode passes. */
type AnyDecorator = (...args: unknown[]) => unknown;
const decorators: Array<[string, () => AnyDecorator]> = [
  ['@TrackDuration()', () => TrackDuration() as AnyDecorator],
  ['@TrackFunction()', () => TrackFunction() as AnyDecorator],
  ['@TrackError()', () => TrackError() as AnyDecorator],
  ['@NoTrack()', () => NoTrack() as AnyDecorator],
];

function standardContext(kind: string, name: string | symbol = 'member'): object {
  return { kind, name, static: false, private: false, addInitializer: () => undefined, access: {}, metadata: undefined };
}

function misuse(fn: () => unknown): DecotelError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DecotelError);
    return err as DecotelError;
  }
  throw new Error('expected a DecotelError');
}

describe(`decorator modes (${DECORATOR_MODE} decorators)`, () => {
  describe.each(decorators)('%s on a non-method', (label, make) => {
    it('throws DECORATOR_TARGET for a standard field, getter, setter, accessor or class', () => {
      for (const kind of ['field', 'getter', 'setter', 'accessor', 'class']) {
        const err = misuse(() => make()(undefined, standardContext(kind, 'x')));
        expect(err).toMatchObject({ code: 'DECORATOR_TARGET' });
        expect(err.message).toContain(label);
        expect(err.message).toContain(kind);
      }
    });

    it('throws DECORATOR_TARGET for a legacy field, accessor, parameter, non-function or class', () => {
      const proto = {};
      const cases: unknown[][] = [
        [proto, 'field', undefined],
        [proto, 'accessor', { get: () => 1, configurable: true }],
        [proto, 'method', 0],
        [proto, 'value', { value: 42, writable: true }],
        [class Foo {}],
        [],
      ];
      for (const args of cases) expect(misuse(() => make()(...args))).toMatchObject({ code: 'DECORATOR_TARGET' });
    });

    it('says what to do', () => {
      expect(misuse(() => make()({}, 'count', undefined)).message).toMatch(/withTracking\(prefix, fn\)/);
      expect(misuse(() => make()(class Foo {})).message).toMatch(/@Tracked\(\) on a class/);
    });
  });

  it('throws DECORATOR_TARGET when a decorator is put on a getter in source', () => {
    const err = misuse(() => {
      class Thermometer {
        @(TrackDuration() as any)
        get celsius(): number {
          return 20;
        }
      }
      return Thermometer;
    });
    expect(err.message).toMatch(/^@TrackDuration\(\) was put on the (getter|accessor) 'celsius', but it decorates methods/);
  });

  it('throws DECORATOR_TARGET when a decorator is put on a field in source', () => {
    const err = misuse(() => {
      class Counter {
        @(TrackError('counter') as any)
        count = 0;
      }
      return Counter;
    });
    expect(err.message).toMatch(/field 'count'/);
  });

  it('throws DECORATOR_TARGET when @Tracked() is put on a method', () => {
    const err = misuse(() => {
      class Service {
        @(Tracked() as any)
        run(): void {}
      }
      return Service;
    });
    expect(err.message).toMatch(/^@Tracked\(\) was put on the (method|member) 'run'/);
    expect(misuse(() => (Tracked() as AnyDecorator)({}, 'x', undefined, 'extra')).code).toBe('DECORATOR_TARGET');
    expect(misuse(() => (Tracked() as AnyDecorator)()).code).toBe('DECORATOR_TARGET');
  });

  it('throws DECORATOR_TARGET when a standard method decorator gets a non-function', () => {
    expect(misuse(() => (TrackDuration() as AnyDecorator)(42, standardContext('method'))).message).toMatch(/not a function/);
  });

  it('throws DECORATOR_TARGET when a decorator is written without parentheses', () => {
    const err = misuse(() => TrackDuration((() => undefined) as unknown as string));
    expect(err.message).toBe('@TrackDuration() expects prefix to be a non-empty string, got function: write @TrackDuration() with parentheses.');
    expect(misuse(() => Tracked(class X {} as unknown as string)).message).toMatch(/write @Tracked\(\) with parentheses/);
    expect(misuse(() => TrackError('')).code).toBe('DECORATOR_TARGET');
    expect(misuse(() => TrackFunction(5 as unknown as string)).message).toBe('@TrackFunction() expects name to be a non-empty string, got number.');
  });

  it('names a symbol-keyed method by its description', () => {
    const key = Symbol('compute');
    class Engine {
      @TrackDuration()
      [key](): number {
        return 1;
      }
    }
    expect(new Engine()[key]()).toBe(1);
    expect(Engine.prototype[key].name).toBe('[compute]');
  });
});

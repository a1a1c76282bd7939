import { DecotelError, MemoryDestination, TrackDuration, TrackFunction, telemetry } from 'decotel';
import type { TelemetryEvent } from 'decotel';
import * as ids from '../../src/tracker/ids';
import { DECORATOR_MODE, eventNames, only, settle, useMemoryDestination } from '../helpers/decorator-harness';

const memory = useMemoryDestination();

/** Dates one event now, so that the wall clock's once-a-second check (a clock reading of its own) is not due for a while. */
function warmUpClock(): void {
  telemetry.track('clock.warm_up');
  memory().clear();
}

class Calculator {
  factor = 2;

  @TrackDuration('calc.double')
  double(x: number): number {
    return x * this.factor;
  }

  @TrackDuration('calc.self')
  self(): this {
    return this;
  }

  @TrackDuration('calc.fail')
  fail(error: unknown): never {
    throw error;
  }

  @TrackDuration('calc.later')
  later<T>(promise: Promise<T>): Promise<T> {
    return promise;
  }

  @TrackDuration('calc.async')
  async asyncDouble(x: number): Promise<number> {
    await settle();
    return x * this.factor;
  }

  @TrackDuration('calc.thenable')
  thenable(t: PromiseLike<number>): PromiseLike<number> {
    return t;
  }

  @TrackDuration('calc.args')
  args(a: number, b: string, c = false): unknown[] {
    return [a, b, c];
  }

  @TrackDuration()
  defaultName(): number {
    return 1;
  }

  @TrackDuration()
  static create(): Calculator {
    return new Calculator();
  }

  @TrackDuration()
  static self(): unknown {
    return this;
  }
}

class ScientificCalculator extends Calculator {
  override double(x: number): number {
    return super.double(x) + 1;
  }
}

/** A thenable that is not a Promise: it records how it is used. */
class ManualThenable implements PromiseLike<number> {
  thenCalls = 0;
  private _ok: ((v: number) => void)[] = [];
  private _err: ((e: unknown) => void)[] = [];

  then<A = number, B = never>(onOk?: ((v: number) => A | PromiseLike<A>) | null, onErr?: ((e: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
    this.thenCalls++;
    if (onOk) this._ok.push(onOk as (v: number) => void);
    if (onErr) this._err.push(onErr as (e: unknown) => void);
    return this as unknown as PromiseLike<A | B>;
  }

  resolve(v: number): void {
    for (const f of this._ok) f(v);
  }

  reject(e: unknown): void {
    for (const f of this._err) f(e);
  }
}

describe(`wrapMethod (${DECORATOR_MODE} decorators)`, () => {
  describe('lifecycle events', () => {
    it('emits started then completed, with one callId, status success and durationMs', () => {
      expect(new Calculator().double(21)).toBe(42);
      expect(eventNames(memory())).toEqual(['calc.double.started', 'calc.double.completed']);
      const started = only(memory(), 'calc.double.started');
      const completed = only(memory(), 'calc.double.completed');
      expect(started.callId).toEqual(expect.any(String));
      expect(completed.callId).toBe(started.callId);
      expect(started).not.toHaveProperty('status');
      expect(started).not.toHaveProperty('durationMs');
      expect(completed).toMatchObject({ status: 'success', severity: 'info', category: 'calc', durationMs: expect.any(Number) });
      expect(completed.durationMs).toBeGreaterThanOrEqual(0);
      expect(completed.parentCallId).toBeUndefined();
    });

    it('emits failed with status failure, severity error, durationMs and the error type, message and hash', () => {
      const error = new TypeError('bad input 42');
      expect(() => new Calculator().fail(error)).toThrow(error);
      expect(eventNames(memory())).toEqual(['calc.fail.started', 'calc.fail.failed']);
      const failed = only(memory(), 'calc.fail.failed');
      expect(failed).toMatchObject({ status: 'failure', severity: 'error', durationMs: expect.any(Number), error: { type: 'TypeError', message: 'bad input 42', hash: expect.stringMatching(/^[0-9a-f]{16}$/) } });
      expect(failed.callId).toBe(only(memory(), 'calc.fail.started').callId);
    });

    it('measures durationMs with performance.now', () => {
      // The started event's reading (its timestamp), then the duration's start and end; just after
      // a first event, so that the wall clock's once-a-second check is not due.
      warmUpClock();
      const t = performance.now();
      const now = jest.spyOn(performance, 'now').mockReturnValueOnce(t).mockReturnValueOnce(t + 10).mockReturnValueOnce(t + 52.5);
      try {
        new Calculator().double(1);
      } finally {
        now.mockRestore();
      }
      expect(only(memory(), 'calc.double.completed').durationMs).toBe(42.5);
    });

    it('gives each call its own callId', () => {
      const c = new Calculator();
      c.double(1);
      c.double(2);
      const ids = memory().find('calc.double.completed').map((e) => e.callId);
      expect(new Set(ids).size).toBe(2);
    });

    it('names events ClassName.methodName by default, for instance and static methods', () => {
      new Calculator().defaultName();
      Calculator.create();
      expect(eventNames(memory())).toEqual([
        'Calculator.defaultName.started',
        'Calculator.defaultName.completed',
        'Calculator.create.started',
        'Calculator.create.completed',
      ]);
    });

    it('names an inherited method after the class that declares it', () => {
      expect(new ScientificCalculator().double(2)).toBe(5);
      new ScientificCalculator().defaultName();
      expect(eventNames(memory())).toEqual(['calc.double.started', 'calc.double.completed', 'Calculator.defaultName.started', 'Calculator.defaultName.completed']);
    });
  });

  describe('transparency', () => {
    it('calls the method with the same this, instance and static (toBe)', () => {
      const c = new Calculator();
      expect(c.self()).toBe(c);
      expect(Calculator.self()).toBe(Calculator);
      const unbound = Calculator.self;
      expect(unbound.call(undefined)).toBeUndefined();
    });

    it('passes the arguments through, however many', () => {
      const c = new Calculator();
      expect(c.args(1, 'b')).toEqual([1, 'b', false]);
      expect((c.args as (...a: unknown[]) => unknown[])(1, 'b', true, 'extra')).toEqual([1, 'b', true]);
    });

    it('returns the very same value, and a sync method stays sync', () => {
      const c = new Calculator();
      const result = c.self();
      expect(result).toBe(c);
      expect(typeof (result as { then?: unknown }).then).toBe('undefined');
      expect(c.double(2)).toBe(4);
    });

    it('rethrows the very same error object (toBe), also a non-Error', () => {
      const error = new Error('boom');
      let caught: unknown;
      try {
        new Calculator().fail(error);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBe(error);
      const odd = { reason: 'not an Error' };
      try {
        new Calculator().fail(odd);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBe(odd);
      const [first, second] = memory().find('calc.fail.failed');
      expect(first.error).toMatchObject({ type: 'Error', message: 'boom' });
      expect(second.error).toMatchObject({ type: 'Object' });
    });

    it('keeps name and length', () => {
      const proto = Calculator.prototype;
      expect(proto.double.name).toBe('double');
      expect(proto.double.length).toBe(1);
      expect(proto.args.length).toBe(2);
      expect(proto.later.name).toBe('later');
      expect(Calculator.create.name).toBe('create');
      expect(Calculator.create.length).toBe(0);
    });

    it('is not constructible, like the method it replaces', () => {
      expect(() => new (Calculator.prototype.double as unknown as new () => unknown)()).toThrow(TypeError);
    });
  });

  describe('promises and thenables', () => {
    it('returns the very same promise object and emits completed when it resolves', async () => {
      const promise = Promise.resolve(7);
      const returned = new Calculator().later(promise);
      expect(returned).toBe(promise);
      expect(eventNames(memory())).toEqual(['calc.later.started']);
      await expect(returned).resolves.toBe(7);
      await settle();
      expect(eventNames(memory())).toEqual(['calc.later.started', 'calc.later.completed']);
    });

    it('rejects with the very same error and emits failed', async () => {
      const error = new Error('nope');
      const promise = Promise.reject(error);
      const returned = new Calculator().later(promise);
      expect(returned).toBe(promise);
      await expect(returned).rejects.toBe(error);
      await settle();
      expect(only(memory(), 'calc.later.failed')).toMatchObject({ status: 'failure', error: { message: 'nope' } });
    });

    it('times an async method until its promise settles', async () => {
      const now = jest.spyOn(performance, 'now');
      warmUpClock();
      const t = performance.now();
      now.mockReturnValueOnce(t).mockReturnValueOnce(t + 5).mockReturnValueOnce(t + 20);
      try {
        await expect(new Calculator().asyncDouble(4)).resolves.toBe(8);
      } finally {
        now.mockRestore();
      }
      await settle();
      expect(only(memory(), 'calc.async.completed').durationMs).toBe(15);
    });

    it('observes a thenable that is not a Promise, calls then once, and returns the same object', () => {
      const thenable = new ManualThenable();
      expect(new Calculator().thenable(thenable)).toBe(thenable);
      expect(thenable.thenCalls).toBe(1);
      expect(eventNames(memory())).toEqual(['calc.thenable.started']);
      thenable.resolve(3);
      thenable.resolve(4);
      expect(eventNames(memory())).toEqual(['calc.thenable.started', 'calc.thenable.completed']);
    });

    it('reports a rejected thenable as failed, once', () => {
      const thenable = new ManualThenable();
      new Calculator().thenable(thenable);
      const error = new RangeError('late');
      thenable.reject(error);
      thenable.resolve(1);
      expect(eventNames(memory())).toEqual(['calc.thenable.started', 'calc.thenable.failed']);
      expect(only(memory(), 'calc.thenable.failed').error).toMatchObject({ type: 'RangeError', message: 'late' });
    });

    it('returns a result whose then getter throws, and reports the fault', () => {
      const errors: DecotelError[] = [];
      telemetry.on('error', (e) => errors.push(e));
      const weird = Object.defineProperty({}, 'then', {
        get() {
          throw new Error('getter');
        },
      });
      expect(new Calculator().thenable(weird as PromiseLike<number>)).toBe(weird);
      expect(errors).toHaveLength(1);
    });

    it('returns a thenable whose then throws, and reports the fault', () => {
      const errors: DecotelError[] = [];
      telemetry.on('error', (e) => errors.push(e));
      const broken = {
        then() {
          throw new Error('then');
        },
      };
      expect(new Calculator().thenable(broken as unknown as PromiseLike<number>)).toBe(broken);
      expect(errors).toHaveLength(1);
    });
  });

  describe('options', () => {
    class Options {
      @TrackDuration('opt.quiet', { started: false })
      quiet(): number {
        return 1;
      }

      @TrackDuration('opt.cat', { category: 'payment', severity: 'warning', properties: { tier: 'gold' } })
      categorized(fail: boolean): number {
        if (fail) throw new Error('x');
        return 1;
      }

      @TrackDuration('opt.critical', { severity: 'critical' })
      critical(): never {
        throw new Error('down');
      }

      @TrackFunction('opt.props', { model: 'flux' }, { properties: { model: 'old', region: 'eu' } })
      props(): number {
        return 1;
      }
    }

    it('started: false leaves out the started event', () => {
      new Options().quiet();
      expect(eventNames(memory())).toEqual(['opt.quiet.completed']);
    });

    it('applies category, severity and properties; failed stays severity error', () => {
      const o = new Options();
      o.categorized(false);
      expect(() => o.categorized(true)).toThrow('x');
      for (const e of memory().find('opt.cat.*')) expect(e).toMatchObject({ category: 'payment', properties: { tier: 'gold' } });
      expect(memory().find('opt.cat.started')[0].severity).toBe('warning');
      expect(only(memory(), 'opt.cat.completed').severity).toBe('warning');
      expect(only(memory(), 'opt.cat.failed').severity).toBe('error');
    });

    it('severity critical makes failed critical', () => {
      expect(() => new Options().critical()).toThrow('down');
      expect(only(memory(), 'opt.critical.failed').severity).toBe('critical');
    });

    it('merges @TrackFunction properties over options.properties', () => {
      new Options().props();
      expect(only(memory(), 'opt.props.completed').properties).toEqual({ model: 'flux', region: 'eu' });
    });

    it('records no arguments and no result by default', () => {
      new Calculator().double(3);
      for (const e of memory().events) expect(e.properties).toEqual({});
    });
  });

  describe('faults', () => {
    it('never throws into the caller when a destination throws', async () => {
      const errors: DecotelError[] = [];
      telemetry.on('error', (e) => errors.push(e));
      telemetry.addDestination({
        name: 'broken',
        type: 'custom',
        handle(): void {
          throw new Error('destination down');
        },
      });
      const c = new Calculator();
      expect(c.double(2)).toBe(4);
      await expect(c.asyncDouble(2)).resolves.toBe(4);
      const error = new Error('mine');
      expect(() => c.fail(error)).toThrow(error);
      await settle();
      expect(errors.length).toBeGreaterThanOrEqual(3);
      expect(errors.every((e) => e instanceof DecotelError)).toBe(true);
      expect(eventNames(memory())).toContain('calc.async.completed');
    });

    it('reports a fault while ending a call, and still returns or throws what the method did', () => {
      const errors: DecotelError[] = [];
      telemetry.on('error', (e) => errors.push(e));
      // The clock breaks while the method runs: the reading that ends the call throws.
      let broken = false;
      const real = performance.now.bind(performance);
      const now = jest.spyOn(performance, 'now').mockImplementation(() => {
        if (broken) throw new Error('clock broke');
        return real();
      });
      class Breaker {
        @TrackDuration('breaker.ok')
        ok(x: number): number {
          broken = true;
          return x * 2;
        }

        @TrackDuration('breaker.fail')
        fail(error: Error): never {
          broken = true;
          throw error;
        }
      }
      const error = new Error('mine');
      try {
        expect(new Breaker().ok(3)).toBe(6);
        broken = false;
        expect(() => new Breaker().fail(error)).toThrow(error);
      } finally {
        now.mockRestore();
      }
      expect(errors).toHaveLength(2);
      expect(eventNames(memory())).toEqual(['breaker.ok.started', 'breaker.fail.started']);
    });

    it('runs the method untracked when its class cannot be read from this, and reports it once', () => {
      const errors: DecotelError[] = [];
      telemetry.on('error', (e) => errors.push(e));
      class Probe {
        @TrackDuration()
        who(): string {
          return 'me';
        }
      }
      const hostile = new Proxy(new Probe(), {
        getPrototypeOf(): object {
          throw new Error('no prototype for you');
        },
        getOwnPropertyDescriptor(): PropertyDescriptor {
          throw new Error('no descriptor for you');
        },
      });
      expect(Probe.prototype.who.call(hostile)).toBe('me');
      expect(Probe.prototype.who.call(hostile)).toBe('me');
      if (DECORATOR_MODE === 'standard') expect(errors).toHaveLength(1);
      else expect(errors).toHaveLength(0);
    });

    it('runs the method untracked when starting the call fails', () => {
      const errors: DecotelError[] = [];
      telemetry.on('error', (e) => errors.push(e));
      // Call and event ids come from the pooled generator (issue #10), not crypto.randomUUID.
      const uuid = jest.spyOn(ids, 'fastRandomId').mockImplementation(() => {
        throw new Error('no entropy');
      });
      try {
        expect(new Calculator().double(5)).toBe(10);
      } finally {
        uuid.mockRestore();
      }
      expect(errors).toHaveLength(1);
      expect(eventNames(memory())).toEqual([]);
    });
  });

  describe('fast path', () => {
    it('reads no clock and makes no ids when no destination takes the events', () => {
      telemetry.reset();
      const other = new MemoryDestination({ name: 'other' });
      telemetry.addDestination(other, { events: ['unrelated.*'] });
      const now = jest.spyOn(performance, 'now');
      const uuid = jest.spyOn(ids, 'fastRandomId');
      try {
        const c = new Calculator();
        for (let i = 0; i < 3; i++) c.double(i);
        expect(() => c.fail(new Error('x'))).toThrow('x');
        expect(now).not.toHaveBeenCalled();
        expect(uuid).not.toHaveBeenCalled();
      } finally {
        now.mockRestore();
        uuid.mockRestore();
      }
      expect(other.events).toHaveLength(0);
    });

    it('reads no clock when the tracker is disabled', () => {
      telemetry.configure({ config: { telemetry: { enabled: false } } });
      const now = jest.spyOn(performance, 'now');
      try {
        expect(new Calculator().double(2)).toBe(4);
        expect(now).not.toHaveBeenCalled();
      } finally {
        now.mockRestore();
      }
    });

    it('tracks again as soon as a destination takes the events (the routing cache follows the router)', () => {
      telemetry.reset();
      const c = new Calculator();
      c.double(1);
      const later = new MemoryDestination({ name: 'later' });
      telemetry.addDestination(later, { events: ['calc.double.completed'] });
      c.double(2);
      expect(later.events.map((e: TelemetryEvent) => e.name)).toEqual(['calc.double.completed']);
    });

    it('tracks a call when only its failed event is routed', () => {
      telemetry.reset();
      const errorsOnly = new MemoryDestination({ name: 'errors' });
      telemetry.addDestination(errorsOnly, { events: ['*.failed'] });
      const c = new Calculator();
      c.double(1);
      expect(() => c.fail(new Error('y'))).toThrow('y');
      expect(errorsOnly.events.map((e) => e.name)).toEqual(['calc.fail.failed']);
    });

    it('respects min_severity: a failed event at error, nothing at info', () => {
      telemetry.reset();
      const severe = new MemoryDestination({ name: 'severe' });
      telemetry.addDestination(severe, { minSeverity: 'error' });
      const c = new Calculator();
      c.double(1);
      expect(() => c.fail(new Error('z'))).toThrow('z');
      expect(severe.events.map((e) => e.name)).toEqual(['calc.fail.failed']);
    });
  });
});

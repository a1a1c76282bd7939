import type { Scope } from '../context/context-store';
import type { Tracker } from '../tracker/tracker';
import type { TrackedCall } from './tracked-call';

/** What a generator function returns: a (sync or async) generator object. */
type AnyGenerator = Generator<unknown, unknown, unknown> & AsyncGenerator<unknown, unknown, unknown>;

/**
 * Steps a generator inside the call's scope, so that decorated calls made by its body get the
 * call's id as their parent, whoever iterates it. Used through `yield*`, which forwards `next`,
 * `throw` and `return` exactly as the iteration protocol says.
 */
class ScopedSteps {
  private readonly _inner: AnyGenerator;
  private readonly _t: Tracker;
  private readonly _scope: Scope;

  constructor(inner: AnyGenerator, t: Tracker, scope: Scope) {
    this._inner = inner;
    this._t = t;
    this._scope = scope;
  }

  next(value?: unknown): unknown {
    return this._t._platform.contextStore.run(this._scope, this._inner.next, this._inner, [value]);
  }

  throw(error?: unknown): unknown {
    return this._t._platform.contextStore.run(this._scope, this._inner.throw, this._inner, [error]);
  }

  return(value?: unknown): unknown {
    return this._t._platform.contextStore.run(this._scope, this._inner.return, this._inner, [value]);
  }

  [Symbol.iterator](): this {
    return this;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

function* observeSync(steps: ScopedSteps, call: TrackedCall): Generator<unknown, unknown, unknown> {
  let finished = false;
  try {
    const value: unknown = yield* steps as unknown as Iterable<unknown>;
    finished = true;
    call.complete(value);
    return value;
  } catch (err) {
    finished = true;
    call.fail(err);
    throw err;
  } finally {
    // Left early by return() (a `break` out of for…of): the iteration is over.
    if (!finished) call.complete(undefined);
  }
}

async function* observeAsync(steps: ScopedSteps, call: TrackedCall): AsyncGenerator<unknown, unknown, unknown> {
  let finished = false;
  try {
    const value: unknown = yield* steps as unknown as AsyncIterable<unknown>;
    finished = true;
    call.complete(value);
    return value;
  } catch (err) {
    finished = true;
    call.fail(err);
    throw err;
  } finally {
    if (!finished) call.complete(undefined);
  }
}

/**
 * A generator that yields what `gen` yields and reports the call when the iteration finishes:
 * completed when it is done or closed by `return()`, failed when it throws. It is a real
 * (async) generator with `gen`'s prototype, so `instanceof` the generator function holds.
 * `gen` comes from a generator function (the wrapper checks the function's kind once), so it
 * has `next`, `throw` and `return`.
 */
export function observeGenerator(gen: unknown, async: boolean, call: TrackedCall, t: Tracker): unknown {
  const steps = new ScopedSteps(gen as AnyGenerator, t, call);
  const outer = async ? observeAsync(steps, call) : observeSync(steps, call);
  Object.setPrototypeOf(outer, Object.getPrototypeOf(gen));
  return outer;
}

import { TrackDuration, telemetry } from 'decotel';
import { DECORATOR_MODE, eventNames, only, settle, useMemoryDestination } from '../helpers/decorator-harness';

const memory = useMemoryDestination();

class Feed {
  closed = false;

  @TrackDuration('feed.items', { captureResult: true })
  *items(n: number): Generator<number, string, unknown> {
    try {
      for (let i = 0; i < n; i++) yield i;
      return 'done';
    } finally {
      this.closed = true;
    }
  }

  @TrackDuration('feed.broken')
  *broken(error: unknown): Generator<number, void, unknown> {
    yield 1;
    throw error;
  }

  @TrackDuration('feed.echo')
  *echo(): Generator<unknown, void, unknown> {
    let received: unknown = 'first';
    for (;;) {
      try {
        received = yield received;
      } catch (err) {
        received = `caught ${(err as Error).message}`;
      }
    }
  }

  @TrackDuration('feed.nested')
  *nested(): Generator<string, void, unknown> {
    yield this.child();
    yield this.child();
  }

  @TrackDuration('feed.child')
  child(): string {
    return 'child';
  }

  @TrackDuration('feed.stream', { captureResult: true })
  async *stream(n: number): AsyncGenerator<number, number, unknown> {
    for (let i = 0; i < n; i++) {
      await settle();
      yield i;
    }
    return n;
  }

  @TrackDuration('feed.streamBroken')
  async *streamBroken(error: unknown): AsyncGenerator<number, void, unknown> {
    yield 1;
    await settle();
    throw error;
  }

  @TrackDuration('feed.streamNested')
  async *streamNested(): AsyncGenerator<string, void, unknown> {
    await settle();
    yield this.child();
  }
}

describe(`observeGenerator (${DECORATOR_MODE} decorators)`, () => {
  describe('generator methods', () => {
    it('emits completed when the iteration is done, with the return value', () => {
      const gen = new Feed().items(3);
      expect(eventNames(memory())).toEqual(['feed.items.started']);
      expect([...gen]).toEqual([0, 1, 2]);
      expect(eventNames(memory())).toEqual(['feed.items.started', 'feed.items.completed']);
      expect(only(memory(), 'feed.items.completed').properties.result).toBe('done');
    });

    it('returns a real generator of the method, and keeps it lazy', () => {
      const feed = new Feed();
      const gen = feed.items(2);
      expect(Object.prototype.toString.call(gen)).toBe('[object Generator]');
      expect(gen).toBeInstanceOf(Feed.prototype.items as unknown as new () => unknown);
      expect(gen[Symbol.iterator]()).toBe(gen);
      expect(feed.closed).toBe(false);
      expect(gen.next()).toEqual({ value: 0, done: false });
    });

    it('emits completed when the consumer stops early (return), and closes the generator', () => {
      const feed = new Feed();
      for (const i of feed.items(10)) if (i === 1) break;
      expect(feed.closed).toBe(true);
      expect(eventNames(memory())).toEqual(['feed.items.started', 'feed.items.completed']);
      const gen = feed.items(5);
      gen.next();
      expect(gen.return('stop')).toEqual({ value: 'stop', done: true });
      expect(memory().find('feed.items.completed')).toHaveLength(2);
    });

    it('emits failed and rethrows the very same error when the body throws', () => {
      const error = new Error('broken feed');
      const gen = new Feed().broken(error);
      expect(gen.next()).toEqual({ value: 1, done: false });
      let caught: unknown;
      try {
        gen.next();
      } catch (err) {
        caught = err;
      }
      expect(caught).toBe(error);
      expect(only(memory(), 'feed.broken.failed')).toMatchObject({ status: 'failure', error: { message: 'broken feed' } });
    });

    it('forwards next values and throw() into the body', () => {
      const gen = new Feed().echo();
      expect(gen.next().value).toBe('first');
      expect(gen.next('a').value).toBe('a');
      expect(gen.throw(new Error('x')).value).toBe('caught x');
      expect(eventNames(memory())).toEqual(['feed.echo.started']);
      gen.return();
      expect(eventNames(memory())).toEqual(['feed.echo.started', 'feed.echo.completed']);
    });

    it('reports a throw() the body does not catch as failed, with the same error', () => {
      const feed = new Feed();
      const gen = feed.items(3);
      gen.next();
      const error = new Error('from consumer');
      expect(() => gen.throw(error)).toThrow(error);
      expect(feed.closed).toBe(true);
      expect(only(memory(), 'feed.items.failed').error).toMatchObject({ message: 'from consumer' });
    });

    it('gives calls made by the body the generator call as parent, whoever iterates', () => {
      const gen = new Feed().nested();
      expect([...gen]).toEqual(['child', 'child']);
      const parent = only(memory(), 'feed.nested.started').callId;
      for (const e of memory().find('feed.child.*')) expect(e.parentCallId).toBe(parent);
      expect(only(memory(), 'feed.nested.completed').parentCallId).toBeUndefined();
    });

    it('does not take the scope it is iterated in as its parent', () => {
      const gen = new Feed().items(1);
      telemetry.runWithContext({}, () => [...gen]);
      expect(only(memory(), 'feed.items.completed').parentCallId).toBeUndefined();
    });
  });

  describe('async generator methods', () => {
    it('emits completed when the iteration is done, with the return value', async () => {
      const seen: number[] = [];
      const gen = new Feed().stream(3);
      expect(Object.prototype.toString.call(gen)).toBe('[object AsyncGenerator]');
      for await (const i of gen) seen.push(i);
      expect(seen).toEqual([0, 1, 2]);
      expect(eventNames(memory())).toEqual(['feed.stream.started', 'feed.stream.completed']);
      expect(only(memory(), 'feed.stream.completed').properties.result).toBe(3);
    });

    it('emits completed when the consumer stops early', async () => {
      for await (const i of new Feed().stream(5)) if (i === 0) break;
      expect(eventNames(memory())).toEqual(['feed.stream.started', 'feed.stream.completed']);
    });

    it('emits failed and rejects with the very same error', async () => {
      const error = new Error('stream broke');
      const gen = new Feed().streamBroken(error);
      await expect(gen.next()).resolves.toEqual({ value: 1, done: false });
      await expect(gen.next()).rejects.toBe(error);
      expect(only(memory(), 'feed.streamBroken.failed').error).toMatchObject({ message: 'stream broke' });
    });

    it('gives calls made by the body the generator call as parent, across awaits', async () => {
      const out: string[] = [];
      for await (const s of new Feed().streamNested()) out.push(s);
      expect(out).toEqual(['child']);
      expect(only(memory(), 'feed.child.completed').parentCallId).toBe(only(memory(), 'feed.streamNested.started').callId);
    });
  });
});

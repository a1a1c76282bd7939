import { EventEmitter, once } from 'node:events';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryDestination, telemetry } from 'decotel';
import { AsyncContextStore } from '../../src/context/async-context.node';
import type { ContextStore } from '../../src/context/context-store';
import { ScopeStack } from '../../src/context/scope-stack';

let memory: MemoryDestination;

beforeEach(() => {
  telemetry.reset();
  memory = new MemoryDestination();
  telemetry.addDestination(memory);
});

afterAll(() => telemetry.reset());

function contextOf(name: string): Record<string, unknown> {
  const event = memory.events.find((e) => e.name === name);
  if (event === undefined) throw new Error(`no event ${name}`);
  return event.context;
}

describe('telemetry.runWithContext()', () => {
  it('returns what the function returns, promise included', async () => {
    expect(telemetry.runWithContext({ a: 1 }, () => 42)).toBe(42);
    const promise = Promise.resolve('p');
    expect(telemetry.runWithContext({ a: 1 }, () => promise)).toBe(promise);
    await expect(telemetry.runWithContext({ a: 1 }, async () => 'done')).resolves.toBe('done');
  });

  it('keeps its values across awaits', async () => {
    await telemetry.runWithContext({ requestId: 'r1' }, async () => {
      await sleep(1);
      await null;
      telemetry.track('after.await');
    });
    expect(contextOf('after.await')).toEqual({ requestId: 'r1' });
  });

  it('keeps its values in timers, immediates and nextTick started inside it', async () => {
    const done: Promise<unknown>[] = [];
    telemetry.runWithContext({ requestId: 'r2' }, () => {
      done.push(new Promise((resolve) => setTimeout(() => resolve(telemetry.track('in.timeout')), 2)));
      done.push(new Promise((resolve) => setImmediate(() => resolve(telemetry.track('in.immediate')))));
      done.push(new Promise((resolve) => process.nextTick(() => resolve(telemetry.track('in.tick')))));
      const interval = setInterval(() => {
        clearInterval(interval);
        telemetry.track('in.interval');
      }, 1);
      done.push(sleep(5));
    });
    await Promise.all(done);
    for (const name of ['in.timeout', 'in.immediate', 'in.tick', 'in.interval']) expect(contextOf(name)).toEqual({ requestId: 'r2' });
  });

  it('keeps its values along promise chains', async () => {
    await telemetry.runWithContext({ requestId: 'r3' }, () =>
      Promise.resolve()
        .then(() => sleep(1))
        .then(() => telemetry.track('in.then'))
        .then(() => Promise.reject(new Error('x')))
        .catch(() => telemetry.track('in.catch'))
        .finally(() => telemetry.track('in.finally')),
    );
    for (const name of ['in.then', 'in.catch', 'in.finally']) expect(contextOf(name)).toEqual({ requestId: 'r3' });
  });

  it('keeps its values in event emitters and streams started inside it', async () => {
    const emitter = new EventEmitter();
    emitter.on('ping', () => telemetry.track('in.listener'));
    const streamDone = telemetry.runWithContext({ requestId: 'r4' }, async () => {
      setTimeout(() => emitter.emit('ping'), 1);
      const stream = Readable.from(['a', 'b']);
      stream.on('data', () => telemetry.track('in.data'));
      await once(stream, 'end');
      telemetry.track('in.end');
    });
    await streamDone;
    await sleep(5);
    expect(contextOf('in.listener')).toEqual({ requestId: 'r4' });
    expect(memory.find('in.data').map((e) => e.context)).toEqual([{ requestId: 'r4' }, { requestId: 'r4' }]);
    expect(contextOf('in.end')).toEqual({ requestId: 'r4' });
  });

  it('merges nested scopes, the inner value winning, and restores the outer one after', async () => {
    await telemetry.runWithContext({ requestId: 'outer', tenant: 't1' }, async () => {
      await telemetry.runWithContext({ requestId: 'inner', step: 2 }, async () => {
        await sleep(1);
        telemetry.track('nested.inner');
      });
      telemetry.track('nested.outer');
    });
    telemetry.track('nested.none');
    expect(contextOf('nested.inner')).toEqual({ requestId: 'inner', tenant: 't1', step: 2 });
    expect(contextOf('nested.outer')).toEqual({ requestId: 'outer', tenant: 't1' });
    expect(contextOf('nested.none')).toEqual({});
  });

  it('orders precedence: configured < global < scope, and the call’s properties keep their own values', () => {
    telemetry.configure({ config: { telemetry: { context: { region: 'eu', tier: 'config', who: 'config' } } } });
    telemetry.addDestination(memory);
    telemetry.setContext({ tier: 'global', who: 'global' });
    telemetry.runWithContext({ who: 'scope' }, () => telemetry.track('precedence.check', { who: 'property' }));
    const event = memory.find('precedence.check')[0];
    expect(event.context).toEqual({ region: 'eu', tier: 'global', who: 'scope' });
    expect(event.properties).toEqual({ who: 'property' });
  });

  it('changes only the active scope with setContext inside it', async () => {
    telemetry.setContext({ app: 'shop' });
    await telemetry.runWithContext({ requestId: 'a' }, async () => {
      await telemetry.runWithContext({}, async () => {
        telemetry.setContext({ userId: 'u-inner' });
        await sleep(1);
        telemetry.track('set.inner');
      });
      telemetry.setContext({ userId: 'u-a' });
      await sleep(1);
      telemetry.track('set.a');
    });
    await telemetry.runWithContext({ requestId: 'b' }, async () => telemetry.track('set.b'));
    telemetry.track('set.outside');
    expect(contextOf('set.inner')).toEqual({ app: 'shop', requestId: 'a', userId: 'u-inner' });
    expect(contextOf('set.a')).toEqual({ app: 'shop', requestId: 'a', userId: 'u-a' });
    expect(contextOf('set.b')).toEqual({ app: 'shop', requestId: 'b' });
    expect(contextOf('set.outside')).toEqual({ app: 'shop' });
  });

  it('sets the global context with setContext outside any scope, seen by later scopes', async () => {
    telemetry.setContext({ release: '1.0' });
    await telemetry.runWithContext({ requestId: 'g' }, async () => {
      telemetry.setContext({ release: '2.0' });
      telemetry.track('global.scoped');
    });
    telemetry.track('global.plain');
    expect(contextOf('global.scoped')).toEqual({ release: '2.0', requestId: 'g' });
    expect(contextOf('global.plain')).toEqual({ release: '1.0' });
  });

  it('captures the context when the event is tracked, not later', async () => {
    telemetry.setContext({ stage: 'before' });
    telemetry.track('capture.global');
    telemetry.setContext({ stage: 'after' });
    await telemetry.runWithContext({ step: 1 }, async () => {
      telemetry.track('capture.scope');
      telemetry.setContext({ step: 2 });
    });
    await telemetry.flush(100);
    expect(contextOf('capture.global')).toEqual({ stage: 'before' });
    expect(contextOf('capture.scope')).toEqual({ stage: 'after', step: 1 });
  });

  it('never mixes the values of concurrent scopes', async () => {
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        telemetry.runWithContext({ requestId: `c${i}` }, async () => {
          await sleep(i % 7);
          telemetry.setContext({ user: `u${i}` });
          await null;
          telemetry.track('concurrent.step', { i });
        }),
      ),
    );
    const events = memory.find('concurrent.step');
    expect(events).toHaveLength(200);
    for (const e of events) expect(e.context).toEqual({ requestId: `c${e.properties.i as number}`, user: `u${e.properties.i as number}` });
  });

  it('reads and clears the active scope with getContext and clearContext', () => {
    telemetry.setContext({ app: 'shop' });
    telemetry.runWithContext({ requestId: 'x' }, () => {
      expect(telemetry.getContext()).toEqual({ app: 'shop', requestId: 'x' });
      telemetry.clearContext();
      expect(telemetry.getContext()).toEqual({ app: 'shop' });
    });
    expect(telemetry.getContext()).toEqual({ app: 'shop' });
    telemetry.clearContext();
    expect(telemetry.getContext()).toEqual({});
  });
});

// The part of the scope contract both stores share: what holds while `run` executes synchronously.
describe.each<[string, () => ContextStore]>([
  ['AsyncContextStore', () => new AsyncContextStore()],
  ['ScopeStack', () => new ScopeStack()],
])('%s', (_name, create) => {
  it('has no active scope outside run()', () => {
    expect(create().active()).toBeUndefined();
  });

  it('makes the scope active while run() executes, and restores the outer one', () => {
    const store = create();
    const outer = { context: { a: 1 } };
    const inner = { context: { a: 2 }, callId: 'c' };
    const seen = store.run(outer, () => [store.active(), store.run(inner, () => store.active()), store.active()]);
    expect(seen).toEqual([outer, inner, outer]);
    expect(seen[0]).toBe(outer);
    expect(store.active()).toBeUndefined();
  });

  it('restores the outer scope when the function throws', () => {
    const store = create();
    const outer = { context: {} };
    store.run(outer, () => {
      expect(() => store.run({ context: {} }, () => { throw new Error('x'); })).toThrow('x');
      expect(store.active()).toBe(outer);
    });
  });

  it('calls the function with thisArg and args, without a closure (#10)', () => {
    const store = create();
    const scope = { callId: 'c' };
    const target = {
      base: 10,
      add(this: { base: number }, a: number, b: number): [number, number, unknown] {
        return [this.base + a + b, arguments.length, store.active()];
      },
    };
    expect(store.run(scope, target.add, target, [1, 2])).toEqual([13, 2, scope]);
    expect(store.run(scope, function (this: unknown) { return [this, arguments.length]; }, 'self')).toEqual(['self', 0]);
    expect(store.active()).toBeUndefined();
  });

  it('enter() makes a scope active until exit() puts the outer one back (#10)', () => {
    const store = create();
    const outer = { context: { a: 1 } };
    const inner = { callId: 'c' };
    store.run(outer, () => {
      store.enter(inner);
      expect(store.active()).toBe(inner);
      store.exit(outer);
      expect(store.active()).toBe(outer);
    });
    store.enter(inner);
    store.exit(undefined);
    expect(store.active()).toBeUndefined();
  });
});

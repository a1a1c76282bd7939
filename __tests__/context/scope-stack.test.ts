import { MemoryDestination, Tracker } from 'decotel/browser';
import { ScopeStack } from '../../src/context/scope-stack';

// Only the browser entry is loaded here: the tracker runs on the default platform's ScopeStack.
const tracker = Tracker.getInstance();
let memory: MemoryDestination;

beforeEach(() => {
  tracker.reset();
  memory = new MemoryDestination();
  tracker.addDestination(memory);
});

describe('ScopeStack', () => {
  it('backs the tracker of the browser entry', () => {
    expect(tracker._platform.contextStore).toBeInstanceOf(ScopeStack);
  });

  it('gives synchronous code inside runWithContext the scope, nested scopes merged', () => {
    tracker.setContext({ app: 'web' });
    tracker.runWithContext({ page: 'cart', step: 1 }, () => {
      tracker.track('ui.outer');
      tracker.runWithContext({ step: 2 }, () => {
        tracker.setContext({ clicked: true });
        tracker.track('ui.inner');
      });
      tracker.track('ui.after');
    });
    tracker.track('ui.none');
    expect(memory.events.map((e) => [e.name, e.context])).toEqual([
      ['ui.outer', { app: 'web', page: 'cart', step: 1 }],
      ['ui.inner', { app: 'web', page: 'cart', step: 2, clicked: true }],
      ['ui.after', { app: 'web', page: 'cart', step: 1 }],
      ['ui.none', { app: 'web' }],
    ]);
  });

  it('does not follow awaits: code after an await runs outside the scope', async () => {
    await tracker.runWithContext({ page: 'cart' }, async () => {
      tracker.track('ui.before');
      await null;
      tracker.track('ui.later');
    });
    expect(memory.find('ui.before')[0].context).toEqual({ page: 'cart' });
    expect(memory.find('ui.later')[0].context).toEqual({});
  });

  it('pops the scope when the function throws', () => {
    expect(() => tracker.runWithContext({ page: 'x' }, () => { throw new Error('boom'); })).toThrow('boom');
    expect(tracker.getContext()).toEqual({});
  });
});

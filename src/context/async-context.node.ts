import { AsyncLocalStorage } from 'node:async_hooks';
import type { ContextStore, Scope } from './context-store';

/** Scopes on AsyncLocalStorage: they follow awaits, timers, promise chains and callbacks. */
export class AsyncContextStore implements ContextStore {
  private readonly _storage = new AsyncLocalStorage<Scope>();

  active(): Scope | undefined {
    return this._storage.getStore();
  }

  run<T>(scope: Scope, fn: () => T): T {
    return this._storage.run(scope, fn);
  }
}

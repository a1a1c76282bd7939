import { AsyncLocalStorage } from 'node:async_hooks';
import type { ContextStore, Scope } from './context-store';

/**
 * Scopes on AsyncLocalStorage: they follow awaits, timers, promise chains and callbacks.
 *
 * `run` is `AsyncLocalStorage.run` written with `enterWith`: the same effect (the scope is the
 * store of the current execution, and the outer store is put back on the way out, also when
 * `fn` throws), without the array `run` collects its extra arguments in or a closure to pass
 * `this` (issue #10). Synchronous code cannot leave the execution it started in, so the store
 * put back is the one `AsyncLocalStorage.run` would have restored.
 */
export class AsyncContextStore implements ContextStore {
  private readonly _storage = new AsyncLocalStorage<Scope>();

  active(): Scope | undefined {
    return this._storage.getStore();
  }

  run<T>(scope: Scope, fn: (this: any, ...args: any[]) => T, thisArg?: unknown, args?: ArrayLike<unknown>): T {
    const outer = this._storage.getStore();
    this.enter(scope);
    try {
      return fn.apply(thisArg, args as unknown[]);
    } finally {
      this.exit(outer);
    }
  }

  enter(scope: Scope): void {
    this._storage.enterWith(scope);
  }

  exit(outer: Scope | undefined): void {
    this._storage.enterWith(outer as Scope);
  }
}

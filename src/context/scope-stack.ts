import type { ContextStore, Scope } from './context-store';

/**
 * A synchronous scope stack: the browser's stand-in for AsyncLocalStorage. A scope is active
 * while its function runs synchronously; it does not follow awaits.
 */
export class ScopeStack implements ContextStore {
  private readonly _stack: Scope[] = [];

  active(): Scope | undefined {
    return this._stack.length === 0 ? undefined : this._stack[this._stack.length - 1];
  }

  run<T>(scope: Scope, fn: (this: any, ...args: any[]) => T, thisArg?: unknown, args?: ArrayLike<unknown>): T {
    this.enter(scope);
    try {
      return fn.apply(thisArg, args as unknown[]);
    } finally {
      this.exit(undefined);
    }
  }

  enter(scope: Scope): void {
    this._stack.push(scope);
  }

  exit(_outer: Scope | undefined): void {
    this._stack.pop();
  }
}

/** One context scope: the values of `runWithContext`, and the enclosing decorated call. */
export interface Scope {
  /** The scope's own context object; `setContext` inside the scope mutates it. */
  readonly context?: Record<string, unknown>;
  /** The innermost decorated call, for `parentCallId`. */
  readonly callId?: string;
}

/** Where the active scope lives: AsyncLocalStorage in Node, a synchronous stack in the browser. */
export interface ContextStore {
  active(): Scope | undefined;
  /**
   * Calls `fn` with `thisArg` and `args` (none when omitted) with `scope` active, and restores the
   * outer scope when it returns or throws. The function and its arguments are passed as they
   * are, so that a caller needs no closure per call (issue #10).
   */
  run<T>(scope: Scope, fn: (this: any, ...args: any[]) => T, thisArg?: unknown, args?: ArrayLike<unknown>): T;
  /**
   * `run` taken apart, for the decorators' wrapper, which calls the method with its own
   * `arguments` (copying them cost an array a call, issue #10): makes `scope` active. The
   * caller must call {@link ContextStore.exit} on every way out, before anything else runs.
   */
  enter(scope: Scope): void;
  /** Ends what {@link ContextStore.enter} began: `outer` is what `active()` returned before it. */
  exit(outer: Scope | undefined): void;
}

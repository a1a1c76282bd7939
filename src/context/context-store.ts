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
  run<T>(scope: Scope, fn: () => T): T;
}

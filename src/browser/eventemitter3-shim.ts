type Listener = (...args: any[]) => void;

/**
 * The part of eventemitter3's API the tracker's `Reporter` uses (`on`, `off`, `emit`,
 * `listenerCount`, `listeners`, `removeAllListeners`), with its semantics (listeners in the
 * order added, `off` removes every registration of the function), for browser bundles of
 * decotel, which map `eventemitter3` here as they map `minimatch` to its shim: the page's size
 * budget (DESIGN.md §8) has no room for the 2.8 KB of the library. Node keeps eventemitter3.
 */
export default class EventEmitter<_Events = unknown> {
  private _listeners = new Map<string | symbol, Listener[]>();

  on(name: string | symbol, fn: Listener): this {
    if (typeof fn !== 'function') throw new TypeError('The listener must be a function');
    const list = this._listeners.get(name);
    if (list === undefined) this._listeners.set(name, [fn]);
    else list.push(fn);
    return this;
  }

  off(name: string | symbol, fn?: Listener): this {
    const list = this._listeners.get(name);
    if (list === undefined) return this;
    const kept = fn === undefined ? [] : list.filter((l) => l !== fn);
    if (kept.length === 0) this._listeners.delete(name);
    else this._listeners.set(name, kept);
    return this;
  }

  emit(name: string | symbol, ...args: unknown[]): boolean {
    const list = this._listeners.get(name);
    if (list === undefined) return false;
    for (const fn of [...list]) fn(...args);
    return true;
  }

  listenerCount(name: string | symbol): number {
    return this._listeners.get(name)?.length ?? 0;
  }

  listeners(name: string | symbol): Listener[] {
    return [...(this._listeners.get(name) ?? [])];
  }

  removeAllListeners(name?: string | symbol): this {
    if (name === undefined) this._listeners.clear();
    else this._listeners.delete(name);
    return this;
  }
}

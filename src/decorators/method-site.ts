/** Where a decorator was put: the method's key, whether it is static, and its class when known. */
export class MethodSite {
  readonly key: string | symbol;
  readonly isStatic: boolean;
  private _className: string | undefined;

  constructor(key: string | symbol, isStatic: boolean, className?: string) {
    this.key = key;
    this.isStatic = isStatic;
    this._className = className === '' ? undefined : className;
  }

  /** The method's name as events show it: a symbol's description, `#name` for a private method. */
  get methodName(): string {
    return typeof this.key === 'symbol' ? (this.key.description ?? 'symbol') : this.key;
  }

  /** Sets the class name once it is known (a standard decorator's initializer). */
  setClassName(name: string | undefined): void {
    if (this._className === undefined && typeof name === 'string' && name !== '') this._className = name;
  }

  /**
   * `ClassName.methodName`. A standard (TC39) method decorator does not see its class, so the
   * class is found at the first call, from `this`: the object of its prototype chain whose own
   * `key` is the wrapper. Without a class, the method name alone.
   */
  defaultPrefix(thisArg: unknown, wrapper: unknown): string {
    if (this._className === undefined) this.setClassName(ownerName(thisArg, this.key, wrapper));
    return this._className === undefined ? this.methodName : `${this._className}.${this.methodName}`;
  }
}

/** The name of the class that holds `key` in the prototype chain of `start`, or undefined. */
export function ownerName(start: unknown, key: string | symbol, wrapper: unknown): string | undefined {
  if (start === null || (typeof start !== 'object' && typeof start !== 'function')) return undefined;
  let first: object | undefined;
  for (let o: object | null = start; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d === undefined) continue;
    if (d.value === wrapper) return classNameOf(o);
    // Another decorator may have wrapped ours: the nearest holder is the best guess.
    first ??= o;
  }
  // No holder: a private (#) method, or a method called on another object. `this`'s class is the best guess.
  return classNameOf(first ?? start);
}

/** A class's name from the class itself (static side) or from its prototype. */
export function classNameOf(holder: unknown): string | undefined {
  if (typeof holder === 'function') return holder.name || undefined;
  if (holder === null || typeof holder !== 'object') return undefined;
  const ctor = (holder as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.name !== '' ? ctor.name : undefined;
}

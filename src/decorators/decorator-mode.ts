import { DecotelError } from '../errors';
import { MethodSite, classNameOf } from './method-site';
import type { AnyFunction } from './wrap-method';

/**
 * A method decorator that type-checks under both TypeScript decorator modes: standard (TC39)
 * `(value, context)` and `experimentalDecorators` `(target, propertyKey, descriptor)`.
 */
export interface TrackMethodDecorator {
  <T extends AnyFunction>(value: T, context: ClassMethodDecoratorContext<any, T>): T | void;
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): any;
}

/** A class decorator that type-checks under both TypeScript decorator modes. */
export interface TrackClassDecorator {
  <C extends abstract new (...args: any) => any>(value: C, context: ClassDecoratorContext<C>): void;
  (target: abstract new (...args: any) => any): void;
}

/** What a standard (TC39) decorator context carries that the adapters read. */
interface StandardContext {
  kind: string;
  name?: string | symbol;
  static?: boolean;
  addInitializer?(initializer: (this: unknown) => void): void;
}

/**
 * Applies a method decorator under either mode: `wrap` gets the method and where it is, and
 * returns its replacement (or the method itself).
 * @throws {DecotelError} `DECORATOR_TARGET` when the target is not a method.
 */
export function applyMethodDecorator(decorator: string, args: readonly unknown[], wrap: (fn: AnyFunction, site: MethodSite) => AnyFunction): unknown {
  const [target, key, descriptor] = args;
  if (isStandardContext(key)) {
    const name = describeKey(key.name);
    if (key.kind !== 'method') throw misuse(decorator, `the ${key.kind} ${name}`, key.kind === 'class' ? classAdvice : memberAdvice(key.kind));
    if (typeof target !== 'function') throw misuse(decorator, name, 'it is not a function: put it on a method');
    const site = new MethodSite(key.name ?? 'anonymous', key.static === true);
    // A standard method decorator does not see its class; a static method's initializer does.
    if (key.static === true) key.addInitializer?.(function (this: unknown) {
      site.setClassName(classNameOf(this));
    });
    return wrap(target as AnyFunction, site);
  }
  if (isObjectLike(target) && (typeof key === 'string' || typeof key === 'symbol')) {
    const name = describeKey(key);
    if (typeof descriptor === 'number') throw misuse(decorator, `a parameter of ${name}`, 'put it on the method');
    const d = descriptor as PropertyDescriptor | undefined;
    if (d === undefined || d === null) throw misuse(decorator, `the field ${name}`, memberAdvice('field'));
    if (d.get !== undefined || d.set !== undefined) throw misuse(decorator, `the accessor ${name}`, memberAdvice('getter'));
    if (typeof d.value !== 'function') throw misuse(decorator, name, 'it is not a function: put it on a method');
    const isStatic = typeof target === 'function';
    const site = new MethodSite(key, isStatic, classNameOf(target));
    return { ...d, value: wrap(d.value as AnyFunction, site) };
  }
  if (args.length === 1 && typeof target === 'function') throw misuse(decorator, `the class ${target.name || '(anonymous)'}`, classAdvice);
  throw misuse(decorator, 'something that is not a class member', 'put it on a method');
}

/**
 * Applies a class decorator under either mode; `decorate` gets the class and its name.
 * @throws {DecotelError} `DECORATOR_TARGET` when the target is not a class.
 */
export function applyClassDecorator(decorator: string, args: readonly unknown[], decorate: (ctor: AnyFunction, className: string) => void): void {
  const [target, context] = args;
  if (isStandardContext(context)) {
    if (context.kind !== 'class' || typeof target !== 'function') {
      throw misuse(decorator, `the ${context.kind} ${describeKey(context.name)}`, 'put it on a class, or use @TrackDuration() on a method');
    }
    decorate(target as AnyFunction, typeof context.name === 'string' && context.name !== '' ? context.name : target.name);
    return;
  }
  if (args.length === 1 && typeof target === 'function') {
    decorate(target as AnyFunction, target.name);
    return;
  }
  throw misuse(decorator, typeof context === 'string' || typeof context === 'symbol' ? `the member ${describeKey(context)}` : 'something that is not a class', 'put it on a class, or use @TrackDuration() on a method');
}

/**
 * Checks a name argument of a decorator factory; a decorator written without parentheses
 * (`@TrackDuration`) passes its target here.
 * @throws {DecotelError} `DECORATOR_TARGET` when `value` is neither undefined nor a non-empty string.
 */
export function assertName(decorator: string, param: string, value: unknown): asserts value is string | undefined {
  if (value === undefined || (typeof value === 'string' && value !== '')) return;
  const hint = typeof value === 'function' || isObjectLike(value) ? `: write ${decorator.replace(/\(\)$/, '')}() with parentheses` : '';
  throw new DecotelError({ code: 'DECORATOR_TARGET', message: `${decorator} expects ${param} to be a non-empty string, got ${typeof value}${hint}.` });
}

const classAdvice = 'it decorates methods: use @Tracked() on a class';

function memberAdvice(kind: string): string {
  if (kind === 'field') return 'it decorates methods: make the field a method, or wrap the function it holds with withTracking(prefix, fn)';
  return 'it decorates methods: decorate the method that the accessor calls, or make the accessor a method';
}

function misuse(decorator: string, what: string, advice: string): DecotelError {
  return new DecotelError({ code: 'DECORATOR_TARGET', message: `${decorator} was put on ${what}, but ${advice}.` });
}

function isStandardContext(value: unknown): value is StandardContext {
  return value !== null && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string';
}

function isObjectLike(value: unknown): value is object {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

function describeKey(key: unknown): string {
  if (typeof key === 'symbol') return `[${key.description ?? 'symbol'}]`;
  return typeof key === 'string' ? `'${key}'` : '(anonymous)';
}

import 'reflect-metadata';
import { TrackDuration, TrackError, Tracked } from 'decotel';
import { DECORATOR_MODE, eventNames, useMemoryDestination } from '../helpers/decorator-harness';

const memory = useMemoryDestination();

/** Stores metadata on the method function (both modes) and on (target, key) (legacy mode). */
function Meta(key: string, value: unknown): any {
  return (...args: any[]): any => {
    if (args.length === 2 && typeof args[1] === 'object') {
      Reflect.defineMetadata(key, value, args[0]);
      return undefined;
    }
    const [target, property, descriptor] = args as [object, string, PropertyDescriptor];
    Reflect.defineMetadata(key, value, descriptor.value as object);
    Reflect.defineMetadata(key, value, target, property);
    return undefined;
  };
}

class Dependency {}

@Tracked('svc')
class Service {
  @TrackDuration('svc.outer')
  @Meta('role', 'inner-admin')
  outer(name: string, count: number): string {
    return `${name}${count}`;
  }

  @Meta('role', 'outer-admin')
  @TrackError('svc.inner')
  inner(dep: Dependency, flag: boolean): boolean {
    return dep instanceof Dependency && flag;
  }

  @Meta('role', 'class-tracked')
  plain(value: number): number {
    return value;
  }
}

describe(`reflect-metadata (${DECORATOR_MODE} decorators)`, () => {
  it('copies metadata stored on the method when decotel is the outer decorator', () => {
    expect(Reflect.getMetadata('role', Service.prototype.outer)).toBe('inner-admin');
  });

  it('keeps metadata stored on the method when decotel is the inner decorator', () => {
    expect(Reflect.getMetadata('role', Service.prototype.inner)).toBe('outer-admin');
  });

  it('copies metadata of a method that @Tracked wraps', () => {
    expect(Reflect.getMetadata('role', Service.prototype.plain)).toBe('class-tracked');
    expect(new Service().plain(3)).toBe(3);
    expect(eventNames(memory())).toEqual(['svc.plain.started', 'svc.plain.completed']);
  });

  if (DECORATOR_MODE === 'legacy') {
    it('keeps design:paramtypes and metadata on (target, key), whatever the order (legacy)', () => {
      expect(Reflect.getMetadata('design:paramtypes', Service.prototype, 'outer')).toEqual([String, Number]);
      expect(Reflect.getMetadata('design:paramtypes', Service.prototype, 'inner')).toEqual([Dependency, Boolean]);
      expect(Reflect.getMetadata('design:returntype', Service.prototype, 'outer')).toBe(String);
      expect(Reflect.getMetadata('role', Service.prototype, 'outer')).toBe('inner-admin');
      expect(Reflect.getMetadata('role', Service.prototype, 'inner')).toBe('outer-admin');
    });
  }

  it('the decorated methods still work', () => {
    const s = new Service();
    expect(s.outer('a', 1)).toBe('a1');
    expect(s.inner(new Dependency(), true)).toBe(true);
    expect(eventNames(memory())).toEqual(['svc.outer.started', 'svc.outer.completed']);
  });
});

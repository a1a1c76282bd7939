import { MethodSite, classNameOf, ownerName } from '../../src/decorators/method-site';
import { TrackDuration } from 'decotel';
import { DECORATOR_MODE, eventNames, useMemoryDestination } from '../helpers/decorator-harness';

const memory = useMemoryDestination();

class Animal {
  @TrackDuration()
  speak(): string {
    return 'generic';
  }
}

class Dog extends Animal {
  override speak(): string {
    return `woof (${super.speak()})`;
  }
}

describe(`MethodSite (${DECORATOR_MODE} decorators)`, () => {
  describe('defaultPrefix()', () => {
    it('is ClassName.methodName when the class is known', () => {
      expect(new MethodSite('run', false, 'Job').defaultPrefix(undefined, undefined)).toBe('Job.run');
    });

    it('finds the class from this, through the prototype chain, by the wrapper', () => {
      function wrapper(): void {}
      class Holder {}
      Object.defineProperty(Holder.prototype, 'run', { value: wrapper });
      class Child extends Holder {}
      expect(new MethodSite('run', false).defaultPrefix(new Child(), wrapper)).toBe('Holder.run');
    });

    it('falls back to the method name without a usable this', () => {
      const site = new MethodSite(Symbol(), false);
      expect(site.methodName).toBe('symbol');
      expect(site.defaultPrefix(undefined, undefined)).toBe('symbol');
      expect(new MethodSite('run', false, '').defaultPrefix(42, undefined)).toBe('run');
    });

    it('keeps the first class name it is given', () => {
      const site = new MethodSite('run', true);
      site.setClassName('');
      site.setClassName('First');
      site.setClassName('Second');
      expect(site.defaultPrefix(undefined, undefined)).toBe('First.run');
    });
  });

  describe('ownerName()', () => {
    it('takes the nearest holder when no holder has the wrapper (another decorator wrapped it)', () => {
      class A {
        run(): void {}
      }
      class B extends A {
        override run(): void {}
      }
      expect(ownerName(new B(), 'run', () => undefined)).toBe('B');
      expect(ownerName(new B(), '#private', undefined)).toBe('B');
      expect(ownerName(Object.create(null), 'missing', undefined)).toBeUndefined();
      expect(ownerName(null, 'run', undefined)).toBeUndefined();
    });

    it('finds a static method on the class itself', () => {
      function wrapper(): void {}
      class S {}
      Object.defineProperty(S, 'make', { value: wrapper });
      class T extends S {}
      expect(ownerName(T, 'make', wrapper)).toBe('S');
    });
  });

  describe('classNameOf()', () => {
    it('reads a class, a prototype, or nothing', () => {
      class Named {}
      expect(classNameOf(Named)).toBe('Named');
      expect(classNameOf(Named.prototype)).toBe('Named');
      expect(classNameOf(Object.create(null))).toBeUndefined();
      expect(classNameOf('x')).toBeUndefined();
      expect(classNameOf(null)).toBeUndefined();
      const anonymous = (() => class {})();
      expect(classNameOf(anonymous)).toBeUndefined();
      expect(classNameOf(anonymous.prototype)).toBeUndefined();
    });
  });

  it('names an overridden method that calls super after the declaring class', () => {
    expect(new Dog().speak()).toBe('woof (generic)');
    expect(eventNames(memory())).toEqual(['Animal.speak.started', 'Animal.speak.completed']);
  });
});

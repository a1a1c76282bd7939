// Compiled and run by the legacy-decorators jest project only (tsconfig.json leaves *.legacy.ts
// out): it needs experimentalDecorators + emitDecoratorMetadata, as NestJS does.
import 'reflect-metadata';
import { Clock, OrdersRepository, OrdersService, resolve } from '../../examples/nest-style-service.legacy';
import { DECORATOR_MODE, eventNames, only, useMemoryDestination } from '../helpers/decorator-harness';

const memory = useMemoryDestination();

describe('examples/nest-style-service (legacy decorators)', () => {
  it('is compiled with experimentalDecorators', () => {
    expect(DECORATOR_MODE).toBe('legacy');
  });

  it('keeps the constructor-injection metadata of a @Tracked class', () => {
    expect(Reflect.getMetadata('design:paramtypes', OrdersService)).toEqual([OrdersRepository, Clock]);
    expect(Reflect.getMetadata('di:injectable', OrdersService)).toBe(true);
  });

  it('keeps the method metadata, whatever the decorator order', () => {
    expect(Reflect.getMetadata('design:paramtypes', OrdersService.prototype, 'total')).toEqual([String, String]);
    expect(Reflect.getMetadata('design:paramtypes', OrdersService.prototype, 'cancel')).toEqual([String, Date]);
    expect(Reflect.getMetadata('design:returntype', OrdersService.prototype, 'cancel')).toBe(Boolean);
    expect(Reflect.getMetadata('roles', OrdersService.prototype.total)).toEqual(['admin']);
    expect(Reflect.getMetadata('roles', OrdersService.prototype.cancel)).toEqual(['support']);
  });

  it('resolves the service from its metadata, and its calls are tracked', () => {
    const service = resolve(OrdersService);
    expect(service.total('o-1', 'EUR')).toBe('42 EUR');
    expect(service.cancel('o-1', new Date(0))).toBe(true);
    expect(() => service.total('o-2', 'EUR')).toThrow('no order o-2');
    expect(eventNames(memory())).toEqual(['orders.total.started', 'orders.total.completed', 'orders.total.started', 'orders.total.failed']);
    expect(only(memory(), 'orders.total.failed').error).toMatchObject({ message: 'no order o-2' });
  });
});

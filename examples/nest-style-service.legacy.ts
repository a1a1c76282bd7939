// A NestJS-style service: constructor injection resolved from `design:paramtypes`, which
// TypeScript emits only with experimentalDecorators + emitDecoratorMetadata. The decotel
// decorators keep that metadata, and the metadata other decorators store on the method.
// Compiled by tsconfig.legacy.json only; asserted by __tests__/decorators/nest-style-service.test.legacy.ts.
import 'reflect-metadata';
import { TrackDuration, TrackError, Tracked } from 'decotel';

/** Like `@Injectable()`: marks a class for the container (which reads `design:paramtypes`). */
export function Injectable(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata('di:injectable', true, target);
  };
}

/** Like Nest's `@SetMetadata(key, value)` on a method: stores on the function itself. */
export function SetMetadata(key: string, value: unknown): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata(key, value, descriptor.value as object);
  };
}

@Injectable()
export class OrdersRepository {
  private readonly _rows = new Map<string, number>([['o-1', 42]]);

  find(id: string): number | undefined {
    return this._rows.get(id);
  }
}

@Injectable()
export class Clock {
  now(): number {
    return 1_700_000_000_000;
  }
}

@Injectable()
@Tracked('orders')
export class OrdersService {
  constructor(
    private readonly _repository: OrdersRepository,
    private readonly _clock: Clock,
  ) {}

  /** decotel outside, SetMetadata inside. */
  @TrackDuration('orders.total')
  @SetMetadata('roles', ['admin'])
  total(id: string, currency: string): string {
    const amount = this._repository.find(id);
    if (amount === undefined) throw new Error(`no order ${id}`);
    return `${amount} ${currency}`;
  }

  /** SetMetadata outside, decotel inside. */
  @SetMetadata('roles', ['support'])
  @TrackError('orders.cancel')
  cancel(id: string, at: Date): boolean {
    return this._repository.find(id) !== undefined && at.getTime() <= this._clock.now();
  }
}

/** A tiny container: builds a class from its `design:paramtypes`, as Nest does. */
export function resolve<T>(type: new (...args: any[]) => T): T {
  const params = (Reflect.getMetadata('design:paramtypes', type) as Array<new () => unknown> | undefined) ?? [];
  return new type(...params.map((p) => resolve(p as new (...args: any[]) => unknown)));
}

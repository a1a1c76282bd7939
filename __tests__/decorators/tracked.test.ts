import { NoTrack, TrackDuration, TrackError, Tracked } from 'decotel';
import { DECORATOR_MODE, eventNames, settle, useMemoryDestination } from '../helpers/decorator-harness';

const memory = useMemoryDestination();

class Base {
  inherited(): string {
    return 'base';
  }
}

@Tracked()
class Inventory extends Base {
  private _count = 0;
  label = 'inv';

  constructor(start = 0) {
    super();
    this._count = start;
  }

  add(n: number): this {
    this._count += n;
    return this;
  }

  async load(): Promise<number> {
    await settle();
    return this._count;
  }

  get count(): number {
    return this._count;
  }

  set count(value: number) {
    this._count = value;
  }

  @NoTrack()
  describe(): string {
    return `inventory of ${this._count}`;
  }

  @TrackDuration('inventory.reset')
  reset(): void {
    this._count = 0;
  }

  @TrackError('inventory.check')
  check(): void {
    if (this._count < 0) throw new RangeError('negative');
  }

  static empty(): Inventory {
    return new Inventory();
  }

  static readonly kind = 'store';
}

@Tracked('shop', { started: false, category: 'commerce' })
class Shop {
  open(): boolean {
    return true;
  }
}

describe(`@Tracked (${DECORATOR_MODE} decorators)`, () => {
  it('tracks every own method as <ClassName>.<method>.*, with the same this and result', async () => {
    const inv = new Inventory(2);
    expect(inv.add(3)).toBe(inv);
    await expect(inv.load()).resolves.toBe(5);
    await settle();
    expect(eventNames(memory())).toEqual(['Inventory.add.started', 'Inventory.add.completed', 'Inventory.load.started', 'Inventory.load.completed']);
  });

  it('tracks static methods', () => {
    expect(Inventory.empty()).toBeInstanceOf(Inventory);
    expect(eventNames(memory())).toEqual(['Inventory.empty.started', 'Inventory.empty.completed']);
    expect(Inventory.kind).toBe('store');
  });

  it('skips the constructor, getters and setters, inherited methods and @NoTrack() methods', () => {
    const inv = new Inventory(1);
    inv.count = 4;
    expect(inv.count).toBe(4);
    expect(inv.describe()).toBe('inventory of 4');
    expect(inv.inherited()).toBe('base');
    expect(inv.label).toBe('inv');
    expect(eventNames(memory())).toEqual([]);
  });

  it('leaves methods that another decotel decorator tracks to that decorator', () => {
    const inv = new Inventory(1);
    inv.reset();
    inv.check();
    expect(eventNames(memory())).toEqual(['inventory.reset.started', 'inventory.reset.completed']);
  });

  it('uses the prefix and the options it is given', () => {
    expect(new Shop().open()).toBe(true);
    expect(eventNames(memory())).toEqual(['shop.open.completed']);
    expect(memory().events.find((e) => e.name === 'shop.open.completed')?.category).toBe('commerce');
  });

  it('keeps the class itself, its name and its methods names and lengths', () => {
    expect(Inventory.name).toBe('Inventory');
    expect(Inventory.prototype.add.name).toBe('add');
    expect(Inventory.prototype.add.length).toBe(1);
    expect(Object.getOwnPropertyDescriptor(Inventory.prototype, 'add')).toMatchObject({ enumerable: false, writable: true, configurable: true });
  });
});

describe(`@NoTrack (${DECORATOR_MODE} decorators)`, () => {
  it('returns the method unchanged', () => {
    class Plain {
      @NoTrack()
      ping(): string {
        return 'pong';
      }
    }
    expect(new Plain().ping()).toBe('pong');
    expect(eventNames(memory())).toEqual([]);
  });
});

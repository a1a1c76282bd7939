// The shop's domain: a decorated checkout, a payment gateway that fails on some cards, and a
// repository whose every method is tracked.
import { NoTrack, TrackDuration, TrackError, Tracked, telemetry } from '../../src/index';

export interface Order {
  id: string;
  userId: string;
  items: string[];
  total: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Card numbers that the fake gateway declines. */
export const DECLINED_CARD = '4000000000000002';

@Tracked('repo')
export class OrderRepository {
  private readonly _orders = new Map<string, Order>();

  async save(order: Order): Promise<Order> {
    await sleep(2 + Math.random() * 4);
    this._orders.set(order.id, order);
    return order;
  }

  async find(id: string): Promise<Order | undefined> {
    await sleep(1 + Math.random() * 2);
    return this._orders.get(id);
  }

  @NoTrack()
  size(): number {
    return this._orders.size;
  }
}

export class PaymentGateway {
  /** Only failures are tracked: `payment.failed` with the error, never the card number. */
  @TrackError('payment', { captureArgs: (payment: { card_number: string; amount: number }) => ({ payment }) })
  async charge(payment: { card_number: string; amount: number }): Promise<string> {
    await sleep(5 + Math.random() * 10);
    if (payment.card_number === DECLINED_CARD) throw new Error(`card declined for amount ${payment.amount}`);
    return `ch_${Math.random().toString(36).slice(2, 10)}`;
  }
}

export class Inventory {
  /** Called for every item: noisy, so the YAML samples it at 10 %. */
  @TrackDuration('inventory.check')
  inStock(item: string): boolean {
    return item !== 'sold-out';
  }
}

export class CheckoutService {
  constructor(
    private readonly _repo: OrderRepository,
    private readonly _payments: PaymentGateway,
    private readonly _inventory: Inventory,
  ) {}

  /** checkout.started / .completed { durationMs } / .failed { error }, with the request's context. */
  @TrackDuration('checkout', { captureResult: (order: Order) => ({ orderId: order.id, total: order.total }) })
  async checkout(userId: string, items: string[], cardNumber: string): Promise<Order> {
    for (const item of items) if (!this._inventory.inStock(item)) throw new Error(`item ${item} is sold out`);
    const total = items.length * 19.5;
    telemetry.setContext({ cartSize: items.length });
    await this._payments.charge({ card_number: cardNumber, amount: total });
    return this._repo.save({ id: `o-${this._repo.size() + 1}-${Math.random().toString(36).slice(2, 6)}`, userId, items, total });
  }
}

// A service class with decorated methods: every call emits started / completed / failed events.
// Exercised by __tests__/decorators/examples.test.ts under both decorator modes.
import { EventCategory, NoTrack, TrackDuration, TrackError, TrackFunction, Tracked, telemetry } from 'decotel';

export interface Image {
  id: string;
  prompt: string;
}

export class ImageService {
  private readonly _images = new Map<string, Image>();
  private _nextId = 1;

  /** `generation.started`, then `generation.completed` (with the result's id) or `generation.failed`. */
  @TrackDuration('generation', {
    category: EventCategory.GENERATION,
    captureArgs: (prompt: string) => ({ promptLength: prompt.length }),
    captureResult: (image: Image) => ({ imageId: image.id }),
  })
  async generate(prompt: string): Promise<Image> {
    if (prompt.trim() === '') throw new RangeError('the prompt is empty');
    await new Promise((resolve) => setTimeout(resolve, 1));
    const image = { id: `img-${this._nextId++}`, prompt };
    this._images.set(image.id, image);
    telemetry.track('image.stored', { imageId: image.id });
    return image;
  }

  /** `ImageService.thumbnail.*`: the default prefix is `ClassName.methodName`. */
  @TrackFunction(undefined, { size: 'small' })
  thumbnail(id: string): string {
    const image = this._images.get(id);
    if (image === undefined) throw new Error(`no image ${id}`);
    return `thumb:${image.id}`;
  }

  /** Only `image.delete.failed`, when it throws. */
  @TrackError('image.delete')
  delete(id: string): void {
    if (!this._images.delete(id)) throw new Error(`no image ${id}`);
  }

  /** Generators are tracked until their iteration ends. */
  @TrackDuration('image.list')
  *list(): Generator<Image, number> {
    for (const image of this._images.values()) yield image;
    return this._images.size;
  }
}

/** Every own method tracked as `billing.<method>.*`, except `describe`. */
@Tracked('billing')
export class BillingService {
  private _balance = 0;

  charge(amount: number): number {
    if (amount <= 0) throw new RangeError('amount must be positive');
    this._balance += amount;
    return this._balance;
  }

  async refund(amount: number): Promise<number> {
    await Promise.resolve();
    this._balance -= amount;
    return this._balance;
  }

  static create(): BillingService {
    return new BillingService();
  }

  @NoTrack()
  describe(): string {
    return `balance: ${this._balance}`;
  }
}

import { telemetry } from 'decotel';
import { BillingService, ImageService } from '../../examples/decorated-service';
import { DECORATOR_MODE, eventNames, only, settle, useMemoryDestination } from '../helpers/decorator-harness';

const memory = useMemoryDestination();

describe(`examples/decorated-service (${DECORATOR_MODE} decorators)`, () => {
  it('ImageService emits the lifecycle of each decorated method', async () => {
    const service = new ImageService();
    const image = await service.generate('a red fox');
    await settle();
    expect(service.thumbnail(image.id)).toBe('thumb:img-1');
    expect([...service.list()]).toEqual([image]);
    service.delete(image.id);
    expect(() => service.delete(image.id)).toThrow('no image img-1');
    expect(eventNames(memory())).toEqual([
      'generation.started',
      'image.stored',
      'generation.completed',
      'ImageService.thumbnail.started',
      'ImageService.thumbnail.completed',
      'image.list.started',
      'image.list.completed',
      'image.delete.failed',
    ]);
    const completed = only(memory(), 'generation.completed');
    expect(completed).toMatchObject({ category: 'generation', properties: { promptLength: 9, imageId: 'img-1' } });
    expect(only(memory(), 'image.stored').parentCallId).toBe(completed.callId);
    expect(only(memory(), 'ImageService.thumbnail.completed').properties).toEqual({ size: 'small' });
  });

  it('ImageService reports a rejected generation as failed and rejects with the same error', async () => {
    const promise = new ImageService().generate(' ');
    await expect(promise).rejects.toBeInstanceOf(RangeError);
    await settle();
    expect(only(memory(), 'generation.failed').error).toMatchObject({ type: 'RangeError', message: 'the prompt is empty' });
  });

  it('BillingService is tracked as a whole, except describe()', async () => {
    const billing = BillingService.create();
    expect(billing.charge(10)).toBe(10);
    await expect(billing.refund(3)).resolves.toBe(7);
    expect(billing.describe()).toBe('balance: 7');
    expect(() => billing.charge(0)).toThrow(RangeError);
    await settle();
    expect(eventNames(memory())).toEqual([
      'billing.create.started',
      'billing.create.completed',
      'billing.charge.started',
      'billing.charge.completed',
      'billing.refund.started',
      'billing.refund.completed',
      'billing.charge.started',
      'billing.charge.failed',
    ]);
    expect(telemetry.stats().destinations.memory.received).toBeGreaterThanOrEqual(8);
  });
});

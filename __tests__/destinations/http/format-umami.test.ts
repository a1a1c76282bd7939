import { createUmamiFormat, toUmamiBody, UMAMI_MAX_NAME_LENGTH } from '../../../src/destinations/http/format-umami';
import { makeEvent, TEST_RESOURCE } from '../../helpers/events';

describe('createUmamiFormat()', () => {
  it('sends one event a request, as Umami /api/send takes it', () => {
    const format = createUmamiFormat({ websiteId: 'site-1' });
    expect(format.maxEventsPerRequest).toBe(1);
    expect(JSON.parse(format.encode([makeEvent(1, { properties: { plan: 'pro' } })], TEST_RESOURCE, 0))).toEqual({
      type: 'event',
      payload: { website: 'site-1', name: 'test.event', data: { plan: 'pro' } },
    });
  });

  it('takes hostname from the options, else from the context, and url from context.url or context.path', () => {
    expect(toUmamiBody(makeEvent(1, { context: { hostname: 'a.example', path: '/cart' } }), { websiteId: 'w' }).payload).toMatchObject({ hostname: 'a.example', url: '/cart' });
    expect(toUmamiBody(makeEvent(1, { context: { hostname: 'a.example', url: '/x', path: '/y' } }), { websiteId: 'w', hostname: 'b.example' }).payload).toMatchObject({ hostname: 'b.example', url: '/x' });
  });

  it('cuts names longer than Umami accepts', () => {
    const long = 'x'.repeat(UMAMI_MAX_NAME_LENGTH + 10);
    expect(toUmamiBody(makeEvent(1, { name: long }), { websiteId: 'w' }).payload.name).toHaveLength(UMAMI_MAX_NAME_LENGTH);
  });
});

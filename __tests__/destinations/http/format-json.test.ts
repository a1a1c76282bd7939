import { createJsonFormat, toJsonEnvelope } from '../../../src/destinations/http/format-json';
import { makeEvents, TEST_RESOURCE } from '../../helpers/events';

const NOW_MS = Date.parse('2025-03-01T12:00:00.000Z');

describe('createJsonFormat()', () => {
  it('encodes the envelope: identity once, then the events as they are', () => {
    const events = makeEvents(2);
    const body = JSON.parse(createJsonFormat().encode(events, TEST_RESOURCE, NOW_MS));
    expect(body).toEqual({
      session_id: 'session-1',
      sdk: { name: 'decotel', version: '0.1.0' },
      service: { name: 'checkout', version: '1.2.3', environment: 'test' },
      platform: TEST_RESOURCE.platform,
      sent_at: '2025-03-01T12:00:00.000Z',
      events,
    });
  });

  it('sends application/json, or the content type asked for (text/plain from the browser)', () => {
    expect(createJsonFormat().contentType).toBe('application/json');
    expect(createJsonFormat({ contentType: 'text/plain' }).contentType).toBe('text/plain');
  });

  it('adds the installation id when there is one', () => {
    expect(toJsonEnvelope([], { ...TEST_RESOURCE, installationId: 'i-1' }, NOW_MS).installation_id).toBe('i-1');
    expect('installation_id' in toJsonEnvelope([], TEST_RESOURCE, NOW_MS)).toBe(false);
  });
});

import type { ResourceInfo } from '../../src/destinations/destination';
import { createJsonFormat } from '../../src/destinations/http/format-json';
import { createOtlpFormat } from '../../src/destinations/http/format-otlp';
import type { HttpFormat } from '../../src/destinations/http/http-format';
import { splitEnvelope } from '../../src/browser/split-envelope';
import type { TelemetryEvent } from '../../src/tracker/event';

const resource: ResourceInfo = { sessionId: 's-1', service: { name: 'web' }, sdk: { name: 'decotel', version: '0.1.0' }, platform: { runtime: 'browser', version: 'test' }, installationId: 'i-1' };
const event = (n: number): TelemetryEvent => ({ id: `e${n}`, name: `app.e${n}`, category: 'app', severity: 'info', timestamp: '2024-01-01T00:00:00.000Z', properties: { n, s: ']}' }, context: {}, sessionId: 's-1', sequence: n });

describe('splitEnvelope()', () => {
  it.each([
    ['json', createJsonFormat({ contentType: 'text/plain' })],
    ['otlp', createOtlpFormat()],
  ])('rebuilds the %s body of a batch from records', (_name, format: HttpFormat) => {
    const split = splitEnvelope(format, resource, 1_700_000_000_000);
    expect(split).toBeDefined();
    const events = [event(1), event(2), event(3)];
    const assembled = split!.pre + events.map((e) => split!.record(e)).join(',') + split!.suf;
    expect(JSON.parse(assembled)).toEqual(JSON.parse(format.encode(events, resource, 1_700_000_000_000)));
  });

  it('gives up on a format that is not one array of records', () => {
    const lines: HttpFormat = { name: 'lines', contentType: 'text/plain', encode: (events) => events.map((e) => e.name).join('\n') };
    expect(splitEnvelope(lines, resource, 0)).toBeUndefined();
  });
});

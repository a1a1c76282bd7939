import { otlpToBatches, recordToEvent, severityOf } from '../../src/cli/collect-otlp';
import { envelopeToBatch } from '../../src/cli/collect-envelope';

describe('otlpToBatches()', () => {
  it('takes log records of other SDKs: new ids, names from the body, severities from numbers', () => {
    const [batch] = otlpToBatches({
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }, { key: 'deployment.environment', value: { stringValue: 'prod' } }] },
          scopeLogs: [{ logRecords: [{ timeUnixNano: 1_700_000_000_000_000_000, severityNumber: 18, body: { stringValue: 'db.down' }, attributes: [{ key: 'k', value: { intValue: 3 } }] }, {}] }],
        },
      ],
    });
    expect(batch.service).toEqual({ name: 'api', environment: 'prod' });
    const [first, second] = batch.events;
    expect(first).toMatchObject({ name: 'db.down', category: 'db', severity: 'error', timestamp: '2023-11-14T22:13:20.000Z', properties: { k: 3 }, sessionId: '', sequence: 0 });
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toMatchObject({ name: 'log', severity: 'info' });
  });

  it('accepts an empty request', () => {
    expect(otlpToBatches({})).toEqual([]);
    expect(otlpToBatches({ resourceLogs: [{}] })).toEqual([{ service: {}, events: [] }]);
  });

  it('throws a TypeError for malformed requests', () => {
    expect(() => otlpToBatches(null)).toThrow(TypeError);
    expect(() => otlpToBatches({ resourceLogs: [1] })).toThrow(TypeError);
    expect(() => otlpToBatches({ resourceLogs: [{ scopeLogs: 'x' }] })).toThrow(TypeError);
    expect(() => recordToEvent({ timeUnixNano: -1 })).toThrow(TypeError);
    expect(() => recordToEvent({ attributes: [{ key: 1 }] })).toThrow(TypeError);
  });

  it('keeps the first of a repeated reserved key and treats the others as properties', () => {
    const event = recordToEvent({
      attributes: [
        { key: 'event.id', value: { stringValue: 'a' } },
        { key: 'event.id', value: { stringValue: 'b' } },
        { key: 'exception.message', value: { stringValue: 'm' } },
        { key: 'decotel.status', value: { stringValue: 'weird' } },
      ],
    });
    expect(event.id).toBe('a');
    expect(event.properties).toEqual({ 'event.id': 'b' });
    expect(event.error).toEqual({ type: 'Error', message: 'm', hash: '' });
    expect(event.status).toBeUndefined();
  });
});

describe('severityOf()', () => {
  it('prefers a severity text, then the number ranges of OpenTelemetry', () => {
    expect(['DEBUG', 'Info', 'WARN', 'warning', 'ERROR', 'FATAL', 'critical'].map((t) => severityOf(t, 0))).toEqual(['debug', 'info', 'warning', 'warning', 'error', 'critical', 'critical']);
    expect([1, 5, 8, 9, 12, 13, 17, 21, 24, 0, undefined, '13'].map((n) => severityOf(undefined, n))).toEqual([
      'debug',
      'debug',
      'debug',
      'info',
      'info',
      'warning',
      'error',
      'critical',
      'critical',
      'info',
      'info',
      'warning',
    ]);
  });
});

describe('envelopeToBatch()', () => {
  it('keeps the string fields of the service only', () => {
    expect(envelopeToBatch({ service: { name: 'a', version: 2 }, events: [] })).toEqual({ service: { name: 'a' }, events: [] });
    expect(envelopeToBatch({ service: null, events: [] }).service).toEqual({});
  });
});

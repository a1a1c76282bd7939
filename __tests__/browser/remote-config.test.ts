import { isInRollout, normalizeRemoteConfig } from '../../src/browser/remote-config';

describe('normalizeRemoteConfig()', () => {
  it('fills in the defaults of DESIGN.md §8', () => {
    expect(normalizeRemoteConfig({})).toEqual({ disable_telemetry: false, disable_events: [], rollout_percent: 100, ingestion_url: '/v1/events', format: 'json' });
  });

  it('keeps valid fields and replaces wrong types by their defaults', () => {
    expect(normalizeRemoteConfig({ disable_telemetry: true, disable_events: ['a.*', 3], rollout_percent: 12.5, ingestion_url: 'https://x/v1/logs', format: 'otlp' })).toEqual({
      disable_telemetry: true,
      disable_events: ['a.*'],
      rollout_percent: 12.5,
      ingestion_url: 'https://x/v1/logs',
      format: 'otlp',
    });
    expect(normalizeRemoteConfig({ disable_telemetry: 'yes', disable_events: 'a.*', rollout_percent: '5', ingestion_url: '', format: 'xml' })).toEqual(normalizeRemoteConfig({}));
  });

  it('clamps rollout_percent to 0–100', () => {
    expect(normalizeRemoteConfig({ rollout_percent: 250 })?.rollout_percent).toBe(100);
    expect(normalizeRemoteConfig({ rollout_percent: -1 })?.rollout_percent).toBe(0);
  });

  it('returns null for anything but a JSON object', () => {
    expect([null, 'x', 3, [], undefined].map(normalizeRemoteConfig)).toEqual([null, null, null, null, null]);
  });
});

describe('isInRollout()', () => {
  it('keeps a draw below the percentage', () => {
    expect([isInRollout(0, 0), isInRollout(50, 0.49), isInRollout(50, 0.5), isInRollout(100, 0.999)]).toEqual([false, true, false, true]);
  });
});

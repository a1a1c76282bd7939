import { ConfigIssues } from '../../src/config/config-issues';
import { parseFlag, readEnvFlags } from '../../src/config/env-flags';

describe('parseFlag', () => {
  it.each(['1', 'true', 'TRUE', 'Yes', 'on', ' ON '])('%s – is true', (v) => expect(parseFlag(v)).toBe(true));
  it.each(['0', 'false', 'False', 'NO', 'off'])('%s – is false', (v) => expect(parseFlag(v)).toBe(false));
  it.each(['', '2', 'enable', 'y'])('%s – is not a flag', (v) => expect(parseFlag(v)).toBeUndefined());
});

describe('readEnvFlags', () => {
  it('reads the three switches', () => {
    const issues = new ConfigIssues();
    expect(readEnvFlags({ TELEMETRY_ENABLED: 'no', TELEMETRY_DEBUG: 'yes', DO_NOT_TRACK: '1' }, issues)).toEqual({ enabled: false, debug: true, doNotTrack: true });
    expect(issues.errors).toEqual([]);
  });

  it('records a bad value and keeps going', () => {
    const issues = new ConfigIssues();
    expect(readEnvFlags({ TELEMETRY_ENABLED: 'maybe', TELEMETRY_DEBUG: 'off' }, issues)).toEqual({ debug: false, doNotTrack: false });
    expect(issues.errors.map((e) => [e.code, e.path])).toEqual([['INVALID_VALUE', 'env.TELEMETRY_ENABLED']]);
  });
});

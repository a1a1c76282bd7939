import { interpolateString } from '../../src/config/interpolate-env';

describe('interpolateString', () => {
  const env = { A: 'alpha', EMPTY: '', N: '5' };

  it.each([
    ['plain text', 'plain text', false],
    ['${A}', 'alpha', true],
    ['x-${A}-${N}', 'x-alpha-5', true],
    ['${MISSING:-fallback}', 'fallback', true],
    ['${EMPTY:-fallback}', 'fallback', true],
    ['${A:-fallback}', 'alpha', true],
    ['${MISSING:-}', '', true],
    ['${MISSING:-http://h:1/p}', 'http://h:1/p', true],
    ['${EMPTY}', '', true],
    ['$${A}', '${A}', false],
    ['cost: $5 and ${A}', 'cost: $5 and alpha', true],
  ])('%s – becomes %s', (text, value, substituted) => {
    expect(interpolateString(text, env)).toEqual({ ok: true, value, substituted });
  });

  it('${VAR} unset – is MISSING_ENV naming the variable', () => {
    const result = interpolateString('Bearer ${TELEMETRY_TOKEN}', env);
    expect(result).toMatchObject({ ok: false, code: 'MISSING_ENV' });
    expect(!result.ok && result.message).toContain('TELEMETRY_TOKEN');
  });

  it.each(['${}', '${1A}', '${A B}', '${A', 'x ${A:-y'])('%s – is INVALID_VALUE', (text) => {
    expect(interpolateString(text, env)).toMatchObject({ ok: false, code: 'INVALID_VALUE' });
  });
});

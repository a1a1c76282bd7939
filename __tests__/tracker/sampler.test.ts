import { defaultConfig } from '../../src/config/config-types';
import { KEEP_ALL, Sampler, isKept } from '../../src/tracker/sampler';

describe('Sampler', () => {
  const sampler = new Sampler({
    rate: 0.5,
    rules: [
      { events: ['query.*', 'embedding.*'], rate: 0.05 },
      { events: ['query.slow'], rate: 1 },
      { events: ['noisy.failed'], rate: 0 },
    ],
  });

  describe('rateFor()', () => {
    it('the first rule whose patterns match – decides', () => {
      expect(sampler.rateFor('query.run', 'info')).toBe(0.05);
      expect(sampler.rateFor('embedding.batch.completed', 'info')).toBe(0.05);
      // query.slow also matches the first rule, which wins.
      expect(sampler.rateFor('query.slow', 'info')).toBe(0.05);
    });

    it('no rule – the default rate', () => {
      expect(sampler.rateFor('user.login', 'debug')).toBe(0.5);
      expect(sampler.rateFor('user.login', 'warning')).toBe(0.5);
    });

    it('errors – are kept at 1 unless a rule names them', () => {
      expect(sampler.rateFor('payment.failed', 'error')).toBe(1);
      expect(sampler.rateFor('payment.crashed', 'critical')).toBe(1);
      expect(sampler.rateFor('noisy.failed', 'error')).toBe(0);
      expect(sampler.rateFor('query.failed', 'error')).toBe(0.05);
    });

    it('gives the same answer from its cache', () => {
      expect(sampler.ruleRate('query.run')).toBe(0.05);
      expect(sampler.ruleRate('query.run')).toBe(0.05);
      expect(sampler.ruleRate('user.login')).toBeUndefined();
      expect(sampler.ruleRate('user.login')).toBeUndefined();
    });

    it('keeps answering past the cache size', () => {
      const s = new Sampler({ rate: 1, rules: [{ events: ['n.1*'], rate: 0.1 }] });
      for (let i = 0; i < 10_050; i++) s.ruleRate(`n.${i}`);
      expect(s.ruleRate('n.1')).toBe(0.1);
      expect(s.ruleRate('n.2')).toBeUndefined();
    });
  });

  describe('KEEP_ALL', () => {
    it('answers as the sampler of the default configuration does', () => {
      const byDefault = new Sampler(defaultConfig().sampling);
      for (const name of ['a', 'user.login', 'x.failed']) {
        expect(KEEP_ALL.ruleRate(name)).toBe(byDefault.ruleRate(name));
        for (const severity of ['debug', 'info', 'error', 'critical'] as const) expect(KEEP_ALL.rateFor(name, severity)).toBe(byDefault.rateFor(name, severity));
      }
    });
  });
});

describe('isKept', () => {
  it.each([
    [1, 0.999, true],
    [0.5, 0.49, true],
    [0.5, 0.5, false],
    [0, 0, false],
  ])('rate %d with draw %d – kept: %s', (rate, draw, expected) => expect(isKept(rate, draw)).toBe(expected));

  it('keeps about the rate over many draws', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    let kept = 0;
    for (let i = 0; i < 20_000; i++) if (isKept(0.1, random())) kept++;
    expect(kept / 20_000).toBeGreaterThan(0.09);
    expect(kept / 20_000).toBeLessThan(0.11);
  });
});

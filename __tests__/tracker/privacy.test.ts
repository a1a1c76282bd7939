import { createHash } from 'node:crypto';
import type { PrivacyConfig } from '../../src/config/config-types';
import { defaultConfig } from '../../src/config/config-types';
import { MAX_ARRAY_LENGTH, MAX_DEPTH, MAX_OBJECT_KEYS, MAX_STRING_LENGTH, PrivacyPolicy, REDACTED, describeThrown, normalizeKey, truncate } from '../../src/tracker/privacy';
import { scrubString } from '../../src/tracker/scrub';

const sha256 = (input: string) => createHash('sha256').update(input).digest('hex');
const expectedHash = (salt: string, value: string) => sha256(salt + value).slice(0, 16);

function policy(overrides: Partial<PrivacyConfig> = {}): PrivacyPolicy {
  return new PrivacyPolicy({ ...defaultConfig().privacy, ...overrides }, sha256);
}

describe('PrivacyPolicy', () => {
  it('redacts hash keys on a platform without SHA-256 (a page without withConfigValidation()), never sending them clear', () => {
    const out = new PrivacyPolicy({ ...defaultConfig().privacy, hashKeys: ['user_id'] }, undefined).cleanRecord({ userId: 'u-1', nested: { user_id: 'u-2' }, other: 1 });
    expect(out).toEqual({ userId: REDACTED, nested: { user_id: REDACTED }, other: 1 });
  });

  describe('redact_keys', () => {
    it('redacts the default keys with no privacy section', () => {
      const out = policy().cleanRecord({ password: 'p', token: 't', user: 'ann', authorization: 'Basic x', cookie: 'c' });
      expect(out).toEqual({ password: REDACTED, token: REDACTED, user: 'ann', authorization: REDACTED, cookie: REDACTED });
    });

    it('matches in any case, with or without _ and -, at any depth, in arrays too', () => {
      const out = policy({ redactKeys: ['api_key', 'password', 'ssn'] }).cleanRecord({
        PASSWORD: 'p',
        nested: { deeper: { apiKey: 'k', 'API-KEY': 'k2', Ssn: '1' } },
        list: [{ password: 'a' }, [{ Password: 'b' }], 'plain'],
      });
      expect(out).toEqual({
        PASSWORD: REDACTED,
        nested: { deeper: { apiKey: REDACTED, 'API-KEY': REDACTED, Ssn: REDACTED } },
        list: [{ password: REDACTED }, [{ Password: REDACTED }], 'plain'],
      });
    });

    it('redacts whatever the value is, but keeps null and undefined', () => {
      const out = policy().cleanRecord({ password: { a: 1 }, token: null, secret: undefined });
      expect(out).toEqual({ password: REDACTED, token: null, secret: undefined });
    });

    it('reaches Map keys', () => {
      expect(policy().clean(new Map<unknown, unknown>([['password', 'p'], [1, 'one']]))).toEqual({ password: REDACTED, 1: 'one' });
    });
  });

  describe('hash_keys', () => {
    it('is the first 16 hex characters of SHA-256(salt + value), stable per salt', () => {
      const a = policy({ hashKeys: ['user_id', 'email'], hashSalt: 'pepper' });
      const out = a.cleanRecord({ userId: 'u-1', email: 'ann@example.com', nested: [{ USER_ID: 42 }] });
      expect(out).toEqual({ userId: expectedHash('pepper', 'u-1'), email: expectedHash('pepper', 'ann@example.com'), nested: [{ USER_ID: expectedHash('pepper', '42') }] });
      expect(a.hashValue('u-1')).toBe(policy({ hashKeys: [], hashSalt: 'pepper' }).hashValue('u-1'));
      expect(policy({ hashSalt: 'salt2' }).hashValue('u-1')).not.toBe(a.hashValue('u-1'));
      expect(a.hashValue('u-1')).toMatch(/^[0-9a-f]{16}$/);
    });

    it('hashes objects and BigInt by their JSON', () => {
      const p = policy({ hashSalt: 's' });
      expect(p.hashValue({ a: 1 })).toBe(expectedHash('s', '{"a":1}'));
      expect(p.hashValue(10n)).toBe(expectedHash('s', '"10"'));
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      expect(p.hashValue(cyclic)).toBe(expectedHash('s', '[object Object]'));
      expect(p.hashValue(undefined)).toBe(expectedHash('s', 'undefined'));
    });

    it('redaction wins over hashing', () => {
      expect(policy({ hashKeys: ['token'] }).cleanRecord({ token: 't' })).toEqual({ token: REDACTED });
    });
  });

  describe('scrub_strings', () => {
    it('scrubs strings at any depth, and error messages', () => {
      const p = policy();
      const out = p.cleanRecord({ note: 'mail ann@example.com', list: ['Bearer abcdefghijklmnop'] });
      expect(out).toEqual({ note: 'mail [REDACTED_EMAIL]', list: ['Bearer [REDACTED]'] });
      expect(p.clean(new Error('login failed for bob@example.org'))).toEqual({ type: 'Error', message: 'login failed for [REDACTED_EMAIL]' });
    });

    it('off – leaves strings as they are', () => {
      expect(policy({ scrubStrings: false }).cleanString('ann@example.com')).toBe('ann@example.com');
    });
  });

  describe('include_stack', () => {
    it('false – keeps stacks out of error values', () => {
      const error = Object.assign(new TypeError('bad'), { code: 'E_BAD' });
      expect(policy().clean(error)).toEqual({ type: 'TypeError', message: 'bad', code: 'E_BAD' });
    });

    it('true – keeps the stack, scrubbed', () => {
      const error = new Error('x');
      error.stack = 'Error: x\n    at token=abc123 (file.js:1:1)';
      expect(policy({ includeStack: true }).clean(error)).toEqual({ type: 'Error', message: 'x', stack: 'Error: x\n    at token=[REDACTED] (file.js:1:1)' });
      expect(policy({ includeStack: true }).includeStack).toBe(true);
    });
  });

  describe('bounds', () => {
    it('cuts a 5 MB string to 8 KiB with a suffix, quickly', () => {
      const big = 'a.b@'.repeat((5 * 1024 * 1024) / 4);
      const started = Date.now();
      const out = policy().cleanString(big);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(out.endsWith(`…[truncated ${big.length - MAX_STRING_LENGTH} chars]`)).toBe(true);
      expect(out.length).toBeLessThan(MAX_STRING_LENGTH + 40);
      expect(policy({ scrubStrings: false }).cleanString('x'.repeat(MAX_STRING_LENGTH + 5))).toBe(`${'x'.repeat(MAX_STRING_LENGTH)}…[truncated 5 chars]`);
      expect(truncate('short')).toBe('short');
      expect(truncate('y'.repeat(MAX_STRING_LENGTH + 1))).toMatch(/…\[truncated 1 chars\]$/);
    });

    it('scrubs a secret that straddles the cut', () => {
      const text = `${'x '.repeat(MAX_STRING_LENGTH / 2 - 5)}ann@example.com and more`;
      expect(policy().cleanString(text)).not.toContain('ann@');
    });

    it(`cuts objects nested deeper than ${MAX_DEPTH} levels`, () => {
      const root: Record<string, unknown> = {};
      let node = root;
      for (let i = 0; i < 20; i++) node = node.child = {};
      let out = policy().cleanRecord(root) as Record<string, unknown>;
      let depth = 0;
      while (typeof out.child === 'object') {
        out = out.child as Record<string, unknown>;
        depth++;
      }
      expect(depth).toBe(MAX_DEPTH - 1);
      expect(out.child).toBe(`[Truncated: deeper than ${MAX_DEPTH} levels]`);
    });

    it(`cuts arrays longer than ${MAX_ARRAY_LENGTH} items`, () => {
      const out = policy().clean(Array.from({ length: 250 }, (_v, i) => i)) as unknown[];
      expect(out).toHaveLength(MAX_ARRAY_LENGTH + 1);
      expect(out[MAX_ARRAY_LENGTH]).toBe('…[truncated 150 items]');
    });

    it(`keeps at most ${MAX_OBJECT_KEYS} keys of an object`, () => {
      const wide = Object.fromEntries(Array.from({ length: MAX_OBJECT_KEYS + 3 }, (_v, i) => [`k${i}`, i]));
      const out = policy().cleanRecord(wide);
      expect(Object.keys(out)).toHaveLength(MAX_OBJECT_KEYS + 1);
      expect(out['…']).toBe('[truncated 3 keys]');
    });
  });

  describe('unsafe values', () => {
    it('replaces cycles, keeps shared references', () => {
      const a: Record<string, unknown> = { name: 'a' };
      a.self = a;
      const shared = { x: 1 };
      expect(policy().cleanRecord({ a, one: shared, two: shared })).toEqual({ a: { name: 'a', self: '[Circular]' }, one: { x: 1 }, two: { x: 1 } });
    });

    it('turns BigInt, symbols, functions, dates and typed arrays into strings', () => {
      function named() {}
      const out = policy().cleanRecord({ big: 10n ** 20n, sym: Symbol('s'), fn: named, anon: (() => () => 1)(), when: new Date(0), bad: new Date(NaN), bytes: new Uint8Array(3), set: new Set([1]) });
      expect(out).toEqual({ big: '100000000000000000000', sym: 'Symbol(s)', fn: '[Function named]', anon: '[Function anonymous]', when: '1970-01-01T00:00:00.000Z', bad: 'Invalid Date', bytes: '[Uint8Array(3 bytes)]', set: [1] });
    });

    it('survives throwing getters, throwing toJSON and hostile proxies', () => {
      const getter = Object.defineProperty({ ok: 1 }, 'boom', {
        enumerable: true,
        get() {
          throw new Error('nope');
        },
      });
      const toJson = {
        toJSON() {
          throw new Error('no json');
        },
      };
      const proxy = new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('no keys');
          },
        },
      );
      expect(policy().cleanRecord({ getter, toJson, proxy })).toEqual({
        getter: { ok: 1, boom: '[Thrown: Error: nope]' },
        toJson: '[Unserializable: Error: no json]',
        proxy: '[Unserializable: Error: no keys]',
      });
    });

    it('uses toJSON when an object has one', () => {
      expect(policy().clean({ toJSON: () => ({ password: 'x', ok: 1 }) })).toEqual({ password: REDACTED, ok: 1 });
    });

    it('cleanRecord – wraps a non-record and treats undefined as empty', () => {
      const p = policy();
      expect(p.cleanRecord(undefined)).toEqual({});
      expect(p.cleanRecord([1] as unknown as Record<string, unknown>)).toEqual({ value: [1] });
    });
  });
});

describe('normalizeKey', () => {
  it.each([
    ['api_key', 'apikey'],
    ['API-KEY', 'apikey'],
    ['apiKey', 'apikey'],
    ['Password', 'password'],
  ])('%s – is %s', (key, expected) => expect(normalizeKey(key)).toBe(expected));
});

describe('describeThrown', () => {
  it('describes errors, values, and values whose toString throws', () => {
    expect(describeThrown(new RangeError('r'))).toBe('RangeError: r');
    expect(describeThrown(5)).toBe('5');
    expect(
      describeThrown({
        toString() {
          throw new Error('x');
        },
      }),
    ).toBe('unknown');
  });
});

describe('scrubString', () => {
  it.each([
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'jwt [REDACTED_JWT]'],
    ['Authorization: Bearer abcdef1234567890', 'Authorization: Bearer [REDACTED]'],
    ['basic  dXNlcjpwYXNzd29yZA==', 'basic [REDACTED]'],
    ['stripe sk_live_abcdefghij1234567890', 'stripe [REDACTED_KEY]'],
    ['openai sk-abcdefghijklmnopqrstuvwxyz012345', 'openai [REDACTED_KEY]'],
    ['github ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'github [REDACTED_KEY]'],
    ['slack xoxb-123456789012-abcdef', 'slack [REDACTED_KEY]'],
    ['aws AKIAABCDEFGHIJKLMNOP', 'aws [REDACTED_KEY]'],
    ['google AIzaSyA-abcdefghijklmnopqrstuvwxyz01234', 'google [REDACTED_KEY]'],
    ['mail first.last+tag@mail.example.co.uk now', 'mail [REDACTED_EMAIL] now'],
    ['GET /x?api_key=abc123&page=2', 'GET /x?api_key=[REDACTED]&page=2'],
    ['password=hunter2 token=t0k', 'password=[REDACTED] token=[REDACTED]'],
  ])('%s – becomes %s', (input, expected) => {
    expect(scrubString(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    expect(scrubString('generation.completed in 35 ms')).toBe('generation.completed in 35 ms');
    expect(scrubString('a = b')).toBe('a = b');
  });

  it('stays fast on long runs that almost look like e-mail addresses', () => {
    const hostile = `${'a.'.repeat(200_000)}@`;
    const started = Date.now();
    scrubString(hostile);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

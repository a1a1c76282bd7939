import { createHash } from 'node:crypto';
import { defaultConfig } from '../../src/config/config-types';
import { MAX_OBJECT_KEYS, PrivacyPolicy } from '../../src/tracker/privacy';

const sha256 = (input: string) => createHash('sha256').update(input).digest('hex');
const policy = new PrivacyPolicy({ ...defaultConfig().privacy, hashKeys: ['user_id', 'email'], hashSalt: 's' }, sha256);

describe('PrivacyPolicy.cleanRecord() fast path', () => {
  // `clean()` always takes the general walk: the fast path must give the very same records.
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const withGetter = Object.defineProperty({ a: 1 }, 'boom', {
    enumerable: true,
    get() {
      throw new Error('nope');
    },
  });
  const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1, password: 'p' });
  const inherited = Object.assign(Object.create({ inheritedKey: 1 }) as Record<string, unknown>, { own: 2 });
  const many = Object.fromEntries(Array.from({ length: MAX_OBJECT_KEYS + 3 }, (_, i) => [`k${i}`, i]));
  const cases: Array<[string, Record<string, unknown>]> = [
    ['empty', {}],
    ['flat primitives', { n: 1, f: 1.5, b: true, u: undefined, nil: null, s: 'text' }],
    ['secret and hashed keys', { password: 'p', Api_Key: 'k', token: null, userId: 'u-1', EMAIL: 'ann@example.com', user_id: undefined }],
    ['strings to scrub and cut', { note: 'mail ann@example.com', auth: 'Bearer abcdefghijklmnop', long: 'x'.repeat(9_000) }],
    ['nested values', { nested: { deeper: { password: 'x', list: [1, { token: 't' }] } }, date: new Date(0), err: new Error('bob@example.org'), big: 10n, sym: Symbol('s'), fn: function named() {} }],
    ['a cycle', cyclic],
    ['a throwing getter', withGetter],
    ['a toJSON', { toJSON: () => ({ replaced: true, password: 'p' }) }],
    ['no prototype', nullProto],
    ['inherited keys', inherited],
    ['too many keys', many],
    ['a class instance', new (class Point { x = 1; y = 2; })() as unknown as Record<string, unknown>],
    ['a Map', new Map([['password', 'p']]) as unknown as Record<string, unknown>],
  ];

  it.each(cases)('%s – gives what the general walk gives (#10)', (_name, record) => {
    const general = policy.clean(record);
    const expected = typeof general === 'object' && general !== null && !Array.isArray(general) ? general : { value: general };
    expect(policy.cleanRecord(record)).toStrictEqual(expected);
  });

  it('returns a new object, never the record itself (#10)', () => {
    const record = { a: 1 };
    const out = policy.cleanRecord(record);
    expect(out).toEqual(record);
    expect(out).not.toBe(record);
    expect(policy.cleanRecord(undefined)).not.toBe(policy.cleanRecord(undefined));
  });
});

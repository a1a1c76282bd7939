import { fastRandomId, randomId } from '../../src/tracker/ids';
import { defaultPlatform } from '../../src/tracker/default-platform';
import { Tracker } from '../../src/tracker/tracker';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('fastRandomId()', () => {
  it('makes UUID v4 strings, like randomId (#10)', () => {
    expect(randomId()).toMatch(UUID_V4);
    for (let i = 0; i < 2_000; i++) expect(fastRandomId()).toMatch(UUID_V4);
  });

  it('never repeats an id, across many refills of its pool (#10)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(fastRandomId());
    expect(seen.size).toBe(50_000);
  });

  it('draws its bits from crypto.getRandomValues (#10)', () => {
    const spy = jest.spyOn(globalThis.crypto, 'getRandomValues');
    try {
      // 4 096 ids a pool: some of these come from a fresh one.
      for (let i = 0; i < 4_100; i++) fastRandomId();
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('uses every hex digit in every random position (#10)', () => {
    const digits = Array.from({ length: 36 }, () => new Set<string>());
    for (let i = 0; i < 5_000; i++) [...fastRandomId()].forEach((c, p) => digits[p].add(c));
    const sizes = digits.map((d) => d.size);
    // Dashes at 8, 13, 18, 23; the version nibble at 14 is always 4; the variant at 19 is one of 8, 9, a, b.
    expect(sizes).toEqual(sizes.map((_, p) => ([8, 13, 18, 23, 14].includes(p) ? 1 : p === 19 ? 4 : 16)));
  });
});

describe('randomId() outside a secure context', () => {
  it('makes ids and lets the tracker start where crypto.randomUUID does not exist (plain http pages)', () => {
    const original = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true, writable: true });
    try {
      expect(randomId()).toMatch(UUID_V4);
      expect(() => new Tracker(defaultPlatform())).not.toThrow();
      expect(new Tracker(defaultPlatform()).sessionId).toMatch(UUID_V4);
    } finally {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: original, configurable: true, writable: true });
    }
  });
});

import { MAX_BEACON_BYTES, packBodies } from '../../src/browser/pack-bodies';

describe('packBodies()', () => {
  it('joins records into one body when they fit', () => {
    expect(packBodies('{"events":[', ']}', ['{"a":1}', '{"b":2}'])).toEqual(['{"events":[{"a":1},{"b":2}]}']);
  });

  it('starts a new body before one would pass the limit, counting UTF-8 bytes', () => {
    const rec = JSON.stringify({ s: 'é'.repeat(10) });
    const bodies = packBodies('[', ']', [rec, rec, rec], 2 + 2 * (Buffer.byteLength(rec) + 1));
    expect(bodies).toEqual([`[${rec},${rec}]`, `[${rec}]`]);
    for (const body of packBodies('[', ']', Array(500).fill(JSON.stringify({ s: 'x'.repeat(1000) })))) {
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BEACON_BYTES);
      expect(() => JSON.parse(body)).not.toThrow();
    }
  });

  it('leaves out a record too large for any body', () => {
    expect(packBodies('[', ']', ['"small"', `"${'x'.repeat(100)}"`], 50)).toEqual(['["small"]']);
  });

  it('returns no body for no records', () => {
    expect(packBodies('[', ']', [])).toEqual([]);
  });
});

import { didYouMean, editDistance } from '../../src/config/did-you-mean';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'ab', 2],
    ['kitten', 'sitting', 3],
    ['sampling', 'samplng', 1],
  ])('%s → %s – is %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));
});

describe('didYouMean', () => {
  const keys = ['enabled', 'debug', 'sampling', 'destinations', 'max_size', 'max_queue_size', 'rate'];

  it.each([
    ['samplng', 'sampling'],
    ['destination', 'destinations'],
    ['maxSize', 'max_size'],
    ['MAX-SIZE', 'max_size'],
    ['enabeld', 'enabled'],
    ['rat', 'rate'],
  ])('%s – suggests %s', (word, expected) => expect(didYouMean(word, keys)).toBe(expected));

  it.each(['colour', 'xyz', 'ra'])('%s – suggests nothing when no key is close', (word) => expect(didYouMean(word, keys)).toBeUndefined());

  it('suggests nothing when two keys are equally close', () => {
    expect(didYouMean('abcd', ['abce', 'abcf'])).toBeUndefined();
  });
});

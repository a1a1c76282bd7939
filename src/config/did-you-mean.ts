/** Largest edit distance at which a known key is suggested. */
const MAX_SUGGESTION_DISTANCE = 2;

/** Levenshtein distance between two strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_v, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/** `maxSize`, `max-size` and `MAX_SIZE` all normalize to `maxsize`. */
function normalize(key: string): string {
  return key.toLowerCase().replace(/[_\s-]/g, '');
}

/**
 * The one known key that `word` most likely misspells, or undefined when none is close or two
 * are equally close. camelCase and kebab-case spellings of a snake_case key count as exact.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const normalized = normalize(word);
  const exact = candidates.filter((c) => normalize(c) === normalized);
  if (exact.length === 1) return exact[0];
  // Short words are too easily "close" to anything: allow one edit below five characters.
  const limit = normalized.length < 5 ? 1 : MAX_SUGGESTION_DISTANCE;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of candidates) {
    const d = editDistance(normalized, normalize(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) {
      tie = true;
    }
  }
  return best !== undefined && bestDistance <= limit && !tie ? best : undefined;
}

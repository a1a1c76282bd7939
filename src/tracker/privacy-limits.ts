// The bounds and markers of the privacy stage (DESIGN.md §6) and the cut of long strings, apart
// from it so that what shares them (the fast path, the logger's params in the page) does not load it.

/** The marker a redacted value becomes; the key stays. */
export const REDACTED = '[REDACTED]';
/** Strings longer than this many characters are cut. @see DESIGN.md §6 */
export const MAX_STRING_LENGTH = 8 * 1024;
/** Objects nested deeper than this are cut. */
export const MAX_DEPTH = 8;
/** Arrays longer than this are cut. */
export const MAX_ARRAY_LENGTH = 100;
/** Keys of one object kept at most, so that a huge map cannot blow up an event. */
export const MAX_OBJECT_KEYS = 1_000;

/** Cuts a string over {@link MAX_STRING_LENGTH} with a `…[truncated N chars]` suffix. */
export function truncate(text: string): string {
  return text.length <= MAX_STRING_LENGTH ? text : `${text.slice(0, MAX_STRING_LENGTH)}…[truncated ${text.length - MAX_STRING_LENGTH} chars]`;
}

/** What the privacy stage does with a key's value: keep (and clean) it, redact it, hash it. */
export const KEY_PLAIN = 0;
export const KEY_REDACT = 1;
export const KEY_HASH = 2;
export type KeyKind = typeof KEY_PLAIN | typeof KEY_REDACT | typeof KEY_HASH;

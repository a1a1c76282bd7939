/**
 * A random UUID v4. `crypto.randomUUID` exists only in secure contexts (https, localhost); a
 * page served over plain http still has `crypto.getRandomValues`, drawn once per id: a byte for
 * each of the 31 digits of the template, whose `8` takes the variant bits.
 */
export function randomUuid(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(31));
  let i = 0;
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (d) => (+d ^ (bytes[i++] & (15 >> (+d / 4)))).toString(16));
}

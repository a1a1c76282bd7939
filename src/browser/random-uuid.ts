/**
 * A random UUID v4. `crypto.randomUUID` exists only in secure contexts (https, localhost); a
 * page served over plain http still has `crypto.getRandomValues`.
 */
export function randomUuid(): string {
  const c = globalThis.crypto;
  return typeof c.randomUUID === 'function'
    ? c.randomUUID()
    : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (d) => (+d ^ (c.getRandomValues(new Uint8Array(1))[0] & (15 >> (+d / 4)))).toString(16));
}

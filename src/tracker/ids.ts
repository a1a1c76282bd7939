/** A random UUID v4 from the platform's `crypto` (Node 18+, every current browser). */
export function randomId(): string {
  return globalThis.crypto.randomUUID();
}

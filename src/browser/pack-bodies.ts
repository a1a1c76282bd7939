/** The most a beacon (and a keepalive fetch) may carry; Chrome's quota for both. */
export const MAX_BEACON_BYTES = 64 * 1024;

/**
 * Packs encoded records into as few bodies `pre + records.join(',') + suf` as fit
 * `maxBytes` (UTF-8) each. A record too large for any body is left out: it stays in the
 * worker's IndexedDB for the next start. Pure.
 */
export function packBodies(pre: string, suf: string, records: readonly string[], maxBytes = MAX_BEACON_BYTES): string[] {
  const bodies: string[] = [];
  const frame = utf8Length(pre) + utf8Length(suf);
  let batch: string[] = [];
  let size = frame;
  for (const rec of records) {
    const n = utf8Length(rec) + 1;
    if (frame + n > maxBytes) continue;
    if (size + n > maxBytes) {
      bodies.push(pre + batch.join(',') + suf);
      batch = [];
      size = frame;
    }
    batch.push(rec);
    size += n;
  }
  if (batch.length > 0) bodies.push(pre + batch.join(',') + suf);
  return bodies;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

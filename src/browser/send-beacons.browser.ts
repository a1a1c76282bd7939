import { packBodies } from './pack-bodies';

/**
 * Sends records at once, as the page goes away: `navigator.sendBeacon`, else `fetch` with
 * `keepalive`, in bodies of at most 64 KiB with `Content-Type: text/plain` (a CORS-safelisted
 * type: no preflight). Past the browser's quota the rest stays in IndexedDB. Never throws.
 */
export function sendBeacons(url: string, pre: string, suf: string, records: readonly string[]): void {
  for (const body of packBodies(pre, suf, records)) {
    try {
      const blob = new Blob([body], { type: 'text/plain' });
      if (navigator.sendBeacon?.(url, blob)) continue;
      void fetch(url, { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'text/plain' } }).catch(() => undefined);
    } catch {
      // Out of quota or unloading: IndexedDB still holds the events.
    }
  }
}

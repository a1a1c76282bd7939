import type { RemoteConfig } from './remote-config';
import { normalizeRemoteConfig } from './remote-config';

/** The configuration fetch gives up after this long. */
export const CONFIG_FETCH_TIMEOUT_MS = 10_000;

/** `GET url` as a {@link RemoteConfig}, or `null` when it cannot be fetched or read. Never rejects. */
export async function fetchRemoteConfig(url: string, timeoutMs = CONFIG_FETCH_TIMEOUT_MS): Promise<RemoteConfig | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { credentials: 'same-origin', signal: controller.signal, headers: { Accept: 'application/json' } });
    return response.ok ? normalizeRemoteConfig(await response.json()) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

import { randomId } from '../../tracker/ids';
import { unrefTimer } from './send-request';
import { SDK_VERSION } from '../../tracker/version';
import type { DestinationContext, ResourceInfo } from '../destination';

/** The context of a sink nobody bound: counts nothing, reports nothing. */
export const SILENT_CONTEXT: DestinationContext = Object.freeze({
  name: 'http',
  delivered: () => undefined,
  dropped: () => undefined,
  retried: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  resource: undefined as unknown as ResourceInfo,
});

let fallback: ResourceInfo | undefined;

/** The identity of a sink used on its own: a random session, the running platform. */
export function fallbackResource(): ResourceInfo {
  if (fallback !== undefined) return fallback;
  const proc = (globalThis as { process?: { versions?: { node?: string }; platform?: string } }).process;
  const nodeVersion = proc?.versions?.node;
  const platform: ResourceInfo['platform'] =
    nodeVersion !== undefined
      ? { runtime: 'node', version: `v${nodeVersion}`, os: proc?.platform }
      : { runtime: 'browser', version: (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? 'unknown' };
  fallback = { sessionId: randomId(), service: {}, sdk: { name: 'decotel', version: SDK_VERSION }, platform };
  return fallback;
}

/**
 * `promise`'s value, or `undefined` when it has not settled within `ms` (or rejected). The
 * timer is not unref'd: a caller awaits it and `ms` bounds it.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. The timer is unref'd. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    unrefTimer(timer);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The format decides the Content-Type; a user header of any case would be sent twice. */
export function withoutContentType(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() !== 'content-type') out[key] = value;
  return out;
}

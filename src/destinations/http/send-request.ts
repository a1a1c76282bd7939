import { DecotelError } from '../../errors';
import { classifyStatus, parseRetryAfter } from './retry';

/** One request of the sink. */
export interface HttpRequestSpec {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** The whole exchange (connect, send, response and its body) must end within this. */
  timeoutMs: number;
  /** Aborts the request from outside (shutdown). */
  signal?: AbortSignal;
}

/**
 * What one attempt came to, as a value (STYLE.md §5). `retryable` carries the server's
 * `Retry-After` when it sent one; `aborted` means the caller's signal stopped it.
 */
export type SendResult =
  | { status: 'success' }
  | { status: 'retryable'; retryInMs?: number; error: DecotelError }
  | { status: 'failure'; error: DecotelError }
  | { status: 'aborted' };

/** Longest piece of an error response kept in the error message. */
const MAX_ERROR_BODY_CHARS = 200;

/**
 * POSTs `spec.body` with the global `fetch` and classifies the outcome: 2xx success; network
 * errors, timeouts, 408, 429 and 5xx retryable; other statuses failure. Never rejects.
 */
export async function sendRequest(spec: HttpRequestSpec, now: () => number = Date.now): Promise<SendResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, spec.timeoutMs);
  unrefTimer(timer);
  const onAbort = (): void => controller.abort();
  spec.signal?.addEventListener('abort', onAbort);
  if (spec.signal?.aborted) controller.abort();
  try {
    const response = await fetch(spec.url, { method: 'POST', headers: spec.headers, body: spec.body, signal: controller.signal });
    // Read the body so that the connection can be reused; it is bounded by the same timeout.
    const text = await response.text();
    const verdict = classifyStatus(response.status);
    if (verdict === 'success') return { status: 'success' };
    const error = new DecotelError({ code: 'HTTP_STATUS', message: `${spec.url} answered ${response.status}${describeBody(text)}` });
    if (verdict === 'rejected') return { status: 'failure', error };
    return { status: 'retryable', retryInMs: parseRetryAfter(response.headers.get('retry-after'), now()), error };
  } catch (err) {
    if (spec.signal?.aborted && !timedOut) return { status: 'aborted' };
    const message = timedOut ? `${spec.url} did not answer within ${spec.timeoutMs} ms` : `${spec.url} unreachable: ${(err as Error)?.message ?? String(err)}`;
    return { status: 'retryable', error: new DecotelError({ code: 'HTTP_NETWORK', message, cause: err }) };
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener('abort', onAbort);
  }
}

/** Lets Node exit while the timer waits; a no-op in the browser, where timers are numbers. */
export function unrefTimer(timer: unknown): void {
  (timer as { unref?: () => void } | undefined)?.unref?.();
}

function describeBody(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  return `: ${trimmed.length > MAX_ERROR_BODY_CHARS ? `${trimmed.slice(0, MAX_ERROR_BODY_CHARS)}…` : trimmed}`;
}

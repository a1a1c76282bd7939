import type { DecotelError } from '../../errors';
import { retryDelayMs } from './retry';
import type { BackoffOptions } from './retry';
import { sendRequest } from './send-request';
import { abortableSleep } from './sink-support';

/** How one batch is sent. */
export interface DeliveryPolicy {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  maxRetries: number;
  backoff: BackoffOptions;
  random: () => number;
  /** Called before each retry. */
  onRetry(): void;
}

/** How the attempts at one batch ended; `interrupted` means `signal` aborted them. */
export type DeliveryOutcome = { kind: 'delivered' | 'interrupted' } | { kind: 'rejected' | 'exhausted'; error: DecotelError };

/**
 * Sends `body` until it is delivered, rejected (a 4xx other than 408 and 429) or out of
 * retries, waiting between attempts as `retryDelayMs` says. `signal` stops both a request and
 * a wait at once.
 */
export async function deliverBatch(body: string, policy: DeliveryPolicy, signal: AbortSignal): Promise<DeliveryOutcome> {
  for (let attempt = 0; ; attempt += 1) {
    const result = await sendRequest({ url: policy.url, body, headers: policy.headers, timeoutMs: policy.timeoutMs, signal });
    if (result.status === 'success') return { kind: 'delivered' };
    if (result.status === 'aborted' || signal.aborted) return { kind: 'interrupted' };
    if (result.status === 'failure') return { kind: 'rejected', error: result.error };
    if (attempt >= policy.maxRetries) return { kind: 'exhausted', error: result.error };
    policy.onRetry();
    const delay = retryDelayMs(attempt + 1, result.retryInMs, policy.backoff, policy.random);
    if (!(await abortableSleep(delay, signal))) return { kind: 'interrupted' };
  }
}

import type { TelemetryEvent } from '../../tracker/event';
import type { ResourceInfo } from '../destination';

/**
 * Turns a batch of events into one request body. `json`, `otlp` and `umami` ship with decotel;
 * the browser worker passes its own `json` format with `Content-Type: text/plain`.
 */
export interface HttpFormat {
  /** `'json'`, `'otlp'`, `'umami'` or a name of your own. */
  readonly name: string;
  /** The request's `Content-Type`. */
  readonly contentType: string;
  /** The most events one request may carry (Umami takes one event a request). Default: no limit. */
  readonly maxEventsPerRequest?: number;
  /**
   * The request body for `events`. `resource` is the batch's identity (service, session, SDK,
   * platform); `nowMs` is the send time in epoch milliseconds.
   */
  encode(events: readonly TelemetryEvent[], resource: ResourceInfo, nowMs: number): string;
}

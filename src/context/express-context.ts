import { DecotelError } from '../errors';
import { randomId } from '../tracker/ids';
import { describeThrown } from '../tracker/privacy';
import { Tracker } from '../tracker/tracker';
import type { ExpressErrorMiddleware, ExpressMiddleware, ExpressNext, ExpressRequestLike, ExpressResponseLike } from './express-types';
import { rememberRequestError, requestPath, trackRequest } from './request-tracking';

/** The header a request id is read from and echoed in. */
export const DEFAULT_REQUEST_ID_HEADER = 'x-request-id';

/** What an incoming request id must look like to be kept; anything else gets a new UUID. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Options of {@link expressContext}. */
export interface ExpressContextOptions<Req extends ExpressRequestLike = ExpressRequestLike> {
  /**
   * Values added to the request's context, e.g. `(req) => ({ userId: req.user?.id })`. They win
   * over `requestId`, `method` and `path`. If it throws, the request goes on without them and the
   * fault is reported as an `error` lifecycle event (code `CALLBACK_FAILED`).
   *
   * Default: none.
   */
  context?: (req: Req) => Record<string, unknown> | undefined | null;
  /**
   * Emit `http.request.completed` / `http.request.failed` once per request, with `method`,
   * `route` (the matched pattern, e.g. `/orders/:id`), `path`, `statusCode` and the event's
   * `durationMs`; `aborted: true` when the client hung up first.
   *
   * Default: `false`.
   */
  trackRequests?: boolean;
  /**
   * The request-id header, read from the request and echoed in the response.
   *
   * Default: `'x-request-id'`.
   */
  header?: string;
}

/**
 * Express middleware (Express 4 and 5): runs the rest of the request in its own context scope
 * with `requestId` (the `x-request-id` header when it is a sane id, else a new UUID, echoed in
 * the response), `method`, `path` and what `options.context(req)` returns. Every event tracked
 * while the request is handled carries them; concurrent requests never see each other's.
 *
 * @example
 * app.use(expressContext({ trackRequests: true, context: (req) => ({ userId: req.get('x-user-id') }) }));
 */
export function expressContext<Req extends ExpressRequestLike = ExpressRequestLike>(options: ExpressContextOptions<Req> = {}): ExpressMiddleware<Req> {
  const header = (options.header ?? DEFAULT_REQUEST_ID_HEADER).toLowerCase();
  const contextOf = options.context;
  const trackRequests = options.trackRequests === true;
  return function decotelContext(req: Req, res: ExpressResponseLike, next: ExpressNext): void {
    const tracker = Tracker.getInstance();
    let values: Record<string, unknown>;
    try {
      const requestId = incomingId(req.headers?.[header]) ?? randomId();
      if (!res.headersSent) res.setHeader(header, requestId);
      values = { requestId, method: req.method, path: requestPath(req), ...userValues(tracker, contextOf, req) };
    } catch (err) {
      tracker._reporter.error(err);
      next();
      return;
    }
    tracker.runWithContext(values, () => {
      if (trackRequests) {
        try {
          trackRequest(tracker, req, res);
        } catch (err) {
          tracker._reporter.error(err);
        }
      }
      next();
    });
  };
}

/**
 * Express error middleware that hands the error on unchanged and marks the request as failed:
 * with `trackRequests`, its `http.request.failed` event then carries the error, whatever status
 * the application's own error handler answers with. Mount it after your routes and before your
 * error handlers.
 *
 * @example
 * app.use(expressContext({ trackRequests: true }));
 * app.get('/orders/:id', getOrder);
 * app.use(expressErrorHandler());
 */
export function expressErrorHandler(): ExpressErrorMiddleware {
  // Four parameters: that is how Express tells an error handler from a middleware.
  return function decotelErrorHandler(error: unknown, req: ExpressRequestLike, _res: ExpressResponseLike, next: ExpressNext): void {
    rememberRequestError(req, error);
    next(error);
  };
}

function incomingId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value) ? value : undefined;
}

function userValues<Req>(tracker: Tracker, contextOf: ((req: Req) => Record<string, unknown> | undefined | null) | undefined, req: Req): Record<string, unknown> | undefined {
  if (contextOf === undefined) return undefined;
  try {
    const values = contextOf(req);
    return values !== null && typeof values === 'object' ? { ...values } : undefined;
  } catch (err) {
    tracker._reporter.error(new DecotelError({ code: 'CALLBACK_FAILED', message: `expressContext: options.context threw: ${describeThrown(err)}`, cause: err }));
    return undefined;
  }
}

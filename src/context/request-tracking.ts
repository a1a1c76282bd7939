import { toEventError } from '../tracker/error-info';
import type { Severity } from '../tracker/event';
import { isKept } from '../tracker/sampler';
import type { EventFields, Tracker } from '../tracker/tracker';
import type { ExpressRequestLike, ExpressResponseLike } from './express-types';

// Errors that expressErrorHandler() saw, by request: they make the request's event a failure.
const requestErrors = new WeakMap<object, unknown>();

/** @internal Remembers the error an Express request failed with. */
export function rememberRequestError(req: object, error: unknown): void {
  if (!requestErrors.has(req)) requestErrors.set(req, error);
}

/** @internal The path of a request without its query string. */
export function requestPath(req: ExpressRequestLike): string {
  const url = req.originalUrl ?? req.url ?? '/';
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

/**
 * @internal Emits `http.request.completed` or `http.request.failed` once, when the response
 * finishes or the connection closes first (`aborted: true`), in the request's own scope.
 * Must be called inside that scope.
 */
export function trackRequest(tracker: Tracker, req: ExpressRequestLike, res: ExpressResponseLike): void {
  const store = tracker._platform.contextStore;
  const scope = store.active();
  const startedMs = performance.now();
  const route = watchRoute(req);
  let done = false;
  const end = (aborted: boolean): void => {
    if (done) return;
    done = true;
    const durationMs = Math.round((performance.now() - startedMs) * 1000) / 1000;
    const emit = (): void => emitRequest(tracker, req, res, route(), aborted, durationMs);
    if (scope === undefined) emit();
    else store.run(scope, emit);
  };
  res.on('finish', () => end(false));
  res.on('close', () => end(res.writableFinished !== true));
}

function emitRequest(tracker: Tracker, req: ExpressRequestLike, res: ExpressResponseLike, route: string | undefined, aborted: boolean, durationMs: number): void {
  try {
    const error = requestErrors.get(req);
    const hasError = requestErrors.has(req);
    const statusCode = aborted && !res.headersSent ? undefined : res.statusCode;
    const failed = aborted || hasError || (statusCode !== undefined && statusCode >= 500);
    const properties: Record<string, unknown> = { method: req.method };
    if (route !== undefined) properties.route = route;
    properties.path = requestPath(req);
    if (statusCode !== undefined) properties.statusCode = statusCode;
    if (aborted) properties.aborted = true;
    // A client that hangs up is not a server fault: warning, unless the server failed too.
    const severity: Severity = !failed ? 'info' : aborted && !hasError && (statusCode ?? 0) < 500 ? 'warning' : 'error';
    const fields: EventFields = { status: failed ? 'failure' : 'success', durationMs };
    if (hasError) fields.error = toEventError(error, tracker._privacy);
    record(tracker, failed ? 'http.request.failed' : 'http.request.completed', severity, properties, fields);
  } catch (err) {
    tracker._reporter.error(err);
  }
}

// `track()` with the event fields an integration sets (durationMs, status, error).
function record(tracker: Tracker, name: string, severity: Severity, properties: Record<string, unknown>, fields: EventFields): void {
  if (!tracker._enabled) return;
  const routes = tracker._router.route(name);
  if (routes.length === 0) return;
  const rate = tracker._sampler.rateFor(name, severity);
  if (!isKept(rate, rate >= 1 ? 0 : tracker._random())) {
    tracker._dropSampled(routes, severity);
    return;
  }
  if (rate < 1) fields.sampleRate = rate;
  tracker._record(routes, name, severity, properties, undefined, fields);
}

/**
 * Express sets `req.route` when a route answers; the mount path is `req.baseUrl` at that moment.
 * Read at the end instead, a route of a nested router that failed would lose its mount path
 * (the router restores `baseUrl` as the error leaves it), so the pair is caught as it is set.
 */
function watchRoute(req: ExpressRequestLike): () => string | undefined {
  let matched: string | undefined;
  try {
    let value: unknown = req.route;
    Object.defineProperty(req, 'route', {
      configurable: true,
      enumerable: true,
      get: () => value,
      set(next: unknown) {
        value = next;
        matched = joinRoute(req.baseUrl, next) ?? matched;
      },
    });
  } catch {
    // a frozen request: read at the end
  }
  return () => matched ?? joinRoute(req.baseUrl, req.route);
}

function joinRoute(baseUrl: string | undefined, route: unknown): string | undefined {
  const path = (route as { path?: unknown } | undefined)?.path;
  let pattern: string;
  if (typeof path === 'string') pattern = path;
  else if (path instanceof RegExp) pattern = String(path);
  else if (Array.isArray(path)) pattern = path.map(String).join(',');
  else return undefined;
  const base = baseUrl ?? '';
  if (base === '') return pattern;
  return pattern === '/' ? base : base + pattern;
}

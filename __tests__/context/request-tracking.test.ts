import { EventEmitter } from 'node:events';
import type { DecotelError, ExpressRequestLike } from 'decotel';
import { MemoryDestination, expressContext, expressErrorHandler, telemetry } from 'decotel';
import { requestPath } from '../../src/context/request-tracking';

// The middleware on plain objects shaped like Express's: the edges a real server rarely reaches.
class FakeResponse extends EventEmitter {
  statusCode = 200;
  headersSent = false;
  writableFinished = false;
  readonly headers: Record<string, string> = {};
  setHeader(name: string, value: string): void {
    if (/\s/.test(name)) throw new TypeError(`Header name must be a valid HTTP token ["${name}"]`);
    this.headers[name] = value;
  }
  finish(status: number): void {
    this.statusCode = status;
    this.headersSent = true;
    this.writableFinished = true;
    this.emit('finish');
    this.emit('close');
  }
}

function fakeRequest(url: string, extra: Partial<ExpressRequestLike> = {}): ExpressRequestLike {
  return { method: 'GET', url, baseUrl: '', headers: {}, ...extra };
}

let memory: MemoryDestination;
let faults: DecotelError[];

beforeEach(() => {
  telemetry.reset();
  memory = new MemoryDestination();
  telemetry.addDestination(memory);
  faults = [];
  telemetry.on('error', (e) => faults.push(e));
});

afterAll(() => telemetry.reset());

function serve(req: ExpressRequestLike, res: FakeResponse, handler: () => void = () => undefined, options = { trackRequests: true }): void {
  expressContext(options)(req, res, handler);
}

describe('trackRequests', () => {
  it.each([
    [{ path: /^\/re/ }, '/api', '/api/^\\/re/'],
    [{ path: ['/a', '/b'] }, '', '/a,/b'],
    [{ path: '/' }, '/api', '/api'],
    [{ path: 42 }, '', undefined],
  ])('names route %p under %p as %p', (route, baseUrl, expected) => {
    const req = fakeRequest('/api/x', { baseUrl });
    const res = new FakeResponse();
    serve(req, res, () => {
      req.route = route;
    });
    res.finish(200);
    expect(memory.find('http.request.*')[0].properties.route).toBe(expected);
  });

  it('reads the route at the end when the request object cannot take an accessor', () => {
    const req = fakeRequest('/frozen');
    Object.defineProperty(req, 'route', { value: { path: '/frozen' }, writable: false, configurable: false });
    const res = new FakeResponse();
    serve(req, res);
    res.finish(200);
    expect(memory.find('http.request.*')[0].properties.route).toBe('/frozen');
  });

  it('emits once even when close comes before finish after a complete response', () => {
    const req = fakeRequest('/x');
    const res = new FakeResponse();
    serve(req, res);
    res.writableFinished = true;
    res.headersSent = true;
    res.emit('close');
    res.emit('finish');
    expect(memory.find('http.request.*')).toMatchObject([{ name: 'http.request.completed', properties: { statusCode: 200 } }]);
  });

  it('keeps the status of an aborted response whose headers were sent, and fails it as an error on 5xx', () => {
    const req = fakeRequest('/x');
    const res = new FakeResponse();
    serve(req, res);
    res.statusCode = 502;
    res.headersSent = true;
    res.emit('close');
    expect(memory.find('http.request.*')[0]).toMatchObject({ name: 'http.request.failed', severity: 'error', properties: { statusCode: 502, aborted: true } });
  });

  it('fails an aborted request with an error as an error', () => {
    const req = fakeRequest('/x');
    const res = new FakeResponse();
    serve(req, res, () => expressErrorHandler()(new Error('gone'), req, res, () => undefined));
    res.emit('close');
    expect(memory.find('http.request.*')[0]).toMatchObject({ severity: 'error', error: { message: 'gone' } });
  });

  it('keeps the first error a request saw', () => {
    const req = fakeRequest('/x');
    const res = new FakeResponse();
    const next = jest.fn();
    serve(req, res, () => {
      expressErrorHandler()(new Error('first'), req, res, next);
      expressErrorHandler()(new Error('second'), req, res, next);
    });
    res.finish(500);
    expect(next).toHaveBeenCalledTimes(2);
    expect(memory.find('http.request.*')[0].error?.message).toBe('first');
  });

  it('follows sampling: a rule at rate 0 drops the request event and counts it', () => {
    telemetry.configure({
      config: { telemetry: { sampling: { rules: [{ events: ['http.request.completed'], rate: 0 }, { events: ['http.request.failed'], rate: 0.999999 }] }, destinations: { m: { type: 'memory', events: ['*'] } } } },
    });
    const m = telemetry.getDestination<MemoryDestination>('m') as MemoryDestination;
    const ok = new FakeResponse();
    serve(fakeRequest('/ok'), ok);
    ok.finish(200);
    const bad = new FakeResponse();
    serve(fakeRequest('/bad'), bad);
    bad.finish(500);
    expect(m.find('http.request.completed')).toHaveLength(0);
    expect(telemetry.stats().destinations.m.dropped.sampled).toBe(1);
    expect(m.find('http.request.failed')[0].sampleRate).toBe(0.999999);
  });

  it('emits nothing when the tracker is disabled or no destination takes the event', () => {
    telemetry.configure({ config: { telemetry: { destinations: { m: { type: 'memory', events: ['other.*'] } } } } });
    const res = new FakeResponse();
    serve(fakeRequest('/x'), res);
    res.finish(200);
    telemetry.configure({ config: { telemetry: { enabled: false } } });
    const res2 = new FakeResponse();
    serve(fakeRequest('/y'), res2);
    res2.finish(200);
    expect(telemetry.getDestination<MemoryDestination>('m')?.events ?? []).toHaveLength(0);
    expect(faults).toEqual([]);
  });

  it('reports a fault while building the event instead of throwing into the response', () => {
    const req = fakeRequest('/x');
    const res = new FakeResponse();
    serve(req, res);
    Object.defineProperty(req, 'method', {
      get() {
        throw new Error('hostile request');
      },
    });
    expect(() => res.finish(200)).not.toThrow();
    expect(faults).toHaveLength(1);
  });
});

describe('expressContext() faults', () => {
  it('calls next() without a scope when the header cannot be set', () => {
    const next = jest.fn(() => telemetry.getContext());
    expressContext({ header: 'bad header' })(fakeRequest('/x'), new FakeResponse(), next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(next.mock.results[0].value).toEqual({});
    expect(faults).toHaveLength(1);
  });

  it('does not set the header once the response has started', () => {
    const res = new FakeResponse();
    res.headersSent = true;
    expressContext()(fakeRequest('/x', { headers: { 'x-request-id': 'abc' } }), res, () => undefined);
    expect(res.headers).toEqual({});
  });

  it('goes on without request events when the response cannot be watched', () => {
    const res = new FakeResponse();
    const broken = Object.assign(res, {
      on: () => {
        throw new Error('no events');
      },
    });
    const next = jest.fn(() => telemetry.getContext().requestId);
    expressContext({ trackRequests: true })(fakeRequest('/x', { headers: { 'x-request-id': 'abc' } }), broken, next);
    expect(next.mock.results[0].value).toBe('abc');
    expect(faults).toHaveLength(1);
  });
});

describe('requestPath()', () => {
  it.each([
    [{ originalUrl: '/a/b?c=1', url: '/b' }, '/a/b'],
    [{ url: '/x#frag' }, '/x'],
    [{}, '/'],
  ])('takes the path of %p', (urls, expected) => {
    expect(requestPath({ headers: {}, ...urls })).toBe(expected);
  });
});

import { request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type Express from 'express';
import type { DecotelError, TelemetryEvent } from 'decotel';
import { DEFAULT_REQUEST_ID_HEADER, MemoryDestination, expressContext, expressErrorHandler, telemetry } from 'decotel';

type ExpressFactory = typeof Express;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let memory: MemoryDestination;

beforeEach(() => {
  telemetry.reset();
  memory = new MemoryDestination();
  telemetry.addDestination(memory);
});

afterAll(() => telemetry.reset());

async function listen(app: Express.Express): Promise<{ url: string; server: Server }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function waitFor<T>(read: () => T | undefined, timeoutMs = 3_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(5);
  }
}

function requestEvents(): TelemetryEvent[] {
  return memory.find('http.request.*');
}

describe.each<[string, ExpressFactory]>([
  ['Express 4', require('express4') as ExpressFactory],
  ['Express 5', require('express5') as ExpressFactory],
])('expressContext() on %s', (_label, express) => {
  let server: Server | undefined;

  afterEach(async () => {
    if (server !== undefined) await close(server);
    server = undefined;
  });

  async function start(configure: (app: Express.Express) => void): Promise<string> {
    const app = express();
    configure(app);
    const started = await listen(app);
    server = started.server;
    return started.url;
  }

  it('gives each of 500 concurrent requests only its own requestId and user, across awaits and body parsing', async () => {
    const url = await start((app) => {
      app.use(expressContext({ context: (req: Express.Request) => ({ user: req.get('x-user') }) }));
      app.use(express.json());
      const handler = async (req: Express.Request, res: Express.Response): Promise<void> => {
        const n = Number(req.params.n);
        await sleep(n % 5);
        telemetry.track('order.listed', { n });
        await new Promise((resolve) => setImmediate(resolve));
        telemetry.setContext({ seen: n });
        await Promise.resolve();
        telemetry.track('order.priced', { n, body: req.body?.n });
        res.json(telemetry.getContext());
      };
      app.get('/users/:n/orders', (req, res, next) => void handler(req, res).catch(next));
      app.post('/users/:n/orders', (req, res, next) => void handler(req, res).catch(next));
    });
    const responses = await Promise.all(
      Array.from({ length: 500 }, async (_, n) => {
        const post = n % 2 === 1;
        const res = await fetch(`${url}/users/${n}/orders?page=1`, {
          method: post ? 'POST' : 'GET',
          headers: { 'x-request-id': `req-${n}`, 'x-user': `user-${n}`, ...(post ? { 'content-type': 'application/json' } : {}) },
          body: post ? JSON.stringify({ n }) : undefined,
        });
        return { n, header: res.headers.get('x-request-id'), body: (await res.json()) as Record<string, unknown> };
      }),
    );
    for (const { n, header, body } of responses) {
      expect(header).toBe(`req-${n}`);
      expect(body).toEqual({ requestId: `req-${n}`, user: `user-${n}`, method: n % 2 === 1 ? 'POST' : 'GET', path: `/users/${n}/orders`, seen: n });
    }
    const listed = memory.find('order.listed');
    const priced = memory.find('order.priced');
    expect(listed).toHaveLength(500);
    expect(priced).toHaveLength(500);
    for (const e of listed) expect(e.context).toMatchObject({ requestId: `req-${e.properties.n as number}`, user: `user-${e.properties.n as number}` });
    for (const e of priced) {
      const n = e.properties.n as number;
      expect(e.context).toEqual({ requestId: `req-${n}`, user: `user-${n}`, method: n % 2 === 1 ? 'POST' : 'GET', path: `/users/${n}/orders`, seen: n });
      if (n % 2 === 1) expect(e.properties.body).toBe(n);
    }
    telemetry.track('outside.request');
    expect(memory.find('outside.request')[0].context).toEqual({});
  }, 30_000);

  it('emits http.request.completed with the route pattern, path, status and duration once per request', async () => {
    const url = await start((app) => {
      app.use(expressContext({ trackRequests: true }));
      const orders = express.Router();
      orders.get('/:id', (req, res) => {
        telemetry.track('order.read');
        res.status(201).json({ id: req.params.id });
      });
      app.use('/api/orders', orders);
      app.get('/', (_req, res) => res.send('home'));
    });
    const res = await fetch(`${url}/api/orders/42?expand=1`, { headers: { 'x-request-id': 'r-42' } });
    expect(res.status).toBe(201);
    await fetch(`${url}/`);
    await fetch(`${url}/missing`);
    const [order, home, missing] = await waitFor(() => (requestEvents().length >= 3 ? requestEvents() : undefined));
    expect(order).toMatchObject({
      name: 'http.request.completed',
      severity: 'info',
      status: 'success',
      properties: { method: 'GET', route: '/api/orders/:id', path: '/api/orders/42', statusCode: 201 },
      context: { requestId: 'r-42', method: 'GET', path: '/api/orders/42' },
    });
    expect(order.properties.aborted).toBeUndefined();
    expect(typeof order.durationMs).toBe('number');
    expect(order.durationMs).toBeGreaterThanOrEqual(0);
    expect(memory.find('order.read')[0].context.requestId).toBe('r-42');
    expect(home.properties).toEqual({ method: 'GET', route: '/', path: '/', statusCode: 200 });
    expect(missing).toMatchObject({ name: 'http.request.completed', properties: { method: 'GET', path: '/missing', statusCode: 404 } });
    expect(missing.properties.route).toBeUndefined();
    await sleep(20);
    expect(requestEvents()).toHaveLength(3);
  });

  it('emits http.request.failed for a 5xx status and for an error thrown in a nested router', async () => {
    const url = await start((app) => {
      app.use(expressContext({ trackRequests: true }));
      app.get('/busy', (_req, res) => res.status(503).send('busy'));
      const orders = express.Router();
      orders.get('/:id', () => {
        throw new Error('order store down');
      });
      app.use('/orders', orders);
      app.use(expressErrorHandler());
    });
    expect((await fetch(`${url}/busy`)).status).toBe(503);
    expect((await fetch(`${url}/orders/7`, { headers: { 'x-request-id': 'r-7' } })).status).toBe(500);
    const [busy, thrown] = await waitFor(() => (requestEvents().length >= 2 ? requestEvents() : undefined));
    expect(busy).toMatchObject({ name: 'http.request.failed', severity: 'error', status: 'failure', properties: { route: '/busy', statusCode: 503 } });
    expect(busy.error).toBeUndefined();
    expect(thrown).toMatchObject({
      name: 'http.request.failed',
      severity: 'error',
      status: 'failure',
      properties: { method: 'GET', route: '/orders/:id', path: '/orders/7', statusCode: 500 },
      context: { requestId: 'r-7' },
      error: { type: 'Error', message: 'order store down' },
    });
  });

  it('reports an error the application answers with a 4xx as a failure when expressErrorHandler saw it', async () => {
    const url = await start((app) => {
      app.use(expressContext({ trackRequests: true }));
      app.get('/orders/:id', (_req, _res, next) => next(Object.assign(new Error('bad id'), { code: 'E_BAD_ID' })));
      app.use(expressErrorHandler());
      app.use((err: Error, _req: Express.Request, res: Express.Response, _next: Express.NextFunction) => {
        res.status(400).json({ error: err.message });
      });
    });
    const res = await fetch(`${url}/orders/x`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'bad id' });
    const [event] = await waitFor(() => (requestEvents().length >= 1 ? requestEvents() : undefined));
    expect(event).toMatchObject({ name: 'http.request.failed', severity: 'error', properties: { route: '/orders/:id', statusCode: 400 }, error: { message: 'bad id', code: 'E_BAD_ID' } });
  });

  it('emits http.request.failed with aborted: true when the client hangs up first', async () => {
    let arrived!: () => void;
    const gotRequest = new Promise<void>((resolve) => (arrived = resolve));
    const url = await start((app) => {
      app.use(expressContext({ trackRequests: true }));
      app.get('/slow/:id', (_req, res) => {
        arrived();
        setTimeout(() => {
          if (!res.writableEnded && !res.destroyed) res.send('late');
        }, 300);
      });
    });
    const req = httpRequest(`${url}/slow/1`, { headers: { 'x-request-id': 'r-abort' } });
    req.on('error', () => undefined);
    req.end();
    await gotRequest;
    req.destroy();
    const event = await waitFor(() => requestEvents()[0]);
    expect(event).toMatchObject({
      name: 'http.request.failed',
      severity: 'warning',
      status: 'failure',
      properties: { method: 'GET', route: '/slow/:id', path: '/slow/1', aborted: true },
      context: { requestId: 'r-abort' },
    });
    expect(event.properties.statusCode).toBeUndefined();
    await sleep(350);
    expect(requestEvents()).toHaveLength(1);
  });

  it('echoes a sane x-request-id and replaces anything else with a new UUID', async () => {
    const url = await start((app) => {
      app.use(expressContext());
      app.get('/', (_req, res) => res.json(telemetry.getContext()));
    });
    const ask = async (id?: string): Promise<[string | null, unknown]> => {
      const res = await fetch(`${url}/`, { headers: id === undefined ? {} : { 'x-request-id': id } });
      return [res.headers.get(DEFAULT_REQUEST_ID_HEADER), ((await res.json()) as { requestId: unknown }).requestId];
    };
    for (const good of ['abc-123', 'trace:01H.x_y', 'a'.repeat(128)]) expect(await ask(good)).toEqual([good, good]);
    for (const bad of [undefined, '', 'has space', '<script>', 'a'.repeat(129), 'x;y', 'a%20b']) {
      const [header, id] = await ask(bad);
      expect(header).toMatch(UUID);
      expect(id).toBe(header);
    }
  });

  it('reads and echoes a custom header', async () => {
    const url = await start((app) => {
      app.use(expressContext({ header: 'X-Correlation-Id' }));
      app.get('/', (_req, res) => res.json(telemetry.getContext()));
    });
    const res = await fetch(`${url}/`, { headers: { 'x-correlation-id': 'corr-1' } });
    expect(res.headers.get('x-correlation-id')).toBe('corr-1');
    expect(res.headers.get('x-request-id')).toBeNull();
    expect(await res.json()).toMatchObject({ requestId: 'corr-1' });
  });

  it('keeps the request going when options.context throws, and reports the fault', async () => {
    const faults: DecotelError[] = [];
    telemetry.on('error', (err) => faults.push(err));
    const url = await start((app) => {
      app.use(
        expressContext({
          trackRequests: true,
          context: (req) => {
            if (req.url === '/null') return null;
            throw new Error('no session store');
          },
        }),
      );
      app.get('/:any', (_req, res) => res.json(telemetry.getContext()));
    });
    const res = await fetch(`${url}/boom`, { headers: { 'x-request-id': 'r-cb' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ requestId: 'r-cb', method: 'GET', path: '/boom' });
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({ code: 'CALLBACK_FAILED' });
    expect(faults[0].message).toContain('no session store');
    const nullRes = await fetch(`${url}/null`, { headers: { 'x-request-id': 'r-null' } });
    expect(await nullRes.json()).toEqual({ requestId: 'r-null', method: 'GET', path: '/null' });
    expect(faults).toHaveLength(1);
    await waitFor(() => (requestEvents().length >= 2 ? true : undefined));
  });

  it('emits no request events without trackRequests', async () => {
    const url = await start((app) => {
      app.use(expressContext());
      app.get('/', (_req, res) => {
        telemetry.track('home.viewed');
        res.send('ok');
      });
    });
    await fetch(`${url}/`);
    await sleep(20);
    expect(memory.find('home.viewed')).toHaveLength(1);
    expect(requestEvents()).toHaveLength(0);
  });
});

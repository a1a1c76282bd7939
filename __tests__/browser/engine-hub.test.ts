import { BrowserLogger } from '../../src/browser/browser-logger.browser';
import { DeliveryEngine } from '../../src/browser/delivery-engine.browser';
import { EngineHub } from '../../src/browser/engine-hub.browser';
import { EventLog } from '../../src/browser/event-log.browser';
import { fetchRemoteConfig } from '../../src/browser/fetch-remote-config.browser';
import type { EngineMessage, EngineOptions, PageMessage } from '../../src/browser/protocol';
import { TestServer } from './browser-harness';

// The page ↔ engine protocol over real MessagePorts, in Node: the logger of a page (no document:
// no visibility listeners), the hub, and the engine with its in-memory log.
let server: TestServer;
const ports: MessagePort[] = [];

beforeAll(async () => {
  server = new TestServer({ worker: '', page: '' });
  server.configs.hub = {};
  await server.start();
});

afterAll(async () => {
  for (const p of ports) p.close();
  await server.stop();
});

function hub(): EngineHub {
  return new EngineHub((options, listener) => new DeliveryEngine({ options, listener, openLog: (hooks) => EventLog.open(hooks), fetchConfig: fetchRemoteConfig }));
}

function options(): EngineOptions {
  return { configUrl: `${server.url}/v1/config?s=hub`, flushIntervalMs: 60_000, installationId: false };
}

/** A raw page port: what it receives, and a way to send. */
function rawPage(h: EngineHub): { inbox: EngineMessage[]; send: (m: PageMessage) => void; next: (t: EngineMessage['t']) => Promise<EngineMessage> } {
  const channel = new MessageChannel();
  ports.push(channel.port1, channel.port2);
  h.connect(channel.port2);
  const inbox: EngineMessage[] = [];
  const waiters: Array<() => void> = [];
  channel.port1.onmessage = (e: MessageEvent<EngineMessage>) => {
    inbox.push(e.data);
    for (const w of waiters.splice(0)) w();
  };
  const next = async (t: EngineMessage['t']): Promise<EngineMessage> => {
    for (;;) {
      const i = inbox.findIndex((m) => m.t === t);
      if (i >= 0) return inbox.splice(i, 1)[0];
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { inbox, send: (m) => channel.port1.postMessage(m), next };
}

const event = (id: string) => ({ id, name: 'app.x', category: 'app', severity: 'info' as const, timestamp: new Date().toISOString(), properties: {}, context: {}, sessionId: '', sequence: 0 });

describe('EngineHub', () => {
  it('gives every undelivered record to the only visible page, and takes them back when another shows', async () => {
    const h = hub();
    const a = rawPage(h);
    const b = rawPage(h);
    a.send({ t: 'hello', o: options(), v: true });
    b.send({ t: 'hello', o: options(), v: false });
    expect(await a.next('cfg')).toMatchObject({ c: { format: 'json' }, k: { json: true } });
    await b.next('cfg');
    expect(await a.next('mir')).toEqual({ t: 'mir', r: [] });
    b.send({ t: 'log', e: event('x1') });
    expect(await b.next('got')).toEqual({ t: 'got', ids: ['x1'] });
    const added = (await a.next('add')) as Extract<EngineMessage, { t: 'add' }>;
    expect(added.r.map(([id, rec]) => [id, JSON.parse(rec).sequence])).toEqual([['x1', 1]]);
    b.send({ t: 'vis', v: true });
    expect(await a.next('mir')).toEqual({ t: 'mir', r: null });
    a.send({ t: 'bye' });
    expect(((await b.next('mir')) as Extract<EngineMessage, { t: 'mir' }>).r?.map(([id]) => id)).toEqual(['x1']);
    b.send({ t: 'flush', n: 7, ms: 2_000 });
    expect(await b.next('flushed')).toEqual({ t: 'flushed', n: 7, r: { delivered: 1, pending: 0 } });
    expect(await b.next('del')).toEqual({ t: 'del', ids: ['x1'] });
    b.send({ t: 'stats', n: 1 });
    expect(await b.next('stats')).toMatchObject({ s: { received: 1, delivered: 1 } });
  });
});

describe('BrowserLogger', () => {
  it('logs records and tracker events through the hub, and answers flush and getConfig', async () => {
    server.received.length = 0;
    const h = hub();
    const channel = new MessageChannel();
    ports.push(channel.port1, channel.port2);
    h.connect(channel.port2);
    const logger = new BrowserLogger(options());
    logger.connect(channel.port1);
    expect(logger.isInitialized()).toBe(false);
    logger.logEvent({ event_name: 'page.a', params: { n: 1 } });
    logger.destination.handle({ ...event('t1'), name: 'tracked.b' });
    expect(await logger.getConfig()).toMatchObject({ ingestion_url: '/v1/events' });
    expect(logger.isInitialized()).toBe(true);
    expect(await logger.flush(2_000)).toEqual({ delivered: 2, pending: 0 });
    expect(server.events().map((e) => e.name)).toEqual(['page.a', 'tracked.b']);
    expect(logger.destination.inQueue?.()).toBe(0);
  });

  it('answers flush itself and getConfig with null when the engine cannot start', async () => {
    const logger = new BrowserLogger(options());
    const waiting = logger.flush(50_000);
    logger.fail();
    expect(await waiting).toEqual({ delivered: 0, pending: 0 });
    expect(await logger.getConfig()).toBeNull();
    expect(await logger.flush(10)).toEqual({ delivered: 0, pending: 0 });
  });
});

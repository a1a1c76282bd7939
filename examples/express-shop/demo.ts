// `npm run demo`: starts the local collector, starts the shop, sends it a mix of requests
// (some failing, some concurrent), shuts down gracefully and prints what was collected.
import { mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector } from '../../src/cli/collect-server.node';
import { telemetry } from '../../src/index';
import type { TelemetryEvent } from '../../src/index';
import { createShopApp } from './app';
import { DECLINED_CARD } from './shop';
import { formatSummary } from './summary';

const GOOD_CARD = '4242424242424242';

async function send(base: string, path: string, user: string, body?: unknown): Promise<number> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': user },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

async function traffic(base: string): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  const count = (s: number) => void (statuses[s] = (statuses[s] ?? 0) + 1);
  // Three waves of concurrent shoppers; every fifth pays with a declined card, a few buy sold-out items.
  for (let wave = 0; wave < 3; wave++) {
    const calls = Array.from({ length: 20 }, (_, i) => {
      const n = wave * 20 + i;
      const items = n % 11 === 10 ? ['book', 'sold-out'] : ['book', 'pen', 'mug'].slice(0, 1 + (n % 3));
      return send(base, '/checkout', `user-${n % 7}`, { items, card_number: n % 5 === 4 ? DECLINED_CARD : GOOD_CARD }).then(count);
    });
    await Promise.all(calls);
  }
  await Promise.all(['o-1', 'missing', 'o-2'].map((id) => send(base, `/orders/${id}`, 'user-1').then(count)));
  return statuses;
}

async function main(): Promise<void> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'decotel-demo-'));
  const out = join(dir, 'events.jsonl');
  const collector = await startCollector({ port: 0, out });
  process.env.COLLECTOR_URL = `${collector.url}/v1/logs`;
  telemetry.configure({ configPath: join(__dirnameOf(), 'telemetry.config.yaml') });

  const server: Server = await new Promise((resolve) => {
    const s = createShopApp().listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  console.log(`collector on ${collector.url}, shop on ${base}\n`);

  const statuses = await traffic(base);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const result = await telemetry.shutdown(5_000);
  const stats = telemetry.stats();
  await collector.close();

  const events = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TelemetryEvent);
  console.log(`\nresponses: ${Object.entries(statuses).map(([s, n]) => `${n} × ${s}`).join(', ')}`);
  console.log(formatSummary(events, stats, out));
  console.log(`shutdown: ${result.pending} pending; took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.pending > 0 || events.length === 0) process.exitCode = 1;
}

/** The folder of this example, also when bundled by scripts/run-ts.mjs. */
function __dirnameOf(): string {
  return process.env.DECOTEL_DEMO_DIR ?? join(process.cwd(), 'examples', 'express-shop');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

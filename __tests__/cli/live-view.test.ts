import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { startCollector } from '../../src/cli/collect-server.node';
import type { Collector } from '../../src/cli/collect-server.node';
import { LAUNCH } from '../browser/browser-harness';
import { makeEvent } from '../helpers/events';

const OUTPUT = resolve(__dirname, '../output');

/** Posts events as one json envelope, like the http destination does. */
async function post(collector: Collector, events: unknown[]): Promise<void> {
  const res = await fetch(`${collector.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ session_id: 's', sdk: { name: 'decotel', version: '0' }, service: { name: 'live-test' }, platform: { runtime: 'node', version: 'x' }, sent_at: new Date().toISOString(), events }),
  });
  expect(res.status).toBe(200);
}

async function cell(page: Page, name: string, column: string): Promise<string> {
  return (await page.locator(`tr[data-name="${name}"] td.${column}`).textContent()) ?? '';
}

describe('decotel collect live view', () => {
  let browser: Browser;
  let collector: Collector;

  beforeAll(async () => {
    browser = await chromium.launch(LAUNCH);
    collector = await startCollector({ port: 0 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  it('shows counts and percentiles per name as events arrive, and the glob filter narrows them', async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(collector.url);
    // 100 checkout.completed with durations 1..100 ms, 20 search.completed with 5 ms, 3 failures.
    const events = [
      ...Array.from({ length: 100 }, (_, i) => makeEvent(i, { name: 'checkout.completed', durationMs: i + 1 })),
      ...Array.from({ length: 20 }, (_, i) => makeEvent(100 + i, { name: 'search.completed', durationMs: 5 })),
      ...Array.from({ length: 3 }, (_, i) => makeEvent(200 + i, { name: 'checkout.failed', severity: 'error', durationMs: 9, error: { type: 'Error', message: `declined ${i}`, hash: '0123456789abcdef' }, context: { requestId: `r-${i}` } })),
    ];
    await post(collector, events.slice(0, 60));
    await post(collector, events.slice(60));
    await page.waitForFunction(() => document.getElementById('total')?.textContent === '123', undefined, { timeout: 10_000 });
    expect(await cell(page, 'checkout.completed', 'count')).toBe('100');
    expect(await cell(page, 'checkout.completed', 'p50')).toBe('50.0');
    expect(await cell(page, 'checkout.completed', 'p95')).toBe('95.0');
    expect(await cell(page, 'checkout.completed', 'p99')).toBe('99.0');
    expect(await cell(page, 'search.completed', 'p50')).toBe('5.00');
    expect(await page.locator('#error-list .err').count()).toBe(3);
    await expect(page.locator('#error-list').textContent()).resolves.toContain('requestId=r-2');
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: resolve(OUTPUT, 'live-view.png'), fullPage: true });

    await page.fill('#filter', 'checkout.*');
    await page.waitForFunction(() => document.body.dataset.filter === 'checkout.*' && document.getElementById('total')?.textContent === '103', undefined, { timeout: 10_000 });
    expect(await page.locator('tr[data-name="search.completed"]').count()).toBe(0);
    expect(await cell(page, 'checkout.failed', 'count')).toBe('3');

    await page.fill('#filter', '*.{failed,nothing}');
    await page.waitForFunction(() => document.getElementById('total')?.textContent === '3', undefined, { timeout: 10_000 });
    await post(collector, [makeEvent(300, { name: 'search.failed', severity: 'error' }), makeEvent(301, { name: 'search.completed' })]);
    await page.waitForFunction(() => document.getElementById('total')?.textContent === '4', undefined, { timeout: 10_000 });
    expect(await cell(page, 'search.failed', 'count')).toBe('1');
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it('stays responsive at 1 000 events/s', async () => {
    const page = await browser.newPage();
    await page.goto(`${collector.url}/?filter=load.*`);
    let id = 1000;
    for (let second = 0; second < 3; second++) {
      const started = Date.now();
      for (let burst = 0; burst < 10; burst++) {
        await post(collector, Array.from({ length: 100 }, () => makeEvent(id++, { name: `load.n${id % 20}`, durationMs: id % 50 })));
        await new Promise((r) => setTimeout(r, Math.max(0, started + (burst + 1) * 100 - Date.now())));
      }
    }
    await page.waitForFunction(() => document.getElementById('total')?.textContent === '3000', undefined, { timeout: 15_000 });
    // The page answers promptly while it renders: a round trip into it takes well under 100 ms.
    const t0 = Date.now();
    await page.evaluate(() => document.querySelectorAll('#names-table tbody tr').length);
    expect(Date.now() - t0).toBeLessThan(500);
    expect(await page.locator('#names-table tbody tr').count()).toBe(20);
    await page.close();
  }, 60_000);
});

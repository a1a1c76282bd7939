import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TelemetryEvent } from 'decotel';

const ROOT = resolve(__dirname, '../..');

describe('npm run demo', () => {
  it('runs the shop against the embedded collector, prints a summary and leaves a JSONL file', async () => {
    const started = Date.now();
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/demo.mjs'], { cwd: ROOT, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(stdout).toMatch(/decotel demo: \d+ events collected/);
    expect(stdout).toMatch(/checkout\.completed\s+\d+\s+\d+\.\d\s+\d+\.\d/);
    expect(stdout).toContain('drops: sampled');
    expect(stdout).toMatch(/shutdown: 0 pending/);
    const path = /events written to (\S+)/.exec(stdout)?.[1] as string;
    const raw = readFileSync(path, 'utf8');
    const events = raw.split('\n').filter(Boolean).map((l) => JSON.parse(l) as TelemetryEvent & { service?: { name?: string } });
    const names = new Set(events.map((e) => e.name));
    for (const n of ['checkout.started', 'checkout.completed', 'checkout.failed', 'payment.failed', 'repo.save.completed', 'http.request.completed', 'http.request.failed', 'session.end']) expect(names).toContain(n);
    // Delivered over OTLP with the service identity, every id once.
    expect(events.every((e) => e.service?.name === 'express-shop')).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // Privacy: card numbers redacted, user ids hashed, in the collected data itself.
    expect(raw).not.toContain('4000000000000002');
    expect(raw).not.toContain('4242424242424242');
    expect(raw).not.toMatch(/"userId":"user-\d"/);
    expect(events.find((e) => e.name === 'payment.failed')?.properties).toMatchObject({ payment: { card_number: '[REDACTED]' } });
    // Sampling: the noisy inventory check keeps far fewer calls than it made.
    const checks = events.filter((e) => e.name === 'inventory.check.started').length;
    expect(checks).toBeLessThan(60);
    expect(events.filter((e) => e.name === 'inventory.check.started' || e.name === 'inventory.check.completed').every((e) => e.sampleRate === 0.1)).toBe(true);
  }, 90_000);
});

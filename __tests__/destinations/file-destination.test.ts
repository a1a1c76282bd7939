import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDestination, telemetry } from 'decotel';
import type { TelemetryEvent } from 'decotel';

function readJsonl(path: string): TelemetryEvent[] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TelemetryEvent);
}

beforeEach(() => telemetry.reset());
afterAll(() => telemetry.reset());

describe('FileDestination', () => {
  it('appends one JSON event a line and counts delivery on flush()', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'decotel-file-')), 'events.jsonl');
    writeFileSync(path, '');
    telemetry.addDestination(new FileDestination({ name: 'file', path }));
    for (let i = 0; i < 20; i++) telemetry.track('job.done', { i });
    const result = await telemetry.flush();
    expect(result).toEqual({ delivered: 20, pending: 0 });
    const events = readJsonl(path);
    expect(events.map((e) => e.properties.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(telemetry.stats().destinations.file.delivered).toBe(20);
  });

  it('rotates to <path>.1 past max_bytes, configured from the config object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decotel-rot-'));
    const path = join(dir, 'events.jsonl');
    telemetry.configure({ config: { telemetry: { destinations: { f: { type: 'file', path, max_bytes: 2000, events: ['job.*'] } } } } });
    for (let i = 0; i < 30; i++) telemetry.track('job.done', { i, pad: 'p'.repeat(100) });
    await telemetry.shutdown();
    const current = readJsonl(path);
    const rotated = readJsonl(`${path}.1`);
    expect(existsSync(`${path}.1`)).toBe(true);
    expect(readFileSync(path).length).toBeLessThanOrEqual(2000);
    const all = [...rotated, ...current].map((e) => e.properties.i);
    // One rotated file is kept: the newest events, in order, end in the current file.
    expect(all).toEqual(all.slice().sort((a, b) => (a as number) - (b as number)));
    expect(all[all.length - 1]).toBe(29);
  });
});

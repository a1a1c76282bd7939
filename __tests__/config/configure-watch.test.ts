import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { telemetry } from 'decotel';
import type { DecotelError, MemoryDestination, TelemetryEvent } from 'decotel';

const yaml = (events: string, extra = '') => `telemetry:
  destinations:
    held:
      type: holder
      events: ["*"]
    mem:
      type: memory
      events: ${events}
${extra}`;

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterEach(() => telemetry.reset());

describe('telemetry.configure({ watch: true })', () => {
  it('applies a valid edit for the next event, keeps queued events of destinations that stay, and keeps the last good config on a bad edit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decotel-watch-'));
    const path = join(dir, 'telemetry.config.yaml');
    const held: TelemetryEvent[] = [];
    let holders = 0;
    telemetry.registerDestinationType('holder', () => {
      holders++;
      return { handle: (e) => void held.push(e), inQueue: () => held.length };
    });
    writeFileSync(path, yaml('["a.*"]'));
    const configs: unknown[] = [];
    const errors: DecotelError[] = [];
    telemetry.on('config', (c) => configs.push(c));
    telemetry.on('error', (e) => errors.push(e));
    telemetry.configure({ configPath: path, watch: true });
    telemetry.track('a.one');
    telemetry.track('b.one');

    writeFileSync(path, yaml('["b.*"]'));
    await until(() => configs.length === 2);
    telemetry.track('a.two');
    telemetry.track('b.two');
    const mem = telemetry.getDestination<MemoryDestination>('mem');
    // mem stays too (only its routing changed): it keeps a.one and now takes b.* only.
    expect(mem?.events.map((e) => e.name)).toEqual(['a.one', 'b.two']);
    // The unchanged destination is the same instance, with everything it held.
    expect(holders).toBe(1);
    expect(held.map((e) => e.name)).toEqual(['session.start', 'a.one', 'b.one', 'a.two', 'b.two']);

    writeFileSync(path, yaml('["b.*"]', '  sampling: { rate: 7 }\n'));
    await until(() => errors.length > 0);
    expect(errors[0]).toMatchObject({ code: 'OUT_OF_RANGE', path: 'telemetry.sampling.rate', line: 9 });
    telemetry.track('b.three');
    expect(telemetry.getDestination<MemoryDestination>('mem')?.events.map((e) => e.name)).toEqual(['a.one', 'b.two', 'b.three']);
  });
});

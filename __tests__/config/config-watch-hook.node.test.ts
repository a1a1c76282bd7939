import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedConfig } from 'decotel';
import type { ConfigWatchTarget } from '../../src/config/config-watch-hook.node';
import { startConfigWatch } from '../../src/config/config-watch-hook.node';

const KNOWN_TYPES = () => new Set(['memory']);

describe('startConfigWatch', () => {
  let dir: string;
  let stop: (() => void) | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'decotel-hook-'));
    writeFileSync(join(dir, 'telemetry.config.yaml'), 'telemetry:\n  debug: false\n');
  });

  afterEach(() => {
    stop?.();
    stop = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  function target() {
    const applied: ResolvedConfig[] = [];
    const errors: unknown[] = [];
    const t: ConfigWatchTarget = { _apply: (c) => applied.push(c), _reporter: { error: (e) => errors.push(e) } };
    return { t, applied, errors };
  }

  async function until(check: () => boolean): Promise<void> {
    const deadline = Date.now() + 4_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('watch: true – applies a valid edit and reports an invalid one', async () => {
    const { t, applied, errors } = target();
    stop = startConfigWatch(t, { watch: true }, {}, KNOWN_TYPES, dir);
    expect(stop).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeFileSync(join(dir, 'telemetry.config.yaml'), 'telemetry:\n  debug: true\n');
    await until(() => applied.length === 1);
    expect(applied[0].debug).toBe(true);
    writeFileSync(join(dir, 'telemetry.config.yaml'), 'telemetry:\n  debug: sometimes\n');
    await until(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: 'INVALID_TYPE', path: 'telemetry.debug', line: 2, column: 10 });
    expect(applied).toHaveLength(1);
  });

  it('nothing to watch – without watch: true, or with a config object', () => {
    const { t } = target();
    expect(startConfigWatch(t, {}, {}, KNOWN_TYPES, dir)).toBeUndefined();
    expect(startConfigWatch(t, { watch: true, config: { telemetry: {} } }, {}, KNOWN_TYPES, dir)).toBeUndefined();
    expect(startConfigWatch(t, { watch: true }, {}, KNOWN_TYPES, join(dir, 'elsewhere'))).toBeUndefined();
  });
});

import { EventEmitter } from 'node:events';
import type { FSWatcher } from 'node:fs';
import type * as FsModule from 'node:fs';
import { mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DecotelError, ResolvedConfig } from 'decotel';
import { ConfigError } from 'decotel';
import type { ConfigWatcher, WatchConfigOptions } from '../../src/config/watch-config.node';
import { watchConfig } from '../../src/config/watch-config.node';

const KNOWN_TYPES: ReadonlySet<string> = new Set(['console', 'memory']);
const DEBOUNCE_MS = 20;
/** How long a test waits for a callback before it fails. */
const WAIT_MS = 4_000;
/** How long a test waits to be sure that no callback comes. */
const QUIET_MS = 300;

type Outcome = { kind: 'valid'; config: ResolvedConfig } | { kind: 'error'; error: DecotelError };

/** A watcher whose callbacks land in a queue that tests read with `next()`. */
function startWatch(file: string, options: Partial<WatchConfigOptions> = {}, onValid?: (c: ResolvedConfig) => void) {
  const outcomes: Outcome[] = [];
  const waiters: Array<() => void> = [];
  const push = (o: Outcome) => {
    outcomes.push(o);
    waiters.splice(0).forEach((w) => w());
  };
  const watcher = watchConfig(
    file,
    (config) => {
      onValid?.(config);
      push({ kind: 'valid', config });
    },
    (error) => push({ kind: 'error', error }),
    { env: {}, knownTypes: KNOWN_TYPES, debounceMs: DEBOUNCE_MS, ...options },
  );
  const next = async (): Promise<Outcome> => {
    const deadline = Date.now() + WAIT_MS;
    while (outcomes.length === 0) {
      if (Date.now() > deadline) throw new Error('no callback came');
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return outcomes.shift() as Outcome;
  };
  const quiet = async (): Promise<Outcome[]> => {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    return outcomes.splice(0);
  };
  return { watcher, next, quiet };
}

/** Lets the watcher settle after it starts (inotify is armed asynchronously on some systems). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('watchConfig', () => {
  let dir: string;
  let file: string;
  let watcher: ConfigWatcher | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'decotel-watch-'));
    file = join(dir, 'telemetry.config.yaml');
    writeFileSync(file, 'telemetry:\n  service: { name: v1 }\n');
  });

  afterEach(() => {
    watcher?.close();
    watcher = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('a valid edit – is handed to onValid', async () => {
    const w = startWatch(file);
    watcher = w.watcher;
    await settle();
    writeFileSync(file, 'telemetry:\n  service: { name: v2 }\n');
    const outcome = await w.next();
    expect(outcome.kind).toBe('valid');
    expect(outcome.kind === 'valid' && outcome.config.service.name).toBe('v2');
  });

  it('an invalid edit – is reported with its position, and a later valid edit still applies', async () => {
    const w = startWatch(file);
    watcher = w.watcher;
    await settle();
    writeFileSync(file, 'telemetry:\n  service: { name: v2 }\n  sampling:\n    rate: 1.5\n');
    const bad = await w.next();
    expect(bad.kind).toBe('error');
    expect(bad.kind === 'error' && bad.error).toBeInstanceOf(ConfigError);
    expect(bad.kind === 'error' && bad.error).toMatchObject({ code: 'OUT_OF_RANGE', path: 'telemetry.sampling.rate', line: 4, column: 11 });
    writeFileSync(file, 'telemetry:\n  service: { name: v3 }\n');
    const good = await w.next();
    expect(good.kind === 'valid' && good.config.service.name).toBe('v3');
  });

  it('a save that leaves the text unchanged – is ignored', async () => {
    const w = startWatch(file);
    watcher = w.watcher;
    await settle();
    writeFileSync(file, 'telemetry:\n  service: { name: v1 }\n');
    expect(await w.quiet()).toEqual([]);
  });

  it('an editor that replaces the file by rename – is seen', async () => {
    const w = startWatch(file);
    watcher = w.watcher;
    await settle();
    const temp = join(dir, '.telemetry.config.yaml.swp');
    writeFileSync(temp, 'telemetry:\n  service: { name: renamed }\n');
    renameSync(temp, file);
    const outcome = await w.next();
    expect(outcome.kind === 'valid' && outcome.config.service.name).toBe('renamed');
  });

  it('a deleted file – is reported as FILE_NOT_FOUND', async () => {
    const w = startWatch(file);
    watcher = w.watcher;
    await settle();
    unlinkSync(file);
    const outcome = await w.next();
    expect(outcome.kind === 'error' && outcome.error).toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('poll – watches with fs.watchFile', async () => {
    const w = startWatch(file, { poll: true, pollIntervalMs: 20, knownTypes: () => KNOWN_TYPES });
    watcher = w.watcher;
    await settle();
    writeFileSync(file, 'telemetry:\n  service: { name: polled-and-longer }\n');
    const outcome = await w.next();
    expect(outcome.kind === 'valid' && outcome.config.service.name).toBe('polled-and-longer');
  });

  it('close() – stops watching, and is idempotent', async () => {
    const w = startWatch(file);
    w.watcher.close();
    w.watcher.close();
    writeFileSync(file, 'telemetry:\n  service: { name: v2 }\n');
    expect(await w.quiet()).toEqual([]);
  });

  it('close() – also stops polling', async () => {
    const w = startWatch(file, { poll: true, pollIntervalMs: 20 });
    await settle();
    w.watcher.close();
    writeFileSync(file, 'telemetry:\n  service: { name: v2-after-close }\n');
    expect(await w.quiet()).toEqual([]);
  });

  it('an onValid that throws – is reported as CONFIG_RELOAD', async () => {
    const w = startWatch(file, {}, () => {
      throw new Error('apply failed');
    });
    watcher = w.watcher;
    await settle();
    writeFileSync(file, 'telemetry:\n  service: { name: v2 }\n');
    const outcome = await w.next();
    expect(outcome.kind === 'error' && outcome.error).toMatchObject({ code: 'CONFIG_RELOAD' });
    expect(outcome.kind === 'error' && outcome.error.message).toContain('apply failed');
  });

  it('an onError that throws – does not escape the watcher', async () => {
    let calls = 0;
    watcher = watchConfig(
      file,
      () => undefined,
      () => {
        calls++;
        throw new Error('listener failed');
      },
      { env: {}, knownTypes: KNOWN_TYPES, debounceMs: DEBOUNCE_MS },
    );
    await settle();
    writeFileSync(file, 'telemetry: [\n');
    const deadline = Date.now() + WAIT_MS;
    while (calls === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(1);
  });

  it('a failing fs.watch – falls back to polling', async () => {
    const fake = Object.assign(new EventEmitter(), { close: jest.fn() });
    const nodeFs = require('node:fs') as typeof FsModule;
    const spy = jest.spyOn(nodeFs, 'watch').mockReturnValue(fake as unknown as FSWatcher);
    try {
      const w = startWatch(file, { pollIntervalMs: 20 });
      watcher = w.watcher;
      fake.emit('error', new Error('EMFILE'));
      expect(fake.close).toHaveBeenCalled();
      await settle();
      writeFileSync(file, 'telemetry:\n  service: { name: after-fallback }\n');
      const outcome = await w.next();
      expect(outcome.kind === 'valid' && outcome.config.service.name).toBe('after-fallback');
    } finally {
      spy.mockRestore();
    }
  });

  it('a directory that does not exist – falls back to polling without throwing', () => {
    watcher = watchConfig(join(dir, 'missing', 'x.yaml'), () => undefined, () => undefined, { env: {}, knownTypes: KNOWN_TYPES });
    expect(typeof watcher.close).toBe('function');
  });
});

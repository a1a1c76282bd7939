import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, MemoryDestination, telemetry } from 'decotel';

const CONFIG = `telemetry:
  service: { name: "\${SERVICE:-svc}" }
  sampling:
    rules:
      - events: ["noise.*"]
        rate: 0
  privacy:
    hash_keys: [user_id]
    hash_salt: pepper
  destinations:
    recent:
      type: memory
      events: ["*"]
      exclude: ["session.*"]
`;

describe('telemetry.configure() with telemetry.config.yaml', () => {
  let dir: string;
  const saved = { ...process.env };

  beforeEach(() => {
    telemetry.reset();
    dir = mkdtempSync(join(tmpdir(), 'decotel-configure-'));
    writeFileSync(join(dir, 'telemetry.config.yaml'), CONFIG);
  });

  afterEach(() => {
    telemetry.reset();
    for (const key of ['TELEMETRY_CONFIG', 'DO_NOT_TRACK', 'TELEMETRY_ENABLED', 'SERVICE']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const recent = () => telemetry.getDestination<MemoryDestination>('recent');

  it('configPath – routes, samples and cleans events as the file says', () => {
    telemetry.configure({ configPath: join(dir, 'telemetry.config.yaml') });
    telemetry.track('user.login', { password: 'p', user_id: 'u-1' });
    telemetry.track('noise.tick');
    const memory = recent();
    expect(memory).toBeInstanceOf(MemoryDestination);
    expect(memory?.events.map((e) => e.name)).toEqual(['user.login']);
    expect(memory?.events[0].properties).toMatchObject({ password: '[REDACTED]' });
    expect(memory?.events[0].properties.user_id).toMatch(/^[0-9a-f]{16}$/);
    expect(telemetry.stats().destinations.recent.dropped.sampled).toBe(1);
    expect(telemetry.config.service.name).toBe('svc');
  });

  it('$TELEMETRY_CONFIG – names the file configure() reads', () => {
    process.env.TELEMETRY_CONFIG = join(dir, 'telemetry.config.yaml');
    process.env.SERVICE = 'from-env';
    telemetry.configure();
    expect(telemetry.config.service.name).toBe('from-env');
    expect(recent()).toBeDefined();
  });

  it('DO_NOT_TRACK=1 – wins over the file: nothing is recorded', () => {
    process.env.DO_NOT_TRACK = '1';
    telemetry.configure({ configPath: join(dir, 'telemetry.config.yaml') });
    telemetry.track('user.login');
    expect(telemetry.config.enabled).toBe(false);
    expect(recent()?.events ?? []).toEqual([]);
  });

  it('a bad file – throws a ConfigError with its line and column', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'telemetry:\n  destinations:\n    recent:\n      type: memory\n      events: "*"\n');
    let error: unknown;
    try {
      telemetry.configure({ configPath: join(dir, 'bad.yaml') });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'INVALID_TYPE', path: 'telemetry.destinations.recent.events', line: 5, column: 15 });
  });

  it('a missing file – is FILE_NOT_FOUND', () => {
    expect(() => telemetry.configure({ configPath: join(dir, 'none.yaml') })).toThrow(expect.objectContaining({ code: 'FILE_NOT_FOUND' }) as Error);
  });

  it('a custom type – is valid once registered, with its options camelCased', () => {
    const seen: Array<Record<string, unknown>> = [];
    telemetry.registerDestinationType('probe', (options) => {
      seen.push(options);
      return { handle: () => undefined };
    });
    writeFileSync(join(dir, 'custom.yaml'), 'telemetry:\n  destinations:\n    p:\n      type: probe\n      events: ["*"]\n      the_topic: t\n');
    telemetry.configure({ configPath: join(dir, 'custom.yaml') });
    expect(seen[0]).toMatchObject({ name: 'p', theTopic: 't' });
  });
});

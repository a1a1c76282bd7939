import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../../src/cli/cli-io';
import { captureIo } from '../helpers/capture-io';
import { routeCommand } from '../../src/cli/route-command';


const CONFIG = `telemetry:
  sampling:
    rate: 0.5
    rules:
      - events: ["query.*"]
        rate: 0.05
  destinations:
    console:
      level: warning
      events: ["error.*", "*.failed"]
    recent:
      type: memory
      events: ["*"]
      exclude: ["debug.*"]
    off:
      type: memory
      enabled: false
      events: ["*"]
    idle:
      type: memory
`;

describe('routeCommand', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'decotel-route-'));
    writeFileSync(join(dir, 'telemetry.config.yaml'), CONFIG);
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('names each destination with its verdict, the pattern and the sampling rate', async () => {
    const io = captureIo(dir);
    expect(await routeCommand(['user.login'], io)).toBe(EXIT_OK);
    expect(io.out).toBe(
      [
        "event 'user.login' (severity info), kept at rate 0.5 (sampling.rate)",
        '  skips  console  no pattern matches (events: error.*, *.failed)',
        "  takes  recent   by pattern '*'",
        '  skips  off      disabled (enabled: false)',
        '  skips  idle     has no events patterns (takes nothing)',
        "1 destination takes 'user.login': recent",
        '',
      ].join('\n'),
    );
  });

  it('a *.failed event – is an error, kept at rate 1, and reaches the console', async () => {
    const io = captureIo(dir);
    expect(await routeCommand(['payment.failed'], io)).toBe(EXIT_OK);
    expect(io.out).toContain("event 'payment.failed' (severity error), kept at rate 1 (errors are kept unless a rule names them)");
    expect(io.out).toContain("  takes  console  by pattern '*.failed'");
    expect(io.out).toContain("2 destinations take 'payment.failed': console, recent");
  });

  it('a sampling rule – is named with its pattern', async () => {
    const io = captureIo(dir);
    expect(await routeCommand(['query.run'], io)).toBe(EXIT_OK);
    expect(io.out).toContain("kept at rate 0.05 by sampling.rules[0] (pattern 'query.*')");
  });

  it('--severity – below min_severity and exclusions are explained; no taker exits 1', async () => {
    const io = captureIo(dir);
    expect(await routeCommand(['error.minor', '--severity', 'INFO'], io)).toBe(EXIT_OK);
    expect(io.out).toContain('  skips  console  below its min_severity warning');
    const debug = captureIo(dir);
    expect(await routeCommand(['debug.trace', '-c', 'telemetry.config.yaml'], debug)).toBe(EXIT_FAILED);
    expect(debug.out).toContain("  skips  recent   excluded by 'debug.*'");
    expect(debug.out).toContain("no destination takes 'debug.trace'");
  });

  it('DO_NOT_TRACK – says that nothing is sent', async () => {
    const io = captureIo(dir, { DO_NOT_TRACK: '1' });
    expect(await routeCommand(['user.login'], io)).toBe(EXIT_FAILED);
    expect(io.out).toContain('telemetry is disabled');
  });

  it('--config – reads another file; one with no destinations says so', async () => {
    writeFileSync(join(dir, 'empty.yaml'), 'telemetry: {}\n');
    const io = captureIo(dir);
    expect(await routeCommand(['user.login', '--config', 'empty.yaml'], io)).toBe(EXIT_FAILED);
    expect(io.out).toContain('no destinations are configured');
  });

  it('--type – accepts a custom destination type', async () => {
    writeFileSync(join(dir, 'custom.yaml'), 'telemetry:\n  destinations:\n    q: { type: kafka, events: ["*"] }\n');
    expect(await routeCommand(['a.b', '--config', 'custom.yaml'], captureIo(dir))).toBe(EXIT_USAGE);
    expect(await routeCommand(['a.b', '--config', 'custom.yaml', '--type', 'kafka'], captureIo(dir))).toBe(EXIT_OK);
  });

  it('an invalid or missing file – prints the errors and exits 2', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'telemetry:\n  sampling: { rate: 2 }\n');
    const io = captureIo(dir);
    expect(await routeCommand(['a.b', '--config', 'bad.yaml'], io)).toBe(EXIT_USAGE);
    expect(io.err).toContain('bad.yaml:2:21: OUT_OF_RANGE telemetry.sampling.rate');
    expect(io.err).toContain('decotel validate bad.yaml');
    const missing = captureIo(dir);
    expect(await routeCommand(['a.b', '--config', 'nope.yaml'], missing)).toBe(EXIT_USAGE);
    expect(missing.err).toContain('FILE_NOT_FOUND');
  });

  it('bad arguments – print the usage and exit 2', async () => {
    for (const args of [[], ['a', 'b'], ['--bogus', 'x'], ['a.b', '--severity', 'loud']]) {
      const io = captureIo(dir);
      expect(await routeCommand(args, io)).toBe(EXIT_USAGE);
      expect(io.err).not.toBe('');
    }
  });

  it('--help – prints the usage', async () => {
    const io = captureIo(dir);
    expect(await routeCommand(['-h'], io)).toBe(EXIT_OK);
    expect(io.out).toContain('Usage: decotel route');
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../../src/cli/cli-io';
import { captureIo } from '../helpers/capture-io';
import { validateCommand } from '../../src/cli/validate-command';


describe('validateCommand', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'decotel-validate-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('a valid file – prints OK with the number of destinations', async () => {
    writeFileSync(join(dir, 'telemetry.config.yaml'), 'telemetry:\n  destinations:\n    console: { events: ["*"] }\n    m: { type: memory, enabled: false }\n');
    const io = captureIo(dir);
    expect(await validateCommand([], io)).toBe(EXIT_OK);
    expect(io.out).toBe('OK: 2 destinations, 1 disabled in telemetry.config.yaml\n');
    expect(io.err).toBe('');
  });

  it('a single destination, with telemetry disabled – says so', async () => {
    writeFileSync(join(dir, 'one.yaml'), 'telemetry:\n  enabled: false\n  destinations:\n    console: { events: ["*"] }\n');
    const io = captureIo(dir);
    expect(await validateCommand(['one.yaml'], io)).toBe(EXIT_OK);
    expect(io.out).toBe('OK: 1 destination in one.yaml (telemetry is disabled)\n');
  });

  it('a bad file – prints each error with line, column and a caret under the fault', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'telemetry:\n  samplng: {}\n  sampling:\n    rate: 1.5\n');
    const io = captureIo(dir);
    expect(await validateCommand(['bad.yaml'], io)).toBe(EXIT_FAILED);
    expect(io.err).toBe(
      [
        "bad.yaml:2:3: UNKNOWN_KEY telemetry.samplng: unknown key 'samplng'; did you mean 'sampling'?",
        '  1 | telemetry:',
        '> 2 |   samplng: {}',
        '    |   ^',
        'bad.yaml:4:11: OUT_OF_RANGE telemetry.sampling.rate: expected a number from 0 to 1, got 1.5',
        '  3 |   sampling:',
        '> 4 |     rate: 1.5',
        '    |           ^',
        '2 errors in bad.yaml',
        '',
      ].join('\n'),
    );
  });

  it('$TELEMETRY_CONFIG – names the file when no argument does', async () => {
    writeFileSync(join(dir, 'env.yaml'), 'telemetry:\n  debug: 3\n');
    const io = captureIo(dir, { TELEMETRY_CONFIG: 'env.yaml' });
    expect(await validateCommand([], io)).toBe(EXIT_FAILED);
    expect(io.err).toContain('env.yaml:2:10: INVALID_TYPE telemetry.debug');
    expect(io.err).toContain('1 error in env.yaml');
  });

  it('environment – interpolation and overrides use io.env', async () => {
    writeFileSync(join(dir, 'telemetry.config.yaml'), 'telemetry:\n  privacy:\n    hash_salt: ${SALT}\n');
    expect(await validateCommand([], captureIo(dir, { SALT: 's' }))).toBe(EXIT_OK);
    const io = captureIo(dir, { TELEMETRY_DEBUG: 'perhaps', SALT: 's' });
    expect(await validateCommand([], io)).toBe(EXIT_FAILED);
    expect(io.err).toContain('telemetry.config.yaml: INVALID_VALUE env.TELEMETRY_DEBUG');
  });

  it('--type – accepts a custom destination type', async () => {
    writeFileSync(join(dir, 'telemetry.config.yaml'), 'telemetry:\n  destinations:\n    q: { type: kafka, topic: t }\n');
    expect(await validateCommand([], captureIo(dir))).toBe(EXIT_FAILED);
    expect(await validateCommand(['--type', 'kafka'], captureIo(dir))).toBe(EXIT_OK);
  });

  it('a missing file – is reported as FILE_NOT_FOUND', async () => {
    const io = captureIo(dir);
    expect(await validateCommand(['nope.yaml'], io)).toBe(EXIT_FAILED);
    expect(io.err).toMatch(/^nope\.yaml: FILE_NOT_FOUND expected a configuration file at .*nope\.yaml, found none\n$/);
  });

  it('bad arguments – print the usage and exit 2', async () => {
    const io = captureIo(dir);
    expect(await validateCommand(['a.yaml', 'b.yaml'], io)).toBe(EXIT_USAGE);
    expect(await validateCommand(['--nope'], io)).toBe(EXIT_USAGE);
    expect(io.err).toContain('Usage: decotel validate');
  });

  it('--help – prints the usage', async () => {
    const io = captureIo(dir);
    expect(await validateCommand(['--help'], io)).toBe(EXIT_OK);
    expect(io.out).toContain('Usage: decotel validate');
  });
});

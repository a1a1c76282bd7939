import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorOf } from '../helpers/config-error-of';
import { defaultConfig } from '../../src/config/config-types';
import { DEFAULT_CONFIG_FILE, findConfigSource, loadConfigFile, loadNodeConfig } from '../../src/config/load-config.node';
import { BUILT_IN_DESTINATION_FIELDS, COMMON_DESTINATION_KEYS } from '../../src/config/destination-schema';
import { TELEMETRY_KEYS } from '../../src/config/resolve-config';

const KNOWN_TYPES: ReadonlySet<string> = new Set(['console', 'memory', 'file', 'http']);
const ROOT = join(__dirname, '..', '..');

describe('loadNodeConfig', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'decotel-load-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  it('options.config – is resolved as an object, no file read', () => {
    write(DEFAULT_CONFIG_FILE, 'telemetry:\n  debug: true\n');
    const config = loadNodeConfig({ config: { telemetry: { service: { name: 'obj' } } } }, {}, KNOWN_TYPES, dir);
    expect(config.service.name).toBe('obj');
    expect(config.debug).toBe(false);
  });

  it('options.configPath – reads that file, relative to the working directory', () => {
    write('custom.yaml', 'telemetry:\n  service: { name: custom }\n');
    expect(loadNodeConfig({ configPath: 'custom.yaml' }, {}, KNOWN_TYPES, dir).service.name).toBe('custom');
  });

  it('options.configPath – a missing file is FILE_NOT_FOUND', () => {
    expect(errorOf(() => loadNodeConfig({ configPath: 'nope.yaml' }, {}, KNOWN_TYPES, dir))).toMatchObject({ code: 'FILE_NOT_FOUND', line: 0, column: 0 });
  });

  it('TELEMETRY_CONFIG – names the file when configPath does not', () => {
    write('env.yaml', 'telemetry:\n  service: { name: from-env }\n');
    write(DEFAULT_CONFIG_FILE, 'telemetry:\n  service: { name: default }\n');
    expect(loadNodeConfig({}, { TELEMETRY_CONFIG: 'env.yaml' }, KNOWN_TYPES, dir).service.name).toBe('from-env');
    const error = errorOf(() => loadNodeConfig({}, { TELEMETRY_CONFIG: 'gone.yaml' }, KNOWN_TYPES, dir));
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.message).toContain('TELEMETRY_CONFIG');
  });

  it('./telemetry.config.yaml – is read when present', () => {
    write(DEFAULT_CONFIG_FILE, 'telemetry:\n  service: { name: default }\n');
    expect(loadNodeConfig({}, { TELEMETRY_CONFIG: '' }, KNOWN_TYPES, dir).service.name).toBe('default');
  });

  it('no file at all – gives the defaults with the environment overrides', () => {
    expect(loadNodeConfig({}, {}, KNOWN_TYPES, dir)).toEqual(defaultConfig());
    expect(loadNodeConfig({}, { TELEMETRY_DEBUG: '1' }, KNOWN_TYPES, dir).debug).toBe(true);
  });

  it('a directory instead of a file – is FILE_UNREADABLE', () => {
    mkdirSync(join(dir, 'folder.yaml'));
    expect(errorOf(() => loadConfigFile(join(dir, 'folder.yaml'), { env: {}, knownTypes: KNOWN_TYPES })).code).toBe('FILE_UNREADABLE');
  });

  it('a file that cannot be read – is FILE_UNREADABLE', () => {
    const file = write('secret.yaml', 'telemetry: {}\n');
    chmodSync(file, 0o000);
    let readable = true;
    try {
      readFileSync(file);
    } catch {
      readable = false;
    }
    // root reads anything: then the file loads.
    if (readable) expect(loadConfigFile(file, { env: {}, knownTypes: KNOWN_TYPES }).enabled).toBe(true);
    else expect(errorOf(() => loadConfigFile(file, { env: {}, knownTypes: KNOWN_TYPES })).code).toBe('FILE_UNREADABLE');
  });

  it('a bad file – throws with the line and column', () => {
    const file = write('bad.yaml', 'telemetry:\n  sampling:\n    rate: 1.5\n');
    expect(errorOf(() => loadConfigFile(file, { env: {}, knownTypes: KNOWN_TYPES }))).toMatchObject({ code: 'OUT_OF_RANGE', line: 3, column: 11 });
  });
});

describe('findConfigSource', () => {
  it('says what named the file', () => {
    expect(findConfigSource({ configPath: '/a.yaml' }, {}, '/')).toEqual({ path: '/a.yaml', from: 'configPath' });
    expect(findConfigSource({}, { TELEMETRY_CONFIG: 'b.yaml' }, '/x')).toEqual({ path: '/x/b.yaml', from: 'TELEMETRY_CONFIG' });
    expect(findConfigSource({ config: {} }, { TELEMETRY_CONFIG: 'b.yaml' }, '/x')).toBeUndefined();
    expect(findConfigSource({}, {}, ROOT)).toEqual({ path: join(ROOT, DEFAULT_CONFIG_FILE), from: 'default' });
  });
});

describe('telemetry.config.yaml (repository root)', () => {
  const text = readFileSync(join(ROOT, DEFAULT_CONFIG_FILE), 'utf8');

  it('loads with an empty environment', () => {
    const config = loadConfigFile(join(ROOT, DEFAULT_CONFIG_FILE), { env: {}, knownTypes: KNOWN_TYPES });
    expect(config.enabled).toBe(true);
    expect(config.destinations.map((d) => [d.name, d.type, d.enabled])).toEqual([
      ['console', 'console', true],
      ['recent', 'memory', true],
      ['audit', 'file', false],
      ['collector', 'http', false],
    ]);
  });

  it('documents every key', () => {
    const keys = new Set<string>([...TELEMETRY_KEYS, ...COMMON_DESTINATION_KEYS, 'level']);
    const addFields = (fields: Record<string, { kind: string; fields?: Record<string, never> }>) => {
      for (const [key, spec] of Object.entries(fields)) {
        keys.add(key);
        if (spec.fields !== undefined) addFields(spec.fields);
      }
    };
    for (const fields of Object.values(BUILT_IN_DESTINATION_FIELDS)) addFields(fields as never);
    for (const key of ['name', 'version', 'environment', 'rate', 'rules', 'redact_keys', 'hash_keys', 'hash_salt', 'scrub_strings', 'include_stack', 'uncaught_exceptions', 'unhandled_rejections', 'disable_events', 'rollout_percent', 'ingestion_url']) keys.add(key);
    const missing = [...keys].filter((key) => !new RegExp(`(^|\\s|#\\s*)${key}:`, 'm').test(text));
    expect(missing).toEqual([]);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from 'decotel';
import type { ConfigErrorCode } from 'decotel';
import { checkConfigText, parseConfigText, resolveConfigText } from '../../src/config/parse-config-text';

const FIXTURES = join(__dirname, '..', 'fixtures', 'config');
const KNOWN_TYPES: ReadonlySet<string> = new Set(['console', 'memory', 'file', 'http']);

/** Each bad file and the first fault it must report. */
const BAD_FILES: ReadonlyArray<[file: string, code: ConfigErrorCode, path: string, line: number, column: number]> = [
  ['bad-interpolation.yaml', 'INVALID_VALUE', 'telemetry.service.name', 3, 11],
  ['browser-format-umami.yaml', 'INVALID_VALUE', 'telemetry.browser.format', 3, 13],
  ['browser-ingestion-url-relative.yaml', 'INVALID_VALUE', 'telemetry.browser.ingestion_url', 3, 20],
  ['browser-rollout-out-of-range.yaml', 'OUT_OF_RANGE', 'telemetry.browser.rollout_percent', 3, 22],
  ['capture-misspelled.yaml', 'UNKNOWN_KEY', 'telemetry.capture.uncaught_exception', 3, 5],
  ['console-bad-stream.yaml', 'INVALID_VALUE', 'telemetry.destinations.console.stream', 5, 15],
  ['console-level-and-min-severity.yaml', 'INVALID_VALUE', 'telemetry.destinations.console.level', 5, 7],
  ['context-list.yaml', 'INVALID_TYPE', 'telemetry.context', 2, 12],
  ['destination-missing-type.yaml', 'MISSING_KEY', 'telemetry.destinations.mine.type', 3, 5],
  ['destination-null.yaml', 'INVALID_TYPE', 'telemetry.destinations.recent', 3, 5],
  ['destination-unknown-key.yaml', 'UNKNOWN_KEY', 'telemetry.destinations.recent.event', 5, 7],
  ['destinations-list.yaml', 'INVALID_TYPE', 'telemetry.destinations', 3, 5],
  ['duplicate-key.yaml', 'YAML_SYNTAX', 'telemetry.debug', 3, 3],
  ['empty-file.yaml', 'MISSING_KEY', 'telemetry', 1, 1],
  ['enabled-not-boolean.yaml', 'INVALID_TYPE', 'telemetry.enabled', 2, 12],
  ['events-bare-string.yaml', 'INVALID_TYPE', 'telemetry.destinations.console.events', 5, 15],
  ['events-empty-pattern.yaml', 'INVALID_PATTERN', 'telemetry.destinations.console.events[1]', 5, 27],
  ['exclude-number-item.yaml', 'INVALID_TYPE', 'telemetry.destinations.recent.exclude[0]', 6, 17],
  ['file-missing-path.yaml', 'MISSING_KEY', 'telemetry.destinations.audit.path', 3, 5],
  ['http-bad-format.yaml', 'INVALID_VALUE', 'telemetry.destinations.collector.format', 6, 15],
  ['http-bad-url.yaml', 'INVALID_VALUE', 'telemetry.destinations.collector.url', 5, 12],
  ['http-batch-larger-than-queue.yaml', 'OUT_OF_RANGE', 'telemetry.destinations.collector.batch.max_size', 7, 19],
  ['http-batch-max-size-zero.yaml', 'OUT_OF_RANGE', 'telemetry.destinations.collector.batch.max_size', 6, 26],
  ['http-batch-unknown-key.yaml', 'UNKNOWN_KEY', 'telemetry.destinations.collector.batch.flush_interval', 8, 9],
  ['http-header-bad-name.yaml', 'INVALID_VALUE', 'telemetry.destinations.collector.headers.Bad Header', 8, 9],
  ['http-headers-list.yaml', 'INVALID_TYPE', 'telemetry.destinations.collector.headers', 6, 16],
  ['http-missing-url.yaml', 'MISSING_KEY', 'telemetry.destinations.collector.url', 3, 5],
  ['http-retry-base-above-max.yaml', 'OUT_OF_RANGE', 'telemetry.destinations.collector.retry.base_delay_ms', 6, 31],
  ['http-retry-negative.yaml', 'OUT_OF_RANGE', 'telemetry.destinations.collector.retry.max_retries', 7, 22],
  ['http-timeout-fraction.yaml', 'INVALID_TYPE', 'telemetry.destinations.collector.timeout_ms', 6, 19],
  ['http-umami-missing-website-id.yaml', 'MISSING_KEY', 'telemetry.destinations.umami.website_id', 3, 5],
  ['installation-id-number.yaml', 'INVALID_TYPE', 'telemetry.installation_id', 2, 20],
  ['memory-max-events-word.yaml', 'INVALID_TYPE', 'telemetry.destinations.recent.max_events', 5, 19],
  ['merge-key-unknown.yaml', 'UNKNOWN_KEY', 'telemetry.destinations.collector.batch.max_sise', 3, 12],
  ['min-severity-unknown.yaml', 'INVALID_VALUE', 'telemetry.destinations.recent.min_severity', 6, 21],
  ['missing-env.yaml', 'MISSING_ENV', 'telemetry.privacy.hash_salt', 3, 16],
  ['privacy-redact-keys-string.yaml', 'INVALID_TYPE', 'telemetry.privacy.redact_keys', 3, 18],
  ['root-scalar.yaml', 'INVALID_TYPE', '', 1, 1],
  ['sampling-rate-out-of-range.yaml', 'OUT_OF_RANGE', 'telemetry.sampling.rate', 3, 11],
  ['sampling-rate-quoted.yaml', 'INVALID_TYPE', 'telemetry.sampling.rate', 3, 11],
  ['sampling-rule-events-string.yaml', 'INVALID_TYPE', 'telemetry.sampling.rules[0].events', 4, 17],
  ['sampling-rule-missing-rate.yaml', 'MISSING_KEY', 'telemetry.sampling.rules[0].rate', 4, 9],
  ['sampling-rule-rate-out-of-range.yaml', 'OUT_OF_RANGE', 'telemetry.sampling.rules[0].rate', 6, 15],
  ['sampling-rules-not-list.yaml', 'INVALID_TYPE', 'telemetry.sampling.rules', 3, 12],
  ['service-version-number.yaml', 'INVALID_TYPE', 'telemetry.service.version', 4, 14],
  ['shutdown-on-signals-number.yaml', 'INVALID_TYPE', 'telemetry.shutdown_on_signals', 2, 24],
  ['syntax-multiple-documents.yaml', 'YAML_SYNTAX', '', 3, 1],
  ['syntax-tab-indent.yaml', 'YAML_SYNTAX', '', 2, 1],
  ['syntax-unclosed-flow.yaml', 'YAML_SYNTAX', '', 4, 1],
  ['syntax-unquoted-env-in-flow-map.yaml', 'YAML_SYNTAX', 'telemetry.service.name', 2, 21],
  ['unknown-destination-type.yaml', 'UNKNOWN_DESTINATION_TYPE', 'telemetry.destinations.queue.type', 4, 13],
  ['unknown-key-root.yaml', 'UNKNOWN_KEY', 'telemetri', 1, 1],
  ['unknown-key-top.yaml', 'UNKNOWN_KEY', 'telemetry.samplng', 3, 3],
];

function load(text: string, env: Record<string, string | undefined> = {}) {
  return resolveConfigText(text, { env, knownTypes: KNOWN_TYPES });
}

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('resolveConfigText', () => {
  describe('bad files in __tests__/fixtures/config', () => {
    it('has a row for every fixture file', () => {
      const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).sort();
      expect(files.length).toBeGreaterThanOrEqual(30);
      expect(BAD_FILES.map((row) => row[0]).sort()).toEqual(files);
    });

    it.each(BAD_FILES)('%s – throws %s at %s, line %i, column %i', (file, code, path, line, column) => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const error = thrown(() => load(text));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toMatchObject({ name: 'ConfigError', code, path, line, column });
    });
  });

  it('telemetry.sampling.rate – says what was expected, what was found and where', () => {
    const error = thrown(() => load('telemetry:\n  sampling:\n    rate: 1.5\n'));
    expect(error.message).toBe('telemetry.sampling.rate: expected a number from 0 to 1, got 1.5 (line 3, column 11)');
  });

  it('${VAR} unquoted in a flow map – the syntax error says to quote it', () => {
    const error = thrown(() => load('telemetry:\n  service: { name: ${SERVICE:-svc} }\n'));
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.message).toContain('quote a value with ${VAR}');
    expect(load('telemetry:\n  service: { name: "${SERVICE:-svc}" }\n').service.name).toBe('svc');
  });

  it('unknown key – names the closest known key', () => {
    const error = thrown(() => load('telemetry:\n  destinations:\n    c:\n      type: console\n      evnets: ["*"]\n'));
    expect(error).toMatchObject({ code: 'UNKNOWN_KEY', path: 'telemetry.destinations.c.evnets', line: 5, column: 7 });
    expect(error.message).toContain("did you mean 'events'?");
  });

  it('points at the value of a flow map entry', () => {
    const error = thrown(() => load('telemetry: { sampling: { rate: -1 } }\n'));
    expect(error).toMatchObject({ code: 'OUT_OF_RANGE', line: 1, column: 32 });
  });

  it('points at a value reached through an alias', () => {
    const text = 'x-rate: &r { rate: 7 }\ntelemetry:\n  sampling: *r\n';
    expect(thrown(() => load(text))).toMatchObject({ code: 'OUT_OF_RANGE', path: 'telemetry.sampling.rate', line: 1, column: 20 });
  });

  it('merge keys – a destination inherits keys from an anchor', () => {
    const text = [
      'x-http: &http',
      '  type: http',
      '  batch: { max_size: 5 }',
      'telemetry:',
      '  destinations:',
      '    a:',
      '      <<: *http',
      '      url: http://a.example/v1/logs',
      '    b:',
      '      <<: [*http]',
      '      url: http://b.example/v1/logs',
      '',
    ].join('\n');
    const config = load(text);
    expect(config.destinations.map((d) => [d.name, d.type, (d.options.batch as { maxSize: number }).maxSize])).toEqual([
      ['a', 'http', 5],
      ['b', 'http', 5],
    ]);
  });

  it('a key fault that is missing from its map points at the map key', () => {
    const error = thrown(() => load('telemetry:\n  sampling:\n    rules:\n      - rate: 0.5\n'));
    expect(error).toMatchObject({ code: 'MISSING_KEY', path: 'telemetry.sampling.rules[0].events', line: 4, column: 9 });
  });

  it('reports every fault in the order of the text', () => {
    const text = 'telemetry:\n  debug: 3\n  sampling:\n    rate: 2\n  samplng: {}\n';
    const check = checkConfigText(text, { env: {}, knownTypes: KNOWN_TYPES });
    expect(check.config).toBeUndefined();
    expect(check.errors.map((e) => [e.code, e.line])).toEqual([
      ['INVALID_TYPE', 2],
      ['OUT_OF_RANGE', 4],
      ['UNKNOWN_KEY', 5],
    ]);
  });

  it('refuses a document whose aliases expand too far', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('telemetry: {}');
    expect(thrown(() => load(`${lines.join('\n')}\n`))).toMatchObject({ code: 'YAML_SYNTAX', line: 1, column: 1 });
  });

  it('refuses a recursive alias', () => {
    expect(thrown(() => load('x-loop: &loop [*loop]\ntelemetry: {}\n'))).toMatchObject({ code: 'INVALID_VALUE', path: 'x-loop[0]' });
  });

  it('x- root keys – are allowed, for anchors', () => {
    expect(load('x-anything: { a: 1 }\ntelemetry:\n  debug: true\n').debug).toBe(true);
  });

  it('an empty telemetry section – gives the defaults', () => {
    expect(load('telemetry:\n').destinations).toEqual([]);
  });
});

describe('parseConfigText', () => {
  it('locates keys, values, and the deepest existing part of a missing path', () => {
    const parsed = parseConfigText('telemetry:\n  debug: true\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.locate(['telemetry', 'debug'], 'key')).toEqual({ line: 2, column: 3 });
    expect(parsed.locate(['telemetry', 'debug'])).toEqual({ line: 2, column: 10 });
    expect(parsed.locate(['telemetry', 'nothing', 'here'])).toEqual({ line: 1, column: 1 });
    expect(parsed.locate([])).toEqual({ line: 1, column: 1 });
    expect(parsed.locate(['telemetry', 'debug', 'deeper'])).toEqual({ line: 2, column: 3 });
  });

  it('locates list items by index', () => {
    const parsed = parseConfigText('telemetry:\n  list:\n    - a\n    - b\n');
    expect(parsed.locate(['telemetry', 'list', 1])).toEqual({ line: 4, column: 7 });
    expect(parsed.locate(['telemetry', 'list', 'x'])).toEqual({ line: 2, column: 3 });
    expect(parsed.locate(['telemetry', 'list', 9])).toEqual({ line: 2, column: 3 });
  });

  it('gives the path of a duplicate key nested in a list', () => {
    const parsed = parseConfigText('telemetry:\n  sampling:\n    rules:\n      - rate: 1\n        rate: 2\n');
    expect(parsed.errors[0]).toMatchObject({ code: 'YAML_SYNTAX', path: 'telemetry.sampling.rules[0].rate', line: 5, column: 9 });
  });
});

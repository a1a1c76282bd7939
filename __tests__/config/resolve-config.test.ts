import { errorOf } from '../helpers/config-error-of';
import { DEFAULT_REDACT_KEYS, defaultConfig } from '../../src/config/config-types';
import type { ResolveConfigOptions } from '../../src/config/resolve-config';
import { checkConfig, resolveConfig, resolveDefaultConfig } from '../../src/config/resolve-config';

const KNOWN_TYPES: ReadonlySet<string> = new Set(['console', 'memory', 'file', 'http', 'kafka']);

function resolve(telemetry: unknown, options: Partial<ResolveConfigOptions> = {}) {
  return resolveConfig({ telemetry }, { env: {}, knownTypes: KNOWN_TYPES, ...options });
}

describe('resolveConfig', () => {
  describe('defaults', () => {
    it('an empty telemetry section – equals defaultConfig()', () => {
      expect(resolve({})).toEqual(defaultConfig());
      expect(resolve(null)).toEqual(defaultConfig());
    });

    it('resolveDefaultConfig – gives the defaults with the environment applied', () => {
      expect(resolveDefaultConfig({})).toEqual(defaultConfig());
      expect(resolveDefaultConfig({ DO_NOT_TRACK: '1' }).enabled).toBe(false);
    });

    it('privacy.redact_keys – adds to the default keys, without duplicates', () => {
      const config = resolve({ privacy: { redact_keys: ['PASSWORD', 'ssn'] } });
      expect(config.privacy.redactKeys).toEqual([...DEFAULT_REDACT_KEYS, 'ssn']);
    });
  });

  describe('every section', () => {
    it('maps snake_case keys to camelCase', () => {
      const config = resolve({
        enabled: true,
        debug: true,
        service: { name: 'api', version: '1.2.3', environment: 'production' },
        installation_id: 'auto',
        context: { region: 'eu-west-1', nested: { the_key: 1 } },
        sampling: { rate: 0.5, rules: [{ events: ['query.*', 'embedding.*'], rate: 0.05 }] },
        privacy: { redact_keys: [], hash_keys: ['user_id'], hash_salt: 's', scrub_strings: false, include_stack: true },
        capture: { uncaught_exceptions: true, unhandled_rejections: true },
        shutdown_on_signals: true,
        browser: { disable_events: ['debug.*'], rollout_percent: 50, ingestion_url: 'https://x.example/v1/events', format: 'otlp' },
        destinations: {},
      });
      expect(config).toEqual({
        enabled: true,
        debug: true,
        service: { name: 'api', version: '1.2.3', environment: 'production' },
        installationId: 'auto',
        context: { region: 'eu-west-1', nested: { the_key: 1 } },
        sampling: { rate: 0.5, rules: [{ events: ['query.*', 'embedding.*'], rate: 0.05 }] },
        privacy: { redactKeys: [...DEFAULT_REDACT_KEYS], hashKeys: ['user_id'], hashSalt: 's', scrubStrings: false, includeStack: true },
        capture: { uncaughtExceptions: true, unhandledRejections: true },
        shutdownOnSignals: true,
        browser: { disableEvents: ['debug.*'], rolloutPercent: 50, ingestionUrl: 'https://x.example/v1/events', format: 'otlp' },
        destinations: [],
      });
    });

    it('installation_id – false sends none', () => {
      expect(resolve({ installation_id: false }).installationId).toBeUndefined();
    });

    it('line and column – are 0 for a plain object', () => {
      expect(errorOf(() => resolve({ sampling: { rate: 1.5 } }))).toMatchObject({ code: 'OUT_OF_RANGE', path: 'telemetry.sampling.rate', line: 0, column: 0 });
      expect(errorOf(() => resolve({ sampling: { rate: 1.5 } })).message).toBe('telemetry.sampling.rate: expected a number from 0 to 1, got 1.5');
    });

    it('sampling.rules[].rate – rejects 1.5 with OUT_OF_RANGE', () => {
      expect(errorOf(() => resolve({ sampling: { rules: [{ events: ['a'], rate: 1.5 }] } }))).toMatchObject({ code: 'OUT_OF_RANGE', path: 'telemetry.sampling.rules[0].rate' });
    });

    it('sampling.rules[] – rejects an empty rule and an unknown key in a rule', () => {
      const check = checkConfig({ telemetry: { sampling: { rules: [null, { events: ['a'], rate: 1, when: 'x' }, 'rule'] } } }, { env: {}, knownTypes: KNOWN_TYPES });
      expect(check.errors.map((e) => [e.code, e.path])).toEqual([
        ['INVALID_TYPE', 'telemetry.sampling.rules[0]'],
        ['UNKNOWN_KEY', 'telemetry.sampling.rules[1].when'],
        ['INVALID_TYPE', 'telemetry.sampling.rules[2]'],
      ]);
    });

    it('sampling.rate – rejects NaN and Infinity', () => {
      expect(errorOf(() => resolve({ sampling: { rate: Number.NaN } })).code).toBe('INVALID_TYPE');
      expect(errorOf(() => resolve({ sampling: { rate: Infinity } })).code).toBe('OUT_OF_RANGE');
    });

    it('enabled – rejects a string that did not come from the environment', () => {
      expect(errorOf(() => resolve({ enabled: 'true' }))).toMatchObject({ code: 'INVALID_TYPE', path: 'telemetry.enabled' });
    });

    it('service.name – rejects an empty string', () => {
      expect(errorOf(() => resolve({ service: { name: '  ' } }))).toMatchObject({ code: 'INVALID_VALUE', path: 'telemetry.service.name' });
    });

    it('service – rejects a list, with no suggestion for a far key', () => {
      expect(errorOf(() => resolve({ service: ['a'] }))).toMatchObject({ code: 'INVALID_TYPE', path: 'telemetry.service' });
      expect(errorOf(() => resolve({ service: { zzzzzzzz: 1 } })).message).toContain('expected one of: name, version, environment');
    });

    it('the root – must be a map with telemetry', () => {
      expect(errorOf(() => resolveConfig(undefined, { env: {}, knownTypes: KNOWN_TYPES }))).toMatchObject({ code: 'MISSING_KEY', path: 'telemetry' });
      expect(errorOf(() => resolveConfig({}, { env: {}, knownTypes: KNOWN_TYPES }))).toMatchObject({ code: 'MISSING_KEY', path: 'telemetry' });
      expect(errorOf(() => resolveConfig([1], { env: {}, knownTypes: KNOWN_TYPES }))).toMatchObject({ code: 'INVALID_TYPE', path: '' });
      expect(errorOf(() => resolveConfig({ telemetry: 5 }, { env: {}, knownTypes: KNOWN_TYPES }))).toMatchObject({ code: 'INVALID_TYPE', path: 'telemetry' });
      expect(errorOf(() => resolveConfig({ telemetry: new Date(0) }, { env: {}, knownTypes: KNOWN_TYPES })).message).toContain('a date');
    });

    it('the root – settings without the telemetry wrapper are one MISSING_KEY that says where they go', () => {
      const check = checkConfig({ destinations: {}, debug: true }, { env: {}, knownTypes: KNOWN_TYPES });
      expect(check.errors).toHaveLength(1);
      expect(check.errors[0]).toMatchObject({ code: 'MISSING_KEY', path: 'telemetry' });
      expect(check.errors[0].message).toContain('put destinations, debug under telemetry:');
    });

    it('keys – inherited names such as constructor are unknown, not read', () => {
      expect(errorOf(() => resolve({ constructor: 1 }))).toMatchObject({ code: 'UNKNOWN_KEY', path: 'telemetry.constructor' });
    });

    it('a locate that throws – gives line 0 instead of failing', () => {
      const locate = () => {
        throw new Error('boom');
      };
      expect(errorOf(() => resolve({ debug: 1 }, { locate }))).toMatchObject({ code: 'INVALID_TYPE', line: 0, column: 0 });
    });
  });

  describe('destinations', () => {
    it('http – camelCases its options, keeps header names as written', () => {
      const [d] = resolve({
        destinations: {
          collector: {
            type: 'http',
            url: 'http://127.0.0.1:4318/v1/logs',
            format: 'OTLP',
            headers: { Authorization: 'Bearer x', 'x-API-version': 2, 'X-Flag': true },
            events: ['*'],
            exclude: ['debug.*'],
            min_severity: 'Warn',
            batch: { max_size: 100, flush_interval_ms: 10_000, max_queue_size: 10_000 },
            retry: { max_retries: 0, base_delay_ms: 1000, max_delay_ms: 30_000 },
            timeout_ms: 5000,
            spool_dir: '.telemetry-spool',
            spool_max_bytes: 1024,
          },
        },
      }).destinations;
      expect(d).toEqual({
        name: 'collector',
        type: 'http',
        enabled: true,
        events: ['*'],
        exclude: ['debug.*'],
        minSeverity: 'warning',
        options: {
          url: 'http://127.0.0.1:4318/v1/logs',
          format: 'otlp',
          headers: { Authorization: 'Bearer x', 'x-API-version': '2', 'X-Flag': 'true' },
          batch: { maxSize: 100, flushIntervalMs: 10_000, maxQueueSize: 10_000 },
          retry: { maxRetries: 0, baseDelayMs: 1000, maxDelayMs: 30_000 },
          timeoutMs: 5000,
          spoolDir: '.telemetry-spool',
          spoolMaxBytes: 1024,
        },
      });
    });

    it('http – umami with website_id, and a timeout beyond a Node timer refused', () => {
      const [d] = resolve({ destinations: { u: { type: 'http', url: 'https://u.example/api/send', format: 'umami', website_id: 'abc' } } }).destinations;
      expect(d.options).toEqual({ url: 'https://u.example/api/send', format: 'umami', websiteId: 'abc' });
      expect(errorOf(() => resolve({ destinations: { u: { type: 'http', url: 'http://x', timeout_ms: 2 ** 31 } } }))).toMatchObject({ code: 'OUT_OF_RANGE' });
    });

    it('http.url – rejects a string that is not a URL', () => {
      expect(errorOf(() => resolve({ destinations: { u: { type: 'http', url: 'not a url' } } }))).toMatchObject({ code: 'INVALID_VALUE', path: 'telemetry.destinations.u.url' });
    });

    it('http.headers – rejects values that are maps or span lines', () => {
      const check = checkConfig({ telemetry: { destinations: { u: { type: 'http', url: 'http://x', headers: { A: { b: 1 }, B: 'x\ny' } } } } }, { env: {}, knownTypes: KNOWN_TYPES });
      expect(check.errors.map((e) => [e.code, e.path])).toEqual([
        ['INVALID_TYPE', 'telemetry.destinations.u.headers.A'],
        ['INVALID_VALUE', 'telemetry.destinations.u.headers.B'],
      ]);
    });

    it('console – level is an alias of min_severity; type defaults to the name', () => {
      const [d] = resolve({ destinations: { console: { level: 'ERROR', format: 'json', stream: 'stdout', events: ['*'] } } }).destinations;
      expect(d).toMatchObject({ name: 'console', type: 'console', minSeverity: 'error', options: { format: 'json', stream: 'stdout' } });
    });

    it('level – is unknown for other built-in types', () => {
      expect(errorOf(() => resolve({ destinations: { m: { type: 'memory', level: 'info' } } }))).toMatchObject({ code: 'UNKNOWN_KEY', path: 'telemetry.destinations.m.level' });
    });

    it('file and memory – read their own keys', () => {
      const config = resolve({ destinations: { f: { type: 'file', path: 'a.jsonl', max_bytes: 10 }, m: { type: 'memory', max_events: 5, enabled: false } } });
      expect(config.destinations.map((d) => [d.name, d.enabled, d.options])).toEqual([
        ['f', true, { path: 'a.jsonl', maxBytes: 10 }],
        ['m', false, { maxEvents: 5 }],
      ]);
    });

    it('events missing – the destination takes nothing', () => {
      expect(resolve({ destinations: { m: { type: 'memory' } } }).destinations[0]).toMatchObject({ events: [], exclude: [], minSeverity: 'debug' });
      expect(resolve({ destinations: { m: { type: 'memory', events: null } } }).destinations[0].events).toEqual([]);
    });

    it('custom types – take any key, camelCased at any depth', () => {
      const [d] = resolve({ destinations: { q: { type: 'kafka', events: ['*'], the_topic: 't', client_options: { max_in_flight: 2, list: [{ a_b: 1 }] } } } }).destinations;
      expect(d).toMatchObject({ type: 'kafka', options: { theTopic: 't', clientOptions: { maxInFlight: 2, list: [{ aB: 1 }] } } });
    });

    it('type – unknown type lists the known ones and suggests the closest', () => {
      const error = errorOf(() => resolve({ destinations: { c: { type: 'consol' } } }));
      expect(error).toMatchObject({ code: 'UNKNOWN_DESTINATION_TYPE', path: 'telemetry.destinations.c.type' });
      expect(error.message).toContain("did you mean 'console'?");
      expect(error.message).toContain('console, memory, file, http, kafka');
      expect(errorOf(() => resolve({ destinations: { c: { type: 3 } } }))).toMatchObject({ code: 'INVALID_TYPE', path: 'telemetry.destinations.c.type' });
    });

    it('a destination – must be a map with a non-empty name', () => {
      expect(errorOf(() => resolve({ destinations: { c: 'console' } }))).toMatchObject({ code: 'INVALID_TYPE', path: 'telemetry.destinations.c' });
      expect(errorOf(() => resolve({ destinations: { '': { type: 'memory' } } }))).toMatchObject({ code: 'INVALID_VALUE', path: 'telemetry.destinations.' });
      expect(errorOf(() => resolve({ destinations: 'console' }))).toMatchObject({ code: 'INVALID_TYPE', path: 'telemetry.destinations' });
    });

    it('keeps the order written', () => {
      const names = resolve({ destinations: { b: { type: 'memory' }, a: { type: 'memory' }, c: { type: 'memory' } } }).destinations.map((d) => d.name);
      expect(names).toEqual(['b', 'a', 'c']);
    });
  });

  describe('${VAR} interpolation', () => {
    it('replaces variables in every string, keys untouched', () => {
      const env = { NAME: 'api', URL: 'http://c.example:4318/v1/logs', TOKEN: 't0k' };
      const config = resolve(
        {
          service: { name: '${NAME}' },
          context: { '${KEY}': 'v-${NAME}' },
          destinations: { c: { type: 'http', url: '${URL}', headers: { Authorization: 'Bearer ${TOKEN}' }, events: ['${NAME}.*'] } },
        },
        { env },
      );
      expect(config.service.name).toBe('api');
      expect(config.context).toEqual({ '${KEY}': 'v-api' });
      expect(config.destinations[0]).toMatchObject({ events: ['api.*'], options: { url: env.URL, headers: { Authorization: 'Bearer t0k' } } });
    });

    it('numbers and flags – a whole-string variable stands for a number or a flag', () => {
      const config = resolve({ debug: '${DEBUG}', sampling: { rate: '${RATE:-0.25}' }, destinations: { m: { type: 'memory', max_events: '${MAX}' } } }, { env: { DEBUG: 'yes', MAX: '50' } });
      expect(config.debug).toBe(true);
      expect(config.sampling.rate).toBe(0.25);
      expect(config.destinations[0].options).toEqual({ maxEvents: 50 });
    });

    it('numbers and flags – a variable that is not one is still refused', () => {
      expect(errorOf(() => resolve({ debug: '${DEBUG}' }, { env: { DEBUG: 'maybe' } }))).toMatchObject({ code: 'INVALID_TYPE', path: 'telemetry.debug' });
      expect(errorOf(() => resolve({ sampling: { rate: '${RATE}' } }, { env: { RATE: '2' } }))).toMatchObject({ code: 'OUT_OF_RANGE' });
    });

    it('MISSING_ENV – names the variable and the key that uses it', () => {
      const error = errorOf(() => resolve({ privacy: { hash_salt: '${TELEMETRY_SALT}' } }));
      expect(error).toMatchObject({ code: 'MISSING_ENV', path: 'telemetry.privacy.hash_salt' });
      expect(error.message).toContain('TELEMETRY_SALT');
    });

    it('reaches strings in lists', () => {
      expect(errorOf(() => resolve({ destinations: { m: { type: 'memory', events: ['ok', '${NOPE}'] } } }))).toMatchObject({ code: 'MISSING_ENV', path: 'telemetry.destinations.m.events[1]' });
    });

    it('leaves non-plain objects alone', () => {
      const when = new Date(0);
      expect(resolve({ context: { when } }).context.when).toBe(when);
    });

    it('refuses a configuration nested too deeply', () => {
      let deep: Record<string, unknown> = {};
      const top = deep;
      for (let i = 0; i < 100; i++) deep = deep.next = {};
      expect(errorOf(() => resolve({ context: top })).code).toBe('INVALID_VALUE');
    });

    it('copies a __proto__ key as data, not as a prototype', () => {
      const context = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
      const config = resolve({ context });
      expect(Object.keys(config.context)).toEqual(['__proto__']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('environment overrides', () => {
    it.each([
      ['1', true],
      ['TRUE', true],
      ['Yes', true],
      ['on', true],
      ['0', false],
      ['false', false],
      ['NO', false],
      ['Off', false],
    ])('TELEMETRY_ENABLED=%s – sets enabled to %s over the file', (value, expected) => {
      expect(resolve({ enabled: !expected }, { env: { TELEMETRY_ENABLED: value } }).enabled).toBe(expected);
    });

    it('TELEMETRY_DEBUG – overrides debug', () => {
      expect(resolve({ debug: false }, { env: { TELEMETRY_DEBUG: 'on' } }).debug).toBe(true);
      expect(resolve({ debug: true }, { env: { TELEMETRY_DEBUG: '0' } }).debug).toBe(false);
    });

    it('an empty variable – changes nothing', () => {
      expect(resolve({ debug: true }, { env: { TELEMETRY_DEBUG: '', TELEMETRY_ENABLED: ' ' } })).toMatchObject({ debug: true, enabled: true });
    });

    it('a bad value – is an INVALID_VALUE ConfigError', () => {
      expect(errorOf(() => resolve({}, { env: { TELEMETRY_ENABLED: 'maybe' } }))).toMatchObject({ code: 'INVALID_VALUE', path: 'env.TELEMETRY_ENABLED', line: 0, column: 0 });
      expect(errorOf(() => resolve({}, { env: { TELEMETRY_DEBUG: '2' } }))).toMatchObject({ code: 'INVALID_VALUE', path: 'env.TELEMETRY_DEBUG' });
    });

    it.each(['1', 'true', 'TRUE', 'yes'])('DO_NOT_TRACK=%s – wins over TELEMETRY_ENABLED and the file', (value) => {
      expect(resolve({ enabled: true }, { env: { DO_NOT_TRACK: value, TELEMETRY_ENABLED: '1' } }).enabled).toBe(false);
    });

    it.each(['0', 'false', ''])('DO_NOT_TRACK=%s – is ignored', (value) => {
      expect(resolve({}, { env: { DO_NOT_TRACK: value } }).enabled).toBe(true);
    });
  });
});
